#pragma once

#include "shellio.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <map>
#include <mutex>
#include <optional>

namespace sockerless::backends::memory::shell {

/// The file system of one memory-backend container: an in-memory tree of directories, regular
/// files and device nodes, shared (thread-safe, one mutex) by the container's main process and
/// its execs, so that what one writes the others see. Its contents are bounded by a byte cap, as
/// a full disk bounds a real container's writable layer.
class ShellFileSystem {
public:
    /// What a path names.
    enum class Type { None, Directory, File, Device };
    /// Why an operation failed; message() gives busybox's wording.
    enum class Error { None, NotFound, NotDirectory, IsDirectory, Exists, NotEmpty, NoSpace };

    /// The default cap on the bytes of all files: 16 MiB per container.
    static constexpr qint64 defaultCapacity = qint64{16} * 1024 * 1024;

    /// A tree seeded like the test image (`/bin` with one entry per builtin, `/etc/passwd`,
    /// `/etc/group`, `/etc/hostname` holding `hostname`, `/dev/null` ...).
    explicit ShellFileSystem(const QString& hostname = QString(),
                             qint64 capacity = defaultCapacity);

    /// `path` made absolute against `workingDir`, with `.`, `..` and repeated slashes resolved.
    static QString resolve(const QString& workingDir, const QString& path);
    /// The strerror text of `error` (`No such file or directory` ...).
    static QString message(Error error);

    /// What the absolute `path` names.
    Type type(const QString& path) const;
    /// The content of a regular file, an empty one for a device, nullopt otherwise (`*error`
    /// says why when given).
    std::optional<QByteArray> read(const QString& path, Error* error = nullptr) const;
    /// Replaces (`append` false) or extends the content of a file, creating it when its
    /// directory exists. Writes to a device are discarded.
    Error write(const QString& path, const QByteArray& data, bool append);
    /// Creates an empty file unless `path` exists (`touch`).
    Error touch(const QString& path);
    /// Creates a directory; `parents`: the missing ones above too, and no error if it exists.
    Error makeDirectory(const QString& path, bool parents);
    /// Removes a file, or a directory (with its contents only when `recursive`).
    Error remove(const QString& path, bool recursive);
    /// The sorted names in a directory; nullopt if `path` is no directory.
    std::optional<QStringList> list(const QString& path, Error* error = nullptr) const;
    /// The bytes all files take now.
    qint64 usedBytes() const;

private:
    struct Node {
        Type type = Type::File;
        QByteArray content;
    };
    static QString parentOf(const QString& path);
    Error checkParent(const QString& path) const;

    mutable std::mutex mutex_;
    std::map<QString, Node> nodes_; ///< absolute path -> node; "/" is always there
    qint64 capacity_;
    qint64 used_ = 0;
};

/// Thrown by a write that the file system refused (a full disk): the command that wrote ends
/// with busybox's `NAME: write error: ...` and status 1.
struct WriteError {
    QString message;
};

/// An output redirection into a file (`> file`, `>> file`): every write appends to it.
class FileStream : public Stream {
public:
    /// Writes of the process governed by `control` go to `path` of `fileSystem`.
    FileStream(ProcessControl& control, ShellFileSystem& fileSystem, QString path)
        : control_(control)
        , fileSystem_(fileSystem)
        , path_(std::move(path)) {}
    void write(const QByteArray& data) override;

private:
    ProcessControl& control_;
    ShellFileSystem& fileSystem_;
    QString path_;
};

/// An input redirection from a file (`< file`): the content it had when it was opened.
class ContentStream : public Stream {
public:
    /// Reads `content` for the process governed by `control`.
    ContentStream(ProcessControl& control, QByteArray content)
        : control_(control)
        , content_(std::move(content)) {}
    QByteArray read(qsizetype max) override;

private:
    ProcessControl& control_;
    QByteArray content_;
    qsizetype pos_ = 0;
};

} // namespace sockerless::backends::memory::shell
