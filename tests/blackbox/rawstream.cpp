#include "rawstream.h"

namespace sockerless::test {

RawStream::RawStream(const QUrl& base, const QByteArray& method, const QString& path,
                     QObject* parent)
    : QObject(parent) {
    connect(&m_socket, &QTcpSocket::readyRead, this, &RawStream::onReadyRead);
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] {
        onReadyRead();
        closed = true;
    });
    connect(&m_socket, &QTcpSocket::errorOccurred, this, [this] {
        if (m_socket.state() != QAbstractSocket::ConnectedState)
            closed = true;
    });
    const QByteArray request =
        method + ' ' + path.toUtf8() + " HTTP/1.1\r\nHost: sockerless\r\nContent-Length: 0\r\n\r\n";
    // Queued until connected: QAbstractSocket buffers writes made while connecting.
    m_socket.connectToHost(base.host(), static_cast<quint16>(base.port()));
    m_socket.write(request);
}

QByteArray RawStream::header(const QByteArray& name) const {
    for (const QByteArray& line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == name.toLower())
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

void RawStream::onReadyRead() {
    if (m_socket.isReadable()) // not after abort()
        m_raw += m_socket.readAll();
    if (status == 0) {
        const qsizetype end = m_raw.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        head = m_raw.left(end);
        m_raw.remove(0, end + 4);
        status = head.mid(9, 3).toInt();
    }
    decode();
}

void RawStream::decode() {
    // Chunked framing only: every streamed answer of the daemon is chunked.
    while (!ended) {
        const qsizetype lineEnd = m_raw.indexOf("\r\n");
        if (lineEnd < 0)
            return;
        bool ok = false;
        const qsizetype size = m_raw.left(lineEnd).toLongLong(&ok, 16);
        if (!ok)
            return;
        if (size == 0) {
            ended = m_raw.size() >= lineEnd + 4; // "0\r\n" and the empty trailer's "\r\n"
            return;
        }
        if (m_raw.size() < lineEnd + 2 + size + 2)
            return;
        body += m_raw.mid(lineEnd + 2, size);
        m_raw.remove(0, lineEnd + 2 + size + 2);
    }
}

} // namespace sockerless::test
