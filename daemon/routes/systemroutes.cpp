#include "routes/systemroutes.h"

#include "api/filters.h"
#include "backends/backend.h"
#include "http/apiserver.h"
#include "http/websocketsession.h"
#include "routes/routesupport.h"

#include <QJsonObject>

namespace sockerless::routes {

using backends::Backend;
using http::ExchangePtr;
using http::WebSocketSession;

namespace {

void healthz(Backend& backend, const ExchangePtr& exchange) {
    backend.health(exchange->lifetime(), [&backend, exchange](const backends::Health& health) {
        QJsonObject body = health.details;
        body.insert(QStringLiteral("status"),
                    health.ok ? QStringLiteral("ok") : QStringLiteral("degraded"));
        body.insert(QStringLiteral("backend"), backend.kind());
        if (!health.ok) {
            body.insert(QStringLiteral("reason"), health.reason);
            exchange->noteError(health.reason);
        }
        exchange->respondJson(health.ok ? 200 : 503, body);
    });
}

void info(Backend& backend, const ExchangePtr& exchange) {
    backend.info(exchange->lifetime(), [exchange](const backends::Result<QJsonObject>& result) {
        if (result.ok())
            exchange->respondJson(200, result.value());
        else
            exchange->fail(result.error());
    });
}

// Each Docker event becomes one text message; an upstream failure before or during the stream is
// reported the way the contract says (one message, then close 4000+status).
// Filters are checked here so that a malformed one gets the contract's 400 wording (close 4400).
void events(Backend& backend, WebSocketSession* session) {
    const auto filters = api::Filters::parse(session->queryValue(QStringLiteral("filters")));
    if (!filters.ok())
        return session->fail(filters.error());
    streamToWebSocket(backend.events(session->query(), session), session, WebSocketPayload::Text);
}

} // namespace

void registerSystemRoutes(http::ApiServer& server, Backend& backend) {
    server.route("GET", QStringLiteral("/internal/v1/healthz"),
                 [&backend](const ExchangePtr& exchange) { healthz(backend, exchange); });
    server.route("GET", QStringLiteral("/internal/v1/info"),
                 [&backend](const ExchangePtr& exchange) { info(backend, exchange); });
    server.webSocket(QStringLiteral("/internal/v1/events"),
                     [&backend](WebSocketSession* session) { events(backend, session); });
}

} // namespace sockerless::routes
