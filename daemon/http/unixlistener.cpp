#include "http/unixlistener.h"

#include "http/connectionhub.h"

#include <QFile>
#include <QTcpSocket>
#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace sockerless::http {

namespace {

QString errnoText(const char* what, int error) {
    return QStringLiteral("%1: %2").arg(QString::fromLatin1(what),
                                        QString::fromLocal8Bit(std::strerror(error)));
}

bool fillAddress(const QByteArray& path, sockaddr_un* address) {
    std::memset(address, 0, sizeof(*address));
    address->sun_family = AF_UNIX;
    if (path.size() >= static_cast<qsizetype>(sizeof(address->sun_path)))
        return false;
    std::memcpy(address->sun_path, path.constData(), static_cast<size_t>(path.size()));
    return true;
}

// A socket file is stale when nobody accepts on it: connect() is refused.
bool somebodyListens(const sockaddr_un& address) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    const int rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address));
    ::close(fd);
    return rc == 0;
}

// QAbstractSocket's address setters are protected: only a subclass can replace the garbage
// addresses Qt derives from an AF_UNIX descriptor.
class UnixClientSocket : public QTcpSocket {
public:
    using QTcpSocket::QTcpSocket;
    bool adopt(qintptr descriptor) {
        if (!setSocketDescriptor(descriptor))
            return false;
        setPeerName(UnixListener::peerName());
        setPeerAddress(QHostAddress());
        setPeerPort(0);
        setLocalAddress(QHostAddress());
        setLocalPort(0);
        return true;
    }
};

} // namespace

UnixListener::~UnixListener() {
    stop();
}

void UnixListener::setHub(ConnectionHub* hub) {
    m_hub = hub;
}

void UnixListener::incomingConnection(qintptr descriptor) {
    auto* socket = new UnixClientSocket(this);
    if (!socket->adopt(descriptor)) {
        delete socket;
        ::close(static_cast<int>(descriptor));
        return;
    }
    if (m_hub && !m_hub->admit(socket))
        return; // answered 503 and closing; QHttpServer never sees it
    addPendingConnection(socket);
}

bool UnixListener::listenOn(const QString& path, QString* error) {
    const auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    if (isListening())
        return fail(QStringLiteral("already listening on %1").arg(m_path));
    const QByteArray native = QFile::encodeName(path);
    sockaddr_un address;
    if (native.isEmpty() || !fillAddress(native, &address))
        return fail(QStringLiteral("%1: the socket path is empty or too long").arg(path));

    struct stat info {};
    if (::lstat(native.constData(), &info) == 0) {
        if (!S_ISSOCK(info.st_mode))
            return fail(QStringLiteral("%1 exists and is not a socket").arg(path));
        if (somebodyListens(address))
            return fail(QStringLiteral("%1 is in use by a running server").arg(path));
        if (::unlink(native.constData()) != 0 && errno != ENOENT)
            return fail(path + QStringLiteral(": ") + errnoText("unlink", errno));
    }

    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return fail(errnoText("socket", errno));
    const auto failWith = [&](const char* what) {
        const int saved = errno;
        ::close(fd);
        return fail(path + QStringLiteral(": ") + errnoText(what, saved));
    };
    if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0)
        return failWith("bind");
    // bind() created the file with the umask's mode; clients need exactly owner+group access.
    if (::chmod(native.constData(), 0660) != 0 || ::listen(fd, SOMAXCONN) != 0) {
        const int saved = errno;
        ::unlink(native.constData());
        errno = saved;
        return failWith("chmod/listen");
    }
    if (::lstat(native.constData(), &info) == 0)
        m_inode = static_cast<quint64>(info.st_ino);
    if (!setSocketDescriptor(fd)) {
        const QString reason = errorString();
        ::close(fd);
        ::unlink(native.constData());
        return fail(QStringLiteral("%1: QTcpServer refused the socket: %2").arg(path, reason));
    }
    m_path = path;
    return true;
}

void UnixListener::stop() {
    if (isListening())
        close();
    if (m_path.isEmpty())
        return;
    // Remove the file only if it is still the one we created: another daemon may have replaced it.
    const QByteArray native = QFile::encodeName(m_path);
    struct stat info {};
    if (::lstat(native.constData(), &info) == 0 && S_ISSOCK(info.st_mode) &&
        static_cast<quint64>(info.st_ino) == m_inode)
        ::unlink(native.constData());
    m_path.clear();
}

} // namespace sockerless::http
