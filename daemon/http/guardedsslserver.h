#pragma once

#include <QPointer>
#include <QSslServer>

namespace sockerless::http {

class ConnectionHub;

/// The TLS listener (`--tls-cert`/`--tls-key`): a QSslServer whose sockets are admitted by the
/// ConnectionHub when their handshake starts, that is before QSslServer adds them as pending once
/// encrypted (when QHttpServer connects to them). QSslSocket's readyRead carries the decrypted
/// bytes, so the ConnectionGuard frames plain HTTP as on the other listeners, and WebSocket
/// upgrades work unchanged (WSS).
class GuardedSslServer : public QSslServer {
    Q_OBJECT
public:
    explicit GuardedSslServer(ConnectionHub* hub, QObject* parent = nullptr);

private:
    QPointer<ConnectionHub> m_hub;
};

} // namespace sockerless::http
