#pragma once

#include "client/apiresult.h"

#include <QByteArray>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QUrl>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QWebSocket;

namespace sockerless::client {

/// Talks to one sockerless daemon's `/internal/v1` API (API.md): REST calls over
/// QNetworkAccessManager, streams over QWebSocket, both with `Authorization: Bearer <token>` when a
/// token is set. Every call is asynchronous and bounded by a timeout; the answer is delivered to a
/// callback only while its `context` object is alive, so a closed view never gets a late answer.
class InternalApiClient : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const ApiResult&)>;
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    explicit InternalApiClient(QObject* parent = nullptr);

    /// The daemon's base URL, e.g. `http://127.0.0.1:2375` (any path is ignored).
    void setBaseUrl(const QUrl& url);
    QUrl baseUrl() const { return m_baseUrl; }
    /// The bearer token; empty sends no Authorization header. Never logged.
    void setToken(const QByteArray& token) { m_token = token; }
    bool hasToken() const { return !m_token.isEmpty(); }
    /// Timeout of plain REST calls (streams have none).
    void setTimeoutMs(int timeoutMs) { m_timeoutMs = timeoutMs; }

    /// One REST call. `pathAndQuery` starts with `/internal/v1/`; ids in it must be encoded with
    /// segment(). `done` runs once, with the status and body, unless `context` died first.
    void call(const QByteArray& method, const QString& pathAndQuery, const QByteArray& body,
              QObject* context, const Callback& done, const Headers& headers = {});
    void get(const QString& pathAndQuery, QObject* context, const Callback& done) {
        call("GET", pathAndQuery, {}, context, done);
    }
    void post(const QString& pathAndQuery, QObject* context, const Callback& done,
              const QByteArray& body = {}) {
        call("POST", pathAndQuery, body, context, done);
    }
    void remove(const QString& pathAndQuery, QObject* context, const Callback& done) {
        call("DELETE", pathAndQuery, {}, context, done);
    }

    /// A request whose response is read as it arrives (pull progress, load): no timeout. The
    /// caller owns the reply (deleteLater it when done). `body` must outlive the reply.
    QNetworkReply* startStreamingPost(const QString& pathAndQuery, QIODevice* body,
                                      const QByteArray& contentType, const Headers& headers = {});

    /// A WebSocket to `pathAndQuery` (events, logs, exec, request log), opened with the token
    /// header; parented to `parent`. Connect its signals, it opens on the next event-loop turn.
    QWebSocket* openWebSocket(const QString& pathAndQuery, QObject* parent);

    /// `id` percent-encoded for one path segment (image names hold `/` and `:`).
    static QString segment(const QString& id);
    /// The URL of `pathAndQuery` on the daemon (http, or ws for WebSockets).
    QUrl urlFor(const QString& pathAndQuery, bool webSocket = false) const;

private:
    QNetworkRequest requestFor(const QString& pathAndQuery, bool webSocket = false) const;

    QNetworkAccessManager* m_network = nullptr;
    QUrl m_baseUrl;
    QByteArray m_token;
    int m_timeoutMs = 15000;
};

} // namespace sockerless::client
