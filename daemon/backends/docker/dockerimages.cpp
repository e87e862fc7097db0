#include "backends/docker/dockerimages.h"

namespace sockerless::backends {} // namespace sockerless::backends
