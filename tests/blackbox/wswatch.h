#pragma once

#include "daemonprocess.h"

#include <QByteArrayList>
#include <QObject>
#include <QStringList>
#include <QWebSocket>
#include <memory>

namespace sockerless::test {

/// A WebSocket to the daemon whose messages and close are recorded as they come, with the
/// recorders in place before the handshake (an answer that fails at once closes before the
/// socket could be handed over). Wait on its fields with QTRY_*.
class WsWatch : public QObject {
    Q_OBJECT
public:
    /// Opens `pathAndQuery` on `daemon`; isOpen() says whether the handshake completed.
    WsWatch(DaemonProcess& daemon, const QString& pathAndQuery, int timeoutMs = 10000);
    ~WsWatch() override;

    bool isOpen() const { return m_socket != nullptr; }
    QWebSocket* socket() const { return m_socket.get(); }

    QStringList texts;
    QByteArrayList binaries;
    bool closed = false;
    int closeCode = 0; ///< the peer's close code, once closed

private:
    std::unique_ptr<QWebSocket> m_socket;
};

} // namespace sockerless::test
