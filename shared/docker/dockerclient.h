#pragma once

#include "docker/dockerendpoint.h"
#include "docker/dockerpath.h"
#include "docker/dockerreply.h"
#include "docker/dockerrequest.h"

#include <QObject>
#include <QString>
#include <functional>
#include <vector>

namespace sockerless::docker {

class DockerConnectionPool;

/// An asynchronous HTTP/1.1 client for the Docker Engine API over a Unix socket, TCP or TLS.
///
/// Everything runs on the caller's event loop; nothing blocks. Requests are sent on pooled
/// keep-alive connections (at most maxIdleConnections kept idle); streams, upgrades and aborted
/// requests never return their connection to the pool. Before the first versioned request the
/// client negotiates the API version with `GET /_ping` (the `API-Version` header, capped at the
/// newest version this client knows); requests queue until that answer comes.
class DockerClient : public QObject {
    Q_OBJECT
public:
    explicit DockerClient(DockerEndpoint endpoint, QObject* parent = nullptr);
    ~DockerClient() override;

    const DockerEndpoint& endpoint() const { return m_endpoint; }

    /// The negotiated API version (`1.41`), empty until negotiation succeeded.
    QString apiVersion() const { return m_apiVersion; }
    /// Forget the negotiated version (after Docker went away it may come back as another one).
    void resetApiVersion();

    /// Send a request. The reply is parented to the client; see DockerReply for its life.
    DockerReply* send(const DockerRequest& request);

    /// `GET /_ping`: calls `done` with an error, or with none once Docker answered (and the
    /// version is negotiated). `context` guards the callback.
    void ping(QObject* context, std::function<void(const DockerError&)> done);

    /// The newest API version this client understands; negotiation never goes above it.
    static QString maxApiVersion();
    /// The version to use given the daemon's `API-Version` header: the lower of the two.
    static QString negotiateVersion(const QString& serverVersion);

    /// Idle keep-alive connections kept for reuse.
    void setMaxIdleConnections(int count);
    int idleConnectionCount() const;
    /// Connections currently open (idle and busy), for leak checks.
    int openConnectionCount() const;

private:
    /// Runs `then` once the API version is known (at once if it is), negotiating it first if
    /// needed; `then` gets the negotiation's error when it failed.
    void whenVersionKnown(std::function<void(const DockerError&)> then);
    void versionSettled(const DockerError& error);
    /// The request line's target: `/v1.41/containers/json?all=1`, every query key and value
    /// percent-encoded (QUrlQuery alone leaves `+`, which Docker reads as a space).
    static QByteArray buildTarget(const DockerRequest& request, const QString& version);

    DockerEndpoint m_endpoint;
    QString m_apiVersion;
    DockerConnectionPool* m_pool = nullptr;
    std::vector<std::function<void(const DockerError&)>> m_versionWaiters;
    bool m_negotiating = false;
};

} // namespace sockerless::docker
