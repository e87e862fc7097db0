#pragma once

#include "backends/backend.h"

#include <QPointer>

namespace sockerless::docker {
class DockerClient;
class DockerReply;
} // namespace sockerless::docker

namespace sockerless::backends {

/// A BackendStream over a Docker reply that sends newline-delimited JSON (`/events`, pull and
/// load progress): one message per line, whatever the chunk boundaries. Destroying it aborts the
/// upstream request, which closes its connection at once. A connection that breaks while Docker
/// no longer answers a ping fails with the 503 `Docker daemon unreachable` (DockerOutage).
class DockerLineStream : public BackendStream {
    Q_OBJECT
public:
    /// Takes over `reply` (switched to streaming); parented to `context`.
    DockerLineStream(docker::DockerReply* reply, QObject* context);
    ~DockerLineStream() override;

private:
    void onData(const QByteArray& piece);
    void onFinished();

    QPointer<docker::DockerReply> m_reply;
    QPointer<docker::DockerClient> m_client; ///< to ask whether Docker is still there
    QByteArray m_partial;
};

} // namespace sockerless::backends
