#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

class QTcpSocket;

namespace sockerless::http {

/// Ends a client connection with one error answer (`{"message": ...}` and `Connection: close`),
/// whatever state QHttpServer's parser is in: the 413/431/400 of the ConnectionGuard and the 503
/// of a connection over the limit.
///
/// It takes the socket's input away from QHttpServer (Qt 6.4 would buffer a refused body, and it
/// answers a parse error by disconnecting every signal of the socket, leaking the connection),
/// discards what the client still sends, half-closes once the answer is written (so the client
/// reads the answer instead of a reset) and closes when the client does or after a short grace.
/// A child of the socket; the socket is deleted once closed.
class ConnectionCloser : public QObject {
    Q_OBJECT
public:
    /// Starts closing `socket` with `status` and `message`. Safe on a socket already closing.
    static void refuse(QTcpSocket* socket, int status, const QString& message);

    /// How long the client may go on sending after the answer before the connection is aborted.
    static constexpr int graceMs() { return 2000; }

private:
    explicit ConnectionCloser(QTcpSocket* socket);
    void discardInput();
    void onBytesWritten();

    QPointer<QTcpSocket> m_socket;
    QTimer m_grace;
    bool m_halfClosed = false;
};

} // namespace sockerless::http
