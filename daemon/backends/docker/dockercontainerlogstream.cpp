#include "backends/docker/dockercontainerlogstream.h"

#include "backends/docker/dockerbytestream.h"
#include "backends/docker/dockercontainermapping.h"
#include "backends/docker/dockererrormapping.h"
#include "docker/dockerclient.h"
#include "docker/dockerreply.h"

#include <QJsonDocument>

namespace sockerless::backends {

using namespace containermapping;

DockerContainerLogStream::DockerContainerLogStream(docker::DockerClient* client, const QString& id,
                                                   const api::ContainerLogsOptions& options,
                                                   QObject* context)
    : BackendStream(context)
    , m_client(client)
    , m_id(id)
    , m_options(options) {
    docker::DockerReply* reply = m_client->send(toDockerInspectRequest(id, false), this);
    m_inspect = reply;
    connect(reply, &docker::DockerReply::finished, this, [this, reply] {
        // A redirect: the decoded id holds a path Go cleans, which no container has.
        if (reply->status() >= 300)
            return failWith(api::ApiError::notFound(QStringLiteral("container"), m_id));
        onInspected(reply->body());
    });
    connect(reply, &docker::DockerReply::failed, this,
            [this](const docker::DockerError& error) { failWith(toApiError(error)); });
}

DockerContainerLogStream::~DockerContainerLogStream() {
    // Disconnect first: an abort reports a failure, and this object is half gone by then.
    if (m_inspect && !m_inspect->isFinished()) {
        m_inspect->disconnect(this);
        m_inspect->abort();
    }
    if (m_logs)
        m_logs->disconnect(this);
}

void DockerContainerLogStream::onInspected(const QByteArray& body) {
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failWith(api::ApiError::internal(
            QStringLiteral("Docker sent invalid JSON for the container inspect: %1")
                .arg(parseError.errorString())));
    const auto inspect = fromDockerInspect(document);
    if (!inspect.ok())
        return failWith(inspect.error());
    const auto& config = inspect.value().config;
    startLogs(config && config->tty.value_or(false));
}

void DockerContainerLogStream::startLogs(bool tty) {
    // Inspect and logs use the same id or name: a container removed in between gives a 404.
    auto* logs = new DockerByteStream(m_client->send(toDockerLogsRequest(m_id, m_options), this),
                                      this, {}, notFoundAs(QStringLiteral("container"), m_id));
    logs->overrideContentType(logsContentType(tty));
    m_logs = logs;
    connect(logs, &BackendStream::opened, this, [this, logs] {
        setContentType(logs->contentType());
        emit opened();
    });
    connect(logs, &BackendStream::message, this, &BackendStream::message);
    connect(logs, &BackendStream::ended, this, &BackendStream::ended);
    connect(logs, &BackendStream::failed, this, &BackendStream::failed);
    if (m_paused)
        logs->pause();
}

void DockerContainerLogStream::failWith(const api::ApiError& error) {
    emit failed(error.status == 404 ? api::ApiError::notFound(QStringLiteral("container"), m_id)
                                    : error);
}

void DockerContainerLogStream::pause() {
    m_paused = true;
    if (m_logs)
        m_logs->pause();
}

void DockerContainerLogStream::resume() {
    m_paused = false;
    if (m_logs)
        m_logs->resume();
}

} // namespace sockerless::backends
