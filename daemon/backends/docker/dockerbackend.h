#pragma once

#include "backends/backend.h"
#include "docker/dockerendpoint.h"

namespace sockerless::docker {
class DockerClient;
}

namespace sockerless::backends {

/// The reference backend: every operation passes through to a real Docker Engine, whose status
/// codes and messages reach the client unchanged.
class DockerBackend : public Backend {
    Q_OBJECT
public:
    explicit DockerBackend(const docker::DockerEndpoint& endpoint, QObject* parent = nullptr);
    ~DockerBackend() override;

    QString kind() const override { return QStringLiteral("docker"); }
    void health(QObject* context, std::function<void(const Health&)> done) override;
    void info(QObject* context, std::function<void(const Result<QJsonObject>&)> done) override;
    BackendStream* events(const QUrlQuery& query, QObject* context) override;

    docker::DockerClient* client() const { return m_client; }

private:
    docker::DockerClient* m_client;
};

} // namespace sockerless::backends
