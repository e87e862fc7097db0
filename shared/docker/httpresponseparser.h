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
class HttpResponseParser {
public:
    struct Callbacks {
        /// Status line and headers complete. Return false to stop parsing (e.g. 101 Upgrade).
        std::function<bool(int status, const QList<QPair<QByteArray, QByteArray>>& headers)>
            onHeaders;
        /// A decoded body piece (chunk framing removed).
        std::function<void(const QByteArray& piece)> onBody;
        /// The response is complete; `keepAlive` says whether the connection may be reused.
        std::function<void(bool keepAlive)> onComplete;
    };

    explicit HttpResponseParser(Callbacks callbacks);
    ~HttpResponseParser();
    HttpResponseParser(const HttpResponseParser&) = delete;
    HttpResponseParser& operator=(const HttpResponseParser&) = delete;

    /// Tell the parser the request was HEAD, or expects no body for another reason.
    void expectNoBody(bool noBody);
    /// Feed received bytes. Returns the number of bytes consumed; fewer than given when parsing
    /// stopped (onHeaders returned false: the rest belongs to the upgraded stream) or failed.
    qsizetype feed(const QByteArray& bytes);
    /// The peer closed the connection: completes a read-until-close body, or fails if a response
    /// was cut short. Returns false on failure.
    bool finishAtEof();
    bool hasError() const;
    /// What went wrong, e.g. `invalid character in chunk size header`.
    QString errorString() const;
    /// True between the first byte of a response and its completion.
    bool inResponse() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sockerless::docker
