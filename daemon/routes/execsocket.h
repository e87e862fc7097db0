#pragma once

namespace sockerless::backends {
class BackendStream;
}
namespace sockerless::http {
class WebSocketSession;
}

namespace sockerless::routes {

/// Joins an attached exec stream (ExecOps::startAttached, parented to `session`) to its
/// WebSocket, as the contract's `WS /internal/v1/exec/{id}/start` says:
/// - client binary messages go to the process's stdin, as they are;
/// - the text message `{"closeStdin":true}` half-closes stdin (the process reads EOF); later
///   binary messages are dropped. `{"closeStdin":false}` changes nothing;
/// - any other text message FAILS the session clearly rather than being ignored (a client
///   that sends stdin as text, or misspells the command, learns it at once): one text message
///   `{"message","status":400}` naming what is understood, then close 4400, which also ends the
///   exec's connection;
/// - server binary messages carry the output: for a multiplexed stream (no TTY) each message
///   holds whole Docker frames only (8-byte header and payload, never split), for a raw stream
///   (TTY) the bytes as they come;
/// - close 1000 when the process has ended and its output is sent; a failure (unknown exec:
///   close 4404, container not running: 4409) is one text message then close 4000+status;
/// - a client reading slower than the process writes pauses the stream (backpressure up to
///   Docker); a client that leaves deletes the stream at once, closing Docker's connection.
void bridgeExecWebSocket(backends::BackendStream* stream, http::WebSocketSession* session);

} // namespace sockerless::routes
