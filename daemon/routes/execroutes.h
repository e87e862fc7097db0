#pragma once

namespace sockerless::http {
class ApiServer;
}
namespace sockerless::backends {
class Backend;
}

namespace sockerless::routes {

/// The routes of the exec instances: create, inspect, start (interactive or detached).
void registerExecRoutes(http::ApiServer& server, backends::Backend& backend);

} // namespace sockerless::routes
