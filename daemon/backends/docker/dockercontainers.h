#pragma once

#include "backends/containerops.h"

namespace sockerless::docker {
class DockerClient;
struct DockerRequest;
} // namespace sockerless::docker

namespace sockerless::backends {

/// The containers: create, list, inspect, start, stop, kill, remove, wait, logs, passed through to
/// Docker. The shapes are translated in dockercontainermapping; this class only makes the calls,
/// each guarded by its context, and words Docker's 404s as the contract does.
class DockerContainers : public ContainerOps {
public:
    explicit DockerContainers(docker::DockerClient* client)
        : m_client(client) {}

    void create(const api::ContainerCreateRequest& request, QObject* context,
                Callback<api::ContainerCreated> done) override;
    void list(const api::ContainerListOptions& options, QObject* context,
              Callback<QList<api::ContainerSummary>> done) override;
    void inspect(const QString& id, bool size, QObject* context,
                 Callback<api::ContainerInspect> done) override;
    void start(const QString& id, QObject* context, Callback<Nothing> done) override;
    void stop(const QString& id, const api::ContainerStopOptions& options, QObject* context,
              Callback<Nothing> done) override;
    void kill(const QString& id, const QString& signal, QObject* context,
              Callback<Nothing> done) override;
    void remove(const QString& id, const api::ContainerRemoveOptions& options, QObject* context,
                Callback<Nothing> done) override;
    BackendStream* wait(const QString& id, api::WaitCondition condition, QObject* context) override;
    BackendStream* logs(const QString& id, const api::ContainerLogsOptions& options,
                        QObject* context) override;

private:
    /// A call answered by a status only (start, stop, kill, remove).
    void callForStatus(const docker::DockerRequest& request, const QString& id, QObject* context,
                       const Callback<Nothing>& done);

    docker::DockerClient* m_client;
};

} // namespace sockerless::backends
