#pragma once

#include <QByteArray>

namespace sockerless::http {

/// The bearer-token check (`--token-file`, `SOCKERLESS_TOKEN`). Keeps only the SHA-256 digest of
/// the token, and compares the digest of what a client presents with it in constant time: no
/// early exit on the first differing byte, and since both sides are 32-byte digests the
/// presented token's length cannot leak through the comparison either.
///
/// Where the token may come from:
/// - `Authorization: Bearer <token>` (HTTP and WebSocket upgrades);
/// - on a WebSocket upgrade also the `Sec-WebSocket-Protocol` header, as the subprotocol
///   `bearer.<token>` (browsers cannot set `Authorization` on a WebSocket). Qt 6.4's QHttpServer
///   keeps its QWebSocketServer private, so the daemon cannot echo the subprotocol back: clients
///   that insist on the echo (browsers) fail the handshake on their side, clients that do not
///   (QWebSocket, websocat, most libraries) work. The token must then be made of HTTP token
///   characters (hex or base64url without padding).
/// Never the query string: the path and query land in the request log and in proxies' logs.
class BearerAuth {
public:
    enum class Result { Accepted, Missing, Wrong };

    /// No token: enabled() is false and every check accepts.
    BearerAuth() = default;
    /// Requires `token` (empty: no token required).
    explicit BearerAuth(const QByteArray& token);

    /// True when a token is required.
    bool enabled() const { return !m_digest.isEmpty(); }
    /// Checks an HTTP request's `Authorization` header value.
    Result checkAuthorization(const QByteArray& authorization) const;
    /// Checks a WebSocket upgrade: `Authorization`, or else a `bearer.<token>` subprotocol.
    Result checkWebSocket(const QByteArray& authorization, const QByteArray& subprotocols) const;

    /// Compares two byte strings in time that depends on neither their contents nor on where
    /// they differ: both are hashed to SHA-256 and the digests are compared without early exit.
    static bool constantTimeEquals(const QByteArray& a, const QByteArray& b);
    /// The token of `Bearer <token>` (scheme case-insensitive), or empty.
    static QByteArray tokenFromAuthorization(const QByteArray& authorization);
    /// The token of the first `bearer.<token>` in a `Sec-WebSocket-Protocol` list, or empty.
    static QByteArray tokenFromSubprotocols(const QByteArray& subprotocols);

private:
    Result check(const QByteArray& presented) const;

    QByteArray m_digest; ///< SHA-256 of the token; the token itself is not kept
};

} // namespace sockerless::http
