#include "backends/docker/dockercontainers.h"

#include "backends/docker/dockerbytestream.h"
#include "backends/docker/dockercall.h"
#include "backends/docker/dockercontainerlogstream.h"
#include "backends/docker/dockercontainermapping.h"
#include "backends/docker/dockererrormapping.h"
#include "docker/dockerclient.h"
#include "docker/dockerreply.h"

#include <QJsonDocument>

namespace sockerless::backends {

using namespace containermapping;

void DockerContainers::create(const api::ContainerCreateRequest& request, QObject* context,
                              Callback<api::ContainerCreated> done) {
    // A 404 here is Docker's `No such image: <ref>`, already worded as the contract wants.
    callDockerJson(m_client, toDockerCreateRequest(request), context,
                   [done](const api::Result<QJsonDocument>& result) {
                       if (!result.ok())
                           return done(result.error());
                       done(fromDockerCreated(result.value()));
                   });
}

void DockerContainers::list(const api::ContainerListOptions& options, QObject* context,
                            Callback<QList<api::ContainerSummary>> done) {
    callDockerJson(m_client, toDockerListRequest(options), context,
                   [done](const api::Result<QJsonDocument>& result) {
                       if (!result.ok())
                           return done(result.error());
                       done(fromDockerList(result.value()));
                   });
}

void DockerContainers::inspect(const QString& id, bool size, QObject* context,
                               Callback<api::ContainerInspect> done) {
    callDockerJson(
        m_client, toDockerInspectRequest(id, size), context,
        [done](const api::Result<QJsonDocument>& result) {
            if (!result.ok())
                return done(result.error());
            done(fromDockerInspect(result.value()));
        },
        notFoundAs(QStringLiteral("container"), id));
}

void DockerContainers::callForStatus(const docker::DockerRequest& request, const QString& id,
                                     QObject* context, const Callback<Nothing>& done) {
    callDockerStatus(
        m_client, request, context,
        [done](const api::Result<int>& result) {
            if (result.ok())
                done(Nothing{});
            else
                done(result.error());
        },
        notFoundAs(QStringLiteral("container"), id));
}

void DockerContainers::start(const QString& id, QObject* context, Callback<Nothing> done) {
    callForStatus(toDockerStartRequest(id), id, context, done);
}

void DockerContainers::stop(const QString& id, const api::ContainerStopOptions& options,
                            QObject* context, Callback<Nothing> done) {
    callForStatus(toDockerStopRequest(id, options), id, context, done);
}

void DockerContainers::kill(const QString& id, const QString& signal, QObject* context,
                            Callback<Nothing> done) {
    callForStatus(toDockerKillRequest(id, signal), id, context, done);
}

void DockerContainers::remove(const QString& id, const api::ContainerRemoveOptions& options,
                              QObject* context, Callback<Nothing> done) {
    callForStatus(toDockerRemoveRequest(id, options), id, context, done);
}

BackendStream* DockerContainers::wait(const QString& id, api::WaitCondition condition,
                                      QObject* context) {
    // Docker sends the headers as soon as the wait is registered and the body at the exit: a
    // byte stream opens at the headers, which is what lets `docker run` start the container
    // after its wait is in place.
    return new DockerByteStream(m_client->send(toDockerWaitRequest(id, condition), context),
                                context, "application/json",
                                notFoundAs(QStringLiteral("container"), id));
}

BackendStream* DockerContainers::logs(const QString& id, const api::ContainerLogsOptions& options,
                                      QObject* context) {
    return new DockerContainerLogStream(m_client, id, options, context);
}

} // namespace sockerless::backends
