#include "backends/docker/dockerprogressstream.h"

#include "backends/docker/dockerlinestream.h"
#include "docker/dockerreply.h"

namespace sockerless::backends {

DockerProgressStream::DockerProgressStream(docker::DockerReply* reply, QObject* context,
                                           ErrorRewrite rewrite)
    : BackendStream(context)
    , m_reply(reply) {
    setContentType("application/json");
    // DockerLineStream opens on any headers, error statuses too; open on success only (an
    // error status ends in `failed` once Docker's message has been read).
    connect(reply, &docker::DockerReply::headersReceived, this, [this](int status) {
        if (status >= 200 && status < 300)
            emit opened();
    });
    // The line stream is our child: destroying this stream destroys it, which aborts the reply.
    auto* lines = new DockerLineStream(reply, this);
    connect(lines, &BackendStream::message, this,
            [this](const QByteArray& line) { emit message(line + '\n'); });
    connect(lines, &BackendStream::ended, this, &BackendStream::ended);
    connect(lines, &BackendStream::failed, this, [this, rewrite](const api::ApiError& error) {
        emit failed(rewrite ? rewrite(error) : error);
    });
}

DockerProgressStream::~DockerProgressStream() = default;

void DockerProgressStream::pause() {
    if (m_reply)
        m_reply->pause();
}

void DockerProgressStream::resume() {
    if (m_reply)
        m_reply->resume();
}

} // namespace sockerless::backends
