#pragma once

#include "backends/backend.h"

namespace sockerless::backends {

/// The images and registry auth: pull, inspect, load, tag, auth.
/// Every call is asynchronous; `context` guards the callback as in Backend.
class ImageOps {
public:
    virtual ~ImageOps() = default;
};

} // namespace sockerless::backends
