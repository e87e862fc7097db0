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

namespace {

api::ApiError containerNotFound(const QString& id) {
    return api::ApiError::notFound(QStringLiteral("container"), id);
}

// A buffered call about one container: `done` gets the body, or the error with Docker's 404
// worded as the contract wants. Docker answers a redirect (301) when the decoded id holds a path
// that Go cleans (`a/`, `a//b`): no container has such a name, so that is a 404 too. Guarded by
// `context` as callDockerJson is.
void callAboutContainer(docker::DockerClient* client, const docker::DockerRequest& request,
                        const QString& id, QObject* context,
                        const std::function<void(const api::Result<QByteArray>&)>& done) {
    docker::DockerReply* reply = client->send(request);
    QObject::connect(context, &QObject::destroyed, reply, &docker::DockerReply::abort);
    QObject::connect(reply, &docker::DockerReply::finished, context, [reply, id, done] {
        if (reply->status() >= 300)
            return done(containerNotFound(id));
        done(reply->body());
    });
    QObject::connect(reply, &docker::DockerReply::failed, context,
                     [id, done](const docker::DockerError& error) {
                         const api::ApiError mapped = toApiError(error);
                         done(mapped.status == 404 ? containerNotFound(id) : mapped);
                     });
}

} // namespace

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
    callAboutContainer(m_client, toDockerInspectRequest(id, size), id, context,
                       [done](const api::Result<QByteArray>& result) {
                           if (!result.ok())
                               return done(result.error());
                           QJsonParseError parseError{};
                           const QJsonDocument document =
                               QJsonDocument::fromJson(result.value(), &parseError);
                           if (parseError.error != QJsonParseError::NoError)
                               return done(api::ApiError::internal(
                                   QStringLiteral("Docker sent invalid JSON for a container "
                                                  "inspect: %1")
                                       .arg(parseError.errorString())));
                           done(fromDockerInspect(document));
                       });
}

void DockerContainers::callForStatus(const docker::DockerRequest& request, const QString& id,
                                     QObject* context, const Callback<Nothing>& done) {
    callAboutContainer(m_client, request, id, context,
                       [done](const api::Result<QByteArray>& result) {
                           if (result.ok())
                               done(Nothing{});
                           else
                               done(result.error());
                       });
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
    return new DockerByteStream(m_client->send(toDockerWaitRequest(id, condition)), context,
                                "application/json", notFoundAs(QStringLiteral("container"), id));
}

BackendStream* DockerContainers::logs(const QString& id, const api::ContainerLogsOptions& options,
                                      QObject* context) {
    return new DockerContainerLogStream(m_client, id, options, context);
}

} // namespace sockerless::backends
