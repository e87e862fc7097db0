#include "routes/networkroutes.h"

#include "backends/backend.h"
#include "backends/networkops.h"
#include "http/apiserver.h"

namespace sockerless::routes {

void registerNetworkRoutes(http::ApiServer& server, backends::Backend& backend) {
    Q_UNUSED(server);
    Q_UNUSED(backend);
}

} // namespace sockerless::routes
