#include "http/httpexchange.h"

#include "api/httpheaders.h"
#include "http/chunkedstream.h"
#include "http/connectionguard.h"
#include "http/requestrecorder.h"

#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslSocket>
#include <QTcpSocket>
#include <QUrl>

namespace sockerless::http {

namespace {

using StatusCode = QHttpServerResponder::StatusCode;

// 1xx, 204 and 304 never carry a body (RFC 9110 6.4.1); sending one desynchronizes keep-alive.
bool statusHasNoBody(int status) {
    return (status >= 100 && status < 200) || status == 204 || status == 304;
}

// Header names and values may come from upstream answers: a CR or LF would let them inject
// headers or a whole response.
QByteArray headerSafe(const QByteArray& text) {
    QByteArray out = text;
    out.replace('\r', ' ').replace('\n', ' ');
    return out;
}

QByteArray compactJson(const QJsonValue& value) {
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    // QJsonDocument cannot hold a scalar: serialize it inside an array and strip the brackets.
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

/// Qt 6.4's sockets write buffered bytes only when the event loop next reports the socket
/// writable: a whole answer goes out now instead (flush() never blocks; what the kernel does not
/// take waits for that pass as before). QSslSocket::flush() hides the non-virtual
/// QAbstractSocket::flush(), so the TLS socket gets its own.
void flushNow(QTcpSocket* socket) {
    if (auto* ssl = qobject_cast<QSslSocket*>(socket))
        ssl->flush();
    else if (socket)
        socket->flush();
}

} // namespace

QByteArray RequestData::header(const QByteArray& name) const {
    return api::headerValue(headers, name);
}

QString RequestData::queryValue(const QString& key, const QString& fallback) const {
    if (!query.hasQueryItem(key))
        return fallback;
    return query.queryItemValue(key, QUrl::FullyDecoded);
}

HttpExchange::HttpExchange(RequestData request, QHttpServerResponder&& responder,
                           RequestRecorder* recorder)
    : m_request(std::move(request))
    , m_responder(std::make_unique<QHttpServerResponder>(std::move(responder)))
    , m_socket(m_responder->socket())
    , m_recorder(recorder)
    , m_arrived(QDateTime::currentDateTimeUtc()) {
    m_timer.start();
    if (!m_socket)
        return;
    // The guard keeps the connection from idling out while this answer is pending, and knows
    // whether the request said `Connection: close`.
    m_guard = ConnectionGuard::of(m_socket);
    if (m_guard)
        m_closeAfter = m_guard->beginExchange();
    // A child of the socket: Qt deletes it together with the socket when the client leaves, so
    // whatever uses it as a context object is disconnected before it could touch a dead socket.
    // It also collects the upstream calls the backend makes with it as their context.
    m_lifetime = new UpstreamCollector(m_upstream, m_socket);
    // Raw `this` is safe: the destructor disconnects both before the exchange goes away.
    m_connections.append(
        QObject::connect(m_lifetime, &QObject::destroyed, [this] { onClientLeft(); }));
    m_connections.append(
        QObject::connect(m_socket, &QTcpSocket::disconnected, [this] { onClientLeft(); }));
}

HttpExchange::~HttpExchange() {
    for (const auto& connection : std::as_const(m_connections))
        QObject::disconnect(connection);
    if (!m_answered && !clientGone()) {
        // A handler that drops its last reference without answering is a bug; the client must
        // still get an answer instead of waiting forever on a keep-alive connection.
        m_error = QStringLiteral("the handler dropped the request without answering");
        respond(500, api::ApiError::internal(m_error).toJsonBytes(), "application/json");
    } else if (!m_recorded) {
        onClientLeft();
    }
    delete m_lifetime.data();
}

QObject* HttpExchange::lifetime() const {
    return m_lifetime.data();
}

bool HttpExchange::clientGone() const {
    const QTcpSocket* socket = m_socket.data();
    return !socket || !m_lifetime || socket->state() != QAbstractSocket::ConnectedState;
}

void HttpExchange::onClientLeft() {
    // A running stream records itself (with the bytes it sent) when it sees the client go.
    if (m_recorded || m_stream)
        return;
    if (m_error.isEmpty())
        m_error = QStringLiteral("client closed the connection");
    finish(499, 0);
}

void HttpExchange::writeHead(int status, const QByteArray& contentType,
                             const QList<QPair<QByteArray, QByteArray>>& headers,
                             qint64 contentLength) {
    m_responder->writeStatusLine(static_cast<StatusCode>(status));
    if (!contentType.isEmpty())
        m_responder->writeHeader("Content-Type", headerSafe(contentType));
    for (const auto& [name, value] : headers) {
        // The framing headers are ours: a caller's copy could contradict the body we send.
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0 ||
            name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0 ||
            (!contentType.isEmpty() && name.compare("Content-Type", Qt::CaseInsensitive) == 0) ||
            (m_closeAfter && name.compare("Connection", Qt::CaseInsensitive) == 0))
            continue;
        m_responder->writeHeader(headerSafe(name), headerSafe(value));
    }
    if (contentLength >= 0)
        m_responder->writeHeader("Content-Length", QByteArray::number(contentLength));
    if (m_closeAfter)
        m_responder->writeHeader("Connection", "close");
}

void HttpExchange::respond(int status, const QByteArray& body, const QByteArray& contentType,
                           const QList<QPair<QByteArray, QByteArray>>& headers) {
    // Late answers after the client left are normal for async work: dropped without a fuss.
    if (clientGone()) {
        m_answered = true;
        onClientLeft();
        return;
    }
    if (m_answered) {
        qWarning("HttpExchange: %s %s answered twice; the second answer (%d) is dropped",
                 m_request.method.constData(), m_request.rawPath.constData(), status);
        return;
    }
    m_answered = true;
    const bool noBody = statusHasNoBody(status);
    writeHead(status, noBody ? QByteArray() : contentType, headers, noBody ? -1 : body.size());
    // The first writeBody() ends the header block (Qt 6.4 writes the blank line there).
    m_responder->writeBody(noBody ? QByteArray() : body);
    flushNow(m_socket.data());
    finish(status, noBody ? 0 : body.size());
}

void HttpExchange::respondJson(int status, const QJsonValue& body) {
    // QHttpServerResponder::write(QJsonDocument) indents its output; send compact bytes instead.
    respond(status, compactJson(body), "application/json");
}

void HttpExchange::respondEmpty(int status) {
    respond(status, QByteArray(), QByteArray());
}

void HttpExchange::fail(const api::ApiError& error) {
    if (m_error.isEmpty())
        m_error = error.message;
    if (error.status == 304)
        respondEmpty(304);
    else
        respond(error.status, error.toJsonBytes(), "application/json");
}

ChunkedStream* HttpExchange::startStream(int status, const QByteArray& contentType,
                                         const QList<QPair<QByteArray, QByteArray>>& headers) {
    const bool usable = !m_answered && !clientGone();
    if (m_answered && !clientGone()) {
        qWarning("HttpExchange: %s %s answered twice; the stream is not started",
                 m_request.method.constData(), m_request.rawPath.constData());
    }
    if (!usable) {
        // Hand back a stream that is already over, so callers need no null check: writes are
        // no-ops, isOpen() is false, and clientGone follows from the event loop.
        auto* stream = new ChunkedStream(shared_from_this(), nullptr, nullptr, status);
        stream->m_ended = true;
        if (!m_answered) {
            m_answered = true;
            onClientLeft();
            QMetaObject::invokeMethod(stream, &ChunkedStream::clientGone, Qt::QueuedConnection);
        }
        stream->deleteLater();
        return stream;
    }
    m_answered = true;
    writeHead(status, contentType, headers, -1);
    m_responder->writeHeader("Transfer-Encoding", "chunked");
    auto* stream = new ChunkedStream(shared_from_this(), m_responder.get(), m_socket, status);
    m_stream = stream;
    // A stream may stay open for hours: its opening is recorded now, its end when it ends.
    if (m_recorder) {
        RequestRecord opened = makeRecord(status, 0);
        opened.phase = RequestRecord::Phase::StreamOpened;
        m_recorder->record(opened);
    }
    if (m_streamObserver)
        m_streamObserver(stream);
    return stream;
}

void HttpExchange::finish(int status, qint64 bytesOut) {
    if (m_recorded)
        return;
    m_recorded = true;
    if (m_recorder) {
        RequestRecord record = makeRecord(status, bytesOut);
        if (m_stream)
            record.phase = RequestRecord::Phase::StreamClosed;
        m_recorder->record(record);
    }
    // Last: with `Connection: close` this closes the connection once the answer is sent.
    if (ConnectionGuard* guard = m_guard.data())
        guard->endExchange(m_closeAfter);
}

RequestRecord HttpExchange::makeRecord(int status, qint64 bytesOut) const {
    RequestRecord record;
    record.time = m_arrived;
    record.client = m_request.client;
    record.method = QString::fromLatin1(m_request.method);
    QString pathAndQuery = QString::fromUtf8(m_request.rawPath);
    const QString query = m_request.query.query(QUrl::FullyEncoded);
    if (!query.isEmpty())
        pathAndQuery += QLatin1Char('?') + query;
    record.path = RequestRecorder::redactPath(pathAndQuery);
    record.route = m_request.routeTemplate;
    record.status = status;
    record.durationMs = static_cast<double>(m_timer.nsecsElapsed()) / 1e6;
    record.bytesIn = m_request.body.size();
    record.bytesOut = bytesOut;
    record.error = m_error;
    record.upstream = m_upstream->calls();
    return record;
}

} // namespace sockerless::http
