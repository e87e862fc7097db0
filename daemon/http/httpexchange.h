#pragma once

#include "api/apierror.h"

#include <QByteArray>
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
#include <memory>

class QHttpServerResponder;
class QTcpSocket;

namespace sockerless::http {

class ChunkedStream;
class RequestRecorder;

/// What a handler knows of a request. Copied out of QHttpServerRequest (which Qt reuses per
/// connection and frees with the socket) so that it may be used after the handler returns.
struct RequestData {
    QByteArray method;          ///< `GET`, `POST`, ...
    QByteArray rawPath;         ///< the path as sent, still percent-encoded
    QString path;               ///< the path, decoded
    QUrlQuery query;            ///< the query (values decoded with QUrl::FullyDecoded on read)
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString client;             ///< peer address, `unix` for the Unix-socket listener
    QString routeTemplate;      ///< `/internal/v1/containers/{id}/start`, set by the router
    QHash<QString, QString> params; ///< route placeholders, decoded: `{id}` → `abc`

    /// A header's value (case-insensitive), or empty.
    QByteArray header(const QByteArray& name) const;
    /// A query item, fully decoded, or `fallback` when absent.
    QString queryValue(const QString& key, const QString& fallback = {}) const;
    bool hasQuery(const QString& key) const { return query.hasQueryItem(key); }
};

/// One request in flight and the only way to answer it. Exactly one answer is sent: a buffered
/// response (respond*/fail), or a chunked stream (startStream). Every answer is recorded (status,
/// bytes, duration) when it completes, also when the client leaves first.
///
/// The exchange is shared by the handler and whatever async work it starts; once the client's
/// connection is gone, clientGone() is true, lifetime() is destroyed and further answers are
/// dropped silently. Connect upstream aborts to lifetime()'s destroyed signal.
class HttpExchange : public std::enable_shared_from_this<HttpExchange> {
public:
    HttpExchange(RequestData request, QHttpServerResponder&& responder, RequestRecorder* recorder);
    ~HttpExchange();
    HttpExchange(const HttpExchange&) = delete;
    HttpExchange& operator=(const HttpExchange&) = delete;

    const RequestData& request() const { return m_request; }
    QString param(const QString& name) const { return m_request.params.value(name); }

    /// A QObject that lives as long as the client's connection: use it as the context of
    /// connections and callbacks so they die with the client.
    QObject* lifetime() const;
    bool clientGone() const;
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
    ChunkedStream* startStream(int status, const QByteArray& contentType,
                               const QList<QPair<QByteArray, QByteArray>>& headers = {});

    /// Attach an error text to the record (e.g. the upstream failure behind a 503).
    void noteError(const QString& error) { m_error = error; }

private:
    friend class ChunkedStream;
    void finish(int status, qint64 bytesOut);

    RequestData m_request;
    std::unique_ptr<QHttpServerResponder> m_responder;
    QPointer<QTcpSocket> m_socket;
    RequestRecorder* m_recorder;
    QElapsedTimer m_timer;
    QString m_error;
    bool m_answered = false;
    bool m_recorded = false;
};

using ExchangePtr = std::shared_ptr<HttpExchange>;

} // namespace sockerless::http
