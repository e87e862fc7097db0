#include "http/chunkedstream.h"

#include "http/httpexchange.h"

#include <QHttpServerResponder>
#include <QTcpSocket>

namespace sockerless::http {

ChunkedStream::ChunkedStream(std::shared_ptr<HttpExchange> exchange,
                             QHttpServerResponder* responder, QTcpSocket* socket, int status)
    : QObject(exchange->lifetime())
    , m_exchange(std::move(exchange))
    , m_responder(responder)
    , m_socket(socket)
    , m_status(status) {
    if (!m_responder || !m_socket)
        return;
    // Qt 6.4: the first writeBody() writes the blank line that ends the header block, so an empty
    // body sends the headers now instead of with the first chunk (Docker's `wait` and `docker
    // run` rely on seeing the headers before any data).
    m_responder->writeBody(QByteArray());
    connect(m_socket, &QTcpSocket::bytesWritten, this, &ChunkedStream::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &ChunkedStream::onClientGone);
    // The socket may also be deleted without a disconnect (server teardown): the parent's
    // destroyed signal comes before the children are deleted, while this object is still whole.
    if (parent())
        connect(parent(), &QObject::destroyed, this, &ChunkedStream::onClientGone);
}

ChunkedStream::~ChunkedStream() {
    if (!m_ended) {
        if (isOpen()) {
            // Deleted by its owner before end(): finish the response properly.
            m_responder->writeBody("0\r\n\r\n");
            finish(m_status);
        } else {
            m_ended = true;
            if (m_exchange->m_error.isEmpty())
                m_exchange->m_error = QStringLiteral("client closed the connection");
            finish(499);
        }
    }
    // Our last reference may destroy the exchange, which deletes its lifetime object: leave that
    // parent first, or it would delete this half-destroyed stream a second time.
    setParent(nullptr);
    m_exchange->m_stream = nullptr;
    m_exchange.reset();
}

bool ChunkedStream::isCongested() const {
    return m_congested;
}

bool ChunkedStream::isOpen() const {
    const QTcpSocket* socket = m_socket.data();
    return !m_ended && socket && socket->state() == QAbstractSocket::ConnectedState;
}

void ChunkedStream::write(const QByteArray& data) {
    if (data.isEmpty() || !isOpen())
        return;
    QByteArray frame = QByteArray::number(data.size(), 16);
    frame.reserve(frame.size() + data.size() + 4);
    frame += "\r\n";
    frame += data;
    frame += "\r\n";
    m_responder->writeBody(frame);
    m_bytesOut += data.size();
    // Qt 6.4 has no backpressure: writes pile up in the socket's buffer without limit.
    const QTcpSocket* socket = m_socket.data();
    if (!m_congested && socket && socket->bytesToWrite() > highWaterMark()) {
        m_congested = true;
        emit congested();
    }
}

void ChunkedStream::onBytesWritten() {
    QTcpSocket* socket = m_socket.data();
    if (m_congested && socket && socket->bytesToWrite() <= lowWaterMark()) {
        m_congested = false;
        emit drained();
    }
}

bool ChunkedStream::beginEnding() {
    if (m_ended)
        return false;
    if (!isOpen()) {
        onClientGone();
        return false;
    }
    m_ended = true;
    return true;
}

void ChunkedStream::end() {
    if (!beginEnding())
        return;
    m_responder->writeBody("0\r\n\r\n");
    finish(m_status);
    deleteLater();
}

void ChunkedStream::abortConnection() {
    if (!beginEnding())
        return;
    if (m_exchange->m_error.isEmpty())
        m_exchange->m_error = QStringLiteral("stream aborted after the headers were sent");
    finish(m_status);
    // disconnectFromHost() still delivers what is buffered; the missing last chunk tells the
    // client the stream is incomplete. The record above may have run a slot: check again.
    if (QTcpSocket* socket = m_socket.data())
        socket->disconnectFromHost();
    deleteLater();
}

void ChunkedStream::onClientGone() {
    if (m_ended)
        return;
    m_ended = true;
    if (m_exchange->m_error.isEmpty())
        m_exchange->m_error = QStringLiteral("client closed the connection");
    finish(499);
    if (!m_goneSignalled) {
        m_goneSignalled = true;
        emit clientGone();
    }
    // Usually Qt deletes us with the socket; this covers a socket that lingers after the close.
    deleteLater();
}

void ChunkedStream::finish(int status) {
    m_exchange->finish(status, m_bytesOut);
}

} // namespace sockerless::http
