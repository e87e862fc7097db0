#pragma once

#include "api/containertypes.h"
#include "api/imagetypes.h"
#include "api/result.h"
#include "backends/memory/memorycontainer.h"

namespace sockerless::backends::memory {

class MemoryVolumes;

/// Turns a create request and its image into what the container is made of, with Docker's
/// rules: the image's Cmd, Entrypoint, Env, WorkingDir, Labels, User, ExposedPorts, Volumes and
/// StopSignal as defaults, HostConfig's defaults, and the mounts (named, anonymous and bind).
class MemorySetup {
public:
    /// The setup of container `id` called `name`; a 400 `No command specified` when neither the
    /// request nor the image gives a command. Volumes it mounts are created in `volumes`.
    static api::Result<ContainerSetup> build(const api::ContainerCreateRequest& request,
                                             const api::Image& image, const QString& id,
                                             const QString& name, MemoryVolumes* volumes);
};

} // namespace sockerless::backends::memory
