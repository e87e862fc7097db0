#include "backends/docker/dockercall.h"

#include "backends/docker/dockererrormapping.h"
#include "backends/docker/dockeroutage.h"
#include "docker/dockerclient.h"
#include "docker/dockerreply.h"

#include <QObject>

namespace sockerless::backends {

namespace {

// Sends the request and connects its end to `finished` / `failed`, guarded by `context`.
template <typename OnFinished>
void send(docker::DockerClient* client, const docker::DockerRequest& request, QObject* context,
          OnFinished onFinished, const std::function<void(const api::ApiError&)>& onFailed,
          const ErrorRewrite& rewrite) {
    docker::DockerReply* reply = client->send(request, context);
    QObject::connect(context, &QObject::destroyed, reply, &docker::DockerReply::abort);
    auto fail = [onFailed, rewrite](const api::ApiError& error) {
        onFailed(rewrite ? rewrite(error) : error);
    };
    QObject::connect(reply, &docker::DockerReply::finished, context, [reply, onFinished, fail] {
        // A 3xx is Docker's redirect for a decoded id holding a path Go cleans (`a/`, `a//b`):
        // no object has such a name, so it is a 404, as for DockerByteStream.
        if (reply->status() >= 300)
            return fail(api::ApiError{404, QStringLiteral("Docker redirected the call")});
        onFinished(reply);
    });
    // A connection closed before or in the middle of the answer may be Docker going away: the
    // client then gets the 503 that every call gets while Docker is down, not a 500.
    QObject::connect(reply, &docker::DockerReply::failed, context,
                     [client, context, fail](const docker::DockerError& error) {
                         DockerOutage::confirm(client, error, context,
                                               [fail](const docker::DockerError& confirmed) {
                                                   fail(toApiError(confirmed));
                                               });
                     });
}

} // namespace

void callDockerJson(docker::DockerClient* client, const docker::DockerRequest& request,
                    QObject* context,
                    const std::function<void(const api::Result<QJsonDocument>&)>& done,
                    const ErrorRewrite& rewrite) {
    const QByteArray path = request.path;
    send(
        client, request, context,
        [done, path](docker::DockerReply* reply) {
            if (reply->body().trimmed().isEmpty())
                return done(QJsonDocument());
            QJsonParseError parseError{};
            const QJsonDocument document = QJsonDocument::fromJson(reply->body(), &parseError);
            if (parseError.error != QJsonParseError::NoError) {
                done(api::ApiError::internal(
                    QStringLiteral("Docker sent invalid JSON for %1: %2")
                        .arg(QString::fromUtf8(path), parseError.errorString())));
                return;
            }
            done(document);
        },
        [done](const api::ApiError& error) { done(error); }, rewrite);
}

void callDockerStatus(docker::DockerClient* client, const docker::DockerRequest& request,
                      QObject* context, const std::function<void(const api::Result<int>&)>& done,
                      const ErrorRewrite& rewrite) {
    send(
        client, request, context, [done](docker::DockerReply* reply) { done(reply->status()); },
        [done](const api::ApiError& error) { done(error); }, rewrite);
}

ErrorRewrite notFoundAs(const QString& kind, const QString& id) {
    return [kind, id](const api::ApiError& error) {
        if (error.status != 404)
            return error;
        return api::ApiError::notFound(kind, id);
    };
}

} // namespace sockerless::backends
