#include "api/apierror.h"

#include <QJsonDocument>

namespace sockerless::api {

ApiError ApiError::notFound(const QString& kind, const QString& id) {
    return {404, QStringLiteral("No such %1: %2").arg(kind, id)};
}

ApiError ApiError::methodNotAllowed(const QString& method, const QString& path) {
    return {405, QStringLiteral("Method %1 is not allowed on %2").arg(method, path)};
}

QJsonObject ApiError::toJson() const {
    return QJsonObject{{QStringLiteral("message"), message}};
}

QByteArray ApiError::toJsonBytes() const {
    return QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
}

} // namespace sockerless::api
