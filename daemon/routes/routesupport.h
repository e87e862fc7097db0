#pragma once

#include "api/result.h"
#include "http/httpexchange.h"

#include <QJsonValue>
#include <optional>

namespace sockerless::backends {
class BackendStream;
}
namespace sockerless::http {
class WebSocketSession;
}

namespace sockerless::routes {

/// Fails the exchange with `error` when there is one; true when it did
/// (`if (rejected(exchange, api::checkId("container", id))) return;`).
bool rejected(const http::ExchangePtr& exchange, const std::optional<api::ApiError>& error);

/// The value of `result`, or nothing after failing the exchange with its error
/// (`const auto all = valueOrFail(exchange, query.boolean("all")); if (!all) return;`).
template <typename T>
std::optional<T> valueOrFail(const http::ExchangePtr& exchange, const api::Result<T>& result) {
    if (result.ok())
        return result.value();
    exchange->fail(result.error());
    return std::nullopt;
}

/// Answers a JSON result with `status`, or its error.
void respondResult(const http::ExchangePtr& exchange, const api::Result<QJsonValue>& result,
                   int status = 200);
/// Answers an empty result with `status` (204, 201 ...), or its error (a 304 stays empty).
void respondResult(const http::ExchangePtr& exchange, const api::Result<api::Nothing>& result,
                   int status);

/// Pipes a backend stream into a chunked HTTP answer: the status line and headers go out when
/// the stream opens (with the stream's content type, else `fallbackContentType`), each message
/// is written as it comes, a congested client pauses the stream and a drained one resumes it.
/// A failure before the stream opened is answered as an error; after, the connection is closed
/// (the status is gone). The stream must be parented to `exchange->lifetime()`: a client that
/// leaves destroys it, which closes the upstream connection at once.
void streamToHttp(backends::BackendStream* stream, const http::ExchangePtr& exchange,
                  int status = 200, const QByteArray& fallbackContentType = "application/json");

/// How stream messages become WebSocket messages.
enum class WebSocketPayload { Text, Binary };

/// Pipes a backend stream into a WebSocket: one message per stream message, close 1000 at the
/// end, and on failure one text message `{"message","status"}` then close 4000+status. The
/// stream must be parented to `session`; it is deleted when the socket closes.
void streamToWebSocket(backends::BackendStream* stream, http::WebSocketSession* session,
                       WebSocketPayload payload);

} // namespace sockerless::routes
