#include "backends/docker/dockerbytestream.h"

#include "backends/docker/dockererrormapping.h"
#include "docker/dockerreply.h"

namespace sockerless::backends {

DockerByteStream::DockerByteStream(docker::DockerReply* reply, QObject* context,
                                   const QByteArray& fallbackContentType)
    : BackendStream(context)
    , m_reply(reply)
    , m_fallback(fallbackContentType) {
    reply->setStreaming(true);
    connect(reply, &docker::DockerReply::headersReceived, this, [this](int status) {
        // An error status is not a stream: `failed` follows with Docker's message.
        if ((status < 200 || status >= 300) && status != 101)
            return;
        QByteArray type = m_override;
        if (type.isEmpty() && m_reply)
            type = m_reply->header("Content-Type");
        setContentType(type.isEmpty() ? m_fallback : type);
        // An upgrade request opens when Docker switched protocols (upgraded follows at once).
        if (m_reply && m_reply->status() != 101)
            openOnce();
    });
    connect(reply, &docker::DockerReply::upgraded, this, &DockerByteStream::openOnce);
    connect(reply, &docker::DockerReply::data, this, &BackendStream::message);
    connect(reply, &docker::DockerReply::finished, this, &BackendStream::ended);
    connect(reply, &docker::DockerReply::failed, this,
            [this](const docker::DockerError& error) { emit failed(toApiError(error)); });
}

void DockerByteStream::openOnce() {
    if (m_opened)
        return;
    m_opened = true;
    emit opened();
}

DockerByteStream::~DockerByteStream() {
    if (m_reply && !m_reply->isFinished()) {
        // The abort's `failed` must not reach this half-destroyed stream.
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

void DockerByteStream::pause() {
    if (m_reply)
        m_reply->pause();
}

void DockerByteStream::resume() {
    if (m_reply)
        m_reply->resume();
}

void DockerByteStream::write(const QByteArray& data) {
    if (m_reply)
        m_reply->write(data);
}

void DockerByteStream::closeWrite() {
    if (m_reply)
        m_reply->closeWrite();
}

} // namespace sockerless::backends
