#include "backends/docker/dockercontainermapping.h"

#include "docker/dockerpath.h"

#include <QJsonArray>

namespace sockerless::backends::containermapping {

using docker::DockerPath;
using docker::DockerRequest;

namespace {

QString flag(bool value) {
    return value ? QStringLiteral("1") : QStringLiteral("0");
}

// Docker's answers are trusted less than ours: a shape it should never send is a 500 that says
// what was wrong, not a crash or a silently empty object.
api::ApiError unexpected(const QString& what, const api::ApiError& cause) {
    return api::ApiError::internal(
        QStringLiteral("Docker sent an unexpected %1: %2").arg(what, cause.message));
}

} // namespace

QJsonObject toDockerCreateBody(const api::ContainerCreateRequest& request) {
    QJsonObject body = request.config.toJson();
    if (request.hostConfig)
        body.insert(QStringLiteral("HostConfig"), request.hostConfig->toJson());
    if (request.networkingConfig)
        body.insert(QStringLiteral("NetworkingConfig"), request.networkingConfig->toJson());
    return body;
}

DockerRequest toDockerCreateRequest(const api::ContainerCreateRequest& request) {
    DockerRequest out;
    out.method = "POST";
    out.path = DockerPath::build({QStringLiteral("containers"), QStringLiteral("create")});
    if (request.name && !request.name->isEmpty())
        out.addQueryValue(QStringLiteral("name"), *request.name);
    out.body = QJsonDocument(toDockerCreateBody(request)).toJson(QJsonDocument::Compact);
    return out;
}

DockerRequest toDockerListRequest(const api::ContainerListOptions& options) {
    DockerRequest out;
    out.path = DockerPath::build({QStringLiteral("containers"), QStringLiteral("json")});
    if (options.all)
        out.addQueryValue(QStringLiteral("all"), flag(true));
    if (options.limit > 0)
        out.addQueryValue(QStringLiteral("limit"), QString::number(options.limit));
    if (options.size)
        out.addQueryValue(QStringLiteral("size"), flag(true));
    if (!options.filters.isEmpty())
        out.addQueryValue(QStringLiteral("filters"), QString::fromUtf8(options.filters.toJson()));
    return out;
}

DockerRequest toDockerInspectRequest(const QString& id, bool size) {
    DockerRequest out;
    out.path = DockerPath::build({QStringLiteral("containers"), id, QStringLiteral("json")});
    if (size)
        out.addQueryValue(QStringLiteral("size"), flag(true));
    return out;
}

DockerRequest toDockerStartRequest(const QString& id) {
    DockerRequest out;
    out.method = "POST";
    out.path = DockerPath::build({QStringLiteral("containers"), id, QStringLiteral("start")});
    return out;
}

DockerRequest toDockerStopRequest(const QString& id, const api::ContainerStopOptions& options) {
    DockerRequest out;
    out.method = "POST";
    out.path = DockerPath::build({QStringLiteral("containers"), id, QStringLiteral("stop")});
    if (options.timeout)
        out.addQueryValue(QStringLiteral("t"), QString::number(*options.timeout));
    if (!options.signal.isEmpty())
        out.addQueryValue(QStringLiteral("signal"), options.signal);
    // Docker answers when the container stopped: after up to `t` seconds (10 by default, or the
    // container's StopTimeout, -1 = forever).
    out.headerTimeoutMs = 0;
    return out;
}

DockerRequest toDockerKillRequest(const QString& id, const QString& signal) {
    DockerRequest out;
    out.method = "POST";
    out.path = DockerPath::build({QStringLiteral("containers"), id, QStringLiteral("kill")});
    out.addQueryValue(QStringLiteral("signal"),
                      signal.isEmpty() ? QStringLiteral("SIGKILL") : signal);
    return out;
}

DockerRequest toDockerRemoveRequest(const QString& id, const api::ContainerRemoveOptions& options) {
    DockerRequest out;
    out.method = "DELETE";
    out.path = DockerPath::build({QStringLiteral("containers"), id});
    if (options.force)
        out.addQueryValue(QStringLiteral("force"), flag(true));
    if (options.volumes)
        out.addQueryValue(QStringLiteral("v"), flag(true));
    // A forced remove of a running container waits for the kill.
    out.headerTimeoutMs = 0;
    return out;
}

DockerRequest toDockerWaitRequest(const QString& id, api::WaitCondition condition) {
    DockerRequest out;
    out.method = "POST";
    out.path = DockerPath::build({QStringLiteral("containers"), id, QStringLiteral("wait")});
    out.addQueryValue(QStringLiteral("condition"), api::waitConditionName(condition));
    out.headerTimeoutMs = 0;
    return out;
}

DockerRequest toDockerLogsRequest(const QString& id, const api::ContainerLogsOptions& options) {
    DockerRequest out;
    out.path = DockerPath::build({QStringLiteral("containers"), id, QStringLiteral("logs")});
    out.addQueryValue(QStringLiteral("stdout"), flag(options.showStdout));
    out.addQueryValue(QStringLiteral("stderr"), flag(options.showStderr));
    if (options.follow)
        out.addQueryValue(QStringLiteral("follow"), flag(true));
    if (options.timestamps)
        out.addQueryValue(QStringLiteral("timestamps"), flag(true));
    if (!options.tail.isEmpty())
        out.addQueryValue(QStringLiteral("tail"), options.tail);
    if (!options.since.isEmpty())
        out.addQueryValue(QStringLiteral("since"), options.since);
    if (!options.until.isEmpty())
        out.addQueryValue(QStringLiteral("until"), options.until);
    if (options.follow)
        out.headerTimeoutMs = 0;
    return out;
}

api::Result<api::ContainerCreated> fromDockerCreated(const QJsonDocument& document) {
    if (!document.isObject())
        return api::ApiError::internal(
            QStringLiteral("Docker sent an unexpected create answer: not a JSON object"));
    auto created = api::ContainerCreated::fromJson(document.object());
    if (!created.ok())
        return unexpected(QStringLiteral("create answer"), created.error());
    return created;
}

api::Result<api::ContainerInspect> fromDockerInspect(const QJsonDocument& document) {
    if (!document.isObject())
        return api::ApiError::internal(
            QStringLiteral("Docker sent an unexpected container inspect: not a JSON object"));
    auto inspect = api::ContainerInspect::fromJson(document.object());
    if (!inspect.ok())
        return unexpected(QStringLiteral("container inspect"), inspect.error());
    return inspect;
}

api::Result<QList<api::ContainerSummary>> fromDockerList(const QJsonDocument& document) {
    if (!document.isArray())
        return api::ApiError::internal(
            QStringLiteral("Docker sent an unexpected container list: not a JSON array"));
    QList<api::ContainerSummary> list;
    const QJsonArray array = document.array();
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto summary =
            api::ContainerSummary::fromJson(array.at(i).toObject(), QStringLiteral("[%1]").arg(i));
        if (!summary.ok())
            return unexpected(QStringLiteral("container list"), summary.error());
        list.append(summary.value());
    }
    return list;
}

QByteArray logsContentType(bool tty) {
    return tty ? QByteArrayLiteral("application/vnd.docker.raw-stream")
               : QByteArrayLiteral("application/vnd.docker.multiplexed-stream");
}

} // namespace sockerless::backends::containermapping
