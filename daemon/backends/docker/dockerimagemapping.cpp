#include "backends/docker/dockerimagemapping.h"

#include "api/imagereference.h"
#include "docker/dockerpath.h"

namespace sockerless::backends {

namespace {

// A value that came from Docker but does not have the contract's shape: Docker's fault, a 500.
api::ApiError unexpectedAnswer(const QString& what, const api::ApiError& error) {
    return api::ApiError::internal(
        QStringLiteral("Docker sent an unexpected %1: %2").arg(what, error.message));
}

} // namespace

api::Result<docker::DockerRequest> toDockerPullRequest(const api::ImagePullRequest& request) {
    const auto reference = api::ImageReference::parse(request.reference);
    if (!reference.ok())
        return reference.error();
    docker::DockerRequest out;
    out.method = "POST";
    out.path = docker::DockerPath::build({QStringLiteral("images"), QStringLiteral("create")});
    out.addQueryValue(QStringLiteral("fromImage"), reference.value().name);
    out.addQueryValue(QStringLiteral("tag"), reference.value().pullTag());
    if (!request.platform.isEmpty())
        out.addQueryValue(QStringLiteral("platform"), request.platform);
    if (!request.auth.isEmpty())
        out.headers.append(qMakePair(QByteArray("X-Registry-Auth"), request.auth.toUtf8()));
    out.headerTimeoutMs = 0;
    return out;
}

docker::DockerRequest toDockerInspectRequest(const QString& name) {
    docker::DockerRequest out;
    out.path = docker::DockerPath::build({QStringLiteral("images"), name, QStringLiteral("json")});
    return out;
}

docker::DockerRequest toDockerLoadRequest(const api::ImageLoadRequest& request) {
    docker::DockerRequest out;
    out.method = "POST";
    out.path = docker::DockerPath::build({QStringLiteral("images"), QStringLiteral("load")});
    out.addQueryValue(QStringLiteral("quiet"),
                      request.quiet ? QStringLiteral("1") : QStringLiteral("0"));
    out.body = request.tarball;
    out.contentType = "application/x-tar";
    out.headerTimeoutMs = 0;
    return out;
}

docker::DockerRequest toDockerTagRequest(const api::ImageTagRequest& request) {
    docker::DockerRequest out;
    out.method = "POST";
    out.path =
        docker::DockerPath::build({QStringLiteral("images"), request.image, QStringLiteral("tag")});
    out.addQueryValue(QStringLiteral("repo"), request.repo);
    if (!request.tag.isEmpty())
        out.addQueryValue(QStringLiteral("tag"), request.tag);
    return out;
}

docker::DockerRequest toDockerLoginRequest(const api::AuthConfig& credentials) {
    docker::DockerRequest out;
    out.method = "POST";
    out.path = docker::DockerPath::build({QStringLiteral("auth")});
    out.body = QJsonDocument(credentials.toJson()).toJson(QJsonDocument::Compact);
    out.contentType = "application/json";
    return out;
}

api::Result<api::Image> fromDockerInspect(const QJsonDocument& document) {
    if (!document.isObject())
        return api::ApiError::internal(
            QStringLiteral("Docker sent an unexpected image object: not a JSON object"));
    auto image = api::Image::fromJson(document.object());
    if (!image.ok())
        return unexpectedAnswer(QStringLiteral("image object"), image.error());
    return image;
}

api::Result<api::AuthResponse> fromDockerLogin(const QJsonDocument& document) {
    if (!document.isObject())
        return api::ApiError::internal(
            QStringLiteral("Docker sent an unexpected login answer: not a JSON object"));
    auto response = api::AuthResponse::fromJson(document.object());
    if (!response.ok())
        return unexpectedAnswer(QStringLiteral("login answer"), response.error());
    return response;
}

api::ApiError loginErrorFromDocker(const api::ApiError& error) {
    if (error.status != 500)
        return error;
    const QString& text = error.message;
    const bool refused = text.contains(QLatin1String("401 Unauthorized")) ||
                         text.startsWith(QLatin1String("unauthorized:")) ||
                         text.contains(QLatin1String("no basic auth credentials"));
    return refused ? api::ApiError{401, text} : error;
}

QString redactSecrets(QString message, const QStringList& secrets) {
    constexpr qsizetype kShortest = 4;
    for (const QString& secret : secrets) {
        if (secret.size() >= kShortest)
            message.replace(secret, QStringLiteral("REDACTED"));
    }
    return message;
}

} // namespace sockerless::backends
