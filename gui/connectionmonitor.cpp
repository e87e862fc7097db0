#include "connectionmonitor.h"

#include "client/internalapiclient.h"

#include <algorithm>

namespace sockerless::gui {

namespace {
constexpr int connectedPollMs = 4000;
constexpr int firstRetryMs = 500;
constexpr int maxRetryMs = 5000;
} // namespace

ConnectionMonitor::ConnectionMonitor(client::InternalApiClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client) {
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionMonitor::poll);
}

QString ConnectionMonitor::stateName(State state) {
    switch (state) {
    case State::Idle:
        return tr("Not connected");
    case State::Connecting:
        return tr("Connecting…");
    case State::Connected:
        return tr("Connected");
    case State::Degraded:
        return tr("Degraded");
    case State::Unauthorized:
        return tr("Unauthorized");
    case State::Disconnected:
        return tr("Disconnected");
    }
    return {};
}

void ConnectionMonitor::start() {
    ++m_generation; // answers to the old URL or token are ignored
    m_inFlight = false;
    m_info = {};
    m_retryDelayMs = 0;
    setState(State::Connecting, m_client->baseUrl().toString());
    poll();
}

void ConnectionMonitor::checkNow() {
    if (m_state != State::Idle)
        poll();
}

void ConnectionMonitor::poll() {
    if (m_inFlight)
        return;
    m_timer.stop();
    m_inFlight = true;
    const quint64 generation = m_generation;
    m_client->get(QStringLiteral("/internal/v1/healthz"), this,
                  [this, generation](const client::ApiResult& result) {
                      if (generation != m_generation)
                          return;
                      m_inFlight = false;
                      const bool answered = result.status != 0;
                      if (result.status == 200) {
                          m_retryDelayMs = 0;
                          const bool wasUp = m_state == State::Connected;
                          setState(State::Connected,
                                   result.object().value(QStringLiteral("backend")).toString());
                          if (!wasUp || m_info.isEmpty())
                              fetchInfo();
                      } else if (result.status == 401 || result.status == 403) {
                          setState(State::Unauthorized, result.message);
                      } else if (answered) {
                          const QString reason =
                              result.object().value(QStringLiteral("reason")).toString();
                          setState(State::Degraded, reason.isEmpty() ? result.describe() : reason);
                      } else {
                          m_retryDelayMs = m_retryDelayMs == 0
                                               ? firstRetryMs
                                               : std::min(maxRetryMs, m_retryDelayMs * 2);
                          setState(State::Disconnected, result.message);
                      }
                      m_timer.start(answered ? connectedPollMs : m_retryDelayMs);
                  });
}

void ConnectionMonitor::fetchInfo() {
    const quint64 generation = m_generation;
    m_client->get(QStringLiteral("/internal/v1/info"), this,
                  [this, generation](const client::ApiResult& result) {
                      if (generation != m_generation || !result.ok())
                          return;
                      m_info = result.object();
                      emit infoChanged(m_info);
                  });
}

void ConnectionMonitor::setState(State state, const QString& detail) {
    if (state == m_state && detail == m_detail)
        return;
    m_state = state;
    m_detail = detail;
    emit stateChanged(state, detail);
}

} // namespace sockerless::gui
