#include "http/connectioncloser.h"

#include "api/apierror.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <sys/socket.h>

namespace sockerless::http {

namespace {

QByteArray reasonPhrase(int status) {
    switch (status) {
    case 400:
        return "Bad Request";
    case 413:
        return "Payload Too Large";
    case 431:
        return "Request Header Fields Too Large";
    case 503:
        return "Service Unavailable";
    default:
        return "Error";
    }
}

} // namespace

ConnectionCloser::ConnectionCloser(QTcpSocket* socket)
    : QObject(socket)
    , m_socket(socket) {
    m_grace.setSingleShot(true);
    connect(&m_grace, &QTimer::timeout, this, [this] {
        if (m_socket)
            m_socket->abort();
    });
}

void ConnectionCloser::refuse(QTcpSocket* socket, int status, const QString& message) {
    if (!socket || socket->findChild<ConnectionCloser*>(QString(), Qt::FindDirectChildrenOnly))
        return;
    // From here on nobody else reads this connection: QHttpServer's slot (and a guard's) go.
    QObject::disconnect(socket, &QIODevice::readyRead, nullptr, nullptr);
    // QHttpServer 6.4 reads inside a transaction until a request is complete; while one is open
    // every byte read stays buffered for a rollback, so discarding would not free anything.
    if (socket->isTransactionStarted())
        socket->commitTransaction();
    auto* closer = new ConnectionCloser(socket);
    connect(socket, &QIODevice::readyRead, closer, &ConnectionCloser::discardInput);
    connect(socket, &QIODevice::bytesWritten, closer, &ConnectionCloser::onBytesWritten);
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    closer->discardInput();
    if (socket->state() != QAbstractSocket::ConnectedState) {
        socket->deleteLater();
        return;
    }
    const QByteArray body = api::ApiError{status, message}.toJsonBytes();
    QByteArray head =
        "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) +
        "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
        "\r\nConnection: close\r\n\r\n";
    socket->write(head + body);
    closer->m_grace.start(graceMs());
}

void ConnectionCloser::discardInput() {
    QTcpSocket* socket = m_socket.data();
    if (socket && socket->bytesAvailable() > 0)
        socket->skip(socket->bytesAvailable());
}

void ConnectionCloser::onBytesWritten() {
    QTcpSocket* socket = m_socket.data();
    if (m_halfClosed || !socket || socket->bytesToWrite() > 0)
        return;
    m_halfClosed = true;
    // TLS needs its close_notify: let QSslSocket close. A plain connection is half-closed, so
    // the client sees the end of the answer while what it still sends is read and dropped
    // (closing with unread input would reset the connection and could destroy the answer).
    if (qobject_cast<QSslSocket*>(socket))
        socket->disconnectFromHost();
    else
        ::shutdown(static_cast<int>(socket->socketDescriptor()), SHUT_WR);
}

} // namespace sockerless::http
