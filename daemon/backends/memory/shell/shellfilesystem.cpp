#include "shellfilesystem.h"

#include "shellcommands.h"

namespace sockerless::backends::memory::shell {

using namespace Qt::StringLiterals;

namespace {

/// True when `path` lies below the directory `dir` (at any depth).
bool isBelow(const QString& path, const QString& dir) {
    return dir == u"/" ? path.size() > 1 : path.startsWith(dir + u'/');
}

} // namespace

ShellFileSystem::ShellFileSystem(const QString& hostname, qint64 capacity)
    : capacity_(capacity) {
    for (const QString& dir : {u"/"_s, u"/bin"_s, u"/etc"_s, u"/tmp"_s, u"/root"_s, u"/dev"_s,
                               u"/proc"_s, u"/home"_s, u"/var"_s, u"/usr"_s, u"/usr/bin"_s})
        nodes_[dir] = Node{Type::Directory, {}};
    nodes_[u"/dev/null"_s] = Node{Type::Device, {}};
    // The seeded files do not count against the cap: it bounds what processes write.
    nodes_[u"/etc/passwd"_s] = Node{Type::File, "root:x:0:0:root:/root:/bin/sh\n"
                                                "nobody:x:65534:65534:nobody:/home:/bin/false\n"};
    nodes_[u"/etc/group"_s] = Node{Type::File, "root:x:0:\nnobody:x:65534:\n"};
    nodes_[u"/etc/hostname"_s] = Node{Type::File, (hostname + u"\n"_s).toUtf8()};
    // One (empty) entry per builtin, so that `test -e /bin/sh` and `ls /bin` hold.
    for (const QString& name : builtinNames())
        if (name != u"[" && name != u":")
            nodes_[u"/bin/"_s + name] = Node{Type::File, {}};
}

QString ShellFileSystem::resolve(const QString& workingDir, const QString& path) {
    const QString joined = path.startsWith(u'/') ? path : workingDir + u'/' + path;
    QStringList parts;
    for (const QString& part : joined.split(u'/', Qt::SkipEmptyParts)) {
        if (part == u".")
            continue;
        if (part == u"..") {
            if (!parts.isEmpty())
                parts.removeLast();
            continue;
        }
        parts << part;
    }
    return u"/"_s + parts.join(u'/');
}

QString ShellFileSystem::message(Error error) {
    switch (error) {
    case Error::None:
        return QString();
    case Error::NotFound:
        return u"No such file or directory"_s;
    case Error::NotDirectory:
        return u"Not a directory"_s;
    case Error::IsDirectory:
        return u"Is a directory"_s;
    case Error::Exists:
        return u"File exists"_s;
    case Error::NotEmpty:
        return u"Directory not empty"_s;
    case Error::NoSpace:
        return u"No space left on device"_s;
    }
    return QString();
}

QString ShellFileSystem::parentOf(const QString& path) {
    const qsizetype slash = path.lastIndexOf(u'/');
    return slash <= 0 ? u"/"_s : path.left(slash);
}

ShellFileSystem::Error ShellFileSystem::checkParent(const QString& path) const {
    const auto it = nodes_.find(parentOf(path));
    if (it == nodes_.end())
        return Error::NotFound;
    return it->second.type == Type::Directory ? Error::None : Error::NotDirectory;
}

ShellFileSystem::Type ShellFileSystem::type(const QString& path) const {
    const std::lock_guard lock(mutex_);
    const auto it = nodes_.find(path);
    return it == nodes_.end() ? Type::None : it->second.type;
}

std::optional<QByteArray> ShellFileSystem::read(const QString& path, Error* error) const {
    const std::lock_guard lock(mutex_);
    const auto it = nodes_.find(path);
    const Error why = it == nodes_.end()                   ? Error::NotFound
                      : it->second.type == Type::Directory ? Error::IsDirectory
                                                           : Error::None;
    if (error)
        *error = why;
    if (why != Error::None)
        return std::nullopt;
    return it->second.content;
}

ShellFileSystem::Error ShellFileSystem::write(const QString& path, const QByteArray& data,
                                              bool append) {
    const std::lock_guard lock(mutex_);
    auto it = nodes_.find(path);
    if (it == nodes_.end()) {
        if (const Error error = checkParent(path); error != Error::None)
            return error;
        it = nodes_.emplace(path, Node{Type::File, {}}).first;
    }
    Node& node = it->second;
    if (node.type == Type::Directory)
        return Error::IsDirectory;
    if (node.type == Type::Device)
        return Error::None;
    const qint64 kept = append ? node.content.size() : 0;
    const qint64 after = used_ - node.content.size() + kept + data.size();
    if (after > capacity_) {
        // Like a full disk: what fits is written (a truncation still happens).
        const qint64 room = std::max<qint64>(0, capacity_ - (used_ - node.content.size() + kept));
        used_ -= node.content.size();
        node.content = (append ? node.content : QByteArray()) + data.left(room);
        used_ += node.content.size();
        return Error::NoSpace;
    }
    used_ = after;
    if (append)
        node.content += data;
    else
        node.content = data;
    return Error::None;
}

ShellFileSystem::Error ShellFileSystem::touch(const QString& path) {
    const std::lock_guard lock(mutex_);
    if (nodes_.count(path) > 0)
        return Error::None;
    if (const Error error = checkParent(path); error != Error::None)
        return error;
    nodes_.emplace(path, Node{Type::File, {}});
    return Error::None;
}

ShellFileSystem::Error ShellFileSystem::makeDirectory(const QString& path, bool parents) {
    const std::lock_guard lock(mutex_);
    QStringList missing;
    QString at = path;
    for (;;) {
        const auto it = nodes_.find(at);
        if (it != nodes_.end()) {
            if (it->second.type != Type::Directory)
                return at == path ? Error::Exists : Error::NotDirectory;
            if (at == path)
                return parents ? Error::None : Error::Exists;
            break;
        }
        missing.prepend(at);
        if (!parents && missing.size() > 1)
            return Error::NotFound;
        at = parentOf(at);
    }
    for (const QString& dir : missing)
        nodes_[dir] = Node{Type::Directory, {}};
    return Error::None;
}

ShellFileSystem::Error ShellFileSystem::remove(const QString& path, bool recursive) {
    const std::lock_guard lock(mutex_);
    const auto it = nodes_.find(path);
    if (it == nodes_.end())
        return Error::NotFound;
    if (it->second.type == Type::Directory) {
        auto child = nodes_.upper_bound(path);
        const bool empty = child == nodes_.end() || !isBelow(child->first, path);
        if (!recursive)
            return Error::IsDirectory;
        if (!empty || path == u"/") {
            // The sorted map keeps "dir/..." entries together only for names above '/', so
            // scan every entry: containers hold few files.
            for (auto node = nodes_.begin(); node != nodes_.end();) {
                if (isBelow(node->first, path)) {
                    used_ -= node->second.content.size();
                    node = nodes_.erase(node);
                } else {
                    ++node;
                }
            }
        }
        if (path == u"/")
            return Error::None; // the root itself stays
    }
    used_ -= it->second.content.size();
    nodes_.erase(path);
    return Error::None;
}

std::optional<QStringList> ShellFileSystem::list(const QString& path, Error* error) const {
    const std::lock_guard lock(mutex_);
    const auto it = nodes_.find(path);
    const Error why = it == nodes_.end()                   ? Error::NotFound
                      : it->second.type != Type::Directory ? Error::NotDirectory
                                                           : Error::None;
    if (error)
        *error = why;
    if (why != Error::None)
        return std::nullopt;
    QStringList names;
    for (const auto& [name, node] : nodes_) {
        if (isBelow(name, path) && parentOf(name) == path)
            names << name.mid(path == u"/" ? 1 : path.size() + 1);
    }
    names.sort();
    return names;
}

qint64 ShellFileSystem::usedBytes() const {
    const std::lock_guard lock(mutex_);
    return used_;
}

void FileStream::write(const QByteArray& data) {
    control_.checkKilled();
    const ShellFileSystem::Error error = fileSystem_.write(path_, data, true);
    if (error != ShellFileSystem::Error::None)
        throw WriteError{ShellFileSystem::message(error)};
}

QByteArray ContentStream::read(qsizetype max) {
    control_.checkKilled();
    QByteArray chunk = content_.mid(pos_, max);
    pos_ += chunk.size();
    return chunk;
}

} // namespace sockerless::backends::memory::shell
