#pragma once

#include "backends/backend.h"

#include <memory>

namespace sockerless::backends::memory {

class MemoryContainers;
class MemoryEvents;
class MemoryExec;
class MemoryImages;
class MemoryNetworks;
class MemoryVolumes;

/// The backend with no Docker at all: containers, exec, images, networks and volumes held in
/// memory, with Docker's shapes and rules, and commands run by a built-in busybox-like `sh`.
/// What people use to test clients of the internal API without a container engine.
class MemoryBackend : public Backend {
    Q_OBJECT
public:
    /// `logLimit` caps each container's kept log, in bytes.
    explicit MemoryBackend(qint64 logLimit, QObject* parent = nullptr);
    ~MemoryBackend() override;

    QString kind() const override { return QStringLiteral("memory"); }
    void health(QObject* context, std::function<void(const Health&)> done) override;
    void info(QObject* context, Callback<QJsonObject> done) override;
    BackendStream* events(const QUrlQuery& query, QObject* context) override;
    ContainerOps& containers() override;
    ExecOps& exec() override;
    ImageOps& images() override;
    NetworkOps& networks() override;
    VolumeOps& volumes() override;

private:
    // Declaration order is construction order: each store only uses the ones above it, and
    // the containers (whose processes post events) go first on destruction.
    MemoryEvents* m_events;
    std::unique_ptr<MemoryImages> m_images;
    std::unique_ptr<MemoryVolumes> m_volumes;
    std::unique_ptr<MemoryNetworks> m_networks;
    MemoryContainers* m_containers;
    std::unique_ptr<MemoryExec> m_exec;
};

} // namespace sockerless::backends::memory
