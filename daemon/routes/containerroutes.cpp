#include "routes/containerroutes.h"

#include "api/containertypes.h"
#include "api/ids.h"
#include "api/jsonbody.h"
#include "api/queryvalues.h"
#include "backends/backend.h"
#include "backends/containerops.h"
#include "http/apiserver.h"
#include "http/websocketsession.h"
#include "routes/containerstreams.h"
#include "routes/routesupport.h"

#include <QJsonArray>

namespace sockerless::routes {

using backends::Backend;
using backends::Callback;
using http::ExchangePtr;
using http::WebSocketSession;

namespace {

// The container named in the path, checked; empty after failing the exchange.
std::optional<QString> containerId(const ExchangePtr& exchange) {
    const QString id = exchange->param(QStringLiteral("id"));
    if (rejected(exchange, api::checkId(QStringLiteral("container"), id)))
        return std::nullopt;
    return id;
}

// The callback that answers an operation without a value: `status` on success, the error
// (a 304 stays an empty 304) otherwise.
Callback<api::Nothing> answerEmpty(const ExchangePtr& exchange, int status) {
    return [exchange, status](const api::Result<api::Nothing>& result) {
        respondResult(exchange, result, status);
    };
}

void create(Backend& backend, const ExchangePtr& exchange) {
    const auto body = valueOrFail(exchange, api::parseJsonObject(exchange->request().body));
    if (!body)
        return;
    auto request = valueOrFail(exchange, api::ContainerCreateRequest::fromJson(*body));
    if (!request)
        return;
    const QString queryName = exchange->request().queryValue(QStringLiteral("name"));
    if (!queryName.isEmpty())
        request->name = queryName;
    if (!exchange->lifetime())
        return;
    backend.containers().create(*request, exchange->lifetime(),
                                [exchange](const api::Result<api::ContainerCreated>& result) {
                                    if (result.ok())
                                        exchange->respondJson(201, result.value().toJson());
                                    else
                                        exchange->fail(result.error());
                                });
}

void list(Backend& backend, const ExchangePtr& exchange) {
    const auto options =
        valueOrFail(exchange, api::ContainerListOptions::fromQuery(exchange->request().query));
    if (!options || !exchange->lifetime())
        return;
    backend.containers().list(*options, exchange->lifetime(),
                              [exchange](const api::Result<QList<api::ContainerSummary>>& result) {
                                  if (!result.ok())
                                      return exchange->fail(result.error());
                                  QJsonArray array;
                                  for (const api::ContainerSummary& summary : result.value())
                                      array.append(summary.toJson());
                                  exchange->respondJson(200, array);
                              });
}

void inspect(Backend& backend, const ExchangePtr& exchange) {
    const auto id = containerId(exchange);
    if (!id)
        return;
    const auto size = valueOrFail(
        exchange, api::QueryValues(exchange->request().query).boolean(QStringLiteral("size")));
    if (!size || !exchange->lifetime())
        return;
    backend.containers().inspect(*id, *size, exchange->lifetime(),
                                 [exchange](const api::Result<api::ContainerInspect>& result) {
                                     if (result.ok())
                                         exchange->respondJson(200, result.value().toJson());
                                     else
                                         exchange->fail(result.error());
                                 });
}

void start(Backend& backend, const ExchangePtr& exchange) {
    const auto id = containerId(exchange);
    if (!id || !exchange->lifetime())
        return;
    backend.containers().start(*id, exchange->lifetime(), answerEmpty(exchange, 204));
}

void stop(Backend& backend, const ExchangePtr& exchange) {
    const auto id = containerId(exchange);
    if (!id)
        return;
    const auto options =
        valueOrFail(exchange, api::ContainerStopOptions::fromQuery(exchange->request().query));
    if (!options || !exchange->lifetime())
        return;
    backend.containers().stop(*id, *options, exchange->lifetime(), answerEmpty(exchange, 204));
}

void kill(Backend& backend, const ExchangePtr& exchange) {
    const auto id = containerId(exchange);
    if (!id || !exchange->lifetime())
        return;
    const QString signal = exchange->request().queryValue(QStringLiteral("signal"));
    backend.containers().kill(*id, signal, exchange->lifetime(), answerEmpty(exchange, 204));
}

void remove(Backend& backend, const ExchangePtr& exchange) {
    const auto id = containerId(exchange);
    if (!id)
        return;
    const auto options =
        valueOrFail(exchange, api::ContainerRemoveOptions::fromQuery(exchange->request().query));
    if (!options || !exchange->lifetime())
        return;
    backend.containers().remove(*id, *options, exchange->lifetime(), answerEmpty(exchange, 204));
}

// `POST .../wait`: the headers go out as soon as the wait is in place (Docker's own headers),
// the body when the condition is met; for plain HTTP clients.
void waitHttp(Backend& backend, const ExchangePtr& exchange) {
    const auto id = containerId(exchange);
    if (!id)
        return;
    const auto condition =
        valueOrFail(exchange, api::waitConditionFromQuery(exchange->request().query));
    if (!condition || !exchange->lifetime())
        return;
    streamToHttp(backend.containers().wait(*id, *condition, exchange->lifetime()), exchange, 200,
                 QByteArrayLiteral("application/json"));
}

void waitWebSocket(Backend& backend, WebSocketSession* session) {
    const QString id = session->param(QStringLiteral("id"));
    if (auto error = api::checkId(QStringLiteral("container"), id))
        return session->fail(*error);
    const auto condition = api::waitConditionFromQuery(session->query());
    if (!condition.ok())
        return session->fail(condition.error());
    waitToWebSocket(backend.containers().wait(id, condition.value(), session), session);
}

void logsHttp(Backend& backend, const ExchangePtr& exchange) {
    const auto id = containerId(exchange);
    if (!id)
        return;
    const auto options = valueOrFail(
        exchange, api::ContainerLogsOptions::fromQuery(exchange->request().query, false));
    if (!options || !exchange->lifetime())
        return;
    streamToHttp(backend.containers().logs(*id, *options, exchange->lifetime()), exchange, 200,
                 QByteArrayLiteral("application/vnd.docker.multiplexed-stream"));
}

void logsWebSocket(Backend& backend, WebSocketSession* session) {
    const QString id = session->param(QStringLiteral("id"));
    if (auto error = api::checkId(QStringLiteral("container"), id))
        return session->fail(*error);
    const auto options = api::ContainerLogsOptions::fromQuery(session->query(), true);
    if (!options.ok())
        return session->fail(options.error());
    logsToWebSocket(backend.containers().logs(id, options.value(), session), session);
}

} // namespace

void registerContainerRoutes(http::ApiServer& server, Backend& backend) {
    const QString base = QStringLiteral("/internal/v1/containers");
    const QString one = base + QStringLiteral("/{id}");
    auto bind = [&backend](void (*handler)(Backend&, const ExchangePtr&)) {
        return [&backend, handler](const ExchangePtr& exchange) { handler(backend, exchange); };
    };
    server.route("POST", base, bind(create));
    server.route("GET", base, bind(list));
    server.route("GET", one, bind(inspect));
    server.route("DELETE", one, bind(remove));
    server.route("POST", one + QStringLiteral("/start"), bind(start));
    server.route("POST", one + QStringLiteral("/stop"), bind(stop));
    server.route("POST", one + QStringLiteral("/kill"), bind(kill));
    server.route("POST", one + QStringLiteral("/wait"), bind(waitHttp));
    server.route("GET", one + QStringLiteral("/logs"), bind(logsHttp));
    server.webSocket(one + QStringLiteral("/wait"),
                     [&backend](WebSocketSession* session) { waitWebSocket(backend, session); });
    server.webSocket(one + QStringLiteral("/logs/stream"),
                     [&backend](WebSocketSession* session) { logsWebSocket(backend, session); });
}

} // namespace sockerless::routes
