#pragma once

#include "http/connectionlimits.h"

#include <QObject>

class QTcpSocket;
class QSslSocket;

namespace sockerless::http {

/// Admits the connections every listener accepts: counts them against `--max-connections` and
/// attaches a ConnectionGuard to each, before QHttpServer connects to the socket (the guard's
/// readyRead slot must run first). One per ApiServer, shared by its listeners.
class ConnectionHub : public QObject {
    Q_OBJECT
public:
    explicit ConnectionHub(QObject* parent = nullptr);

    void setLimits(const ConnectionLimits& limits) { m_limits = limits; }
    const ConnectionLimits& limits() const { return m_limits; }

    /// Guards a freshly accepted plain socket. False when over the limit: the socket was answered
    /// 503 and is closing; the listener must not hand it to QHttpServer.
    bool admit(QTcpSocket* socket);
    /// Guards a TLS socket whose handshake starts (QSslServer hands it to QHttpServer once
    /// encrypted, whatever happens here). Over the limit it is answered 503 once encrypted.
    void admitEncrypted(QSslSocket* socket);

    /// Client connections open now (HTTP keep-alive, streams and WebSockets).
    int openConnectionCount() const { return m_open; }

private:
    friend class ConnectionGuard;
    void released() { --m_open; }
    QString overLimitMessage() const;

    ConnectionLimits m_limits;
    int m_open = 0;
};

} // namespace sockerless::http
