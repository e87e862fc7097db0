#include "backends/docker/dockerexec.h"

#include "backends/docker/dockercall.h"
#include "backends/docker/dockerexecmapping.h"
#include "backends/docker/dockerexecstream.h"
#include "docker/dockerclient.h"

#include <QJsonDocument>

namespace sockerless::backends {

namespace {
const QString kExecKind = QStringLiteral("exec instance");
}

void DockerExec::create(const QString& containerId, const api::ExecCreateRequest& request,
                        QObject* context, Callback<QString> done) {
    docker::DockerRequest call;
    call.method = "POST";
    call.path = docker::DockerPath::build(
        {QStringLiteral("containers"), containerId, QStringLiteral("exec")});
    call.body = QJsonDocument(toDockerExecCreateBody(request)).toJson(QJsonDocument::Compact);
    callDockerJson(
        m_client, call, context,
        [done](const api::Result<QJsonDocument>& answer) {
            if (!answer.ok())
                return done(answer.error());
            done(fromDockerExecCreated(answer.value().object()));
        },
        notFoundAs(QStringLiteral("container"), containerId));
}

void DockerExec::inspect(const QString& id, QObject* context, Callback<api::ExecInspect> done) {
    docker::DockerRequest call;
    call.path = docker::DockerPath::build({QStringLiteral("exec"), id, QStringLiteral("json")});
    callDockerJson(
        m_client, call, context,
        [done](const api::Result<QJsonDocument>& answer) {
            if (!answer.ok())
                return done(answer.error());
            done(fromDockerExecInspect(answer.value().object()));
        },
        notFoundAs(kExecKind, id));
}

void DockerExec::startDetached(const QString& id, QObject* context, Callback<Nothing> done) {
    docker::DockerRequest call;
    call.method = "POST";
    call.path = docker::DockerPath::build({QStringLiteral("exec"), id, QStringLiteral("start")});
    // Docker ignores Tty for a detached start: nothing is attached to size or frame.
    call.body = QJsonDocument(toDockerExecStartBody(true, false)).toJson(QJsonDocument::Compact);
    callDockerStatus(
        m_client, call, context,
        [done](const api::Result<int>& status) {
            if (!status.ok())
                return done(status.error());
            done(Nothing{});
        },
        notFoundAs(kExecKind, id));
}

BackendStream* DockerExec::startAttached(const QString& id, QObject* context) {
    return new DockerExecStream(m_client, id, context);
}

} // namespace sockerless::backends
