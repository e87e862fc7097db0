#pragma once

#include <QByteArray>
#include <QObject>
#include <QTcpSocket>
#include <QUrl>

namespace sockerless::test {

/// One HTTP/1.1 request over its own TCP connection whose (chunked) answer is read as it comes,
/// driven by the event loop: wait on its fields with QTRY_* (it never blocks, so a forwarder or
/// fake Docker in the same process keeps running). It tells a stream that ended properly (the
/// terminating chunk came: `ended`) from one whose connection was cut (`closed` without
/// `ended`), which is how a client learns that a followed stream broke.
class RawStream : public QObject {
    Q_OBJECT
public:
    /// Connects to `base` and sends `method path` with `Connection: keep-alive` and no body.
    RawStream(const QUrl& base, const QByteArray& method, const QString& path,
              QObject* parent = nullptr);

    /// Closes the connection at once (RST-like abort), as a client that gives up.
    void abort() { m_socket.abort(); }

    bool headReceived() const { return status != 0; }
    QByteArray header(const QByteArray& name) const;

    int status = 0;
    QByteArray head;
    QByteArray body;     ///< decoded chunk payloads so far
    bool ended = false;  ///< the terminating chunk arrived
    bool closed = false; ///< the connection closed (by either side)

private:
    void onReadyRead();
    void decode();

    QTcpSocket m_socket;
    QByteArray m_raw;
};

} // namespace sockerless::test
