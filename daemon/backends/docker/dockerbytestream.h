#pragma once

#include "backends/backend.h"
#include "backends/docker/dockercall.h"

#include <QPointer>

namespace sockerless::docker {
class DockerClient;
class DockerReply;
} // namespace sockerless::docker

namespace sockerless::backends {

/// A BackendStream over a streamed Docker reply whose bytes pass through as they come (logs,
/// exec output, a wait answer): one message per piece Docker sent, no re-framing. It opens only
/// when Docker accepted the call (a 2xx status, or 101 for a hijack; a wait's headers come before
/// the container exits, which is what lets a client start it afterwards). A refusal fails
/// before opening, so the client gets Docker's status rather than a 200 cut short; a redirect
/// (Docker's answer for a decoded id holding a path Go cleans, `a/`) fails as a 404. pause()
/// and resume() stop and restart reading from Docker (backpressure); write() and closeWrite()
/// reach the process of an upgraded connection. Destroying it aborts the upstream request,
/// which closes its connection at once. When the upstream connection breaks (or a hijacked one
/// closes) and Docker no longer answers a ping, it fails with the 503 `Docker daemon unreachable`
/// rather than ending or failing as a broken answer (DockerOutage).
class DockerByteStream : public BackendStream {
    Q_OBJECT
public:
    /// Takes over `reply` (switched to streaming); parented to `context`. The content type at
    /// `opened` is Docker's, else `fallbackContentType` (API 1.41 logs carry none). `rewrite`
    /// words failures as the contract does (`notFoundAs("container", id)`).
    DockerByteStream(docker::DockerReply* reply, QObject* context,
                     const QByteArray& fallbackContentType = {}, ErrorRewrite rewrite = {});
    ~DockerByteStream() override;

    /// Sets the content type reported at `opened` whatever Docker says (logs of a TTY
    /// container are raw, and Docker's hijacked exec says raw-stream even when it frames).
    void overrideContentType(const QByteArray& contentType) { m_override = contentType; }

    void pause() override;
    void resume() override;
    void write(const QByteArray& data) override;
    void closeWrite() override;

private:
    void openOnce();
    void fail(const api::ApiError& error);

    QPointer<docker::DockerReply> m_reply;
    QPointer<docker::DockerClient> m_client; ///< to ask whether Docker is still there
    QByteArray m_fallback;
    QByteArray m_override;
    ErrorRewrite m_rewrite;
    bool m_opened = false;
    bool m_upgraded = false;
};

} // namespace sockerless::backends
