#pragma once

#include "backends/imageops.h"

namespace sockerless::docker {
class DockerClient;
}

namespace sockerless::backends {

/// The images and registry auth: pull, inspect, load, tag, auth, passed through to Docker.
class DockerImages : public ImageOps {
public:
    explicit DockerImages(docker::DockerClient* client)
        : m_client(client) {}

private:
    docker::DockerClient* m_client;
};

} // namespace sockerless::backends
