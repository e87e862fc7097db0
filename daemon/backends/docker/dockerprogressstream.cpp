#include "backends/docker/dockerprogressstream.h"

#include "backends/docker/dockerlinestream.h"
#include "docker/dockerreply.h"

namespace sockerless::backends {

DockerProgressStream::DockerProgressStream(docker::DockerReply* reply, QObject* context,
                                           const ErrorRewrite& rewrite)
    : BackendStream(context)
    , m_reply(reply) {
    setContentType("application/json");
    // The line stream is our child: destroying this stream destroys it, which aborts the reply.
    // It opens on a 2xx answer only; an error status ends in `failed` with Docker's message.
    auto* lines = new DockerLineStream(reply, this);
    connect(lines, &BackendStream::opened, this, &BackendStream::opened);
    connect(lines, &BackendStream::message, this,
            [this](const QByteArray& line) { emit message(line + '\n'); });
    connect(lines, &BackendStream::ended, this, &BackendStream::ended);
    connect(lines, &BackendStream::failed, this, [this, rewrite](const api::ApiError& error) {
        emit failed(rewrite ? rewrite(error) : error);
    });
}

void DockerProgressStream::pause() {
    if (m_reply)
        m_reply->pause();
}

void DockerProgressStream::resume() {
    if (m_reply)
        m_reply->resume();
}

} // namespace sockerless::backends
