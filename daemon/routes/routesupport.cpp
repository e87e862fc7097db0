#include "routes/routesupport.h"

#include "backends/backend.h"
#include "http/chunkedstream.h"
#include "http/websocketsession.h"

#include <QPointer>
#include <QTcpSocket>
#include <QWebSocket>

namespace sockerless::routes {

using backends::BackendStream;

bool rejected(const http::ExchangePtr& exchange, const std::optional<api::ApiError>& error) {
    if (!error)
        return false;
    exchange->fail(*error);
    return true;
}

void respondResult(const http::ExchangePtr& exchange, const api::Result<QJsonValue>& result,
                   int status) {
    if (result.ok())
        exchange->respondJson(status, result.value());
    else
        exchange->fail(result.error());
}

void respondResult(const http::ExchangePtr& exchange, const api::Result<api::Nothing>& result,
                   int status) {
    if (result.ok())
        exchange->respondEmpty(status);
    else
        exchange->fail(result.error());
}

void streamToHttp(BackendStream* stream, const http::ExchangePtr& exchange, int status,
                  const QByteArray& fallbackContentType) {
    // The chunked answer, once started; shared by the handlers below.
    auto chunked = std::make_shared<QPointer<http::ChunkedStream>>();
    auto open = [stream, exchange, status, fallbackContentType, chunked] {
        if (*chunked || exchange->answered())
            return;
        const QByteArray type =
            stream->contentType().isEmpty() ? fallbackContentType : stream->contentType();
        http::ChunkedStream* out = exchange->startStream(status, type);
        *chunked = out;
        QObject::connect(out, &http::ChunkedStream::congested, stream, &BackendStream::pause);
        QObject::connect(out, &http::ChunkedStream::drained, stream, &BackendStream::resume);
    };
    QObject::connect(stream, &BackendStream::opened, stream, open);
    QObject::connect(stream, &BackendStream::message, stream,
                     [open, chunked](const QByteArray& piece) {
                         open();
                         if (*chunked)
                             (*chunked)->write(piece);
                     });
    QObject::connect(stream, &BackendStream::ended, stream, [stream, open, chunked] {
        open();
        if (*chunked)
            (*chunked)->end();
        stream->deleteLater();
    });
    QObject::connect(stream, &BackendStream::failed, stream,
                     [stream, exchange, chunked](const api::ApiError& error) {
                         exchange->noteError(error.message);
                         if (*chunked)
                             (*chunked)->abortConnection();
                         else
                             exchange->fail(error);
                         stream->deleteLater();
                     });
}

void streamToWebSocket(BackendStream* stream, http::WebSocketSession* session,
                       WebSocketPayload payload) {
    // Backpressure: QWebSocket writes every frame straight into its QTcpSocket's buffer (Qt 6.4
    // has no flow control), so a slow reader would make the daemon hold all the backend produces.
    // The upgraded connection is the QWebSocket's child; pause the backend above the same marks
    // as a chunked HTTP stream and resume once the backlog drained.
    const QPointer<QTcpSocket> connection = session->socket()->findChild<QTcpSocket*>();
    auto paused = std::make_shared<bool>(false);
    if (connection) {
        QObject::connect(
            connection, &QIODevice::bytesWritten, stream, [stream, connection, paused] {
                if (*paused && connection &&
                    connection->bytesToWrite() <= http::ChunkedStream::lowWaterMark()) {
                    *paused = false;
                    stream->resume();
                }
            });
    }
    QObject::connect(stream, &BackendStream::message, session,
                     [session, payload, stream, connection, paused](const QByteArray& message) {
                         if (payload == WebSocketPayload::Text)
                             session->socket()->sendTextMessage(QString::fromUtf8(message));
                         else
                             session->socket()->sendBinaryMessage(message);
                         if (!*paused && connection &&
                             connection->bytesToWrite() > http::ChunkedStream::highWaterMark()) {
                             *paused = true;
                             stream->pause();
                         }
                     });
    QObject::connect(stream, &BackendStream::ended, session,
                     &http::WebSocketSession::closeNormally);
    QObject::connect(stream, &BackendStream::failed, session,
                     [session](const api::ApiError& error) { session->fail(error); });
    QObject::connect(session, &http::WebSocketSession::closed, stream, &QObject::deleteLater);
}

} // namespace sockerless::routes
