#pragma once

namespace sockerless::http {
class ApiServer;
}
namespace sockerless::backends {
class Backend;
}

namespace sockerless::routes {

/// The routes of the volumes: create, list, inspect, remove.
void registerVolumeRoutes(http::ApiServer& server, backends::Backend& backend);

} // namespace sockerless::routes
