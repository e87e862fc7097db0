#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <memory>

class QHttpServerResponder;
class QTcpSocket;

namespace sockerless::http {

class HttpExchange;

/// A chunked HTTP/1.1 response written piece by piece (Qt 6.4's responder has no chunked API:
/// this adapter frames the chunks itself; 6.8 replaced the low-level writers, so this is the one
/// place to change). Backpressure: when more than highWaterMark() bytes wait in the client
/// socket, `congested` is emitted and the producer should pause; `drained` when it fell below
/// lowWaterMark(). `clientGone` is emitted once when the client's connection closes.
///
/// Ownership: created by HttpExchange::startStream() as a child of the exchange's lifetime()
/// object, itself a child of the client's QTcpSocket, so Qt deletes the stream with the socket
/// and it can never write to a freed socket. The stream keeps its exchange alive. It deletes
/// itself (deleteLater) after end() or abortConnection(), and it is deleted when the client
/// leaves: producers hold it in a QPointer, or stop using it on clientGone / destroyed.
class ChunkedStream : public QObject {
    Q_OBJECT
public:
    ~ChunkedStream() override;

    /// Send one chunk (empty data is ignored: an empty chunk would end the stream). Dropped once
    /// the stream ended or the client left.
    void write(const QByteArray& data);
    /// Send the last chunk and record the exchange. Safe to call more than once.
    void end();
    /// End by closing the connection: the client sees a truncated stream (for upstream failures
    /// after the headers were sent, where no status can be changed any more).
    void abortConnection();

    /// True between `congested` and `drained`.
    bool isCongested() const;
    /// True until the stream ended or the client left.
    bool isOpen() const;
    /// Payload bytes written so far (without the chunk framing).
    qint64 bytesWritten() const { return m_bytesOut; }
    static constexpr qint64 highWaterMark() { return 1 << 20; }
    static constexpr qint64 lowWaterMark() { return 256 << 10; }

signals:
    /// More than highWaterMark() bytes wait in the socket: pause the producer.
    void congested();
    /// The backlog fell below lowWaterMark() after `congested`: resume the producer.
    void drained();
    /// The client left before end(); the exchange is recorded as 499. Emitted at most once.
    void clientGone();

private:
    friend class HttpExchange;
    friend class ApiServer; // shutdown closes the stream's connection after end()
    ChunkedStream(std::shared_ptr<HttpExchange> exchange, QHttpServerResponder* responder,
                  QTcpSocket* socket, int status);
    void onBytesWritten();
    void onClientGone();
    /// Marks the stream ended; false when it already was, or when the client is gone (then
    /// recorded as such).
    bool beginEnding();
    void finish(int status);

    std::shared_ptr<HttpExchange> m_exchange;
    QHttpServerResponder* m_responder;
    QPointer<QTcpSocket> m_socket;
    int m_status;
    qint64 m_bytesOut = 0;
    bool m_ended = false;
    bool m_congested = false;
    bool m_goneSignalled = false;
};

} // namespace sockerless::http
