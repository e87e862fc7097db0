#pragma once

#include "http/upstreamcalls.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

namespace sockerless::http {

/// One finished request (or one stream opened/closed) as the daemon records it.
struct RequestRecord {
    /// A stream (chunked response or WebSocket) is recorded twice: when it opens and when it
    /// closes. Everything else once, when answered.
    enum class Phase { Complete, StreamOpened, StreamClosed };

    QDateTime time; ///< when the request arrived (UTC)
    QString client;
    QString method; ///< `GET`, ..., `WS` for WebSocket sessions
    QString path;   ///< with credentials in the query redacted
    QString route;  ///< the route template, or empty when no route matched
    int status = 0; ///< for WebSockets: 101 on open, the close code on close
    double durationMs = 0;
    qint64 bytesIn = 0;
    qint64 bytesOut = 0;
    QString error;
    QList<UpstreamCall> upstream; ///< Docker calls made for it, in the order they were made
    Phase phase = Phase::Complete;
};

/// Receives every record. This issue logs them (structured: text or JSON); the observability
/// issue adds the ring buffer, the stream and the file. Never sees request bodies or credentials.
class RequestRecorder : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    /// Writes `record` as one structured `request` log line and emits recorded().
    void record(const RequestRecord& record);
    /// Redacts credential-bearing query items (`auth`, `token`, `password`, ...) in a path: their
    /// values become `REDACTED`, every other byte of the path and query stays as it was.
    static QString redactPath(const QString& pathAndQuery);
    /// True for a query key that carries credentials (case-insensitive, percent-decoded).
    static bool isCredentialKey(const QString& key);

signals:
    /// Every record, after it was logged (the observability issue feeds its ring buffer here).
    void recorded(const sockerless::http::RequestRecord& record);
};

} // namespace sockerless::http

Q_DECLARE_METATYPE(sockerless::http::RequestRecord)
