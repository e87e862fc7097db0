#include "backends/backendfactory.h"

#include "backends/docker/dockerbackend.h"
#include "backends/memory/memorybackend.h"
#include "docker/dockerclient.h"
#include "observe/log.h"

#include <QTimer>

namespace sockerless::backends {

void BackendFactory::create(const Options& options, QObject* parent,
                            const std::function<void(Backend*, const QString&)>& done) {
    if (options.backend == Options::Backend::Memory) {
        auto* backend = new memory::MemoryBackend(options.memoryLogLimit, parent);
        QTimer::singleShot(0, parent, [done, backend] { done(backend, {}); });
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
    const qint64 logLimit = options.memoryLogLimit;
    backend->client()->ping(backend, [backend, done, autoPick, logLimit,
                                      parent](const docker::DockerError& error) {
        if (!error.isError()) {
            done(backend, {});
            return;
        }
        const QString endpointText = backend->client()->endpoint().toString();
        const QString reason =
            QStringLiteral("no Docker answers at %1 (%2)").arg(endpointText, error.message);
        if (!autoPick) {
            // Docker was asked for: serve it anyway. Every call answers 503 and healthz says
            // degraded until Docker answers; then the daemon recovers without a restart.
            observe::Log::warning(
                QStringLiteral("no Docker yet: serving the Docker backend, every call answers 503 "
                               "until Docker answers (start Docker or point --docker-host / "
                               "DOCKER_HOST at one)"),
                {{QStringLiteral("reason"), reason}});
            done(backend, {});
            return;
        }
        backend->deleteLater();
        // Say loudly which backend serves, so nobody mistakes it for their Docker.
        observe::Log::warning(
            QStringLiteral("no Docker: serving the memory backend (containers run in the "
                           "built-in shell, not on this host; --backend docker waits for Docker "
                           "instead)"),
            {{QStringLiteral("reason"), reason}});
        done(new memory::MemoryBackend(logLimit, parent), {});
    });
}

} // namespace sockerless::backends
