#include "backends/docker/dockervolumemapping.h"

#include <QJsonObject>

namespace sockerless::backends {

namespace {

// A Docker answer the contract's types refuse is Docker's fault: a 500 naming what was wrong.
api::ApiError unexpected(const QString& what, const QString& why) {
    return api::ApiError::internal(
        QStringLiteral("Docker sent an unexpected %1: %2").arg(what, why));
}

} // namespace

QByteArray toDockerVolumeCreateBody(const api::VolumeCreateRequest& request) {
    return QJsonDocument(request.toJson()).toJson(QJsonDocument::Compact);
}

api::Result<api::Volume> fromDockerVolume(const QJsonDocument& document) {
    if (!document.isObject())
        return unexpected(QStringLiteral("volume"), QStringLiteral("not a JSON object"));
    auto volume = api::Volume::fromJson(document.object());
    if (!volume.ok())
        return unexpected(QStringLiteral("volume"), volume.error().message);
    return volume;
}

api::Result<api::VolumeList> fromDockerVolumeList(const QJsonDocument& document) {
    if (!document.isObject())
        return unexpected(QStringLiteral("volume list"), QStringLiteral("not a JSON object"));
    auto list = api::VolumeList::fromJson(document.object());
    if (!list.ok())
        return unexpected(QStringLiteral("volume list"), list.error().message);
    return list;
}

api::ApiError rewriteVolumeError(const api::ApiError& error, const QString& name) {
    if (error.status != 404)
        return error;
    return api::ApiError::notFound(QStringLiteral("volume"), name);
}

} // namespace sockerless::backends
