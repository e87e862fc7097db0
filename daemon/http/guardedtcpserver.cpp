#include "http/guardedtcpserver.h"

#include "http/connectionhub.h"

#include <QTcpSocket>
#include <unistd.h>

namespace sockerless::http {

GuardedTcpServer::GuardedTcpServer(ConnectionHub* hub, QObject* parent)
    : QTcpServer(parent)
    , m_hub(hub) {}

void GuardedTcpServer::incomingConnection(qintptr descriptor) {
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        ::close(static_cast<int>(descriptor));
        return;
    }
    if (m_hub && !m_hub->admit(socket))
        return; // answered 503 and closing; QHttpServer never sees it
    addPendingConnection(socket);
}

} // namespace sockerless::http
