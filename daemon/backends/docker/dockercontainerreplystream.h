#pragma once

#include "backends/backend.h"

#include <QPointer>

namespace sockerless::docker {
class DockerReply;
}

namespace sockerless::backends {

/// A streamed Docker answer about one container (wait, logs) as a BackendStream. It opens only
/// when Docker accepted the call (a 2xx status line; for a wait that comes before the container
/// exits, which is what lets a client start the container afterwards), carries the body as it
/// comes, and ends with it. A refusal fails before opening, so the client gets Docker's status
/// rather than a 200 cut short; a 404, or a redirect (Docker's answer for a decoded id holding a
/// path Go cleans, `a/`), is the contract's `No such container: <id>`. pause() and resume()
/// reach the Docker connection (backpressure). Destroying the stream aborts the call.
class DockerContainerReplyStream : public BackendStream {
    Q_OBJECT
public:
    /// Takes over `reply` (switched to streaming); parented to `context`. `contentType` is
    /// reported at `opened`; when empty, Docker's Content-Type is used, else `application/json`.
    DockerContainerReplyStream(docker::DockerReply* reply, const QString& id, QObject* context,
                               const QByteArray& contentType = {});
    /// Aborts the call if it is still running, without reporting it: nobody listens any more.
    ~DockerContainerReplyStream() override;

    void pause() override;
    void resume() override;

private:
    QPointer<docker::DockerReply> m_reply;
    bool m_opened = false;
};

} // namespace sockerless::backends
