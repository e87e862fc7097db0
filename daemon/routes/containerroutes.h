#pragma once

namespace sockerless::http {
class ApiServer;
}
namespace sockerless::backends {
class Backend;
}

namespace sockerless::routes {

/// The routes of the containers: create, list, inspect, start, stop, kill, remove, wait, logs.
void registerContainerRoutes(http::ApiServer& server, backends::Backend& backend);

} // namespace sockerless::routes
