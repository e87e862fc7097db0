#include "backends/docker/dockerexecmapping.h"

namespace sockerless::backends {

QByteArray execStreamContentType(bool tty) {
    return tty ? QByteArrayLiteral("application/vnd.docker.raw-stream")
               : QByteArrayLiteral("application/vnd.docker.multiplexed-stream");
}

QJsonObject toDockerExecCreateBody(const api::ExecCreateRequest& request) {
    return request.toJson();
}

api::Result<QString> fromDockerExecCreated(const QJsonObject& answer) {
    const QString id = answer.value(QStringLiteral("Id")).toString();
    if (id.isEmpty())
        return api::ApiError::internal(
            QStringLiteral("Docker created an exec instance but sent no Id"));
    return id;
}

api::Result<api::ExecInspect> fromDockerExecInspect(const QJsonObject& inspect) {
    auto result = api::ExecInspect::fromJson(inspect);
    if (!result.ok())
        return api::ApiError::internal(QStringLiteral("Docker sent an unexpected exec inspect: %1")
                                           .arg(result.error().message));
    return result;
}

QJsonObject toDockerExecStartBody(bool detach, bool tty) {
    return QJsonObject{{QStringLiteral("Detach"), detach}, {QStringLiteral("Tty"), tty}};
}

} // namespace sockerless::backends
