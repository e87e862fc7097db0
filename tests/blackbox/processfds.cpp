#include "processfds.h"

#include <QByteArray>
#include <QDir>
#include <unistd.h>

namespace sockerless::test {

namespace {

QStringList entries(qint64 pid) {
    return QDir(QStringLiteral("/proc/%1/fd").arg(pid))
        .entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot);
}

} // namespace

int ProcessFds::count(qint64 pid) {
    const QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
    if (!fds.exists())
        return -1;
    return int(entries(pid).size());
}

int ProcessFds::sockets(qint64 pid) {
    const QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
    int count = 0;
    for (const QString& name : entries(pid)) {
        char target[256] = {};
        const QByteArray path = fds.filePath(name).toLocal8Bit();
        const ssize_t n = ::readlink(path.constData(), target, sizeof target - 1);
        if (n > 0 && QByteArray(target, static_cast<int>(n)).startsWith("socket:"))
            ++count;
    }
    return count;
}

} // namespace sockerless::test
