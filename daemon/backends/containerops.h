#pragma once

#include "backends/backend.h"

namespace sockerless::backends {

/// The containers: create, list, inspect, start, stop, kill, remove, wait, logs.
/// Every call is asynchronous; `context` guards the callback as in Backend.
class ContainerOps {
public:
    virtual ~ContainerOps() = default;
};

} // namespace sockerless::backends
