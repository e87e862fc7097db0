#pragma once

#include "api/filters.h"
#include "api/volumetypes.h"
#include "backends/backend.h"

#include <QString>

namespace sockerless::backends {

/// The volumes: create, list, inspect, remove.
/// Every call is asynchronous; `context` guards the callback as in Backend: once it is destroyed
/// the work is abandoned (the upstream call aborted) and `done` is never called. `name` is a
/// volume name, already checked by the caller (api::checkId). A missing volume is a 404
/// `No such volume: <name>`.
class VolumeOps {
public:
    virtual ~VolumeOps() = default;

    /// Creates a volume (a generated name when the request has none) and answers it as inspect
    /// would. Like Docker, creating a name that exists answers the existing volume.
    virtual void create(const api::VolumeCreateRequest& request, QObject* context,
                        Callback<api::Volume> done) = 0;
    /// The volumes matching `filters` (label, name, driver, dangling).
    virtual void list(const api::Filters& filters, QObject* context,
                      Callback<api::VolumeList> done) = 0;
    virtual void inspect(const QString& name, QObject* context, Callback<api::Volume> done) = 0;
    /// Removes the volume; one in use by a container is a 409.
    virtual void remove(const QString& name, bool force, QObject* context,
                        Callback<Nothing> done) = 0;
};

} // namespace sockerless::backends
