#pragma once

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
class ApiServer : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<void(const ExchangePtr&)>;
    using WebSocketHandler = std::function<void(WebSocketSession*)>;

    explicit ApiServer(RequestRecorder* recorder, QObject* parent = nullptr);
    ~ApiServer() override;

    /// Register `handler` for `method` on a path template with `{name}` placeholders
    /// (`/internal/v1/containers/{id}/start`). A placeholder matches one path segment; a last
    /// placeholder written `{name...}` matches the rest of the path, slashes included.
    void route(const QByteArray& method, const QString& pathTemplate, Handler handler);
    /// Register a WebSocket endpoint; a plain HTTP request to it gets 426.
    void webSocket(const QString& pathTemplate, WebSocketHandler handler);

    /// Listen on `host:port` (IPv4/IPv6 literal or `localhost`; port 0 picks a free one) or, when
    /// `address` contains `/`, on a Unix socket at that path (mode 0660; a stale socket file is
    /// replaced). Returns false and sets `error` on failure.
    bool listen(const QString& address, QString* error);
    /// `host:port` of every TCP listener, with the real port, and the Unix socket paths.
    QStringList listeningAddresses() const;

    /// Stop accepting, end every chunked stream, close every WebSocket with 1001, then call `done`
    /// once every connection is closed or after `timeoutMs`.
    void shutdown(int timeoutMs, std::function<void()> done);

    /// Open WebSocket sessions and chunked streams, for tests and metrics.
    int openStreamCount() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sockerless::http
