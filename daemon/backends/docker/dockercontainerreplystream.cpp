#include "backends/docker/dockercontainerreplystream.h"

#include "backends/docker/dockererrormapping.h"
#include "docker/dockerreply.h"

namespace sockerless::backends {

DockerContainerReplyStream::DockerContainerReplyStream(docker::DockerReply* reply,
                                                       const QString& id, QObject* context,
                                                       const QByteArray& contentType)
    : BackendStream(context)
    , m_reply(reply) {
    reply->setStreaming(true);
    connect(reply, &docker::DockerReply::headersReceived, this, [this, contentType](int status) {
        if (status < 200 || status >= 300)
            return; // an error ends in `failed`, a redirect in `finished`
        QByteArray type = contentType;
        if (type.isEmpty() && m_reply)
            type = m_reply->header("Content-Type");
        setContentType(type.isEmpty() ? QByteArrayLiteral("application/json") : type);
        m_opened = true;
        emit opened();
    });
    connect(reply, &docker::DockerReply::data, this, &BackendStream::message);
    connect(reply, &docker::DockerReply::finished, this, [this, id] {
        if (m_opened)
            emit ended();
        else
            emit failed(api::ApiError::notFound(QStringLiteral("container"), id));
    });
    connect(reply, &docker::DockerReply::failed, this,
            [this, id](const docker::DockerError& error) {
                const api::ApiError mapped = toApiError(error);
                emit failed(mapped.status == 404
                                ? api::ApiError::notFound(QStringLiteral("container"), id)
                                : mapped);
            });
}

DockerContainerReplyStream::~DockerContainerReplyStream() {
    // Disconnect first: an abort reports a failure, and this object is half gone by then.
    if (m_reply && !m_reply->isFinished()) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

void DockerContainerReplyStream::pause() {
    if (m_reply)
        m_reply->pause();
}

void DockerContainerReplyStream::resume() {
    if (m_reply)
        m_reply->resume();
}

} // namespace sockerless::backends
