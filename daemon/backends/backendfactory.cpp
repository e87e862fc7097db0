#include "backends/backendfactory.h"

#include "backends/docker/dockerbackend.h"
#include "docker/dockerclient.h"

#include <QTimer>

namespace sockerless::backends {

void BackendFactory::create(const Options& options, QObject* parent,
                            const std::function<void(Backend*, const QString&)>& done) {
    if (options.backend == Options::Backend::Memory) {
        QTimer::singleShot(0, parent, [done] {
            done(nullptr, QStringLiteral("the memory backend is not available in this version; "
                                         "use --backend docker with a running Docker"));
        });
        return;
    }

    docker::DockerEndpoint endpoint;
    if (options.dockerHost.isEmpty()) {
        endpoint = docker::DockerEndpoint::fromEnvironment();
    } else {
        QString error;
        const auto parsed = docker::DockerEndpoint::parse(options.dockerHost, &error);
        if (!parsed) {
            QTimer::singleShot(0, parent, [done, error] {
                done(nullptr, QStringLiteral("--docker-host: %1").arg(error));
            });
            return;
        }
        endpoint = *parsed;
    }

    auto* backend = new DockerBackend(endpoint, parent);
    const bool autoPick = options.backend == Options::Backend::Auto;
    backend->client()->ping(backend, [backend, done, autoPick](const docker::DockerError& error) {
        if (!error.isError()) {
            done(backend, {});
            return;
        }
        const QString endpointText = backend->client()->endpoint().toString();
        backend->deleteLater();
        QString message =
            QStringLiteral("no Docker answers at %1 (%2)").arg(endpointText, error.message);
        if (autoPick)
            message += QStringLiteral("; --backend auto would use the memory backend, which is "
                                      "not available in this version: start Docker (or point "
                                      "--docker-host / DOCKER_HOST at one) and try again");
        else
            message += QStringLiteral("; start Docker or point --docker-host / DOCKER_HOST at one");
        done(nullptr, message);
    });
}

} // namespace sockerless::backends
