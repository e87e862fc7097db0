#include "routes/execsocket.h"

#include "backends/backend.h"
#include "docker/framedemuxer.h"
#include "http/websocketsession.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QWebSocket>

namespace sockerless::routes {

using backends::BackendStream;

namespace {

// Above this many unsent bytes the stream is paused; below the low mark it resumes.
constexpr qint64 kHighWater = 1 << 20;
constexpr qint64 kLowWater = 256 << 10;
constexpr qsizetype kFrameHeader = 8;

// The state of one bridge; a child of the session, so it dies with it.
class ExecSocketBridge : public QObject {
public:
    ExecSocketBridge(BackendStream* stream, http::WebSocketSession* session)
        : QObject(session)
        , m_stream(stream)
        , m_session(session) {
        QWebSocket* socket = session->socket();
        connect(socket, &QWebSocket::binaryMessageReceived, this, &ExecSocketBridge::onStdin);
        connect(socket, &QWebSocket::textMessageReceived, this, &ExecSocketBridge::onCommand);
        connect(socket, &QWebSocket::bytesWritten, this, &ExecSocketBridge::onWritten);
        connect(stream, &BackendStream::message, this, &ExecSocketBridge::onOutput);
        connect(stream, &BackendStream::ended, this, &ExecSocketBridge::onEnded);
        connect(stream, &BackendStream::failed, this,
                [this](const api::ApiError& error) { m_session->fail(error); });
        // The client left: drop the stream now, which closes Docker's connection.
        connect(session, &http::WebSocketSession::closed, this, [this] {
            if (m_stream)
                m_stream->deleteLater();
        });
    }

private:
    bool multiplexed() const {
        return m_stream && m_stream->contentType() == "application/vnd.docker.multiplexed-stream";
    }

    void onStdin(const QByteArray& data) {
        if (m_stream && !m_stdinClosed)
            m_stream->write(data);
    }

    void onCommand(const QString& text) {
        const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
        const QJsonValue closeStdin = document.object().value(QStringLiteral("closeStdin"));
        if (!document.isObject() || !closeStdin.isBool()) {
            m_session->fail(api::ApiError::badRequest(
                QStringLiteral("unsupported text message: the only command is "
                               "{\"closeStdin\":true}; send stdin as binary messages")));
            return;
        }
        if (closeStdin.toBool() && !m_stdinClosed && m_stream) {
            m_stdinClosed = true;
            m_stream->closeWrite();
        }
    }

    void onOutput(const QByteArray& piece) {
        if (!m_session->isOpen())
            return;
        if (!multiplexed()) {
            send(piece);
            return;
        }
        m_pending.append(piece);
        const qsizetype whole = docker::FrameDemuxer::wholeFramesLength(m_pending);
        if (whole > 0) {
            send(m_pending.left(whole));
            m_pending.remove(0, whole);
        }
        if (m_pending.size() >= kFrameHeader && !validHeader(m_pending))
            m_session->fail(api::ApiError::internal(
                QStringLiteral("the exec output is not Docker's multiplexed stream")));
    }

    static bool validHeader(const QByteArray& bytes) {
        return static_cast<quint8>(bytes.at(0)) <= 3 && bytes.at(1) == 0 && bytes.at(2) == 0 &&
               bytes.at(3) == 0;
    }

    void send(const QByteArray& bytes) {
        QWebSocket* socket = m_session->socket();
        socket->sendBinaryMessage(bytes);
        if (!m_paused && socket->bytesToWrite() > kHighWater && m_stream) {
            m_paused = true;
            m_stream->pause();
        }
    }

    void onWritten() {
        if (m_paused && m_session->socket()->bytesToWrite() < kLowWater && m_stream) {
            m_paused = false;
            m_stream->resume();
        }
    }

    void onEnded() {
        // A partial frame at the end cannot become whole any more: pass on what Docker sent.
        if (!m_pending.isEmpty() && m_session->isOpen())
            m_session->socket()->sendBinaryMessage(std::exchange(m_pending, {}));
        m_session->closeNormally();
    }

    QPointer<BackendStream> m_stream;
    http::WebSocketSession* m_session;
    QByteArray m_pending; ///< the start of a frame not yet complete
    bool m_stdinClosed = false;
    bool m_paused = false;
};

} // namespace

void bridgeExecWebSocket(BackendStream* stream, http::WebSocketSession* session) {
    new ExecSocketBridge(stream, session);
}

} // namespace sockerless::routes
