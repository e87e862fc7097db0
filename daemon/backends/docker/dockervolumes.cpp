#include "backends/docker/dockervolumes.h"

#include "backends/docker/dockercall.h"
#include "backends/docker/dockervolumemapping.h"
#include "docker/dockerpath.h"

namespace sockerless::backends {

namespace {

using Document = api::Result<QJsonDocument>;

// Answers `done` with `map(document)` or the error.
template <typename T, typename Map>
std::function<void(const Document&)> mapped(Callback<T> done, Map map) {
    return [done = std::move(done), map](const Document& result) {
        if (!result.ok())
            return done(result.error());
        done(map(result.value()));
    };
}

ErrorRewrite volumeErrors(const QString& name) {
    return [name](const api::ApiError& error) { return rewriteVolumeError(error, name); };
}

} // namespace

void DockerVolumes::create(const api::VolumeCreateRequest& create, QObject* context,
                           Callback<api::Volume> done) {
    docker::DockerRequest call;
    call.method = "POST";
    call.path = docker::DockerPath::build({QStringLiteral("volumes"), QStringLiteral("create")});
    call.body = toDockerVolumeCreateBody(create);
    // No rewrite: a 404 here is about the driver (`plugin "x" not found`), not a volume.
    callDockerJson(m_client, call, context,
                   mapped<api::Volume>(std::move(done), &fromDockerVolume));
}

void DockerVolumes::list(const api::Filters& filters, QObject* context,
                         Callback<api::VolumeList> done) {
    docker::DockerRequest call;
    call.path = docker::DockerPath::build({QStringLiteral("volumes")});
    if (!filters.isEmpty())
        call.addQueryValue(QStringLiteral("filters"), QString::fromUtf8(filters.toJson()));
    callDockerJson(m_client, call, context,
                   mapped<api::VolumeList>(std::move(done), &fromDockerVolumeList));
}

void DockerVolumes::inspect(const QString& name, QObject* context, Callback<api::Volume> done) {
    docker::DockerRequest call;
    call.path = docker::DockerPath::build({QStringLiteral("volumes"), name});
    callDockerJson(m_client, call, context, mapped<api::Volume>(std::move(done), &fromDockerVolume),
                   volumeErrors(name));
}

void DockerVolumes::remove(const QString& name, bool force, QObject* context,
                           Callback<Nothing> done) {
    docker::DockerRequest call;
    call.method = "DELETE";
    call.path = docker::DockerPath::build({QStringLiteral("volumes"), name});
    if (force)
        call.addQueryValue(QStringLiteral("force"), QStringLiteral("true"));
    callDockerStatus(
        m_client, call, context,
        [done = std::move(done)](const api::Result<int>& result) {
            if (!result.ok())
                return done(result.error());
            done(Nothing{});
        },
        volumeErrors(name));
}

} // namespace sockerless::backends
