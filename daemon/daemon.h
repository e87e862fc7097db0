#pragma once

#include "options.h"

#include <QObject>

namespace sockerless {

namespace backends {
class Backend;
}
namespace http {
class ApiServer;
class RequestRecorder;
} // namespace http
namespace observe {
class Observability;
}

/// The running daemon: picks the backend, serves the API on every listener, shuts down cleanly.
class Daemon : public QObject {
    Q_OBJECT
public:
    explicit Daemon(Options options, QObject* parent = nullptr);
    ~Daemon() override;

    /// Chooses the backend, registers the routes and listens; emits started or startFailed.
    void start();
    /// Stops accepting, closes streams (WebSockets with 1001), then emits stopped: within
    /// `timeoutMs` at the latest.
    void stop(int timeoutMs);

    /// The API server once started (null before): for tests that inspect the route table.
    http::ApiServer* server() const { return m_server; }

signals:
    void started();
    void startFailed(const QString& message);
    void stopped();

private:
    void serve(backends::Backend* backend);

    Options m_options;
    http::RequestRecorder* m_recorder = nullptr;
    http::ApiServer* m_server = nullptr;
    observe::Observability* m_observability = nullptr;
    backends::Backend* m_backend = nullptr;
    bool m_stopping = false;
};

} // namespace sockerless
