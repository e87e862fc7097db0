#pragma once

#include "backends/volumeops.h"

namespace sockerless::docker {
class DockerClient;
}

namespace sockerless::backends {

/// The volumes: create, list, inspect, remove, passed through to Docker (one buffered call each,
/// aborted when the context goes). The mapping of bodies and answers lives in
/// dockervolumemapping.h; this class only makes the calls.
class DockerVolumes : public VolumeOps {
public:
    explicit DockerVolumes(docker::DockerClient* client)
        : m_client(client) {}

    void create(const api::VolumeCreateRequest& request, QObject* context,
                Callback<api::Volume> done) override;
    void list(const api::Filters& filters, QObject* context,
              Callback<api::VolumeList> done) override;
    void inspect(const QString& name, QObject* context, Callback<api::Volume> done) override;
    void remove(const QString& name, bool force, QObject* context, Callback<Nothing> done) override;

private:
    docker::DockerClient* m_client;
};

} // namespace sockerless::backends
