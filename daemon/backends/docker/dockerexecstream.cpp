#include "backends/docker/dockerexecstream.h"

#include "backends/docker/dockerbytestream.h"
#include "backends/docker/dockercall.h"
#include "backends/docker/dockerexecmapping.h"
#include "docker/dockerclient.h"

#include <QJsonDocument>

namespace sockerless::backends {

namespace {
const QString kExecKind = QStringLiteral("exec instance");
}

DockerExecStream::DockerExecStream(docker::DockerClient* client, const QString& id,
                                   QObject* context)
    : BackendStream(context)
    , m_client(client)
    , m_id(id) {
    docker::DockerRequest request;
    request.path = docker::DockerPath::build({QStringLiteral("exec"), id, QStringLiteral("json")});
    callDockerJson(
        client, request, this,
        [this](const api::Result<QJsonDocument>& answer) {
            if (!answer.ok())
                return fail(answer.error());
            const auto inspect = fromDockerExecInspect(answer.value().object());
            if (!inspect.ok())
                return fail(inspect.error());
            start(inspect.value().processConfig.tty);
        },
        notFoundAs(kExecKind, id));
}

void DockerExecStream::start(bool tty) {
    const QByteArray type = execStreamContentType(tty);
    setContentType(type);
    docker::DockerRequest request;
    request.method = "POST";
    request.path =
        docker::DockerPath::build({QStringLiteral("exec"), m_id, QStringLiteral("start")});
    request.body = QJsonDocument(toDockerExecStartBody(false, tty)).toJson(QJsonDocument::Compact);
    request.upgrade = true;
    auto* upstream = new DockerByteStream(m_client->send(request, this), this, type);
    upstream->overrideContentType(type);
    m_upstream = upstream;
    connect(upstream, &BackendStream::opened, this, &BackendStream::opened);
    connect(upstream, &BackendStream::message, this, &BackendStream::message);
    connect(upstream, &BackendStream::ended, this, &BackendStream::ended);
    const ErrorRewrite rewrite = notFoundAs(kExecKind, m_id);
    connect(upstream, &BackendStream::failed, this,
            [this, rewrite](const api::ApiError& error) { fail(rewrite(error)); });
    for (const QByteArray& bytes : std::exchange(m_pendingWrites, {}))
        upstream->write(bytes);
    if (m_closeWritePending)
        upstream->closeWrite();
    if (m_paused)
        upstream->pause();
}

void DockerExecStream::fail(const api::ApiError& error) {
    emit failed(error);
}

void DockerExecStream::pause() {
    m_paused = true;
    if (m_upstream)
        m_upstream->pause();
}

void DockerExecStream::resume() {
    m_paused = false;
    if (m_upstream)
        m_upstream->resume();
}

void DockerExecStream::write(const QByteArray& data) {
    if (m_upstream)
        m_upstream->write(data);
    else if (!m_closeWritePending)
        m_pendingWrites.append(data);
}

void DockerExecStream::closeWrite() {
    if (m_upstream)
        m_upstream->closeWrite();
    else
        m_closeWritePending = true;
}

} // namespace sockerless::backends
