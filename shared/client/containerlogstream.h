#pragma once

#include "docker/framedemuxer.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <memory>

class QWebSocket;

namespace sockerless::client {

class InternalApiClient;

/// Follows one container's logs over `WS /internal/v1/containers/{id}/logs/stream`: binary
/// messages carry Docker's multiplexed frames (8-byte header; stream 1 = stdout, 2 = stderr), or
/// raw bytes for a TTY container, reported as stdout.
class ContainerLogStream : public QObject {
    Q_OBJECT
public:
    enum class Channel { Stdout = 1, Stderr = 2 };
    Q_ENUM(Channel)

    /// Opens the stream at once. `tty` says the container has a TTY (raw stream, no frames);
    /// `tail` is Docker's `tail` ("all" or a number of lines).
    ContainerLogStream(InternalApiClient* client, const QString& containerId, bool tty,
                       const QString& tail, QObject* parent = nullptr);
    ~ContainerLogStream() override;
    /// Closes the socket; no more signals.
    void close();

signals:
    void output(sockerless::client::ContainerLogStream::Channel channel, const QByteArray& bytes);
    /// Once: the stream ended; `error` is empty for a normal end (the container stopped).
    void ended(const QString& error);

private:
    struct Run {
        Channel channel;
        QByteArray bytes;
    };
    void onBinary(const QByteArray& message);
    void collect(Channel channel, const QByteArray& payload);

    QWebSocket* m_socket = nullptr;
    std::unique_ptr<docker::FrameDemuxer> m_demuxer;
    QList<Run> m_runs; // the frames of the message being read, merged per channel
    QString m_error;
    bool m_ended = false;
};

} // namespace sockerless::client
