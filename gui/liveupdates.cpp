#include "liveupdates.h"

#include "client/internalapiclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QWebSocket>
#include <algorithm>

namespace sockerless::gui {

namespace {
constexpr int pollWhileDownMs = 3000;
constexpr int maxRetryMs = 5000;
} // namespace

LiveUpdates::LiveUpdates(client::InternalApiClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client) {
    m_reopen.setSingleShot(true);
    connect(&m_reopen, &QTimer::timeout, this, &LiveUpdates::open);
    m_poll.setInterval(pollWhileDownMs);
    connect(&m_poll, &QTimer::timeout, this, &LiveUpdates::resyncAll);
}

LiveUpdates::~LiveUpdates() {
    // Children (the socket among them) die in ~QObject, after this class's members: a close
    // signalled then would run a lambda on destroyed members.
    if (m_socket)
        m_socket->disconnect(this);
}

void LiveUpdates::start() {
    stop();
    m_running = true;
    m_retryDelayMs = 0;
    m_poll.start();
    open();
}

void LiveUpdates::stop() {
    m_running = false;
    m_reopen.stop();
    m_poll.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    setUp(false);
}

void LiveUpdates::open() {
    if (!m_running)
        return;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->deleteLater();
    }
    m_socket = m_client->openWebSocket(QStringLiteral("/internal/v1/events"), this);
    connect(m_socket, &QWebSocket::connected, this, [this] {
        m_retryDelayMs = 0;
        m_poll.stop();
        setUp(true);
        emit resyncAll(); // whatever happened while we were not listening
    });
    connect(m_socket, &QWebSocket::textMessageReceived, this, [this](const QString& text) {
        const QJsonObject event = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString type = event.value(QStringLiteral("Type")).toString();
        if (!type.isEmpty())
            emit changed(type);
    });
    connect(m_socket, &QWebSocket::disconnected, this, [this] {
        setUp(false);
        if (!m_poll.isActive())
            m_poll.start();
        scheduleReopen();
    });
}

void LiveUpdates::scheduleReopen() {
    if (!m_running)
        return;
    m_retryDelayMs = m_retryDelayMs == 0 ? 500 : std::min(maxRetryMs, m_retryDelayMs * 2);
    m_reopen.start(m_retryDelayMs);
}

void LiveUpdates::setUp(bool up) {
    if (up == m_up)
        return;
    m_up = up;
    emit streamStateChanged(up);
}

} // namespace sockerless::gui
