#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <memory>

namespace sockerless::http {

/// Finds request boundaries, sizes and connection semantics in the raw bytes a client sends,
/// for the ConnectionGuard (QHttpServer 6.4 enforces no limits and parses pipelined requests into
/// one merged request). It runs libhttp-parser in HTTP_REQUEST mode, the parser QHttpServer 6.4
/// bundles, so both agree on where a request ends.
///
/// feed() takes every byte exactly once, in order. It stops at the first verdict: a body or header
/// block over its limit (413/431), a malformed request (400), or an upgrade request (what follows
/// is not HTTP any more). After a verdict the framer ignores further input.
class RequestFramer {
public:
    struct Limits {
        qint64 maxBody = qint64(16) << 20;        ///< body limit of every request but images/load
        qint64 maxLoadBody = qint64(1) << 30;     ///< body limit of `POST /internal/v1/images/load`
        qint64 maxHeaderBytes = qint64(64) << 10; ///< request line plus headers
    };

    /// One request whose last byte was in the data given to feed().
    struct Message {
        qsizetype end = 0;     ///< offset just past its last byte, relative to the fed data
        bool keepAlive = true; ///< false: `Connection: close`, or HTTP/1.0 without keep-alive
        bool upgrade = false;  ///< an Upgrade request (WebSocket): no HTTP follows it
    };

    struct Result {
        QList<Message> completed; ///< requests completed in this feed, in order
        int rejectStatus = 0;     ///< 0, or 400, 413, 431: answer it and close the connection
        QString rejectMessage;    ///< the `message` of the error answer
        bool upgraded = false;    ///< an upgrade request was seen: the framer is done
    };

    explicit RequestFramer(const Limits& limits);
    ~RequestFramer();
    RequestFramer(const RequestFramer&) = delete;
    RequestFramer& operator=(const RequestFramer&) = delete;

    /// Parses the next bytes of the connection.
    Result feed(const char* data, qsizetype size);
    Result feed(const QByteArray& data) { return feed(data.constData(), data.size()); }

    /// True once a verdict (rejection or upgrade) ended the framing.
    bool isDone() const;
    /// True between the first byte of a request and its last.
    bool inRequest() const;

    /// The body limit that applies to `method` and `path` (the path without its query).
    static qint64 bodyLimitFor(const Limits& limits, const QByteArray& method,
                               const QByteArray& path);

    struct State;

private:
    std::unique_ptr<State> d;
};

} // namespace sockerless::http
