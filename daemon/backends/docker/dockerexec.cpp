#include "backends/docker/dockerexec.h"

namespace sockerless::backends {} // namespace sockerless::backends
