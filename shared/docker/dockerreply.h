#pragma once

#include "docker/dockererror.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>

namespace sockerless::docker {

class DockerConnection;

/// The answer to one DockerRequest, delivered as it arrives.
///
/// Signals, in order: headersReceived once, then data for every decoded body piece (chunked
/// framing already removed) unless the reply is buffered, then exactly one of finished or failed.
/// A reply is buffered by default: data is not emitted and body() holds everything at finished.
/// Call setStreaming(true) right after DockerClient::send to get data as it comes instead.
/// An HTTP status >= 400 ends in failed with Kind::Http and Docker's message (after the error
/// body has been read); 304 too. The reply deletes itself (deleteLater) after finished/failed
/// unless the owner called setAutoDelete(false).
///
/// For an upgraded request (DockerRequest::upgrade) Docker answers 101 (older engines: 200 with
/// a raw-stream/multiplexed-stream Content-Type): `upgraded` is emitted after headersReceived,
/// then `data` carries the raw stream from the process, write() sends to it, closeWrite()
/// half-closes (stdin EOF), and finished comes when Docker closes the connection.
class DockerReply : public QObject {
    Q_OBJECT
public:
    ~DockerReply() override;

    int status() const { return m_status; }
    const QList<QPair<QByteArray, QByteArray>>& headers() const { return m_headers; }
    /// The value of a response header (case-insensitive), or empty.
    QByteArray header(const QByteArray& name) const;
    /// Buffered replies: the whole body once finished.
    const QByteArray& body() const { return m_body; }
    const DockerError& error() const { return m_error; }
    bool isFinished() const { return m_done; }

    void setStreaming(bool streaming) { m_streaming = streaming; }
    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }

    /// Stop reading from Docker: the socket's kernel buffers fill and Docker slows down.
    /// Whatever was already parsed is held back too (data, and finished after it) until
    /// resume(); signals emitted in the same pass as the pause() call may still arrive.
    void pause();
    /// Read again after pause().
    void resume();
    bool isPaused() const { return m_paused; }

    /// Close the upstream connection at once; emits failed(Aborted) unless already done.
    void abort();

    /// Upgraded connections only: send raw bytes to the process. Bytes written before Docker
    /// switched protocols are kept and sent right after the switch.
    void write(const QByteArray& data);
    /// Upgraded connections only: half-close the connection (the process sees stdin EOF) once
    /// everything written has been sent; output still flows until Docker closes.
    void closeWrite();

signals:
    void headersReceived(int status);
    void upgraded();
    void data(const QByteArray& piece);
    void finished();
    void failed(const sockerless::docker::DockerError& error);

private:
    friend class DockerClient;
    friend class DockerConnection;
    friend class DockerConnectionPool;
    explicit DockerReply(QObject* parent = nullptr);

    // Called by DockerConnection / DockerClient as the exchange progresses. Each emits at most
    // once per reply where the contract says so; complete() and fail() end the reply.
    void deliverHeaders(int status, const QList<QPair<QByteArray, QByteArray>>& headers);
    void deliverUpgraded();
    void deliverData(const QByteArray& piece);
    void complete();
    void fail(const DockerError& error);
    /// Shared end of complete() and fail(): deletes the reply unless asked not to.
    void afterEnd();

    DockerConnection* m_connection = nullptr;
    int m_status = 0;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QByteArray m_body;
    DockerError m_error;
    QString m_endpoint; ///< for errors raised by the reply itself (abort)
    /// Upgrade requests only: bytes written before Docker switched protocols, sent right after.
    QList<QByteArray> m_pendingWrites;
    bool m_upgradeRequest = false;
    bool m_upgraded = false;
    bool m_writeClosed = false;
    bool m_streaming = false;
    bool m_autoDelete = true;
    bool m_paused = false;
    bool m_done = false;
};

} // namespace sockerless::docker
