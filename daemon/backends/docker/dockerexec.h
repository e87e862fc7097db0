#pragma once

#include "backends/execops.h"

namespace sockerless::docker {
class DockerClient;
}

namespace sockerless::backends {

/// The exec instances: create, inspect, start (interactive or detached), passed through to Docker.
/// Docker's 404s are worded as the contract says (`No such container: <id>`,
/// `No such exec instance: <id>`, with the id as the client sent it); its 409s pass unchanged.
class DockerExec : public ExecOps {
public:
    explicit DockerExec(docker::DockerClient* client)
        : m_client(client) {}

    void create(const QString& containerId, const api::ExecCreateRequest& request, QObject* context,
                Callback<QString> done) override;
    void inspect(const QString& id, QObject* context, Callback<api::ExecInspect> done) override;
    void startDetached(const QString& id, QObject* context, Callback<Nothing> done) override;
    BackendStream* startAttached(const QString& id, QObject* context) override;

private:
    docker::DockerClient* m_client;
};

} // namespace sockerless::backends
