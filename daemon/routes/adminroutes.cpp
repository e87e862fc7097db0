#include "routes/adminroutes.h"

#include "api/queryvalues.h"
#include "http/apiserver.h"
#include "http/websocketsession.h"
#include "observe/observability.h"
#include "routes/routesupport.h"

#include <QPointer>
#include <QWebSocket>
#include <limits>

namespace sockerless::routes {

using http::ExchangePtr;
using http::WebSocketSession;
using observe::Observability;

namespace {

constexpr qint64 kDefaultLimit = 100;
// A subscriber that reads slower than requests arrive is closed once this much waits for it:
// the log must not buffer without bound on its behalf.
constexpr qint64 kMaxStreamBacklog = qint64(8) << 20;

void requests(Observability& observability, const ExchangePtr& exchange) {
    const api::QueryValues query(exchange->request().query);
    observe::RequestLog& log = observability.requestLog();
    const auto limit = valueOrFail(exchange, query.integer(QStringLiteral("limit"), kDefaultLimit,
                                                           1, static_cast<qint64>(log.capacity())));
    if (!limit)
        return;
    const auto before = valueOrFail(exchange, query.integer(QStringLiteral("before"), 0, 1,
                                                            std::numeric_limits<qint64>::max()));
    if (!before)
        return;
    exchange->respond(200, log.recordsJson(static_cast<int>(*limit), static_cast<quint64>(*before)),
                      "application/json");
}

// Each record the log gets from now on becomes one text message, until the client closes.
void requestStream(Observability& observability, WebSocketSession* session) {
    const QPointer<WebSocketSession> guard(session);
    QObject::connect(
        &observability.requestLog(), &observe::RequestLog::appended, session,
        [guard](quint64, const QByteArray& line) {
            WebSocketSession* s = guard.data();
            if (!s || !s->isOpen())
                return;
            if (s->socket()->bytesToWrite() > kMaxStreamBacklog) {
                s->fail(api::ApiError{429, QStringLiteral("the request stream client reads too "
                                                          "slowly; reconnect and page /requests")});
                return;
            }
            s->socket()->sendTextMessage(QString::fromUtf8(line));
        });
}

void metrics(Observability& observability, const ExchangePtr& exchange) {
    observability.renderMetrics(exchange->lifetime(), [exchange](const QByteArray& text) {
        exchange->respond(200, text, observe::Metrics::contentType());
    });
}

} // namespace

void registerAdminRoutes(http::ApiServer& server, Observability& observability) {
    server.route(
        "GET", QStringLiteral("/internal/v1/requests"),
        [&observability](const ExchangePtr& exchange) { requests(observability, exchange); });
    server.webSocket(
        QStringLiteral("/internal/v1/requests/stream"),
        [&observability](WebSocketSession* session) { requestStream(observability, session); });
    server.route(
        "GET", QStringLiteral("/internal/v1/metrics"),
        [&observability](const ExchangePtr& exchange) { metrics(observability, exchange); });
}

} // namespace sockerless::routes
