#include "http/connectionhub.h"

#include "http/connectioncloser.h"
#include "http/connectionguard.h"

#include <QSslSocket>
#include <QTcpSocket>

namespace sockerless::http {

ConnectionHub::ConnectionHub(QObject* parent)
    : QObject(parent) {}

QString ConnectionHub::overLimitMessage() const {
    return QStringLiteral("too many connections (limit %1, --max-connections)")
        .arg(m_limits.maxConnections);
}

bool ConnectionHub::admit(QTcpSocket* socket) {
    if (m_open >= m_limits.maxConnections) {
        ConnectionCloser::refuse(socket, 503, overLimitMessage());
        return false;
    }
    ++m_open;
    new ConnectionGuard(socket, this);
    return true;
}

void ConnectionHub::admitEncrypted(QSslSocket* socket) {
    if (m_open < m_limits.maxConnections) {
        ++m_open;
        new ConnectionGuard(socket, this);
        return;
    }
    // QSslServer adds the socket to QHttpServer from its own `encrypted` slot, connected before
    // this one: refusing from ours, after it, takes the socket back from QHttpServer.
    const QString message = overLimitMessage();
    connect(socket, &QSslSocket::encrypted, socket,
            [socket, message] { ConnectionCloser::refuse(socket, 503, message); });
}

} // namespace sockerless::http
