#pragma once

#include "backends/networkops.h"

namespace sockerless::docker {
class DockerClient;
}

namespace sockerless::backends {

/// The networks: create, list, inspect, connect, disconnect, remove, prune, passed through to
/// Docker.
class DockerNetworks : public NetworkOps {
public:
    explicit DockerNetworks(docker::DockerClient* client)
        : m_client(client) {}

private:
    docker::DockerClient* m_client;
};

} // namespace sockerless::backends
