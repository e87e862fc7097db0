#include "backends/docker/dockernetworkmapping.h"

#include <QJsonArray>
#include <QJsonObject>

namespace sockerless::backends {

namespace {

QByteArray compact(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A Docker answer the contract's types refuse is Docker's fault: a 500 naming what was wrong.
api::ApiError unexpected(const QString& what, const QString& why) {
    return api::ApiError::internal(
        QStringLiteral("Docker sent an unexpected %1: %2").arg(what, why));
}

template <typename T>
api::Result<T> readObject(const QJsonDocument& document, const QString& what,
                          api::Result<T> (*read)(const QJsonObject&)) {
    if (!document.isObject())
        return unexpected(what, QStringLiteral("not a JSON object"));
    api::Result<T> result = read(document.object());
    if (!result.ok())
        return unexpected(what, result.error().message);
    return result;
}

api::Result<api::Network> readNetwork(const QJsonObject& object) {
    return api::Network::fromJson(object);
}

} // namespace

QByteArray toDockerNetworkCreateBody(const api::NetworkCreateRequest& request) {
    QJsonObject body = request.toJson();
    body.insert(QStringLiteral("CheckDuplicate"), true);
    return compact(body);
}

QByteArray toDockerNetworkConnectBody(const api::NetworkConnectRequest& request) {
    return compact(request.toJson());
}

QByteArray toDockerNetworkDisconnectBody(const api::NetworkDisconnectRequest& request) {
    return compact(request.toJson());
}

api::Result<api::NetworkCreateResponse> fromDockerNetworkCreated(const QJsonDocument& document) {
    return readObject<api::NetworkCreateResponse>(document, QStringLiteral("network create answer"),
                                                  &api::NetworkCreateResponse::fromJson);
}

api::Result<api::Network> fromDockerNetwork(const QJsonDocument& document) {
    return readObject<api::Network>(document, QStringLiteral("network"), &readNetwork);
}

api::Result<QList<api::Network>> fromDockerNetworkList(const QJsonDocument& document) {
    if (document.isNull())
        return QList<api::Network>();
    if (!document.isArray())
        return unexpected(QStringLiteral("network list"), QStringLiteral("not a JSON array"));
    QList<api::Network> networks;
    const QJsonArray array = document.array();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = QStringLiteral("[%1]").arg(i);
        if (!array.at(i).isObject())
            return unexpected(QStringLiteral("network list"),
                              QStringLiteral("%1 is not an object").arg(path));
        auto network = api::Network::fromJson(array.at(i).toObject(), path);
        if (!network.ok())
            return unexpected(QStringLiteral("network list"), network.error().message);
        networks.append(network.value());
    }
    return networks;
}

api::Result<api::NetworkPruneResponse> fromDockerNetworkPrune(const QJsonDocument& document) {
    return readObject<api::NetworkPruneResponse>(document, QStringLiteral("network prune answer"),
                                                 &api::NetworkPruneResponse::fromJson);
}

api::ApiError rewriteNetworkError(const api::ApiError& error, const QString& id) {
    if (error.status != 404 || error.message.startsWith(QLatin1String("No such container")))
        return error;
    return api::ApiError::notFound(QStringLiteral("network"), id);
}

} // namespace sockerless::backends
