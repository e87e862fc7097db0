#include "backends/docker/dockernetworks.h"

namespace sockerless::backends {} // namespace sockerless::backends
