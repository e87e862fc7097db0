#include "backends/docker/dockeroutage.h"

#include "docker/dockerclient.h"
#include "docker/dockerreply.h"

#include <QPointer>

namespace sockerless::backends {

void DockerOutage::noteFailure(docker::DockerClient* client, const docker::DockerError& error) {
    if (client && error.kind == docker::DockerError::Kind::Unreachable)
        client->resetApiVersion();
}

void DockerOutage::confirm(docker::DockerClient* client, const docker::DockerError& error,
                           QObject* context,
                           const std::function<void(const docker::DockerError&)>& done) {
    using Kind = docker::DockerError::Kind;
    if (!client || (error.kind != Kind::None && error.kind != Kind::Protocol)) {
        noteFailure(client, error);
        done(error);
        return;
    }
    const QPointer<docker::DockerClient> guard(client);
    client->ping(context, [guard, error, done](const docker::DockerError& pingError) {
        if (pingError.kind != Kind::Unreachable) {
            done(error); // Docker answers (or is slow): the stream itself ended or broke
            return;
        }
        noteFailure(guard.data(), pingError);
        done(pingError);
    });
}

docker::DockerClient* DockerOutage::clientOf(const docker::DockerReply* reply) {
    return reply ? qobject_cast<docker::DockerClient*>(reply->parent()) : nullptr;
}

} // namespace sockerless::backends
