#include "fakedocker.h"

#include <utility>

namespace sockerless::test {

FakeDocker::FakeDocker(QString path)
    : m_path(std::move(path)) {}

FakeDocker::~FakeDocker() {
    stop();
}

bool FakeDocker::listen() {
    m_server = std::make_unique<QLocalServer>();
    QLocalServer::removeServer(m_path);
    if (!m_server->listen(m_path))
        return false;
    connect(m_server.get(), &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket* socket = m_server->nextPendingConnection()) {
            ++connections;
            m_open.append(socket);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] { read(socket); });
            connect(socket, &QLocalSocket::disconnected, this, [this, socket] {
                ++closedByPeer;
                m_open.removeAll(socket);
                m_buffers.remove(socket);
                socket->deleteLater();
            });
        }
    });
    return true;
}

void FakeDocker::stop() {
    // Aborting emits `disconnected`, whose handler edits m_open: work on a copy, handlers off.
    const QList<QPointer<QLocalSocket>> open = std::exchange(m_open, {});
    for (const QPointer<QLocalSocket>& socket : open) {
        if (!socket)
            continue;
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
    m_buffers.clear();
    m_server.reset();
}

QByteArray FakeDocker::jsonAnswer(const QByteArray& body, int status) {
    return "HTTP/1.1 " + QByteArray::number(status) +
           " Fake\r\nContent-Type: application/json\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

namespace {

// The header block's value for `name` (case-insensitive), or empty.
QByteArray headerValue(const QByteArray& head, const QByteArray& name) {
    for (const QByteArray& line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == name)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

// The length of a complete chunked body at the start of `data` (through the last chunk's CRLF
// and an empty trailer), or -1 while incomplete; the decoded payload goes to `payload`.
qsizetype chunkedLength(const QByteArray& data, QByteArray* payload) {
    qsizetype at = 0;
    payload->clear();
    for (;;) {
        const qsizetype lineEnd = data.indexOf("\r\n", at);
        if (lineEnd < 0)
            return -1;
        bool ok = false;
        const qsizetype size =
            data.mid(at, lineEnd - at).split(';').first().trimmed().toLongLong(&ok, 16);
        if (!ok)
            return -1;
        at = lineEnd + 2;
        if (size == 0)
            return data.size() >= at + 2 ? at + 2 : -1;
        if (data.size() < at + size + 2)
            return -1;
        payload->append(data.mid(at, size));
        at += size + 2;
    }
}

} // namespace

void FakeDocker::read(QLocalSocket* socket) {
    QByteArray& buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const QByteArray head = buffer.left(headEnd);
        const QByteArray requestLine =
            head.left(head.indexOf("\r\n") < 0 ? head.size() : head.indexOf("\r\n"));
        QByteArray body;
        qsizetype consumed = headEnd + 4;
        const QByteArray length = headerValue(head, "content-length");
        if (!length.isEmpty()) {
            const qsizetype size = length.toLongLong();
            if (buffer.size() < consumed + size)
                return; // wait for the rest of the body
            body = buffer.mid(consumed, size);
            consumed += size;
        } else if (headerValue(head, "transfer-encoding").toLower() == "chunked") {
            const qsizetype size = chunkedLength(buffer.mid(consumed), &body);
            if (size < 0)
                return;
            consumed += size;
        }
        buffer.remove(0, consumed);
        if (requestLine.startsWith("GET /_ping ")) {
            socket->write("HTTP/1.1 200 OK\r\nApi-Version: " + apiVersion +
                          "\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nOK");
            continue;
        }
        requestLines.append(requestLine);
        bodies.append(body);
        if (onRequest)
            onRequest(socket, requestLine);
    }
}

} // namespace sockerless::test
