#pragma once

#include "api/apierror.h"
#include "http/accesspolicy.h"
#include "http/bearerauth.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <optional>

namespace sockerless::http {

struct RequestData;

/// What the daemon's options say about access (Options::token, readOnly, allow, deny).
struct AccessSettings {
    QByteArray token; ///< empty: no token required
    bool readOnly = false;
    QStringList allow; ///< groups; empty: all
    QStringList deny;  ///< groups; wins over allow
};

/// The gate every request passes before routing details: first the token (401), then the
/// policy (403). ApiServer asks it for each HTTP request and each WebSocket right after the
/// handshake, before the handler does any work.
///
/// Order: `GET /internal/v1/healthz` is always let through. Everything else needs the token
/// first, also unknown paths and wrong methods: an unauthenticated client gets 401 everywhere
/// and so cannot learn which routes exist. Once authenticated, an unknown path or method gets
/// its 404/405 (there is no group to judge), a routed call is judged by the policy.
///
/// A failed authentication is logged as one warning line (client, method, path, reason), never
/// with the token presented or expected.
class AccessControl {
public:
    /// Lets everything through.
    AccessControl() = default;
    explicit AccessControl(const AccessSettings& settings);

    /// The refusal of an HTTP request (401 or 403), or nullopt to go on. `routed` is true when
    /// a route matched the method and path (request.routeTemplate is then that route's).
    std::optional<api::ApiError> checkHttp(const RequestData& request, bool routed) const;
    /// The refusal of a WebSocket session (401 or 403), or nullopt to go on. `routeTemplate` is
    /// empty when no WebSocket route matched; `path` is the upgrade's path (no query) for the log.
    std::optional<api::ApiError> checkWebSocket(const QByteArray& authorization,
                                                const QByteArray& subprotocols,
                                                const QString& routeTemplate, const QString& client,
                                                const QString& path) const;

    /// The headers a refusal answer carries: `WWW-Authenticate: Bearer realm="sockerless"` on 401.
    static QList<QPair<QByteArray, QByteArray>> headersFor(const api::ApiError& refusal);

private:
    std::optional<api::ApiError> refuseAuthentication(BearerAuth::Result result, bool webSocket,
                                                      const QString& client, const QString& method,
                                                      const QString& path) const;

    BearerAuth m_auth;
    AccessPolicy m_policy;
};

} // namespace sockerless::http
