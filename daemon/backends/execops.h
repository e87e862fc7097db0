#pragma once

#include "backends/backend.h"

namespace sockerless::backends {

/// The exec instances: create, inspect, start (interactive or detached).
/// Every call is asynchronous; `context` guards the callback as in Backend.
class ExecOps {
public:
    virtual ~ExecOps() = default;
};

} // namespace sockerless::backends
