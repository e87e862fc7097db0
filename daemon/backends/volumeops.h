#pragma once

#include "backends/backend.h"

namespace sockerless::backends {

/// The volumes: create, list, inspect, remove.
/// Every call is asynchronous; `context` guards the callback as in Backend.
class VolumeOps {
public:
    virtual ~VolumeOps() = default;
};

} // namespace sockerless::backends
