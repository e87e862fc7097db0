#include "backends/docker/dockererrormapping.h"

namespace sockerless::backends {

api::ApiError toApiError(const docker::DockerError& error) {
    using Kind = docker::DockerError::Kind;
    switch (error.kind) {
    case Kind::Http:
        return {error.status, error.message};
    case Kind::Unreachable:
        return api::ApiError::unavailable(QStringLiteral("Docker daemon unreachable at %1: %2")
                                              .arg(error.endpoint, error.message));
    case Kind::Timeout:
        return api::ApiError::unavailable(
            QStringLiteral("Docker daemon at %1 did not answer in time: %2")
                .arg(error.endpoint, error.message));
    case Kind::Protocol:
        return api::ApiError::internal(
            QStringLiteral("Docker daemon at %1 sent an invalid answer: %2")
                .arg(error.endpoint, error.message));
    case Kind::Aborted:
        return api::ApiError::internal(QStringLiteral("the Docker call was aborted"));
    case Kind::None:
        break;
    }
    return api::ApiError::internal(QStringLiteral("unknown Docker error"));
}

} // namespace sockerless::backends
