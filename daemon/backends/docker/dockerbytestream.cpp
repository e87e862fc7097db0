#include "backends/docker/dockerbytestream.h"

#include "backends/docker/dockererrormapping.h"
#include "backends/docker/dockeroutage.h"
#include "docker/dockerclient.h"
#include "docker/dockerreply.h"

namespace sockerless::backends {

DockerByteStream::DockerByteStream(docker::DockerReply* reply, QObject* context,
                                   const QByteArray& fallbackContentType, ErrorRewrite rewrite)
    : BackendStream(context)
    , m_reply(reply)
    , m_client(DockerOutage::clientOf(reply))
    , m_fallback(fallbackContentType)
    , m_rewrite(std::move(rewrite)) {
    reply->setStreaming(true);
    connect(reply, &docker::DockerReply::headersReceived, this, [this](int status) {
        // An error status is not a stream: `failed` follows with Docker's message.
        if (status < 200 || status >= 300)
            return;
        QByteArray type = m_override;
        if (type.isEmpty() && m_reply)
            type = m_reply->header("Content-Type");
        setContentType(type.isEmpty() ? m_fallback : type);
        openOnce();
    });
    // A hijack opens when Docker switched protocols (101, or 200 with a raw-stream type).
    connect(reply, &docker::DockerReply::upgraded, this, [this] {
        m_upgraded = true;
        openOnce();
    });
    connect(reply, &docker::DockerReply::data, this, &BackendStream::message);
    connect(reply, &docker::DockerReply::finished, this, [this] {
        if (!m_opened) { // a 3xx: Docker cleaned the path and pointed elsewhere
            fail(api::ApiError{404, QStringLiteral("Docker redirected the call")});
            return;
        }
        if (!m_upgraded) {
            emit ended();
            return;
        }
        // A hijacked stream ends when Docker closes it: the process exited, or Docker went away.
        DockerOutage::confirm(m_client, {}, this, [this](const docker::DockerError& error) {
            if (error.isError())
                fail(toApiError(error));
            else
                emit ended();
        });
    });
    // A connection closed mid-answer may be Docker going away: the client then gets the 503.
    connect(reply, &docker::DockerReply::failed, this, [this](const docker::DockerError& error) {
        DockerOutage::confirm(m_client, error, this, [this](const docker::DockerError& confirmed) {
            fail(toApiError(confirmed));
        });
    });
}

void DockerByteStream::fail(const api::ApiError& error) {
    emit failed(m_rewrite ? m_rewrite(error) : error);
}

void DockerByteStream::openOnce() {
    if (m_opened)
        return;
    if (contentType().isEmpty())
        setContentType(m_override.isEmpty() ? m_fallback : m_override);
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
