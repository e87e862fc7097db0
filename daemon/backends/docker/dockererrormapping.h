#pragma once

#include "api/apierror.h"
#include "docker/dockererror.h"

namespace sockerless::backends {

/// How a failed Docker call reaches the client: Docker's own status and message when Docker
/// answered (304 stays 304), 503 naming the endpoint when it could not be reached, 500 with the
/// cause for a broken answer.
api::ApiError toApiError(const docker::DockerError& error);

} // namespace sockerless::backends
