#include "routes/execroutes.h"

#include "api/exectypes.h"
#include "api/ids.h"
#include "api/jsonbody.h"
#include "backends/backend.h"
#include "backends/execops.h"
#include "http/apiserver.h"
#include "http/websocketsession.h"
#include "routes/execsocket.h"
#include "routes/routesupport.h"

#include <QJsonObject>

namespace sockerless::routes {

using backends::Backend;
using http::ExchangePtr;
using http::WebSocketSession;

namespace {

const QString kExecKind = QStringLiteral("exec instance");

void createExec(Backend& backend, const ExchangePtr& exchange) {
    const QString containerId = exchange->param(QStringLiteral("id"));
    if (rejected(exchange, api::checkId(QStringLiteral("container"), containerId)))
        return;
    const auto body = valueOrFail(exchange, api::parseJsonObject(exchange->request().body));
    if (!body)
        return;
    const auto request = valueOrFail(exchange, api::ExecCreateRequest::fromJson(*body));
    if (!request)
        return;
    backend.exec().create(
        containerId, *request, exchange->lifetime(), [exchange](const api::Result<QString>& id) {
            if (!id.ok())
                return exchange->fail(id.error());
            exchange->respondJson(201, QJsonObject{{QStringLiteral("Id"), id.value()}});
        });
}

void inspectExec(Backend& backend, const ExchangePtr& exchange) {
    const QString id = exchange->param(QStringLiteral("id"));
    if (rejected(exchange, api::checkId(kExecKind, id)))
        return;
    backend.exec().inspect(id, exchange->lifetime(),
                           [exchange](const api::Result<api::ExecInspect>& inspect) {
                               if (!inspect.ok())
                                   return exchange->fail(inspect.error());
                               exchange->respondJson(200, inspect.value().toJson());
                           });
}

// `{"Detach":true}`: 200 once the process runs. `{"Detach":false}` (or an empty body) over
// plain HTTP streams the output as Docker does for a client that does not upgrade: 200 with
// the multiplexed (no TTY) or raw (TTY) stream until the process ends. Such a client has no
// way to send stdin, so stdin is closed at once (a process reading it sees EOF); interactive
// clients use the WebSocket.
void startExec(Backend& backend, const ExchangePtr& exchange) {
    const QString id = exchange->param(QStringLiteral("id"));
    if (rejected(exchange, api::checkId(kExecKind, id)))
        return;
    const auto body = valueOrFail(exchange, api::parseJsonObject(exchange->request().body, true));
    if (!body)
        return;
    const auto request = valueOrFail(exchange, api::ExecStartRequest::fromJson(*body));
    if (!request || !exchange->lifetime())
        return;
    if (request->detach) {
        backend.exec().startDetached(id, exchange->lifetime(),
                                     [exchange](const api::Result<api::Nothing>& result) {
                                         respondResult(exchange, result, 200);
                                     });
        return;
    }
    backends::BackendStream* stream = backend.exec().startAttached(id, exchange->lifetime());
    stream->closeWrite();
    streamToHttp(stream, exchange, 200, "application/vnd.docker.multiplexed-stream");
}

void startExecSocket(Backend& backend, WebSocketSession* session) {
    const QString id = session->param(QStringLiteral("id"));
    if (auto error = api::checkId(kExecKind, id))
        return session->fail(*error);
    bridgeExecWebSocket(backend.exec().startAttached(id, session), session);
}

} // namespace

void registerExecRoutes(http::ApiServer& server, Backend& backend) {
    server.route("POST", QStringLiteral("/internal/v1/containers/{id}/exec"),
                 [&backend](const ExchangePtr& exchange) { createExec(backend, exchange); });
    server.route("GET", QStringLiteral("/internal/v1/exec/{id}"),
                 [&backend](const ExchangePtr& exchange) { inspectExec(backend, exchange); });
    server.route("POST", QStringLiteral("/internal/v1/exec/{id}/start"),
                 [&backend](const ExchangePtr& exchange) { startExec(backend, exchange); });
    server.webSocket(QStringLiteral("/internal/v1/exec/{id}/start"),
                     [&backend](WebSocketSession* session) { startExecSocket(backend, session); });
}

} // namespace sockerless::routes
