#include "backends/docker/dockernetworks.h"

#include "backends/docker/dockercall.h"
#include "backends/docker/dockernetworkmapping.h"
#include "docker/dockerpath.h"

namespace sockerless::backends {

namespace {

using Document = api::Result<QJsonDocument>;

docker::DockerRequest request(const QByteArray& method, const QByteArray& path,
                              const QByteArray& body = {}) {
    docker::DockerRequest call;
    call.method = method;
    call.path = path;
    call.body = body;
    return call;
}

void addFilters(docker::DockerRequest& call, const api::Filters& filters) {
    if (!filters.isEmpty())
        call.addQueryValue(QStringLiteral("filters"), QString::fromUtf8(filters.toJson()));
}

// Answers `done` with `map(document)` or the error.
template <typename T, typename Map>
std::function<void(const Document&)> mapped(Callback<T> done, Map map) {
    return [done = std::move(done), map](const Document& result) {
        if (!result.ok())
            return done(result.error());
        done(map(result.value()));
    };
}

// Answers `done` with nothing (the status alone says it went well) or the error.
std::function<void(const api::Result<int>&)> empty(Callback<Nothing> done) {
    return [done = std::move(done)](const api::Result<int>& result) {
        if (!result.ok())
            return done(result.error());
        done(Nothing{});
    };
}

ErrorRewrite networkErrors(const QString& id) {
    return [id](const api::ApiError& error) { return rewriteNetworkError(error, id); };
}

} // namespace

void DockerNetworks::create(const api::NetworkCreateRequest& create, QObject* context,
                            Callback<api::NetworkCreateResponse> done) {
    // No rewrite: a 404 here is about the driver (`plugin "x" not found`), not a network.
    callDockerJson(
        m_client,
        request("POST",
                docker::DockerPath::build({QStringLiteral("networks"), QStringLiteral("create")}),
                toDockerNetworkCreateBody(create)),
        context, mapped<api::NetworkCreateResponse>(std::move(done), &fromDockerNetworkCreated));
}

void DockerNetworks::list(const api::Filters& filters, QObject* context,
                          Callback<QList<api::Network>> done) {
    docker::DockerRequest call =
        request("GET", docker::DockerPath::build({QStringLiteral("networks")}));
    addFilters(call, filters);
    callDockerJson(m_client, call, context,
                   mapped<QList<api::Network>>(std::move(done), &fromDockerNetworkList));
}

void DockerNetworks::inspect(const QString& id, bool verbose, QObject* context,
                             Callback<api::Network> done) {
    docker::DockerRequest call =
        request("GET", docker::DockerPath::build({QStringLiteral("networks"), id}));
    if (verbose)
        call.addQueryValue(QStringLiteral("verbose"), QStringLiteral("true"));
    callDockerJson(m_client, call, context,
                   mapped<api::Network>(std::move(done), &fromDockerNetwork), networkErrors(id));
}

void DockerNetworks::connect(const QString& id, const api::NetworkConnectRequest& connect,
                             QObject* context, Callback<Nothing> done) {
    callDockerStatus(m_client,
                     request("POST",
                             docker::DockerPath::build(
                                 {QStringLiteral("networks"), id, QStringLiteral("connect")}),
                             toDockerNetworkConnectBody(connect)),
                     context, empty(std::move(done)), networkErrors(id));
}

void DockerNetworks::disconnect(const QString& id, const api::NetworkDisconnectRequest& disconnect,
                                QObject* context, Callback<Nothing> done) {
    callDockerStatus(m_client,
                     request("POST",
                             docker::DockerPath::build(
                                 {QStringLiteral("networks"), id, QStringLiteral("disconnect")}),
                             toDockerNetworkDisconnectBody(disconnect)),
                     context, empty(std::move(done)), networkErrors(id));
}

void DockerNetworks::remove(const QString& id, QObject* context, Callback<Nothing> done) {
    callDockerStatus(m_client,
                     request("DELETE", docker::DockerPath::build({QStringLiteral("networks"), id})),
                     context, empty(std::move(done)), networkErrors(id));
}

void DockerNetworks::prune(const api::Filters& filters, QObject* context,
                           Callback<api::NetworkPruneResponse> done) {
    docker::DockerRequest call = request(
        "POST", docker::DockerPath::build({QStringLiteral("networks"), QStringLiteral("prune")}));
    addFilters(call, filters);
    callDockerJson(m_client, call, context,
                   mapped<api::NetworkPruneResponse>(std::move(done), &fromDockerNetworkPrune));
}

} // namespace sockerless::backends
