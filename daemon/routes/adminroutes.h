#pragma once

namespace sockerless::http {
class ApiServer;
}
namespace sockerless::observe {
class Observability;
}

namespace sockerless::routes {

/// The admin group: `GET /internal/v1/requests` (`limit`, `before`), `WS
/// /internal/v1/requests/stream` and `GET /internal/v1/metrics`, served from `observability`.
void registerAdminRoutes(http::ApiServer& server, observe::Observability& observability);

} // namespace sockerless::routes
