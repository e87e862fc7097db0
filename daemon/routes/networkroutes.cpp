#include "routes/networkroutes.h"

#include "api/filters.h"
#include "api/ids.h"
#include "api/jsonbody.h"
#include "api/networktypes.h"
#include "api/queryvalues.h"
#include "backends/backend.h"
#include "backends/networkops.h"
#include "http/apiserver.h"
#include "routes/routesupport.h"

#include <QJsonArray>

namespace sockerless::routes {

using backends::Backend;
using backends::Result;
using http::ExchangePtr;

namespace {

// The `{id}` of the path, or nothing after answering 400 for an id that cannot be one.
std::optional<QString> networkId(const ExchangePtr& exchange) {
    const QString id = exchange->param(QStringLiteral("id"));
    if (rejected(exchange, api::checkId(QStringLiteral("network"), id)))
        return std::nullopt;
    return id;
}

// The request body read as `T`, or nothing after answering 400 (malformed JSON, a wrong field).
template <typename T> std::optional<T> bodyAs(const ExchangePtr& exchange) {
    const auto body = valueOrFail(exchange, api::parseJsonObject(exchange->request().body));
    if (!body)
        return std::nullopt;
    return valueOrFail(exchange, T::fromJson(*body));
}

// The `filters` query value (both of Docker's shapes), or nothing after answering 400.
std::optional<api::Filters> filtersOf(const ExchangePtr& exchange) {
    return valueOrFail(
        exchange, api::Filters::parse(exchange->request().queryValue(QStringLiteral("filters"))));
}

// Answers an empty result with `status`, or its error.
backends::Callback<backends::Nothing> answerEmpty(const ExchangePtr& exchange, int status) {
    return [exchange, status](const Result<backends::Nothing>& result) {
        respondResult(exchange, result, status);
    };
}

// POST /internal/v1/networks → 201 {"Id","Warning"}; 409 when the name is in use.
void create(Backend& backend, const ExchangePtr& exchange) {
    const auto request = bodyAs<api::NetworkCreateRequest>(exchange);
    if (!request)
        return;
    backend.networks().create(*request, exchange->lifetime(),
                              [exchange](const Result<api::NetworkCreateResponse>& result) {
                                  if (!result.ok())
                                      return exchange->fail(result.error());
                                  exchange->respondJson(201, result.value().toJson());
                              });
}

// GET /internal/v1/networks?filters → 200 [Network].
void list(Backend& backend, const ExchangePtr& exchange) {
    const auto filters = filtersOf(exchange);
    if (!filters)
        return;
    backend.networks().list(*filters, exchange->lifetime(),
                            [exchange](const Result<QList<api::Network>>& result) {
                                if (!result.ok())
                                    return exchange->fail(result.error());
                                QJsonArray networks;
                                for (const api::Network& network : result.value())
                                    networks.append(network.toJson());
                                exchange->respondJson(200, networks);
                            });
}

// GET /internal/v1/networks/{id}?verbose → 200 Network (with Containers, IPAM, Labels).
void inspect(Backend& backend, const ExchangePtr& exchange) {
    const auto id = networkId(exchange);
    if (!id)
        return;
    const auto verbose = valueOrFail(
        exchange, api::QueryValues(exchange->request().query).boolean(QStringLiteral("verbose")));
    if (!verbose)
        return;
    backend.networks().inspect(*id, *verbose, exchange->lifetime(),
                               [exchange](const Result<api::Network>& result) {
                                   if (!result.ok())
                                       return exchange->fail(result.error());
                                   exchange->respondJson(200, result.value().toJson());
                               });
}

// POST /internal/v1/networks/{id}/connect {"Container","EndpointConfig"} → 200.
void connect(Backend& backend, const ExchangePtr& exchange) {
    const auto id = networkId(exchange);
    if (!id)
        return;
    const auto request = bodyAs<api::NetworkConnectRequest>(exchange);
    if (!request)
        return;
    backend.networks().connect(*id, *request, exchange->lifetime(), answerEmpty(exchange, 200));
}

// POST /internal/v1/networks/{id}/disconnect {"Container","Force"} → 200.
void disconnect(Backend& backend, const ExchangePtr& exchange) {
    const auto id = networkId(exchange);
    if (!id)
        return;
    const auto request = bodyAs<api::NetworkDisconnectRequest>(exchange);
    if (!request)
        return;
    backend.networks().disconnect(*id, *request, exchange->lifetime(), answerEmpty(exchange, 200));
}

// DELETE /internal/v1/networks/{id} → 204; 403 for a predefined network.
void remove(Backend& backend, const ExchangePtr& exchange) {
    const auto id = networkId(exchange);
    if (!id)
        return;
    backend.networks().remove(*id, exchange->lifetime(), answerEmpty(exchange, 204));
}

// POST /internal/v1/networks/prune?filters → 200 {"NetworksDeleted":[...]}.
void prune(Backend& backend, const ExchangePtr& exchange) {
    const auto filters = filtersOf(exchange);
    if (!filters)
        return;
    backend.networks().prune(*filters, exchange->lifetime(),
                             [exchange](const Result<api::NetworkPruneResponse>& result) {
                                 if (!result.ok())
                                     return exchange->fail(result.error());
                                 exchange->respondJson(200, result.value().toJson());
                             });
}

} // namespace

void registerNetworkRoutes(http::ApiServer& server, Backend& backend) {
    using Handler = void (*)(Backend&, const ExchangePtr&);
    const auto add = [&server, &backend](const QByteArray& method, const QString& path,
                                         Handler handler) {
        server.route(method, path, [&backend, handler](const ExchangePtr& exchange) {
            handler(backend, exchange);
        });
    };
    // prune before {id}: a literal segment must win over the placeholder.
    add("POST", QStringLiteral("/internal/v1/networks/prune"), &prune);
    add("POST", QStringLiteral("/internal/v1/networks"), &create);
    add("GET", QStringLiteral("/internal/v1/networks"), &list);
    add("GET", QStringLiteral("/internal/v1/networks/{id}"), &inspect);
    add("DELETE", QStringLiteral("/internal/v1/networks/{id}"), &remove);
    add("POST", QStringLiteral("/internal/v1/networks/{id}/connect"), &connect);
    add("POST", QStringLiteral("/internal/v1/networks/{id}/disconnect"), &disconnect);
}

} // namespace sockerless::routes
