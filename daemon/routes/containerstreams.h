#pragma once

// The WebSocket ends of the container streams, where they differ from streamToWebSocket: wait
// answers with one message, logs forward whole frames only.

namespace sockerless::backends {
class BackendStream;
}
namespace sockerless::http {
class WebSocketSession;
}

namespace sockerless::routes {

/// `WS .../wait`: collects the wait answer (it may come in pieces) and sends it as one text
/// message, then closes 1000. A failure before the answer is one error message and close
/// 4000+status. A peer that leaves deletes the stream, which aborts the Docker call.
void waitToWebSocket(backends::BackendStream* stream, http::WebSocketSession* session);

/// `WS .../logs/stream`: binary messages holding only whole frames of a multiplexed stream (a
/// partial frame waits for its rest), or raw pieces as they come for a TTY's raw stream; close
/// 1000 at the end. A slow peer pauses the stream (backpressure) until its backlog drained.
void logsToWebSocket(backends::BackendStream* stream, http::WebSocketSession* session);

} // namespace sockerless::routes
