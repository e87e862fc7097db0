#pragma once

#include "docker/dockerendpoint.h"
#include "docker/dockererror.h"
#include "docker/dockerrequest.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <deque>
#include <functional>
#include <memory>

class QIODevice;
class QLocalSocket;
class QTcpSocket;
class QTimer;

namespace sockerless::docker {

class DockerReply;
class HttpResponseParser;

/// One transport connection to Docker (internal to DockerClient): a socket (QLocalSocket for
/// unix, QTcpSocket for tcp, QSslSocket for TLS, all used through QIODevice) plus one
/// HttpResponseParser, carrying one exchange (request and response) at a time.
///
/// The connection writes the request (in-memory bodies with Content-Length, device bodies with
/// chunked encoding read as the device becomes readable), parses the response and feeds the
/// DockerReply. It never deletes itself: it reports `released` after a completed exchange and
/// `closed` once its socket is gone, and the pool decides (deleteLater) what happens next.
class DockerConnection : public QObject {
    Q_OBJECT
public:
    /// A new, unconnected connection; it connects when the first exchange starts.
    explicit DockerConnection(const DockerEndpoint& endpoint, QObject* parent = nullptr);
    ~DockerConnection() override;

    /// True when the socket is connected, no exchange runs and nothing unexpected arrived:
    /// the connection may carry another request.
    bool isReusable() const;
    /// True while an exchange runs.
    bool isBusy() const { return m_ex.reply != nullptr; }
    /// True once close() ran (or the socket failed): the pool drops the connection.
    bool isClosed() const { return m_phase == Phase::Closed; }

    /// Starts an exchange. `target` is the request line's path and query, already versioned and
    /// encoded. `mayRetry`: the connection was reused for an idempotent request, so a failure
    /// before any response byte asks the pool to retry once (retryRequested) instead of failing.
    /// Nothing is emitted synchronously: the work begins on the next event-loop pass.
    void start(DockerReply* reply, const DockerRequest& request, const QByteArray& target,
               bool mayRetry);

    /// DockerReply::pause()/resume(): stop or restart reading the socket.
    void setPaused(bool paused);
    /// DockerReply::abort(): close the socket at once and forget the reply (which reports
    /// the abort itself).
    void abortExchange();
    /// The reply is being destroyed mid-exchange: close without telling it anything.
    void detachReply(DockerReply* reply);
    /// Upgraded connections: send raw bytes.
    void writeRaw(const QByteArray& data);
    /// Upgraded connections: half-close once everything written has left.
    void closeWrite();

    /// Closes the socket (abort: no lingering) and emits closed; idempotent.
    void close();

signals:
    /// The exchange ended (the reply was already detached). `reusable`: the connection may go
    /// back to the idle pool.
    void released(sockerless::docker::DockerConnection* connection, bool reusable);
    /// The socket is gone; the connection must be dropped.
    void closed(sockerless::docker::DockerConnection* connection);
    /// A reused connection failed before any response byte of an idempotent request: send it
    /// again, once, on a fresh connection.
    void retryRequested(sockerless::docker::DockerConnection* connection,
                        sockerless::docker::DockerReply* reply,
                        const sockerless::docker::DockerRequest& request, const QByteArray& target);

private:
    enum class Phase { Unconnected, Connecting, Ready, Closed };

    /// What the parser reported, queued and delivered after feed() returned (so that a consumer
    /// deleting things in a slot never runs inside libhttp-parser) and only while not paused (so
    /// that a paused reply gets nothing, finished included, until resumed).
    struct ParserEvent {
        enum class Type {
            Headers,  ///< status and headers
            Body,     ///< a decoded body piece
            Complete, ///< the response ended
            Raw,      ///< upgraded stream bytes
            Error     ///< the answer is broken: fail with `message`
        };
        Type type = Type::Body;
        int status = 0;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray piece;
        bool keepAlive = false;
        QString message;
    };

    /// The state of the exchange in flight.
    struct Exchange {
        QPointer<DockerReply> reply;
        DockerRequest request;
        QByteArray target;
        bool mayRetry = false;
        bool requestWritten = false;  ///< the head (and an in-memory body) went to the socket
        bool bodyDone = false;        ///< the whole request body was handed to the socket
        bool deviceFinished = false;  ///< a sequential body device reported end of data
        bool responseStarted = false; ///< at least one response byte arrived
        bool headersDone = false;
        bool upgraded = false;
        bool errorStatus = false; ///< >= 400 or 304: the body is Docker's error, kept apart
        QByteArray errorBody;
        bool closeWritePending = false;
        bool writeClosed = false;
    };

    /// Runs a slot invoked by the socket or a timer, counting the depth (see the destructor).
    void guarded(const std::function<void()>& slot);
    void createSocket();
    void begin();
    void connectSocket();
    void onConnected();
    void onSocketError(const QString& reason, bool peerClosed);
    void onSocketDisconnected();
    void onBytesWritten();
    void onHeaderTimeout();
    void onConnectTimeout();

    void writeRequest();
    void flushNow();
    void pumpBody();
    bool bodyDeviceAtEnd() const;
    void tryHalfClose();

    /// Reads and handles what the socket holds, slice by slice, until paused or drained;
    /// handles end of stream once everything before it was delivered.
    void processInput();
    /// Feeds one slice to the parser (or, once upgraded, queues it as raw stream bytes).
    void handleSlice(const QByteArray& slice);
    void pushEvent(ParserEvent::Type type, const QByteArray& piece,
                   const QString& message = QString());
    /// Delivers queued events until the queue is empty, the reply paused or the exchange ended.
    void drainQueue();
    void deliver(const ParserEvent& event);
    void handleEof();
    void finishExchange(bool keepAlive);
    /// Ends the exchange with an error, closes the connection, then tells the reply.
    void failExchange(DockerError::Kind kind, const QString& message);
    void resetExchange();
    void scheduleProcessInput();

    qint64 socketBytesToWrite() const;
    qintptr socketDescriptor() const;

    DockerEndpoint m_endpoint;
    QString m_endpointText;
    QIODevice* m_socket = nullptr;
    QLocalSocket* m_local = nullptr;
    QTcpSocket* m_tcp = nullptr;
    std::unique_ptr<HttpResponseParser> m_parser;
    std::deque<ParserEvent> m_queue;
    QTimer* m_headerTimer = nullptr;
    QTimer* m_connectTimer = nullptr;
    Phase m_phase = Phase::Unconnected;
    Exchange m_ex;
    bool m_paused = false;
    bool m_eof = false;
    bool m_eofFed = false; ///< the parser was told about the end of stream
    QString m_eofReason;
    bool m_processing = false;
    bool m_processScheduled = false;
    bool m_beginScheduled = false;
    bool m_unexpectedInput = false;
    /// >0 while one of our slots runs inside a signal of the socket or a timer: deleting them
    /// then would free them under their own feet, so the destructor defers that.
    int m_callbackDepth = 0;
};

} // namespace sockerless::docker
