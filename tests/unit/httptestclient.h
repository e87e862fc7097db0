#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSignalSpy>
#include <QString>

#include "api/httpheaders.h"
#include "http/requestrecorder.h"

namespace sockerless::test {

/// One HTTP/1.1 response read off the wire by hand, so tests can check the exact framing that
/// QNetworkAccessManager would hide (chunk boundaries, the terminating chunk, missing bodies).
struct RawResponse {
    bool headersComplete = false; ///< the blank line after the headers arrived
    bool complete = false;        ///< the whole body (or the terminating chunk) arrived
    bool malformed = false;       ///< the framing is broken
    int status = 0;
    QByteArray statusLine;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;          ///< decoded body (chunks concatenated)
    QList<QByteArray> chunks; ///< each chunk's payload, in order, without the terminating one

    /// A header's value (case-insensitive), or empty.
    QByteArray header(const QByteArray& name) const { return api::headerValue(headers, name); }
    bool hasHeader(const QByteArray& name) const { return api::hasHeader(headers, name); }

    /// Parses the response at the start of `raw` as far as it goes.
    static RawResponse parse(const QByteArray& raw) {
        RawResponse r;
        const qsizetype headEnd = raw.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return r;
        r.headersComplete = true;
        const QList<QByteArray> lines = raw.left(headEnd).split('\n');
        r.statusLine = lines.value(0).trimmed();
        const QList<QByteArray> statusParts = r.statusLine.split(' ');
        r.status = statusParts.value(1).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0) {
                r.malformed = true;
                continue;
            }
            r.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
        qsizetype pos = headEnd + 4;
        if (r.header("Transfer-Encoding").compare("chunked", Qt::CaseInsensitive) == 0) {
            for (;;) {
                const qsizetype lineEnd = raw.indexOf("\r\n", pos);
                if (lineEnd < 0)
                    return r;
                bool ok = false;
                const qsizetype size = raw.mid(pos, lineEnd - pos).toLongLong(&ok, 16);
                if (!ok || size < 0) {
                    r.malformed = true;
                    return r;
                }
                const qsizetype dataStart = lineEnd + 2;
                if (raw.size() < dataStart + size + 2)
                    return r;
                if (raw.mid(dataStart + size, 2) != "\r\n") {
                    r.malformed = true;
                    return r;
                }
                if (size == 0) {
                    r.complete = true;
                    return r;
                }
                const QByteArray data = raw.mid(dataStart, size);
                r.chunks.append(data);
                r.body += data;
                pos = dataStart + size + 2;
            }
        }
        if (r.status == 204 || r.status == 304 || (r.status >= 100 && r.status < 200)) {
            r.complete = true;
            return r;
        }
        bool ok = false;
        const qsizetype length = r.header("Content-Length").toLongLong(&ok);
        if (!ok) {
            r.malformed = true;
            return r;
        }
        r.body = raw.mid(pos, length);
        r.complete = r.body.size() == length;
        return r;
    }
};

/// Collects everything a socket (QTcpSocket or QLocalSocket) receives, for RawResponse::parse.
class RawCollector : public QObject {
public:
    explicit RawCollector(QIODevice* device)
        : QObject(device)
        , m_device(device) {
        connect(device, &QIODevice::readyRead, this, [this] { m_data += m_device->readAll(); });
    }
    /// Everything received so far.
    const QByteArray& data() const { return m_data; }
    /// The response parsed from what was received so far.
    RawResponse response() const { return RawResponse::parse(m_data); }

private:
    QIODevice* m_device;
    QByteArray m_data;
};

/// The last record a spy on RequestRecorder::recorded saw for `path` (with its query), or an empty
/// record.
inline http::RequestRecord recordFor(const QSignalSpy& spy, const QString& path) {
    for (qsizetype i = spy.size() - 1; i >= 0; --i) {
        const auto record = spy.at(i).at(0).value<http::RequestRecord>();
        if (record.path == path)
            return record;
    }
    return {};
}

} // namespace sockerless::test
