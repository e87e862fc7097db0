#pragma once

namespace sockerless::http {
class ApiServer;
}
namespace sockerless::backends {
class Backend;
}

namespace sockerless::routes {

/// `GET /internal/v1/healthz`, `GET /internal/v1/info` and `WS /internal/v1/events`.
void registerSystemRoutes(http::ApiServer& server, backends::Backend& backend);

} // namespace sockerless::routes
