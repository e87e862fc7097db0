#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <functional>
#include <memory>

namespace sockerless::docker {

/// Incremental HTTP/1.1 response parser over Debian's libhttp-parser: Content-Length, chunked
/// (extensions, trailers, any hex case) and read-until-close bodies, fed in pieces of any size.
/// One parser handles a sequence of responses on a keep-alive connection.
///
/// Interim answers (1xx other than 101, e.g. `100 Continue`) are skipped: the callbacks only see
/// the final response. 1xx, 204 and 304 never have a body. A `101` answer (Docker's
/// `101 UPGRADED` hijack) always stops parsing after its headers, whatever onHeaders returns:
/// the bytes after the headers belong to the raw stream, and onComplete is not called.
///
/// A callback may destroy the parser (e.g. the consumer aborts the request): feed() then returns
/// at once without touching it. A callback must not call feed() or finishAtEof() itself.
class HttpResponseParser {
public:
    /// What the parser reports, in order: onHeaders once per response, onBody for every decoded
    /// piece as it is parsed (never buffered until the end), onComplete once per response.
    struct Callbacks {
        /// Status line and headers complete. Return false to stop parsing (e.g. 101 Upgrade).
        std::function<bool(int status, const QList<QPair<QByteArray, QByteArray>>& headers)>
            onHeaders;
        /// A decoded body piece (chunk framing removed).
        std::function<void(const QByteArray& piece)> onBody;
        /// The response is complete; `keepAlive` says whether the connection may be reused.
        std::function<void(bool keepAlive)> onComplete;
    };

    /// Any of the callbacks may be empty.
    explicit HttpResponseParser(Callbacks callbacks);
    ~HttpResponseParser();
    HttpResponseParser(const HttpResponseParser&) = delete;
    HttpResponseParser& operator=(const HttpResponseParser&) = delete;

    /// Tell the parser the request was HEAD, or expects no body for another reason. It applies to
    /// the response being parsed, or the next one, and is cleared when that response completes.
    void expectNoBody(bool noBody);
    /// Feed received bytes. Returns the number of bytes consumed; fewer than given when parsing
    /// stopped (onHeaders returned false: the rest belongs to the upgraded stream) or failed.
    qsizetype feed(const QByteArray& bytes);
    /// The peer closed the connection: completes a read-until-close body, or fails if a response
    /// was cut short (`stream ended at an unexpected time`). Returns false on failure.
    bool finishAtEof();
    /// True once the input was not valid HTTP, was cut short, or went on after a response that
    /// ended the connection (no keep-alive). A failed parser consumes nothing more.
    bool hasError() const;
    /// What went wrong, in libhttp-parser's words, e.g. `invalid character in chunk size header`.
    QString errorString() const;
    /// True between the first byte of a response and its completion.
    bool inResponse() const;
    /// True once parsing stopped after a response's headers (onHeaders returned false, or a 101
    /// answer switched protocols): everything after those headers is not HTTP, and feed()
    /// consumes nothing more.
    bool isStopped() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sockerless::docker
