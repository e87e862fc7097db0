#include "backends/docker/dockervolumes.h"

namespace sockerless::backends {} // namespace sockerless::backends
