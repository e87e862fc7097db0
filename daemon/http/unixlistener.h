#pragma once

#include <QPointer>
#include <QString>
#include <QTcpServer>

namespace sockerless::http {

class ConnectionHub;

/// A QTcpServer that listens on a Unix socket path.
///
/// Qt 6.4 workaround: QAbstractHttpServer::bind() only takes a QTcpServer (bind(QLocalServer*)
/// arrived in 6.7). QTcpServer accepts any listening descriptor, so the AF_UNIX socket is created
/// with socket/bind/listen and handed over with setSocketDescriptor(). The accepted connections
/// are QTcpSockets over AF_UNIX descriptors, whose peer and local addresses Qt reads as IPv4
/// garbage (the path bytes); this listener blanks them and sets the peer name to `unix`, which
/// survives the WebSocket upgrade (QWebSocket::peerName()): see isUnixPeer().
class UnixListener : public QTcpServer {
    Q_OBJECT
public:
    using QTcpServer::QTcpServer;
    /// Stops listening and removes the socket file.
    ~UnixListener() override;

    /// Listens on `path` with mode 0660. A stale socket file (nothing accepts on it) is replaced;
    /// a live one, or a file that is not a socket, is an error. Returns false and sets `error`.
    bool listenOn(const QString& path, QString* error);
    /// Stops accepting and removes the socket file (only if it is still ours). Idempotent.
    void stop();
    /// Admits every accepted connection through `hub` (limit and ConnectionGuard) before it is
    /// handed to QHttpServer; without a hub connections are not guarded.
    void setHub(ConnectionHub* hub);
    /// The socket path given to listenOn(); empty once stopped.
    const QString& path() const { return m_path; }

    /// The peer name of every connection accepted here: `unix`.
    static QString peerName() { return QStringLiteral("unix"); }
    /// True for a socket's peerName() of a connection accepted by a UnixListener.
    static bool isUnixPeer(const QString& socketPeerName) { return socketPeerName == peerName(); }

protected:
    /// Wraps the accepted AF_UNIX descriptor in a QTcpSocket marked as a Unix peer.
    void incomingConnection(qintptr descriptor) override;

private:
    QString m_path;
    quint64 m_inode = 0;
    QPointer<ConnectionHub> m_hub;
};

} // namespace sockerless::http
