#pragma once

namespace sockerless::http {
class ApiServer;
}
namespace sockerless::backends {
class Backend;
}

namespace sockerless::routes {

/// The routes of the networks: create, list, inspect, connect, disconnect, remove, prune.
void registerNetworkRoutes(http::ApiServer& server, backends::Backend& backend);

} // namespace sockerless::routes
