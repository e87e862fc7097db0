#pragma once

#include "http/requestframer.h"

namespace sockerless::http {

/// The per-connection limits the ConnectionGuard enforces (from `--max-body`, `--max-load-body`,
/// `--max-header-size`, `--idle-timeout`, `--max-connections`).
struct ConnectionLimits {
    RequestFramer::Limits framing; ///< body and header sizes
    int idleTimeoutSeconds = 60;   ///< no request in flight and no bytes moving: close
    int maxConnections = 4096;     ///< open client connections, streams and WebSockets included
};

} // namespace sockerless::http
