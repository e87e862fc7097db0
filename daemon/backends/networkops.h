#pragma once

#include "backends/backend.h"

namespace sockerless::backends {

/// The networks: create, list, inspect, connect, disconnect, remove, prune.
/// Every call is asynchronous; `context` guards the callback as in Backend.
class NetworkOps {
public:
    virtual ~NetworkOps() = default;
};

} // namespace sockerless::backends
