#pragma once

#include "backends/execops.h"

namespace sockerless::docker {
class DockerClient;
}

namespace sockerless::backends {

/// The exec instances: create, inspect, start (interactive or detached), passed through to Docker.
class DockerExec : public ExecOps {
public:
    explicit DockerExec(docker::DockerClient* client)
        : m_client(client) {}

private:
    docker::DockerClient* m_client;
};

} // namespace sockerless::backends
