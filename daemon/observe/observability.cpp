#include "observe/observability.h"

#include "backends/backend.h"
#include "backends/docker/dockerbackend.h"
#include "docker/dockerclient.h"
#include "http/apiserver.h"
#include "http/requestrecorder.h"
#include "observe/upstreamattribution.h"
#include "options.h"

#include <QTimer>

namespace sockerless::observe {

Observability::Observability(const Options& options, http::RequestRecorder* recorder,
                             QObject* parent)
    : QObject(parent)
    , m_log(new RequestLog(options.requestLogSize, this)) {
    if (!options.requestLogFile.isEmpty()) {
        m_file = std::make_unique<RequestLogFile>(
            options.requestLogFile, options.requestLogMaxBytes, options.requestLogFiles);
        connect(m_log, &RequestLog::appended, this,
                [this](quint64, const QByteArray& line) { m_file->write(line); });
    }
    connect(recorder, &http::RequestRecorder::recorded, this,
            [this](const http::RequestRecord& record) {
                m_metrics.recordRequest(record);
                m_log->append(record);
            });
    m_metrics.setGauge(QStringLiteral("sockerless_request_log_records"),
                       QStringLiteral("Records held in the in-memory request log."),
                       [this] { return static_cast<double>(m_log->size()); });
}

Observability::~Observability() = default;

void Observability::attach(http::ApiServer* server, backends::Backend* backend) {
    m_server = server;
    m_backend = backend;
    m_metrics.setGauge(QStringLiteral("sockerless_open_connections"),
                       QStringLiteral("Open client connections (WebSockets included)."), [this] {
                           return m_server ? static_cast<double>(m_server->openConnectionCount())
                                           : 0.0;
                       });
    m_metrics.setGauge(QStringLiteral("sockerless_open_streams"),
                       QStringLiteral("Open chunked streams and WebSocket sessions."), [this] {
                           return m_server ? static_cast<double>(m_server->openStreamCount()) : 0.0;
                       });
    m_metrics.setGauge(QStringLiteral("sockerless_docker_up"),
                       QStringLiteral("1 while the backend's engine answers (the memory backend "
                                      "always), else 0."),
                       [this] { return m_dockerUp ? 1.0 : 0.0; });
    if (auto* dockerBackend = qobject_cast<backends::DockerBackend*>(backend)) {
        connect(dockerBackend->client(), &docker::DockerClient::callReported, this,
                &Observability::onDockerCall);
    }
}

void Observability::onDockerCall(const docker::DockerCallReport& report) {
    UpstreamAttribution::attribute(report);
    m_metrics.recordUpstream(report);
    // Every answer proves Docker is there, which saves the next scrape a ping. A call that got
    // no answer proves less (a stale pooled connection fails too): the next scrape asks again.
    if (report.status > 0) {
        m_dockerUp = true;
        m_healthChecked.start();
    } else if (report.finished && report.failure != docker::DockerError::Kind::Aborted) {
        m_healthChecked.invalidate();
    }
}

void Observability::renderMetrics(QObject* context,
                                  const std::function<void(const QByteArray&)>& done) {
    const QPointer<QObject> guard(context);
    auto answered = std::make_shared<bool>(false);
    auto finish = [this, guard, answered, done] {
        if (*answered)
            return;
        *answered = true;
        if (guard)
            done(m_metrics.render());
    };
    const bool fresh = m_healthChecked.isValid() && m_healthChecked.elapsed() < healthMaxAgeMs();
    if (!m_backend || fresh) {
        QTimer::singleShot(0, this, finish);
        return;
    }
    // A hung Docker must not hang the scrape: past the deadline the last known state is shown.
    QTimer::singleShot(healthDeadlineMs(), this, finish);
    m_backend->health(context, [this, finish](const backends::Health& health) {
        m_dockerUp = health.ok;
        m_healthChecked.start();
        finish();
    });
}

} // namespace sockerless::observe
