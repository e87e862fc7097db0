#include "docker/dockerconnectionpool.h"

#include "docker/dockerconnection.h"
#include "docker/dockerreply.h"

namespace sockerless::docker {

DockerConnectionPool::DockerConnectionPool(const DockerEndpoint& endpoint, QObject* parent)
    : QObject(parent)
    , m_endpoint(endpoint) {}

DockerConnectionPool::~DockerConnectionPool() {
    // The connections are our children; they detach their replies and close their sockets
    // as they go. Drop the bookkeeping first so that no closed() lands in a half-dead pool.
    for (DockerConnection* connection : std::as_const(m_all))
        disconnect(connection, nullptr, this, nullptr);
    m_all.clear();
    m_idle.clear();
}

void DockerConnectionPool::dispatch(DockerReply* reply, const DockerRequest& request,
                                    const QByteArray& target) {
    send(reply, request, target, true);
}

void DockerConnectionPool::send(DockerReply* reply, const DockerRequest& request,
                                const QByteArray& target, bool allowReuse) {
    DockerConnection* connection = nullptr;
    bool reused = false;
    while (allowReuse && !m_idle.isEmpty()) {
        DockerConnection* candidate = m_idle.takeLast();
        if (candidate->isReusable()) {
            connection = candidate;
            reused = true;
            break;
        }
        candidate->close(); // Docker dropped it while idle
    }
    if (!connection) {
        connection = new DockerConnection(m_endpoint, this);
        connect(connection, &DockerConnection::released, this, &DockerConnectionPool::onReleased);
        connect(connection, &DockerConnection::closed, this, &DockerConnectionPool::onClosed);
        connect(
            connection, &DockerConnection::retryRequested, this,
            [this](DockerConnection*, DockerReply* retried, const DockerRequest& again,
                   const QByteArray& againTarget) { send(retried, again, againTarget, false); });
        m_all.append(connection);
    }
    // Only a request that cannot have changed anything may be sent twice.
    const bool idempotent =
        (request.method == "GET" || request.method == "HEAD") && request.bodyDevice.isNull();
    connection->start(reply, request, target, reused && idempotent);
}

void DockerConnectionPool::onReleased(DockerConnection* connection, bool reusable) {
    if (!reusable || m_maxIdle <= 0 || !connection->isReusable()) {
        connection->close();
        return;
    }
    m_idle.removeAll(connection);
    m_idle.append(connection);
    trimIdle();
}

void DockerConnectionPool::onClosed(DockerConnection* connection) {
    m_idle.removeAll(connection);
    m_all.removeAll(connection);
    disconnect(connection, nullptr, this, nullptr);
    // Later: we are inside one of its own calls.
    connection->deleteLater();
}

void DockerConnectionPool::setMaxIdle(int count) {
    m_maxIdle = qMax(0, count);
    trimIdle();
}

void DockerConnectionPool::trimIdle() {
    while (m_idle.size() > m_maxIdle)
        m_idle.takeFirst()->close(); // the least recently used
}

} // namespace sockerless::docker
