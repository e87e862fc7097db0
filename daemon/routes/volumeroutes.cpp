#include "routes/volumeroutes.h"

#include "api/filters.h"
#include "api/ids.h"
#include "api/jsonbody.h"
#include "api/queryvalues.h"
#include "api/volumetypes.h"
#include "backends/backend.h"
#include "backends/volumeops.h"
#include "http/apiserver.h"
#include "routes/routesupport.h"

namespace sockerless::routes {

using backends::Backend;
using backends::Result;
using http::ExchangePtr;

namespace {

// The `{name}` of the path, or nothing after answering 400 for a name that cannot be one.
std::optional<QString> volumeName(const ExchangePtr& exchange) {
    const QString name = exchange->param(QStringLiteral("name"));
    if (rejected(exchange, api::checkId(QStringLiteral("volume"), name)))
        return std::nullopt;
    return name;
}

// Answers a volume with `status`, or the error.
backends::Callback<api::Volume> answerVolume(const ExchangePtr& exchange, int status) {
    return [exchange, status](const Result<api::Volume>& result) {
        if (!result.ok())
            return exchange->fail(result.error());
        exchange->respondJson(status, result.value().toJson());
    };
}

// POST /internal/v1/volumes → 201 Volume.
void create(Backend& backend, const ExchangePtr& exchange) {
    // Every field is optional (Docker generates a name), but a body, if any, must be an object.
    const auto body = valueOrFail(exchange, api::parseJsonObject(exchange->request().body, true));
    if (!body)
        return;
    const auto request = valueOrFail(exchange, api::VolumeCreateRequest::fromJson(*body));
    if (!request)
        return;
    backend.volumes().create(*request, exchange->lifetime(), answerVolume(exchange, 201));
}

// GET /internal/v1/volumes?filters → 200 {"Volumes":[...],"Warnings":[]}.
void list(Backend& backend, const ExchangePtr& exchange) {
    const auto filters = valueOrFail(
        exchange, api::Filters::parse(exchange->request().queryValue(QStringLiteral("filters"))));
    if (!filters)
        return;
    backend.volumes().list(*filters, exchange->lifetime(),
                           [exchange](const Result<api::VolumeList>& result) {
                               if (!result.ok())
                                   return exchange->fail(result.error());
                               exchange->respondJson(200, result.value().toJson());
                           });
}

// GET /internal/v1/volumes/{name} → 200 Volume.
void inspect(Backend& backend, const ExchangePtr& exchange) {
    const auto name = volumeName(exchange);
    if (!name)
        return;
    backend.volumes().inspect(*name, exchange->lifetime(), answerVolume(exchange, 200));
}

// DELETE /internal/v1/volumes/{name}?force → 204; 409 while a container uses it.
void remove(Backend& backend, const ExchangePtr& exchange) {
    const auto name = volumeName(exchange);
    if (!name)
        return;
    const auto force = valueOrFail(
        exchange, api::QueryValues(exchange->request().query).boolean(QStringLiteral("force")));
    if (!force)
        return;
    backend.volumes().remove(*name, *force, exchange->lifetime(),
                             [exchange](const Result<backends::Nothing>& result) {
                                 respondResult(exchange, result, 204);
                             });
}

} // namespace

void registerVolumeRoutes(http::ApiServer& server, Backend& backend) {
    using Handler = void (*)(Backend&, const ExchangePtr&);
    const auto add = [&server, &backend](const QByteArray& method, const QString& path,
                                         Handler handler) {
        server.route(method, path, [&backend, handler](const ExchangePtr& exchange) {
            handler(backend, exchange);
        });
    };
    add("POST", QStringLiteral("/internal/v1/volumes"), &create);
    add("GET", QStringLiteral("/internal/v1/volumes"), &list);
    add("GET", QStringLiteral("/internal/v1/volumes/{name}"), &inspect);
    add("DELETE", QStringLiteral("/internal/v1/volumes/{name}"), &remove);
}

} // namespace sockerless::routes
