#pragma once

#include "backends/backend.h"
#include "backends/docker/dockercall.h"

#include <QPointer>

namespace sockerless::docker {
class DockerReply;
}

namespace sockerless::backends {

class DockerLineStream;

/// Docker's JSON-lines progress (pull, load) as the image operations promise it: one message
/// per whole line, each ending in `\n` so that it can be written out as it is, content type
/// `application/json`. It opens only on a 2xx answer, so that Docker's refusal (a 4xx/5xx before
/// any line) reaches the client as an error answer with Docker's status, not as a broken stream.
/// A failure goes through `rewrite` first (to scrub credentials from Docker's message).
/// pause() and resume() reach Docker (backpressure); destroying the stream aborts the upstream
/// request at once.
class DockerProgressStream : public BackendStream {
    Q_OBJECT
public:
    /// Takes over `reply`, which must come straight from DockerClient::send (switched to
    /// streaming here); parented to `context`.
    DockerProgressStream(docker::DockerReply* reply, QObject* context,
                         const ErrorRewrite& rewrite = {});

    void pause() override;
    void resume() override;

private:
    QPointer<docker::DockerReply> m_reply;
};

} // namespace sockerless::backends
