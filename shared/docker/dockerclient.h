#pragma once

#include "docker/dockercallreport.h"
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
    /// send() with DockerRequest::origin set to `origin` (the request's context object).
    DockerReply* send(DockerRequest request, QObject* origin);

    /// `GET /_ping`: calls `done` with an error, or with none once Docker answered (and the
    /// version is negotiated). `context` guards the callback and is the ping's origin.
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

signals:
    /// Every call, when Docker's headers arrive and when it ends (see DockerCallReport); emitted
    /// before the reply's own signals reach anyone else.
    void callReported(const sockerless::docker::DockerCallReport& report);

private:
    /// Runs `then` once the API version is known (at once if it is), negotiating it first if
    /// needed; `then` gets the negotiation's error when it failed. `origin` is the negotiating
    /// ping's origin (the call that needed it first).
    void whenVersionKnown(QObject* origin, std::function<void(const DockerError&)> then);
    /// Reports `reply`'s headers and end through callReported.
    void observe(DockerReply* reply, const DockerRequest& request);
    void versionSettled(const DockerError& error);
    /// The request line's target: `/v1.41/containers/json?all=1`, every query key and value
    /// percent-encoded (QUrlQuery alone leaves `+`, which Docker reads as a space).
    static QByteArray buildTarget(const DockerRequest& request, const QString& version);

    DockerEndpoint m_endpoint;
    QString m_apiVersion;
    DockerConnectionPool* m_pool = nullptr;
    std::vector<std::function<void(const DockerError&)>> m_versionWaiters;
    quint64 m_nextCallId = 1;
    bool m_negotiating = false;
};

} // namespace sockerless::docker
