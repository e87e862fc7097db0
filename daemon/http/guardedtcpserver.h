#pragma once

#include <QPointer>
#include <QTcpServer>

namespace sockerless::http {

class ConnectionHub;

/// A plain TCP listener whose every accepted connection is admitted by the ConnectionHub (limit
/// and ConnectionGuard) before it is added as pending, which is when QHttpServer's bind()
/// connects to it: the guard's slots come first.
class GuardedTcpServer : public QTcpServer {
    Q_OBJECT
public:
    explicit GuardedTcpServer(ConnectionHub* hub, QObject* parent = nullptr);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    QPointer<ConnectionHub> m_hub;
};

} // namespace sockerless::http
