#pragma once

#include "observe/metrics.h"
#include "observe/requestlog.h"
#include "observe/requestlogfile.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <functional>
#include <memory>

namespace sockerless {
struct Options;
namespace backends {
class Backend;
}
namespace http {
class ApiServer;
class RequestRecorder;
} // namespace http
} // namespace sockerless

namespace sockerless::observe {

/// Wires the daemon's observability together: every record of the RequestRecorder goes to the
/// in-memory RequestLog, the optional RequestLogFile and the Metrics; every Docker call the
/// backend's client reports goes to the request it was made for (UpstreamAttribution) and to
/// the Metrics. The admin routes read from here.
class Observability : public QObject {
    Q_OBJECT
public:
    /// Sets up the log (`--request-log-size`), the file (`--request-log`, rotated at
    /// `--request-log-max-size`, `--request-log-files` kept) and the metrics, fed by `recorder`.
    Observability(const Options& options, http::RequestRecorder* recorder,
                  QObject* parent = nullptr);
    ~Observability() override;

    /// Adds the gauges read from `server` and `backend`, and listens to the Docker client's
    /// call reports when `backend` is the Docker backend. Both must outlive this object's use.
    void attach(http::ApiServer* server, backends::Backend* backend);

    RequestLog& requestLog() { return *m_log; }
    Metrics& metrics() { return m_metrics; }

    /// Renders the metrics; refreshes `sockerless_docker_up` from the backend's health first
    /// when the last check is older than a few seconds (bounded by a short deadline). `done` runs
    /// from the event loop while `context` lives.
    void renderMetrics(QObject* context, const std::function<void(const QByteArray&)>& done);

    /// How long a Docker health result is reused, and how long a refresh may take.
    static constexpr int healthMaxAgeMs() { return 5000; }
    static constexpr int healthDeadlineMs() { return 2000; }

private:
    void onDockerCall(const docker::DockerCallReport& report);

    RequestLog* m_log = nullptr;
    std::unique_ptr<RequestLogFile> m_file;
    Metrics m_metrics;
    QPointer<http::ApiServer> m_server;
    backends::Backend* m_backend = nullptr;
    QElapsedTimer m_healthChecked; ///< invalid until the first check
    bool m_dockerUp = false;
};

} // namespace sockerless::observe
