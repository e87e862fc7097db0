#pragma once

#include "http/accesscontrol.h"
#include "http/connectionlimits.h"
#include "http/httpexchange.h"
#include "http/router.h"

#include <QList>
#include <QObject>
#include <QString>
#include <functional>
#include <memory>

class QHttpServer;
class QTcpServer;

namespace sockerless::http {

class RequestRecorder;
class WebSocketSession;

/// The daemon's HTTP and WebSocket front: QHttpServer on every listener, the route table,
/// JSON 404/405 answers, WebSocket dispatch by path on the same port, the request recorder, and
/// a clean shutdown. Handlers are registered before listen().
///
/// Every request is answered through an HttpExchange and recorded once. Routing is ours, on the
/// still-encoded path (see Router): unknown path → 404 `{"message":"No route for GET /x"}`, known
/// path with another method → 405 with `Allow`. A WebSocket upgrade to an unknown path is
/// accepted and failed with 404 (text message, close 4404): Qt 6.4 cannot refuse an upgrade.
class ApiServer : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<void(const ExchangePtr&)>;
    using WebSocketHandler = std::function<void(WebSocketSession*)>;

    /// `recorder` receives every record (may be null); it should outlive the server.
    explicit ApiServer(RequestRecorder* recorder, QObject* parent = nullptr);
    /// Closes every connection at once (no grace: call shutdown() first) and removes the Unix
    /// socket files.
    ~ApiServer() override;

    /// Register `handler` for `method` on a path template with `{name}` placeholders
    /// (`/internal/v1/containers/{id}/start`). A placeholder matches one path segment; a last
    /// placeholder written `{name...}` matches the rest of the path, slashes included. Routes
    /// are tried in registration order. A malformed template is logged and ignored.
    void route(const QByteArray& method, const QString& pathTemplate, Handler handler);
    /// Register a WebSocket endpoint (same template syntax); a plain HTTP request to it gets 426.
    /// The handler runs from the event loop right after the handshake, with the session open.
    void webSocket(const QString& pathTemplate, WebSocketHandler handler);

    /// Token and policy for every request and WebSocket from now on (see AccessControl): 401
    /// without the right token (all but healthz), 403 when the policy forbids the route. Refused
    /// requests are answered and recorded without reaching a handler.
    void setAccess(const AccessSettings& settings);
    /// Every HTTP route registered, as (method, template), and every WebSocket template: for
    /// the test that each one belongs to a policy group.
    QList<QPair<QByteArray, QString>> routes() const;
    QStringList webSocketRoutes() const;

    /// Body, header, idle and connection limits for connections accepted from now on (call before
    /// listen()). Every connection gets a ConnectionGuard; see there.
    void setLimits(const ConnectionLimits& limits);
    /// Makes TCP listeners created from now on speak HTTPS/WSS with this PEM certificate (chain)
    /// and key; Unix sockets stay plain. False with an `error` naming the file when either
    /// cannot be loaded.
    bool setTls(const QString& certFile, const QString& keyFile, QString* error);

    /// Listen on `host:port` (IPv4/IPv6 literal or `localhost`; port 0 picks a free one) or, when
    /// `address` contains `/`, on a Unix socket at that path (mode 0660; a stale socket file is
    /// replaced). Returns false and sets `error` on failure.
    bool listen(const QString& address, QString* error);
    /// `host:port` of every TCP listener, with the real port, and the Unix socket paths.
    QStringList listeningAddresses() const;

    /// Stop accepting, end every chunked stream, close every WebSocket with 1001, then call `done`
    /// once every connection is closed or after `timeoutMs`. `done` is called exactly once and
    /// always from the event loop (never from inside shutdown()); not at all if the server is
    /// destroyed first. Requests still arriving on open keep-alive connections are served.
    void shutdown(int timeoutMs, std::function<void()> done);

    /// Open WebSocket sessions and chunked streams, for tests and metrics.
    int openStreamCount() const;
    /// Open client connections (HTTP keep-alive ones and WebSockets), for metrics.
    int openConnectionCount() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sockerless::http
