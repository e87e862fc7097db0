#pragma once

#include <QJsonObject>
#include <QObject>
#include <QTimer>

namespace sockerless::client {
class InternalApiClient;
}

namespace sockerless::gui {

/// Watches the daemon's health (`GET /internal/v1/healthz`) and identity (`GET /internal/v1/info`)
/// for the status bar. While the daemon answers it polls every few seconds; when it stops
/// answering it says so at once and retries with a growing back-off (capped, so a restarted daemon
/// is found again within seconds).
class ConnectionMonitor : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Connecting, Connected, Degraded, Unauthorized, Disconnected };
    Q_ENUM(State)

    explicit ConnectionMonitor(client::InternalApiClient* client, QObject* parent = nullptr);

    /// Starts (or restarts, after the URL or token changed) watching.
    void start();
    /// Checks now instead of waiting for the next poll (e.g. the event stream just dropped).
    void checkNow();
    State state() const { return m_state; }
    /// Why the state is what it is (the health reason, the connection error ...).
    QString detail() const { return m_detail; }
    /// The last `/info` answer (backend, versions, counts).
    QJsonObject info() const { return m_info; }
    /// The current retry delay while disconnected.
    int retryDelayMs() const { return m_retryDelayMs; }
    static QString stateName(State state);

signals:
    void stateChanged(sockerless::gui::ConnectionMonitor::State state, const QString& detail);
    void infoChanged(const QJsonObject& info);

private:
    void poll();
    void setState(State state, const QString& detail);
    void fetchInfo();

    client::InternalApiClient* m_client = nullptr;
    QTimer m_timer;
    State m_state = State::Idle;
    QString m_detail;
    QJsonObject m_info;
    int m_retryDelayMs = 0;
    bool m_inFlight = false;
    quint64 m_generation = 0;
};

} // namespace sockerless::gui
