#include "http/accesscontrol.h"

#include "http/httpexchange.h"
#include "observe/log.h"

namespace sockerless::http {

AccessControl::AccessControl(const AccessSettings& settings)
    : m_auth(settings.token)
    , m_policy(settings.readOnly, settings.allow, settings.deny) {}

std::optional<api::ApiError> AccessControl::refuseAuthentication(BearerAuth::Result result,
                                                                 bool webSocket,
                                                                 const QString& client,
                                                                 const QString& method,
                                                                 const QString& path) const {
    if (result == BearerAuth::Result::Accepted)
        return std::nullopt;
    const bool missing = result == BearerAuth::Result::Missing;
    // One line per failure: enough to see (and alert on) a rate of failures. Never the token.
    observe::Log::warning(QStringLiteral("authentication failed"),
                          {{QStringLiteral("client"), client},
                           {QStringLiteral("method"), method},
                           {QStringLiteral("path"), path},
                           {QStringLiteral("reason"),
                            missing ? QStringLiteral("no token") : QStringLiteral("wrong token")}});
    if (!missing)
        return api::ApiError{401, QStringLiteral("invalid bearer token")};
    return api::ApiError{401, webSocket ? QStringLiteral("authentication required: send the token "
                                                         "as 'Authorization: Bearer <token>' or as "
                                                         "the WebSocket subprotocol "
                                                         "'bearer.<token>'")
                                        : QStringLiteral("authentication required: send the token "
                                                         "as 'Authorization: Bearer <token>'")};
}

std::optional<api::ApiError> AccessControl::checkHttp(const RequestData& request,
                                                      bool routed) const {
    if (routed && AccessPolicy::isPublic(request.method, request.routeTemplate))
        return std::nullopt;
    // The path without its query: a query could carry a credential a client put there by mistake.
    if (auto refused = refuseAuthentication(
            m_auth.checkAuthorization(request.header("authorization")), false, request.client,
            QString::fromLatin1(request.method), QString::fromUtf8(request.rawPath)))
        return refused;
    if (!routed)
        return std::nullopt; // 404/405/426: no route, no group to judge
    const QString refusal = m_policy.refusal(request.method, request.routeTemplate, false);
    if (!refusal.isEmpty())
        return api::ApiError{403, refusal};
    return std::nullopt;
}

std::optional<api::ApiError> AccessControl::checkWebSocket(const QByteArray& authorization,
                                                           const QByteArray& subprotocols,
                                                           const QString& routeTemplate,
                                                           const QString& client,
                                                           const QString& path) const {
    if (auto refused = refuseAuthentication(m_auth.checkWebSocket(authorization, subprotocols),
                                            true, client, QStringLiteral("WS"), path))
        return refused;
    if (routeTemplate.isEmpty())
        return std::nullopt; // 404 from the dispatcher
    const QString refusal = m_policy.refusal("GET", routeTemplate, true);
    if (!refusal.isEmpty())
        return api::ApiError{403, refusal};
    return std::nullopt;
}

QList<QPair<QByteArray, QByteArray>> AccessControl::headersFor(const api::ApiError& refusal) {
    if (refusal.status == 401)
        return {{QByteArrayLiteral("WWW-Authenticate"),
                 QByteArrayLiteral("Bearer realm=\"sockerless\"")}};
    return {};
}

} // namespace sockerless::http
