#pragma once

#include "api/apierror.h"
#include "http/upstreamcalls.h"

#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QUrlQuery>
#include <functional>
#include <memory>

class QHttpServerResponder;
class QTcpSocket;

namespace sockerless::http {

class ChunkedStream;
class ConnectionGuard;
class RequestRecorder;
struct RequestRecord;

/// What a handler knows of a request. Copied out of QHttpServerRequest (which Qt reuses per
/// connection and frees with the socket) so that it may be used after the handler returns.
struct RequestData {
    QByteArray method;  ///< `GET`, `POST`, ...
    QByteArray rawPath; ///< the path as sent, still percent-encoded
    QString path;       ///< the path, decoded
    QUrlQuery query;    ///< the query (values decoded with QUrl::FullyDecoded on read)
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString client;                 ///< peer address, `unix` for the Unix-socket listener
    QString routeTemplate;          ///< `/internal/v1/containers/{id}/start`, set by the router
    QHash<QString, QString> params; ///< route placeholders, decoded: `{id}` → `abc`

    /// A header's value (case-insensitive), or empty.
    QByteArray header(const QByteArray& name) const;
    /// A query item, fully decoded, or `fallback` when absent.
    QString queryValue(const QString& key, const QString& fallback = {}) const;
    /// True when the query has the item, with or without a value.
    bool hasQuery(const QString& key) const { return query.hasQueryItem(key); }
};

/// One request in flight and the only way to answer it. Exactly one answer is sent: a buffered
/// response (respond*/fail), or a chunked stream (startStream). Every answer is recorded (status,
/// bytes, duration) when it completes, also when the client leaves first.
///
/// The exchange is shared by the handler and whatever async work it starts; once the client's
/// connection is gone, clientGone() is true, lifetime() is destroyed and further answers are
/// dropped silently. Connect upstream aborts to lifetime()'s destroyed signal.
///
/// Ownership: the exchange owns the responder. lifetime() is a child of the client's QTcpSocket
/// (Qt deletes the socket, and so it, when the client leaves) and is deleted by the exchange's
/// destructor if still alive. Every write first checks a QPointer to the socket: Qt 6.4 frees the
/// socket under a pending responder (use-after-free when answering late), so that check is what
/// makes late answers safe. An exchange destroyed without an answer while the client still waits
/// answers 500, so a handler bug cannot leave a client hanging.
class HttpExchange : public std::enable_shared_from_this<HttpExchange> {
public:
    /// Takes over the responder; must be owned by a std::shared_ptr (startStream() uses
    /// shared_from_this()). `recorder` may be null (nothing is recorded).
    HttpExchange(RequestData request, QHttpServerResponder&& responder, RequestRecorder* recorder);
    /// Answers 500 if nobody answered and the client still waits; records a 499 if the client
    /// left unanswered; deletes lifetime().
    ~HttpExchange();
    HttpExchange(const HttpExchange&) = delete;
    HttpExchange& operator=(const HttpExchange&) = delete;

    /// The request, copied out of Qt's.
    const RequestData& request() const { return m_request; }
    /// A route placeholder, decoded (`{id}` → `param("id")`).
    QString param(const QString& name) const { return m_request.params.value(name); }

    /// A QObject that lives as long as the client's connection: use it as the context of
    /// connections and callbacks so they die with the client. Null once the client is gone.
    /// A persistent connection (not single-shot) whose functor holds the ExchangePtr keeps the
    /// exchange, and so this object, alive until the client disconnects: disconnect it once done.
    QObject* lifetime() const;
    /// True once the client's connection is closed or closing: answers are dropped.
    bool clientGone() const;
    /// True once an answer (or a stream) was started, or dropped because the client left.
    bool answered() const { return m_answered; }

    /// A JSON answer (compact), `Content-Type: application/json`.
    void respondJson(int status, const QJsonValue& body);
    /// Any buffered answer. A 204 or 304 is sent without a body.
    void respond(int status, const QByteArray& body, const QByteArray& contentType,
                 const QList<QPair<QByteArray, QByteArray>>& headers = {});
    /// An empty answer (204, 304, 201 ...).
    void respondEmpty(int status);
    /// The error body `{"message": ...}` with the error's status (304: empty).
    void fail(const api::ApiError& error);

    /// Start a chunked response: the status line and headers are sent at once. Returns the stream
    /// to write chunks to; the exchange is recorded when the stream ends or the client leaves.
    /// Never null: when the client is already gone (or the exchange was answered) the stream is
    /// returned closed (isOpen() false, writes ignored) and deletes itself from the event loop.
    ChunkedStream* startStream(int status, const QByteArray& contentType,
                               const QList<QPair<QByteArray, QByteArray>>& headers = {});

    /// Attach an error text to the record (e.g. the upstream failure behind a 503).
    void noteError(const QString& error) { m_error = error; }

    /// Called with every stream this exchange starts (ApiServer tracks them for shutdown).
    void setStreamObserver(std::function<void(ChunkedStream*)> observer) {
        m_streamObserver = std::move(observer);
    }

private:
    friend class ChunkedStream;
    void finish(int status, qint64 bytesOut);
    /// The record of this exchange as it stands (status, bytes so far, duration until now).
    RequestRecord makeRecord(int status, qint64 bytesOut) const;
    void onClientLeft();
    void writeHead(int status, const QByteArray& contentType,
                   const QList<QPair<QByteArray, QByteArray>>& headers, qint64 contentLength);

    RequestData m_request;
    std::unique_ptr<QHttpServerResponder> m_responder;
    QPointer<QTcpSocket> m_socket;
    QPointer<QObject> m_lifetime;
    QPointer<ChunkedStream> m_stream;
    QList<QMetaObject::Connection> m_connections;
    std::function<void(ChunkedStream*)> m_streamObserver;
    QPointer<RequestRecorder> m_recorder; // the recorder may go first at teardown
    QPointer<ConnectionGuard> m_guard;    ///< told when the answer starts and ends (idle, close)
    bool m_closeAfter = false;            ///< the client asked to close after this answer
    // Shared with lifetime(), which collects the calls: the record may be written after it died.
    std::shared_ptr<UpstreamCallList> m_upstream = std::make_shared<UpstreamCallList>();
    QDateTime m_arrived;
    QElapsedTimer m_timer;
    QString m_error;
    bool m_answered = false;
    bool m_recorded = false;
};

using ExchangePtr = std::shared_ptr<HttpExchange>;

} // namespace sockerless::http
