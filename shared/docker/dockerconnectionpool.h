#pragma once

#include "docker/dockerendpoint.h"
#include "docker/dockerrequest.h"

#include <QByteArray>
#include <QList>
#include <QObject>

namespace sockerless::docker {

class DockerConnection;
class DockerReply;

/// The connections of one DockerClient (internal): hands each request a connection, keeps at
/// most maxIdle of them open for reuse, and drops the rest.
///
/// Only a connection that is still connected and completed its previous response with
/// keep-alive is reused. Streamed, upgraded, aborted and failed exchanges close their
/// connection. An idempotent request (GET/HEAD without a body device) that finds its reused
/// connection already dropped by Docker, before any response byte, is sent once more on a new
/// connection.
class DockerConnectionPool : public QObject {
    Q_OBJECT
public:
    explicit DockerConnectionPool(const DockerEndpoint& endpoint, QObject* parent = nullptr);
    ~DockerConnectionPool() override;

    /// Sends `request` (its request-line target already built) for `reply`.
    void dispatch(DockerReply* reply, const DockerRequest& request, const QByteArray& target);

    /// How many idle connections are kept; extra ones (least recently used first) are closed.
    void setMaxIdle(int count);
    int maxIdle() const { return m_maxIdle; }
    /// Connections waiting for the next request.
    int idleCount() const { return int(m_idle.size()); }
    /// Idle and busy connections whose socket is open or opening.
    int openCount() const { return int(m_all.size()); }

private:
    void send(DockerReply* reply, const DockerRequest& request, const QByteArray& target,
              bool allowReuse);
    void onReleased(DockerConnection* connection, bool reusable);
    void onClosed(DockerConnection* connection);
    void trimIdle();

    DockerEndpoint m_endpoint;
    QList<DockerConnection*> m_all;
    QList<DockerConnection*> m_idle; ///< most recently used last
    /// As many as the concurrency the daemon is built for (64 clients in flight): with fewer, every
    /// answer beyond the idle count closed its connection and the next request opened a new one
    /// (inspect at 64 clients ran at 0.25x direct, measured by bench/).
    int m_maxIdle = 64;
};

} // namespace sockerless::docker
