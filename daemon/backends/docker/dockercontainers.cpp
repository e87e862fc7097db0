#include "backends/docker/dockercontainers.h"

namespace sockerless::backends {} // namespace sockerless::backends
