#pragma once

#include "backends/imageops.h"
#include "backends/memory/imagestore.h"

#include <QList>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace sockerless::backends::memory {

class MemoryEvents;

/// The memory backend's images: pulled from a registry (Registry HTTP API v2) or loaded from a
/// `docker save` tarball, kept as their manifest and config (layers are not unpacked).
class MemoryImages : public ImageOps {
public:
    explicit MemoryImages(MemoryEvents* events);
    ~MemoryImages() override;

    /// The image `name` refers to: `name[:tag]` (normalised as Docker does: `busybox` is
    /// `docker.io/library/busybox:latest`), `name@sha256:...`, `sha256:<id>`, an id or a unique
    /// id prefix. Nothing when no image matches.
    std::optional<api::Image> find(const QString& name) const;
    /// How many images there are (`info`).
    int count() const;

    BackendStream* pull(const api::ImagePullRequest& request, QObject* context) override;
    void inspect(const QString& name, QObject* context, Callback<api::Image> done) override;
    BackendStream* load(const api::ImageLoadRequest& request, QObject* context) override;
    void tag(const api::ImageTagRequest& request, QObject* context,
             Callback<Nothing> done) override;
    void login(const api::AuthConfig& credentials, QObject* context,
               Callback<api::AuthResponse> done) override;

private:
    QNetworkAccessManager* network();

    MemoryEvents* m_events;
    ImageStore m_store;
    std::unique_ptr<QNetworkAccessManager> m_network; ///< made on the first registry call
};

} // namespace sockerless::backends::memory
