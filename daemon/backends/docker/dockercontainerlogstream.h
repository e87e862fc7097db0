#pragma once

#include "api/containertypes.h"
#include "backends/backend.h"

#include <QPointer>

namespace sockerless::docker {
class DockerClient;
class DockerReply;
} // namespace sockerless::docker

namespace sockerless::backends {

class DockerByteStream;

/// A container's log from Docker, in two steps: inspect the container first (its `Config.Tty`
/// decides the content type, since API 1.41 logs name none, and an unknown container fails here
/// with the contract's 404 before anything is streamed), then stream `/logs` as Docker sends it.
/// Backpressure (pause/resume) reaches the log reply, also when asked before it exists.
/// Destroying the stream aborts whichever Docker call is in flight.
class DockerContainerLogStream : public BackendStream {
    Q_OBJECT
public:
    /// Starts the inspect at once; parented to `context`.
    DockerContainerLogStream(docker::DockerClient* client, const QString& id,
                             const api::ContainerLogsOptions& options, QObject* context);
    /// Aborts the Docker call in flight without reporting it: nobody listens any more.
    ~DockerContainerLogStream() override;

    void pause() override;
    void resume() override;

private:
    void onInspected(const QByteArray& body);
    void startLogs(bool tty);
    /// Fails with the contract's 404 for a Docker 404.
    void failWith(const api::ApiError& error);

    docker::DockerClient* m_client;
    QString m_id;
    api::ContainerLogsOptions m_options;
    QPointer<docker::DockerReply> m_inspect;
    QPointer<DockerByteStream> m_logs;
    bool m_paused = false;
};

} // namespace sockerless::backends
