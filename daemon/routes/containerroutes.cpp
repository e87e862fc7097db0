#include "routes/containerroutes.h"

#include "backends/backend.h"
#include "backends/containerops.h"
#include "http/apiserver.h"

namespace sockerless::routes {

void registerContainerRoutes(http::ApiServer& server, backends::Backend& backend) {
    Q_UNUSED(server);
    Q_UNUSED(backend);
}

} // namespace sockerless::routes
