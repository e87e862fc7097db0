#include "client/containerlogstream.h"

#include "client/internalapiclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QWebSocket>
#include <utility>

namespace sockerless::client {

ContainerLogStream::ContainerLogStream(InternalApiClient* client, const QString& containerId,
                                       bool tty, const QString& tail, QObject* parent)
    : QObject(parent) {
    if (!tty) {
        m_demuxer = std::make_unique<docker::FrameDemuxer>(
            [this](docker::FrameDemuxer::Stream stream, const QByteArray& payload) {
                collect(stream == docker::FrameDemuxer::Stream::Stderr ? Channel::Stderr
                                                                       : Channel::Stdout,
                        payload);
            });
    }
    m_socket = client->openWebSocket(QStringLiteral("/internal/v1/containers/") +
                                         InternalApiClient::segment(containerId) +
                                         QStringLiteral("/logs/stream?stdout=1&stderr=1&tail=") +
                                         InternalApiClient::segment(tail),
                                     this);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &ContainerLogStream::onBinary);
    // A stream that fails before streaming sends {"message","status"} as text, then closes.
    connect(m_socket, &QWebSocket::textMessageReceived, this, [this](const QString& text) {
        m_error = QJsonDocument::fromJson(text.toUtf8())
                      .object()
                      .value(QStringLiteral("message"))
                      .toString();
    });
    connect(m_socket, &QWebSocket::disconnected, this, [this] {
        if (m_ended)
            return;
        m_ended = true;
        QString error = m_error;
        if (error.isEmpty() && m_socket->closeCode() != QWebSocketProtocol::CloseCodeNormal)
            error = m_socket->closeReason().isEmpty() ? m_socket->errorString()
                                                      : m_socket->closeReason();
        emit ended(error);
    });
}

ContainerLogStream::~ContainerLogStream() {
    close();
}

void ContainerLogStream::close() {
    m_ended = true;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void ContainerLogStream::onBinary(const QByteArray& message) {
    if (!m_demuxer) {
        emit output(Channel::Stdout, message);
        return;
    }
    const bool framed = m_demuxer->feed(message);
    // One signal per run of one channel in this message, not one per frame: Docker writes a frame
    // per log line, and a flood brings tens of thousands of lines a second.
    const QList<Run> runs = std::exchange(m_runs, {});
    for (const Run& run : runs) {
        emit output(run.channel, run.bytes);
        if (m_ended)
            return; // a receiver closed the stream
    }
    if (!framed) {
        // Not frames after all (a TTY we did not know of): show the bytes rather than nothing.
        m_demuxer.reset();
        emit output(Channel::Stdout, message);
    }
}

void ContainerLogStream::collect(Channel channel, const QByteArray& payload) {
    if (!m_runs.isEmpty() && m_runs.last().channel == channel)
        m_runs.last().bytes += payload;
    else
        m_runs.append({channel, payload});
}

} // namespace sockerless::client
