#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

class QWebSocket;

namespace sockerless::client {
class InternalApiClient;
}

namespace sockerless::gui {

/// Keeps the views current: one `WS /internal/v1/events` subscription says which kind of object
/// changed (`container`, `network`, `volume`, `image`); while the stream is down the views are
/// polled instead, and when it comes back everything is re-fetched once (events were missed).
class LiveUpdates : public QObject {
    Q_OBJECT
public:
    explicit LiveUpdates(client::InternalApiClient* client, QObject* parent = nullptr);
    /// Detaches the stream first: its `disconnected` must not reach destroyed timers.
    ~LiveUpdates() override;

    /// (Re)subscribes, e.g. after the URL or token changed.
    void start();
    void stop();
    bool streamUp() const { return m_up; }

signals:
    /// Objects of `type` changed: the views showing them re-fetch (debounced on their side).
    void changed(const QString& type);
    /// Re-fetch everything (first connection, stream back after an outage, poll while down).
    void resyncAll();
    void streamStateChanged(bool up);

private:
    void open();
    void scheduleReopen();
    void setUp(bool up);

    client::InternalApiClient* m_client = nullptr;
    QPointer<QWebSocket> m_socket;
    QTimer m_reopen;
    QTimer m_poll;
    int m_retryDelayMs = 0;
    bool m_up = false;
    bool m_running = false;
};

} // namespace sockerless::gui
