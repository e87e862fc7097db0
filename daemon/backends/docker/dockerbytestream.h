#pragma once

#include "backends/backend.h"

#include <QPointer>

namespace sockerless::docker {
class DockerReply;
}

namespace sockerless::backends {

/// A BackendStream over a streamed Docker reply whose bytes pass through as they come (logs,
/// exec output, a wait answer): one message per piece Docker sent, no re-framing. pause() and
/// resume() stop and restart reading from Docker (backpressure); write() and closeWrite() reach
/// the process of an upgraded (hijacked) connection. Destroying it aborts the upstream request,
/// which closes its connection at once.
class DockerByteStream : public BackendStream {
    Q_OBJECT
public:
    /// Takes over `reply` (switched to streaming); parented to `context`. `fallbackContentType`
    /// is used when Docker names none (API 1.41 logs carry no Content-Type).
    DockerByteStream(docker::DockerReply* reply, QObject* context,
                     const QByteArray& fallbackContentType = {});
    ~DockerByteStream() override;

    /// Sets the content type reported at `opened` (for callers that know better than Docker's
    /// header, e.g. logs of a TTY container).
    void overrideContentType(const QByteArray& contentType) { m_override = contentType; }

    void pause() override;
    void resume() override;
    void write(const QByteArray& data) override;
    void closeWrite() override;

private:
    void openOnce();

    QPointer<docker::DockerReply> m_reply;
    QByteArray m_fallback;
    QByteArray m_override;
    bool m_opened = false;
};

} // namespace sockerless::backends
