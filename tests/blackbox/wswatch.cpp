#include "wswatch.h"

namespace sockerless::test {

WsWatch::WsWatch(DaemonProcess& daemon, const QString& pathAndQuery, int timeoutMs) {
    m_socket = daemon.openWebSocket(pathAndQuery, timeoutMs, [this](QWebSocket* socket) {
        connect(socket, &QWebSocket::textMessageReceived, this,
                [this](const QString& text) { texts.append(text); });
        connect(socket, &QWebSocket::binaryMessageReceived, this,
                [this](const QByteArray& data) { binaries.append(data); });
        connect(socket, &QWebSocket::disconnected, this, [this, socket] {
            closeCode = int(socket->closeCode());
            closed = true;
        });
    });
}

WsWatch::~WsWatch() {
    if (m_socket)
        m_socket->disconnect(this);
}

} // namespace sockerless::test
