#include "http/guardedsslserver.h"

#include "http/connectionhub.h"

#include <QSslSocket>

namespace sockerless::http {

GuardedSslServer::GuardedSslServer(ConnectionHub* hub, QObject* parent)
    : QSslServer(parent)
    , m_hub(hub) {
    connect(this, &QSslServer::startedEncryptionHandshake, this, [this](QSslSocket* socket) {
        if (m_hub)
            m_hub->admitEncrypted(socket);
    });
}

} // namespace sockerless::http
