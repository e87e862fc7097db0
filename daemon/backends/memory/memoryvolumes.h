#pragma once

#include "backends/memory/volumerecord.h"
#include "backends/volumeops.h"

#include <map>

namespace sockerless::backends::memory {

class MemoryEvents;

/// The memory backend's volumes (driver `local`), and which containers use them.
class MemoryVolumes : public VolumeOps {
public:
    /// At most this many volumes: a client cannot make the daemon's memory grow without bound.
    /// Past it, a create (or a mount that would make one) is a 403.
    static constexpr int kMaxVolumes = 100000;

    explicit MemoryVolumes(MemoryEvents* events);
    ~MemoryVolumes() override;

    /// The volume a container being created mounts: the named one (created when missing, as
    /// Docker does), or a new anonymous one (a 64-hex name) when `name` is empty. It is in use by
    /// `containerId` from now on.
    Result<api::Volume> mountFor(const QString& name, const QString& containerId);
    /// The container is being removed: its volumes are no longer in use by it; with
    /// `removeAnonymous` (`v=1`) its anonymous volumes go too.
    void release(const QString& containerId, bool removeAnonymous);
    /// How many volumes there are (`info`).
    int count() const;

    void create(const api::VolumeCreateRequest& request, QObject* context,
                Callback<api::Volume> done) override;
    void list(const api::Filters& filters, QObject* context,
              Callback<api::VolumeList> done) override;
    void inspect(const QString& name, QObject* context, Callback<api::Volume> done) override;
    void remove(const QString& name, bool force, QObject* context, Callback<Nothing> done) override;

private:
    /// Creates the volume, or answers the existing one of that name (Docker's create event
    /// either way).
    Result<VolumeRecord*> createRecord(const api::VolumeCreateRequest& request, bool anonymous);
    void publish(const QString& action, const QString& name);

    MemoryEvents* m_events;
    std::map<QString, VolumeRecord> m_volumes; ///< by name, so lists come sorted
};

} // namespace sockerless::backends::memory
