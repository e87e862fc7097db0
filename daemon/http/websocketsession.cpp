#include "http/websocketsession.h"

#include "http/requestrecorder.h"
#include "http/unixlistener.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QWebSocket>

namespace sockerless::http {

namespace {

// RFC 6455 5.5: a control frame's payload is at most 125 bytes, 2 of them the close code.
QString closeReason(const QString& message) {
    QString reason = message;
    while (reason.toUtf8().size() > 123)
        reason.chop(1);
    return reason;
}

// The peer as the request log shows it; on the Unix-socket listener the peer name says so and
// the address is empty (see UnixListener).
QString peerOf(const QWebSocket* socket) {
    if (UnixListener::isUnixPeer(socket->peerName()))
        return UnixListener::peerName();
    return socket->peerAddress().toString();
}

constexpr int closeHandshakeTimeoutMs = 5000;

} // namespace

WebSocketSession::WebSocketSession(std::unique_ptr<QWebSocket> socket, QString routeTemplate,
                                   QHash<QString, QString> params, RequestRecorder* recorder,
                                   QObject* parent)
    : QObject(parent)
    , m_socket(std::move(socket))
    , m_route(std::move(routeTemplate))
    , m_params(std::move(params))
    , m_recorder(recorder)
    , m_opened(QDateTime::currentDateTimeUtc()) {
    m_timer.start();
    // The unique_ptr owns the socket; a Qt parent would delete it a second time.
    if (m_socket->parent())
        m_socket->setParent(nullptr);
    const QUrl url = m_socket->requestUrl();
    m_query = QUrlQuery(url);
    QString pathAndQuery = url.path(QUrl::FullyEncoded);
    if (url.hasQuery())
        pathAndQuery += QLatin1Char('?') + url.query(QUrl::FullyEncoded);
    m_path = RequestRecorder::redactPath(pathAndQuery);
    m_client = peerOf(m_socket.get());

    connect(m_socket.get(), &QWebSocket::disconnected, this, &WebSocketSession::onDisconnected);
    connect(m_socket.get(), &QWebSocket::bytesWritten, this,
            [this](qint64 bytes) { m_bytesOut += bytes; });
    connect(m_socket.get(), &QWebSocket::textFrameReceived, this,
            [this](const QString& frame, bool) { m_bytesIn += frame.toUtf8().size(); });
    connect(m_socket.get(), &QWebSocket::binaryFrameReceived, this,
            [this](const QByteArray& frame, bool) { m_bytesIn += frame.size(); });
    record(101, {});
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        QMetaObject::invokeMethod(this, &WebSocketSession::onDisconnected, Qt::QueuedConnection);
}

WebSocketSession::~WebSocketSession() {
    // Deleted while still open (the server goes away): upstream work must still be aborted.
    if (!m_closed)
        markClosed(1001, QStringLiteral("session deleted while open"));
    if (m_socket)
        m_socket->disconnect(this);
}

QString WebSocketSession::queryValue(const QString& key, const QString& fallback) const {
    if (!m_query.hasQueryItem(key))
        return fallback;
    return m_query.queryItemValue(key, QUrl::FullyDecoded);
}

bool WebSocketSession::isOpen() const {
    return !m_closed && m_socket->state() == QAbstractSocket::ConnectedState;
}

void WebSocketSession::fail(const api::ApiError& error) {
    if (!isOpen())
        return;
    const QJsonObject body{{QStringLiteral("message"), error.message},
                           {QStringLiteral("status"), error.status}};
    // Counted here: the socket's bytesWritten signal would come after the close is recorded.
    m_bytesOut += m_socket->sendTextMessage(
        QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact)));
    close(4000 + error.status, error.message);
}

void WebSocketSession::closeNormally() {
    close(1000, QString());
}

void WebSocketSession::closeGoingAway() {
    close(1001, QStringLiteral("server shutting down"));
}

void WebSocketSession::close(int code, const QString& reason) {
    if (m_closed)
        return;
    const bool errorClose = code >= 4000;
    markClosed(code, errorClose ? reason : QString());
    m_socket->close(static_cast<QWebSocketProtocol::CloseCode>(code), closeReason(reason));
    // A peer that never answers the close handshake must not keep the session (and shutdown)
    // waiting forever.
    QTimer::singleShot(closeHandshakeTimeoutMs, this, [this] {
        if (m_socket->state() != QAbstractSocket::UnconnectedState)
            m_socket->abort();
        deleteLater();
    });
}

void WebSocketSession::onDisconnected() {
    if (!m_closed) {
        const int code = m_socket->closeCode();
        const bool normal = code == QWebSocketProtocol::CloseCodeNormal ||
                            code == QWebSocketProtocol::CloseCodeGoingAway;
        markClosed(code, normal ? QString() : m_socket->closeReason());
    }
    deleteLater();
}

void WebSocketSession::markClosed(int code, const QString& error) {
    m_closed = true;
    m_closeCode = code;
    record(code, error);
    emit closed();
}

void WebSocketSession::record(int status, const QString& error) {
    if (!m_recorder)
        return;
    RequestRecord r;
    r.time = m_opened;
    r.client = m_client;
    r.method = QStringLiteral("WS");
    r.path = m_path;
    r.route = m_route;
    r.status = status;
    r.durationMs = status == 101 ? 0.0 : static_cast<double>(m_timer.nsecsElapsed()) / 1e6;
    r.bytesIn = m_bytesIn;
    r.bytesOut = m_bytesOut;
    r.error = error;
    r.upstream = m_upstream.calls();
    r.phase =
        status == 101 ? RequestRecord::Phase::StreamOpened : RequestRecord::Phase::StreamClosed;
    m_recorder->record(r);
}

} // namespace sockerless::http
