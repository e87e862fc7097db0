#include "routes/imageroutes.h"

#include "api/imagereference.h"
#include "api/imagetypes.h"
#include "api/jsonbody.h"
#include "backends/backend.h"
#include "backends/imageops.h"
#include "http/apiserver.h"
#include "routes/routesupport.h"

namespace sockerless::routes {

using backends::Backend;
using backends::ImageOps;
using http::ExchangePtr;

namespace {

// `POST /images/pull`: the body's `Auth` wins over an `X-Registry-Auth` header; either is passed
// on unchanged. Progress lines stream as Docker sends them.
void pull(ImageOps& images, const ExchangePtr& exchange) {
    const auto body = valueOrFail(exchange, api::parseJsonObject(exchange->request().body));
    if (!body)
        return;
    auto request = valueOrFail(exchange, api::ImagePullRequest::fromJson(*body));
    if (!request)
        return;
    if (request->auth.isEmpty())
        request->auth = QString::fromLatin1(exchange->request().header("X-Registry-Auth"));
    QObject* context = exchange->lifetime();
    if (!context)
        return;
    streamToHttp(images.pull(*request, context), exchange, 200, "application/json");
}

// `POST /images/load?quiet=`: the body is the tarball, handed on without a copy.
void load(ImageOps& images, const ExchangePtr& exchange) {
    const auto request =
        valueOrFail(exchange, api::ImageLoadRequest::fromRequest(exchange->request().body,
                                                                 exchange->request().query));
    if (!request)
        return;
    QObject* context = exchange->lifetime();
    if (!context)
        return;
    streamToHttp(images.load(*request, context), exchange, 200, "application/json");
}

// `GET /images/{name...}`: any name Docker knows (`a/b:c`, `repo@sha256:...`, an id).
void inspect(ImageOps& images, const ExchangePtr& exchange) {
    const QString name = exchange->param(QStringLiteral("name"));
    if (rejected(exchange, api::checkImageName(name)))
        return;
    QObject* context = exchange->lifetime();
    if (!context)
        return;
    images.inspect(name, context, [exchange](const backends::Result<api::Image>& result) {
        if (result.ok())
            exchange->respondJson(200, result.value().toJson());
        else
            exchange->fail(result.error());
    });
}

// `POST /images/{name...}/tag?repo=&tag=`: 201 once Docker has the new tag.
void tag(ImageOps& images, const ExchangePtr& exchange) {
    const QString name = exchange->param(QStringLiteral("name"));
    if (rejected(exchange, api::checkImageName(name)))
        return;
    const auto request =
        valueOrFail(exchange, api::ImageTagRequest::fromQuery(name, exchange->request().query));
    if (!request)
        return;
    QObject* context = exchange->lifetime();
    if (!context)
        return;
    images.tag(*request, context, [exchange](const backends::Result<api::Nothing>& result) {
        respondResult(exchange, result, 201);
    });
}

// `POST /auth`: Docker's lower-case AuthConfig body; 401 for credentials the registry refused.
void login(ImageOps& images, const ExchangePtr& exchange) {
    const auto body = valueOrFail(exchange, api::parseJsonObject(exchange->request().body));
    if (!body)
        return;
    const auto credentials = valueOrFail(exchange, api::AuthConfig::fromJson(*body));
    if (!credentials)
        return;
    QObject* context = exchange->lifetime();
    if (!context)
        return;
    images.login(*credentials, context,
                 [exchange](const backends::Result<api::AuthResponse>& result) {
                     if (result.ok())
                         exchange->respondJson(200, result.value().toJson());
                     else
                         exchange->fail(result.error());
                 });
}

} // namespace

void registerImageRoutes(http::ApiServer& server, Backend& backend) {
    ImageOps& images = backend.images();
    // `pull` and `load` first: `{name...}` would take them as image names.
    server.route("POST", QStringLiteral("/internal/v1/images/pull"),
                 [&images](const ExchangePtr& exchange) { pull(images, exchange); });
    server.route("POST", QStringLiteral("/internal/v1/images/load"),
                 [&images](const ExchangePtr& exchange) { load(images, exchange); });
    server.route("POST", QStringLiteral("/internal/v1/images/{name...}/tag"),
                 [&images](const ExchangePtr& exchange) { tag(images, exchange); });
    server.route("GET", QStringLiteral("/internal/v1/images/{name...}"),
                 [&images](const ExchangePtr& exchange) { inspect(images, exchange); });
    server.route("POST", QStringLiteral("/internal/v1/auth"),
                 [&images](const ExchangePtr& exchange) { login(images, exchange); });
}

} // namespace sockerless::routes
