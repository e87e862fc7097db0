#include "routes/execroutes.h"

#include "backends/backend.h"
#include "backends/execops.h"
#include "http/apiserver.h"

namespace sockerless::routes {

void registerExecRoutes(http::ApiServer& server, backends::Backend& backend) {
    Q_UNUSED(server);
    Q_UNUSED(backend);
}

} // namespace sockerless::routes
