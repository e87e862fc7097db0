#pragma once

#include "backends/backend.h"

#include <QList>
#include <QPointer>

namespace sockerless::docker {
class DockerClient;
}

namespace sockerless::backends {

class DockerByteStream;

/// An attached exec start against Docker, as one BackendStream (see ExecOps::startAttached).
///
/// It takes two calls: `GET /exec/{id}/json` first, because Docker needs the exec's own `Tty`
/// in the start body and frames the output by it while announcing `raw-stream` either way
/// (API 1.41); then `POST /exec/{id}/start` as a hijacked (upgraded) connection. stdin written
/// or closed before the connection is upgraded is held and sent once it is. Destroying the
/// stream aborts whichever call is in flight, closing its connection at once.
class DockerExecStream : public BackendStream {
    Q_OBJECT
public:
    /// Starts the inspect at once; signals come from the event loop. Parented to `context`.
    DockerExecStream(docker::DockerClient* client, const QString& id, QObject* context);

    void pause() override;
    void resume() override;
    void write(const QByteArray& data) override;
    void closeWrite() override;

private:
    void start(bool tty);
    void fail(const api::ApiError& error);

    docker::DockerClient* m_client;
    QString m_id;
    QPointer<DockerByteStream> m_upstream;
    QList<QByteArray> m_pendingWrites; ///< stdin written while the exec was being inspected
    bool m_closeWritePending = false;
    bool m_paused = false;
};

} // namespace sockerless::backends
