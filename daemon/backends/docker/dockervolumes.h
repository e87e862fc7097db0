#pragma once

#include "backends/volumeops.h"

namespace sockerless::docker {
class DockerClient;
}

namespace sockerless::backends {

/// The volumes: create, list, inspect, remove, passed through to Docker.
class DockerVolumes : public VolumeOps {
public:
    explicit DockerVolumes(docker::DockerClient* client)
        : m_client(client) {}

private:
    docker::DockerClient* m_client;
};

} // namespace sockerless::backends
