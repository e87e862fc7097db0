#include "backends/docker/dockerimages.h"

#include "backends/docker/dockercall.h"
#include "backends/docker/dockerimagemapping.h"
#include "backends/docker/dockerprogressstream.h"
#include "docker/dockerclient.h"

#include <QTimer>

namespace sockerless::backends {

namespace {

// Scrubs `secrets` from whatever Docker says (after an optional first rewrite).
ErrorRewrite scrubbing(const QStringList& secrets, const ErrorRewrite& first = {}) {
    return [secrets, first](const api::ApiError& error) {
        api::ApiError out = first ? first(error) : error;
        out.message = redactSecrets(out.message, secrets);
        return out;
    };
}

// A stream that fails at once (from the event loop, so the caller can connect first).
class FailedStream : public BackendStream {
public:
    FailedStream(const api::ApiError& error, QObject* context)
        : BackendStream(context) {
        QTimer::singleShot(0, this, [this, error] { emit failed(error); });
    }
};

} // namespace

BackendStream* DockerImages::pull(const api::ImagePullRequest& request, QObject* context) {
    const auto dockerRequest = toDockerPullRequest(request);
    if (!dockerRequest.ok())
        return new FailedStream(dockerRequest.error(), context);
    return new DockerProgressStream(m_client->send(dockerRequest.value(), context), context,
                                    scrubbing(request.secrets()));
}

void DockerImages::inspect(const QString& name, QObject* context, Callback<api::Image> done) {
    callDockerJson(
        m_client, toDockerInspectRequest(name), context,
        [done](const Result<QJsonDocument>& result) {
            if (!result.ok())
                return done(result.error());
            done(fromDockerInspect(result.value()));
        },
        notFoundAs(QStringLiteral("image"), name));
}

BackendStream* DockerImages::load(const api::ImageLoadRequest& request, QObject* context) {
    return new DockerProgressStream(m_client->send(toDockerLoadRequest(request), context), context);
}

void DockerImages::tag(const api::ImageTagRequest& request, QObject* context,
                       Callback<Nothing> done) {
    callDockerStatus(
        m_client, toDockerTagRequest(request), context,
        [done](const Result<int>& result) {
            if (!result.ok())
                return done(result.error());
            done(Nothing{});
        },
        notFoundAs(QStringLiteral("image"), request.image));
}

void DockerImages::login(const api::AuthConfig& credentials, QObject* context,
                         Callback<api::AuthResponse> done) {
    callDockerJson(
        m_client, toDockerLoginRequest(credentials), context,
        [done](const Result<QJsonDocument>& result) {
            if (!result.ok())
                return done(result.error());
            done(fromDockerLogin(result.value()));
        },
        scrubbing(credentials.secrets(), loginErrorFromDocker));
}

} // namespace sockerless::backends
