#include "backends/memory/memorybackend.h"

#include "backends/memory/memorycontainers.h"
#include "backends/memory/memoryevents.h"
#include "backends/memory/memoryexec.h"
#include "backends/memory/memoryimages.h"
#include "backends/memory/memorynetworks.h"
#include "backends/memory/memoryvolumes.h"

#include <QJsonObject>
#include <QTimer>

namespace sockerless::backends::memory {

MemoryBackend::MemoryBackend(qint64 logLimit, QObject* parent)
    : Backend(parent)
    , m_events(new MemoryEvents(this))
    , m_images(std::make_unique<MemoryImages>(m_events))
    , m_volumes(std::make_unique<MemoryVolumes>(m_events))
    , m_networks(nullptr)
    , m_containers(new MemoryContainers(
          MemoryContainers::Stores{m_events, m_images.get(), nullptr, m_volumes.get()}, logLimit,
          this))
    , m_exec(std::make_unique<MemoryExec>(m_containers)) {
    // The networks look containers up, and the containers attach to networks.
    m_networks = std::make_unique<MemoryNetworks>(m_events, m_containers);
    m_containers->setNetworks(m_networks.get());
}

MemoryBackend::~MemoryBackend() {
    // Exec instances and container processes first: they refer to the stores.
    m_exec.reset();
    delete m_containers;
    m_containers = nullptr;
}

void MemoryBackend::health(QObject* context, std::function<void(const Health&)> done) {
    QTimer::singleShot(0, context, [done] {
        Health health;
        health.ok = true;
        health.details.insert(QStringLiteral("backend"), QStringLiteral("memory"));
        done(health);
    });
}

void MemoryBackend::info(QObject* context, Callback<QJsonObject> done) {
    QTimer::singleShot(0, context, [this, done] {
        const MemoryContainers::Counts counts = m_containers->counts();
        done(QJsonObject{
            {QStringLiteral("Backend"), QStringLiteral("memory")},
            {QStringLiteral("Version"), QStringLiteral(SOCKERLESS_VERSION)},
            {QStringLiteral("DockerApiVersion"), QJsonValue()},
            {QStringLiteral("Docker"), QJsonValue()},
            {QStringLiteral("Containers"), counts.running + counts.paused + counts.stopped},
            {QStringLiteral("ContainersRunning"), counts.running},
            {QStringLiteral("ContainersPaused"), counts.paused},
            {QStringLiteral("ContainersStopped"), counts.stopped},
            {QStringLiteral("Images"), m_images->count()},
            {QStringLiteral("Networks"), m_networks->count()},
            {QStringLiteral("Volumes"), m_volumes->count()},
        });
    });
}

BackendStream* MemoryBackend::events(const QUrlQuery& query, QObject* context) {
    return m_events->subscribe(query, context);
}

ContainerOps& MemoryBackend::containers() {
    return *m_containers;
}
ExecOps& MemoryBackend::exec() {
    return *m_exec;
}
ImageOps& MemoryBackend::images() {
    return *m_images;
}
NetworkOps& MemoryBackend::networks() {
    return *m_networks;
}
VolumeOps& MemoryBackend::volumes() {
    return *m_volumes;
}

} // namespace sockerless::backends::memory
