#pragma once

#include "backends/containerops.h"

namespace sockerless::docker {
class DockerClient;
}

namespace sockerless::backends {

/// The containers: create, list, inspect, start, stop, kill, remove, wait, logs, passed through to
/// Docker.
class DockerContainers : public ContainerOps {
public:
    explicit DockerContainers(docker::DockerClient* client)
        : m_client(client) {}

private:
    docker::DockerClient* m_client;
};

} // namespace sockerless::backends
