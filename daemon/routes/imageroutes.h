#pragma once

namespace sockerless::http {
class ApiServer;
}
namespace sockerless::backends {
class Backend;
}

namespace sockerless::routes {

/// The routes of the images and registry auth: pull, inspect, load, tag, auth.
void registerImageRoutes(http::ApiServer& server, backends::Backend& backend);

} // namespace sockerless::routes
