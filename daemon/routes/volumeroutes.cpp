#include "routes/volumeroutes.h"

#include "backends/backend.h"
#include "backends/volumeops.h"
#include "http/apiserver.h"

namespace sockerless::routes {

void registerVolumeRoutes(http::ApiServer& server, backends::Backend& backend) {
    Q_UNUSED(server);
    Q_UNUSED(backend);
}

} // namespace sockerless::routes
