#include "daemon.h"

#include "backends/backend.h"
#include "backends/backendfactory.h"
#include "backends/docker/dockerbackend.h"
#include "docker/dockerclient.h"
#include "http/apiserver.h"
#include "http/requestrecorder.h"
#include "observe/log.h"
#include "observe/observability.h"
#include "routes/adminroutes.h"
#include "routes/containerroutes.h"
#include "routes/execroutes.h"
#include "routes/imageroutes.h"
#include "routes/networkroutes.h"
#include "routes/systemroutes.h"
#include "routes/volumeroutes.h"

namespace sockerless {

using observe::Log;

Daemon::Daemon(Options options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_recorder(new http::RequestRecorder(this)) {}

Daemon::~Daemon() = default;

void Daemon::start() {
    backends::BackendFactory::create(m_options, this,
                                     [this](backends::Backend* backend, const QString& error) {
                                         if (!backend) {
                                             emit startFailed(error);
                                             return;
                                         }
                                         serve(backend);
                                     });
}

void Daemon::serve(backends::Backend* backend) {
    if (m_stopping) {
        emit stopped();
        return;
    }
    m_backend = backend;
    m_server = new http::ApiServer(m_recorder, this);
    m_observability = new observe::Observability(m_options, m_recorder, this);
    m_observability->attach(m_server, m_backend);
    routes::registerAdminRoutes(*m_server, *m_observability);
    m_server->setAccess({m_options.token, m_options.readOnly, m_options.allow, m_options.deny});
    http::ConnectionLimits limits;
    limits.framing = {m_options.maxBody, m_options.maxLoadBody, m_options.maxHeaderBytes};
    limits.idleTimeoutSeconds = m_options.idleTimeoutSeconds;
    limits.maxConnections = m_options.maxConnections;
    m_server->setLimits(limits);
    if (!m_options.tlsCert.isEmpty() || !m_options.tlsKey.isEmpty()) {
        QString error;
        if (!m_server->setTls(m_options.tlsCert, m_options.tlsKey, &error)) {
            emit startFailed(
                QStringLiteral("cannot load the TLS certificate or key: %1").arg(error));
            return;
        }
    }
    routes::registerSystemRoutes(*m_server, *m_backend);
    routes::registerContainerRoutes(*m_server, *m_backend);
    routes::registerExecRoutes(*m_server, *m_backend);
    routes::registerImageRoutes(*m_server, *m_backend);
    routes::registerNetworkRoutes(*m_server, *m_backend);
    routes::registerVolumeRoutes(*m_server, *m_backend);

    for (const QString& address : std::as_const(m_options.listen)) {
        QString error;
        if (!m_server->listen(address, &error)) {
            emit startFailed(QStringLiteral("cannot listen on %1: %2").arg(address, error));
            return;
        }
    }
    for (const QString& address : m_server->listeningAddresses())
        Log::info(QStringLiteral("listening"), {{QStringLiteral("address"), address}});
    if (m_options.token.isEmpty()) {
        for (const QString& address : std::as_const(m_options.listen)) {
            // Options refused this unless --insecure: say loudly what it means.
            if (!Options::isLoopbackAddress(address))
                Log::warning(QStringLiteral("INSECURE: listening on a non-loopback address "
                                            "without a token (--insecure): anyone who reaches "
                                            "it controls Docker, which is root on this host"),
                             {{QStringLiteral("address"), address}});
        }
    }

    Log::Fields fields{{QStringLiteral("version"), QStringLiteral(SOCKERLESS_VERSION)},
                       {QStringLiteral("backend"), m_backend->kind()}};
    if (auto* docker = qobject_cast<backends::DockerBackend*>(m_backend)) {
        fields.append({QStringLiteral("dockerHost"), docker->client()->endpoint().toString()});
        fields.append({QStringLiteral("dockerApiVersion"), docker->client()->apiVersion()});
    }
    Log::info(QStringLiteral("sockerlessd started"), fields);
    emit started();
}

void Daemon::stop(int timeoutMs) {
    if (m_stopping)
        return;
    m_stopping = true;
    if (!m_server)
        return; // still choosing the backend: serve() sees m_stopping and reports stopped

    Log::info(QStringLiteral("shutting down"),
              {{QStringLiteral("openStreams"), m_server->openStreamCount()}});
    m_server->shutdown(timeoutMs, [this] { emit stopped(); });
}

} // namespace sockerless
