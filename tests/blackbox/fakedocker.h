#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QHash>
#include <QList>
#include <QLocalServer>
#include <QLocalSocket>
#include <QObject>
#include <QPointer>
#include <QString>
#include <functional>
#include <memory>

namespace sockerless::test {

/// A Docker Engine stand-in on a Unix socket in the test process, for what a real Docker cannot
/// be made to do (answer garbage, hang, go away) and to see exactly which request lines the
/// daemon sends upstream. It answers `GET /_ping` as Docker 20.10 does (API 1.41, or apiVersion)
/// and every other request through `onRequest`; keep-alive; a request body (Content-Length or
/// chunked) is read and kept in `bodies`, parallel to `requestLines`.
class FakeDocker : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<void(QLocalSocket* socket, const QByteArray& requestLine)>;

    explicit FakeDocker(QString path);
    ~FakeDocker() override;

    bool listen();
    /// Stops answering: the socket file goes away and open connections close.
    void stop();
    QString url() const { return QStringLiteral("unix://") + m_path; }

    /// A buffered JSON answer with `status` (Content-Length framing).
    static QByteArray jsonAnswer(const QByteArray& body, int status = 200);

    Handler onRequest;
    /// The `Api-Version` the pings answer (a Docker that comes back upgraded answers another).
    QByteArray apiVersion = "1.41";
    int connections = 0;
    int closedByPeer = 0;
    /// Every request line but the pings, in arrival order (`GET /v1.41/info HTTP/1.1`).
    QByteArrayList requestLines;
    QByteArrayList bodies;

private:
    void read(QLocalSocket* socket);

    QString m_path;
    std::unique_ptr<QLocalServer> m_server;
    QList<QPointer<QLocalSocket>> m_open;
    QHash<QLocalSocket*, QByteArray> m_buffers;
};

} // namespace sockerless::test
