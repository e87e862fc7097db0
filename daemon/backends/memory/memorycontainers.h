#pragma once

#include "backends/containerops.h"
#include "backends/memory/memorydirectory.h"

#include <QMap>
#include <QObject>

namespace sockerless::backends::memory {

class MemoryContainer;
class MemoryEvents;
class MemoryImages;
class MemoryNetworks;
class MemoryVolumes;

/// The memory backend's containers: Docker's create, lookup, list, lifecycle, wait and logs,
/// over MemoryContainer objects. Also the directory the network store finds containers in.
class MemoryContainers : public QObject, public ContainerOps, public ContainerDirectory {
    Q_OBJECT
public:
    /// The other stores a container touches.
    struct Stores {
        MemoryEvents* events = nullptr;
        MemoryImages* images = nullptr;
        MemoryNetworks* networks = nullptr;
        MemoryVolumes* volumes = nullptr;
    };
    /// The containers by state, for `info`.
    struct Counts {
        int running = 0;
        int paused = 0;
        int stopped = 0;
    };

    /// `logLimit` caps each container's kept log, in bytes.
    MemoryContainers(const Stores& stores, qint64 logLimit, QObject* parent = nullptr);
    ~MemoryContainers() override;
    /// The network store, which needs this directory first and so comes later.
    void setNetworks(MemoryNetworks* networks) { m_stores.networks = networks; }

    Counts counts() const;
    /// The container `idOrName` names: a full id, a name (with or without `/`), then a unique
    /// id prefix, in Docker's order; nullptr when none (or an ambiguous prefix).
    MemoryContainer* find(const QString& idOrName) const;
    std::optional<ContainerRef> findContainer(const QString& idOrName) const override;

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
    api::Result<api::ContainerCreated> createNow(const api::ContainerCreateRequest& request);
    api::Result<QString> chooseName(const std::optional<QString>& requested) const;
    void removeNow(MemoryContainer* container, bool removeVolumes);
    /// Found, or the contract's 404.
    api::Result<MemoryContainer*> lookup(const QString& id) const;

    Stores m_stores;
    qint64 m_logLimit;
    QMap<QString, MemoryContainer*> m_byId; ///< sorted, so that a prefix lookup is a lower bound
    QHash<QString, MemoryContainer*> m_byName;
};

} // namespace sockerless::backends::memory
