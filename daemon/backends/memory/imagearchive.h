#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace sockerless::backends::memory {

/// One image of a `docker save` tarball.
struct ArchiveImage {
    QByteArray config;           ///< the config blob, byte for byte (the id is its digest)
    QStringList repoTags;        ///< as `manifest.json` names them (`busybox:latest`)
    QList<qint64> layerTarSizes; ///< each layer file's size (Docker's `Loading layer` total)
    qint64 size = 0;             ///< what Docker reports as `Size` once loaded
};

/// Reads `docker save` output (`manifest.json`, the config JSON, the layer tars), failing with
/// the error text dockerd 20.10 gives for the same tarball.
class ImageArchive {
public:
    /// The images in `tarball`, or nothing with `*error` set (Docker's wording: it unpacks into
    /// a temporary folder and reports the file it could not open there).
    static std::optional<QList<ArchiveImage>> read(const QByteArray& tarball, QString* error);
};

} // namespace sockerless::backends::memory
