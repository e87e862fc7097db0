#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <optional>

namespace sockerless::backends::memory {

/// One member of a tar archive, as `docker save` writes them (and as any ustar/pax/GNU writer
/// does): pax `x` records and GNU `L`/`K` long names are already applied to it.
struct TarEntry {
    QString name;        ///< the full path, without a leading `./`
    char type = '0';     ///< the typeflag: `0` file, `1` hard link, `2` symlink, `5` directory ...
    QString linkName;    ///< the target of a link
    qint64 size = 0;     ///< the size of the content, as the header (or pax `size`) says
    QByteArrayView data; ///< the content, a view into the archive (valid while it lives)

    bool isFile() const { return type == '0' || type == '\0' || type == '7'; }
    bool isDirectory() const { return type == '5'; }
};

/// Reads a whole tar archive held in memory, without copying the members' content.
class TarReader {
public:
    /// The members of `archive`, in order. Reading stops at the end-of-archive blocks, at the end
    /// of the bytes, or at the first header that is not a tar header (a bad checksum, a cut
    /// member): what was read before is kept and `*error` says why reading stopped (empty when
    /// the archive was read to its proper end).
    static QList<TarEntry> read(QByteArrayView archive, QString* error = nullptr);

    /// The size Docker gives a layer: the bytes of its regular files plus the length of its
    /// symlinks' targets (what `du` counts on the unpacked layer, hard links once). Nothing when
    /// `layer` is not an uncompressed tar.
    static std::optional<qint64> contentSize(QByteArrayView layer);
};

} // namespace sockerless::backends::memory
