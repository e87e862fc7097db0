#pragma once

#include "backends/imageops.h"

namespace sockerless::docker {
class DockerClient;
}

namespace sockerless::backends {

/// The images and registry auth: pull, inspect, load, tag, login, passed through to Docker
/// (`POST /images/create`, `GET /images/{name}/json`, `POST /images/load`,
/// `POST /images/{name}/tag`, `POST /auth`). The shapes are translated by the functions of
/// dockerimagemapping.h; this class only sends the calls and routes their answers.
class DockerImages : public ImageOps {
public:
    /// `client` is the backend's; it outlives these operations.
    explicit DockerImages(docker::DockerClient* client)
        : m_client(client) {}

    // The ImageOps calls; their contract is documented there.
    BackendStream* pull(const api::ImagePullRequest& request, QObject* context) override;
    void inspect(const QString& name, QObject* context, Callback<api::Image> done) override;
    BackendStream* load(const api::ImageLoadRequest& request, QObject* context) override;
    void tag(const api::ImageTagRequest& request, QObject* context,
             Callback<Nothing> done) override;
    void login(const api::AuthConfig& credentials, QObject* context,
               Callback<api::AuthResponse> done) override;

private:
    docker::DockerClient* m_client;
};

} // namespace sockerless::backends
