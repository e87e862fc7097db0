#pragma once

#include "backends/backend.h"
#include "docker/dockerendpoint.h"

#include <memory>

namespace sockerless::docker {
class DockerClient;
}

namespace sockerless::backends {

class DockerContainers;
class DockerExec;
class DockerImages;
class DockerNetworks;
class DockerVolumes;

/// The reference backend: every operation passes through to a real Docker Engine, whose status
/// codes and messages reach the client unchanged.
class DockerBackend : public Backend {
    Q_OBJECT
public:
    explicit DockerBackend(const docker::DockerEndpoint& endpoint, QObject* parent = nullptr);
    ~DockerBackend() override;

    QString kind() const override { return QStringLiteral("docker"); }
    void health(QObject* context, std::function<void(const Health&)> done) override;
    void info(QObject* context, Callback<QJsonObject> done) override;
    BackendStream* events(const QUrlQuery& query, QObject* context) override;
    ContainerOps& containers() override;
    ExecOps& exec() override;
    ImageOps& images() override;
    NetworkOps& networks() override;
    VolumeOps& volumes() override;

    docker::DockerClient* client() const { return m_client; }

private:
    docker::DockerClient* m_client;
    std::unique_ptr<DockerContainers> m_containers;
    std::unique_ptr<DockerExec> m_exec;
    std::unique_ptr<DockerImages> m_images;
    std::unique_ptr<DockerNetworks> m_networks;
    std::unique_ptr<DockerVolumes> m_volumes;
};

} // namespace sockerless::backends
