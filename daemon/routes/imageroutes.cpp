#include "routes/imageroutes.h"

#include "backends/backend.h"
#include "backends/imageops.h"
#include "http/apiserver.h"

namespace sockerless::routes {

void registerImageRoutes(http::ApiServer& server, backends::Backend& backend) {
    Q_UNUSED(server);
    Q_UNUSED(backend);
}

} // namespace sockerless::routes
