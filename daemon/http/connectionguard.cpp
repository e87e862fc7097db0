#include "http/connectionguard.h"

#include "http/connectioncloser.h"
#include "http/connectionhub.h"

#include <QTcpSocket>

namespace sockerless::http {

ConnectionGuard::ConnectionGuard(QTcpSocket* socket, ConnectionHub* hub)
    : QObject(socket)
    , m_socket(socket)
    , m_hub(hub)
    , m_framer(hub->limits().framing) {
    // Connected before QHttpServer's slot (the listener attaches the guard before handing the
    // socket on), so onReadyRead() always runs first on new bytes.
    connect(socket, &QIODevice::readyRead, this, &ConnectionGuard::onReadyRead);
    connect(socket, &QIODevice::bytesWritten, this, &ConnectionGuard::onActivity);
    m_idle.setSingleShot(true);
    m_idle.setInterval(qMax(1, hub->limits().idleTimeoutSeconds) * 1000);
    connect(&m_idle, &QTimer::timeout, this, &ConnectionGuard::onIdleTimeout);
    m_idle.start();
}

ConnectionGuard::~ConnectionGuard() {
    if (m_hub)
        m_hub->released();
}

ConnectionGuard* ConnectionGuard::of(const QObject* socket) {
    if (!socket)
        return nullptr;
    return socket->findChild<ConnectionGuard*>(QString(), Qt::FindDirectChildrenOnly);
}

bool ConnectionGuard::beginExchange() {
    ++m_inFlight;
    onActivity();
    // QHttpServer calls the handler from inside the readyRead pass that delivered the request,
    // so the oldest delivered request is the one being answered.
    return m_keepAlive.isEmpty() ? false : !m_keepAlive.takeFirst();
}

void ConnectionGuard::endExchange(bool closeAfter) {
    m_inFlight = qMax(0, m_inFlight - 1);
    onActivity();
    QTcpSocket* socket = m_socket.data();
    if (closeAfter && socket && socket->state() == QAbstractSocket::ConnectedState) {
        m_held.clear();
        // Sends what is still buffered (the answer), then closes.
        socket->disconnectFromHost();
        return;
    }
    // The next pipelined request goes to QHttpServer once this answer is out: answers then
    // leave in the order of the requests, as HTTP/1.1 requires.
    if (!m_held.isEmpty() && m_inFlight == 0)
        QMetaObject::invokeMethod(this, &ConnectionGuard::deliverHeld, Qt::QueuedConnection);
}

void ConnectionGuard::onActivity() {
    if (!m_detached && !m_rejected)
        m_idle.start();
}

void ConnectionGuard::onIdleTimeout() {
    QTcpSocket* socket = m_socket.data();
    if (m_detached || m_rejected || !socket)
        return;
    // An answer being computed or streamed, or a held request, is not idleness.
    if (m_inFlight > 0 || !m_held.isEmpty()) {
        m_idle.start();
        return;
    }
    socket->disconnectFromHost();
}

void ConnectionGuard::putBackHeld() {
    QTcpSocket* socket = m_socket.data();
    if (m_held.isEmpty() || !socket)
        return;
    // The request before the held bytes was complete, so QHttpServer committed its transaction;
    // ungetChar() inserts into the buffer only outside a transaction.
    if (socket->isTransactionStarted())
        socket->commitTransaction();
    for (qsizetype i = m_held.size() - 1; i >= 0; --i)
        socket->ungetChar(m_held.at(i));
    m_putBack = m_held.size();
    m_putBackBounds = m_heldBounds;
    m_held.clear();
    m_heldBounds.clear();
}

void ConnectionGuard::deliverHeld() {
    QTcpSocket* socket = m_socket.data();
    if (m_held.isEmpty() || !socket || m_detached || m_rejected || m_inFlight > 0)
        return;
    // onReadyRead() puts the held bytes back first, then QHttpServer reads them.
    emit socket->readyRead();
}

void ConnectionGuard::onReadyRead() {
    QTcpSocket* socket = m_socket.data();
    if (m_detached || m_rejected || !socket)
        return;
    onActivity();
    // Held bytes go back in front of whatever arrived since, keeping the client's order.
    putBackHeld();
    const qint64 available = socket->bytesAvailable();
    if (available <= 0)
        return;
    const QByteArray data = socket->peek(available);
    QList<RequestFramer::Message> bounds = m_putBackBounds;
    const qsizetype framed = qMin(m_putBack, data.size());
    m_putBack = 0;
    m_putBackBounds.clear();
    if (data.size() > framed) {
        const RequestFramer::Result result =
            m_framer.feed(data.constData() + framed, data.size() - framed);
        if (result.rejectStatus != 0) {
            reject(result.rejectStatus, result.rejectMessage);
            return;
        }
        for (RequestFramer::Message message : result.completed) {
            message.end += framed;
            bounds.append(message);
        }
    }
    if (bounds.isEmpty())
        return; // a request still arriving: QHttpServer reads it piece by piece

    const RequestFramer::Message first = bounds.first();
    if (first.upgrade) {
        // QHttpServer hands the socket (and the rest of the buffer) to its WebSocket server.
        detach();
        return;
    }
    m_keepAlive.append(first.keepAlive);
    if (first.end >= data.size())
        return;
    // More follows the first request: QHttpServer 6.4 would merge it all into one request. Give
    // it exactly the first one now and the rest from the event loop, one request per pass.
    if (socket->isTransactionStarted())
        socket->commitTransaction(); // QHttpServer already parsed those bytes (not an upgrade)
    const QByteArray taken = socket->read(data.size());
    m_held = taken.mid(first.end);
    for (qsizetype i = first.end - 1; i >= 0; --i)
        socket->ungetChar(taken.at(i));
    for (qsizetype i = 1; i < bounds.size(); ++i) {
        RequestFramer::Message message = bounds.at(i);
        message.end -= first.end;
        m_heldBounds.append(message);
    }
    QMetaObject::invokeMethod(this, &ConnectionGuard::deliverHeld, Qt::QueuedConnection);
}

void ConnectionGuard::reject(int status, const QString& message) {
    m_rejected = true;
    m_idle.stop();
    m_held.clear();
    ConnectionCloser::refuse(m_socket.data(), status, message);
}

void ConnectionGuard::detach() {
    m_detached = true;
    m_idle.stop();
    if (QTcpSocket* socket = m_socket.data())
        disconnect(socket, nullptr, this, nullptr);
}

} // namespace sockerless::http
