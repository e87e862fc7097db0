#include "backends/docker/dockerlinestream.h"

#include "backends/docker/dockererrormapping.h"
#include "backends/docker/dockeroutage.h"
#include "docker/dockerclient.h"
#include "docker/dockerreply.h"

namespace sockerless::backends {

DockerLineStream::DockerLineStream(docker::DockerReply* reply, QObject* context)
    : BackendStream(context)
    , m_reply(reply)
    , m_client(DockerOutage::clientOf(reply)) {
    reply->setStreaming(true);
    connect(reply, &docker::DockerReply::headersReceived, this, [this](int status) {
        // An error status is not a stream: `failed` follows with Docker's message.
        if (status >= 200 && status < 300)
            emit opened();
    });
    connect(reply, &docker::DockerReply::data, this, &DockerLineStream::onData);
    connect(reply, &docker::DockerReply::finished, this, &DockerLineStream::onFinished);
    // A connection closed mid-answer may be Docker going away: the client then gets the 503.
    connect(reply, &docker::DockerReply::failed, this, [this](const docker::DockerError& error) {
        DockerOutage::confirm(m_client, error, this, [this](const docker::DockerError& confirmed) {
            emit failed(toApiError(confirmed));
        });
    });
}

DockerLineStream::~DockerLineStream() {
    if (m_reply && !m_reply->isFinished()) {
        // The abort's `failed` must not reach this half-destroyed stream.
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

namespace {
// Docker's lines are small JSON objects; a longer one means a broken upstream, not data to keep.
constexpr qsizetype kMaxLineBytes = 16 << 20;
} // namespace

void DockerLineStream::onData(const QByteArray& piece) {
    m_partial += piece;
    qsizetype start = 0;
    for (qsizetype end = m_partial.indexOf('\n'); end >= 0;
         start = end + 1, end = m_partial.indexOf('\n', start)) {
        const QByteArray line = m_partial.mid(start, end - start).trimmed();
        if (!line.isEmpty())
            emit message(line);
    }
    m_partial.remove(0, start);
    if (m_partial.size() > kMaxLineBytes) {
        m_partial.clear();
        if (m_reply)
            m_reply->abort();
        emit failed(api::ApiError::internal(
            QStringLiteral("Docker sent a line longer than %1 bytes").arg(kMaxLineBytes)));
    }
}

void DockerLineStream::onFinished() {
    const QByteArray rest = m_partial.trimmed();
    m_partial.clear();
    if (!rest.isEmpty())
        emit message(rest);
    emit ended();
}

} // namespace sockerless::backends
