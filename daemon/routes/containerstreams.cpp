#include "routes/containerstreams.h"

#include "backends/backend.h"
#include "docker/framedemuxer.h"
#include "http/websocketsession.h"

#include <QWebSocket>
#include <memory>

namespace sockerless::routes {

using backends::BackendStream;

namespace {

constexpr qint64 highWaterMark = 1 << 20;
constexpr qint64 lowWaterMark = 256 << 10;

// A multiplexed frame header: stream 0-3, three zero bytes, a big-endian length.
bool validHeader(const QByteArray& bytes) {
    return bytes.size() >= 8 && static_cast<quint8>(bytes.at(0)) <= 3 && bytes.at(1) == 0 &&
           bytes.at(2) == 0 && bytes.at(3) == 0;
}

// Cuts a byte stream into messages of whole frames. If the stream turns out not to be framed
// (an invalid header), everything passes raw from then on rather than being held forever.
class FrameCutter {
public:
    explicit FrameCutter(bool raw)
        : m_raw(raw) {}

    QByteArray take(const QByteArray& piece) {
        if (m_raw)
            return piece;
        m_buffer.append(piece);
        const qsizetype whole = docker::FrameDemuxer::wholeFramesLength(m_buffer);
        if (whole == 0 && m_buffer.size() >= 8 && !validHeader(m_buffer)) {
            m_raw = true;
            return std::exchange(m_buffer, {});
        }
        QByteArray out = m_buffer.left(whole);
        m_buffer.remove(0, whole);
        return out;
    }
    /// What is left at the end (nothing, unless the stream ended inside a frame).
    QByteArray rest() { return std::exchange(m_buffer, {}); }

private:
    QByteArray m_buffer;
    bool m_raw;
};

} // namespace

void waitToWebSocket(BackendStream* stream, http::WebSocketSession* session) {
    auto answer = std::make_shared<QByteArray>();
    QObject::connect(stream, &BackendStream::message, session,
                     [answer](const QByteArray& piece) { answer->append(piece); });
    QObject::connect(stream, &BackendStream::ended, session, [session, answer] {
        session->socket()->sendTextMessage(QString::fromUtf8(answer->trimmed()));
        session->closeNormally();
    });
    QObject::connect(stream, &BackendStream::failed, session,
                     [session](const api::ApiError& error) { session->fail(error); });
    QObject::connect(session, &http::WebSocketSession::closed, stream, &QObject::deleteLater);
}

void logsToWebSocket(BackendStream* stream, http::WebSocketSession* session) {
    auto cutter = std::make_shared<std::unique_ptr<FrameCutter>>();
    QWebSocket* socket = session->socket();
    QObject::connect(stream, &BackendStream::opened, session, [stream, cutter] {
        *cutter = std::make_unique<FrameCutter>(stream->contentType() ==
                                                "application/vnd.docker.raw-stream");
    });
    QObject::connect(stream, &BackendStream::message, session,
                     [stream, socket, cutter](const QByteArray& piece) {
                         if (!*cutter)
                             *cutter = std::make_unique<FrameCutter>(false);
                         const QByteArray whole = (*cutter)->take(piece);
                         if (whole.isEmpty())
                             return;
                         socket->sendBinaryMessage(whole);
                         if (socket->bytesToWrite() > highWaterMark)
                             stream->pause();
                     });
    QObject::connect(socket, &QWebSocket::bytesWritten, stream, [stream, socket] {
        if (socket->bytesToWrite() < lowWaterMark)
            stream->resume();
    });
    QObject::connect(stream, &BackendStream::ended, session, [session, socket, cutter] {
        if (*cutter) {
            const QByteArray rest = (*cutter)->rest();
            if (!rest.isEmpty())
                socket->sendBinaryMessage(rest);
        }
        session->closeNormally();
    });
    QObject::connect(stream, &BackendStream::failed, session,
                     [session](const api::ApiError& error) { session->fail(error); });
    QObject::connect(session, &http::WebSocketSession::closed, stream, &QObject::deleteLater);
}

} // namespace sockerless::routes
