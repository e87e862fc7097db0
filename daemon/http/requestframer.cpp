#include "http/requestframer.h"

#include <http_parser.h>
#include <limits>

namespace sockerless::http {

namespace {

enum class Pause { None, HeadersComplete, MessageComplete, Reject };

} // namespace

struct RequestFramer::State {
    http_parser parser{};
    Limits limits;
    QByteArray url;
    qint64 streamOffset = 0; ///< bytes parsed before the current http_parser_execute()
    qint64 messageStart = 0; ///< stream offset where the current request began
    qint64 bodyBytes = 0;
    qint64 bodyLimit = 0;
    bool inRequest = false;
    bool headersDone = false;
    bool done = false;
    bool keepAlive = true;
    Pause pause = Pause::None;
    int rejectStatus = 0;
    QString rejectMessage;

    QString limitName() const {
        return bodyLimit == limits.maxLoadBody && bodyLimit != limits.maxBody
                   ? QStringLiteral("--max-load-body")
                   : QStringLiteral("--max-body");
    }
    void reject(int status, const QString& message) {
        rejectStatus = status;
        rejectMessage = message;
        pause = Pause::Reject;
        // Pausing makes http_parser_execute() return right after this callback.
        http_parser_pause(&parser, 1);
    }
};

namespace {

RequestFramer::State* state(http_parser* parser) {
    return static_cast<RequestFramer::State*>(parser->data);
}

int onMessageBegin(http_parser* parser) {
    RequestFramer::State* s = state(parser);
    s->inRequest = true;
    s->headersDone = false;
    s->bodyBytes = 0;
    s->url.clear();
    return 0;
}

int onUrl(http_parser* parser, const char* at, size_t length) {
    RequestFramer::State* s = state(parser);
    // Only the path matters (images/load); a target longer than the header limit is caught by
    // the header size check, so this stays bounded.
    if (s->url.size() < 4096)
        s->url.append(at, qsizetype(length));
    return 0;
}

int onHeadersComplete(http_parser* parser) {
    RequestFramer::State* s = state(parser);
    s->headersDone = true;
    const QByteArray method(http_method_str(static_cast<http_method>(parser->method)));
    const qsizetype query = s->url.indexOf('?');
    s->bodyLimit =
        RequestFramer::bodyLimitFor(s->limits, method, query < 0 ? s->url : s->url.left(query));
    const bool chunked = (parser->flags & F_CHUNKED) != 0;
    const quint64 length = parser->content_length;
    if (!chunked && length != std::numeric_limits<quint64>::max() &&
        length > quint64(s->bodyLimit)) {
        // Refused at header time: QHttpServer would buffer (and reserve) the whole body first.
        s->reject(413, QStringLiteral("request body of %1 bytes is over the limit of %2 bytes (%3)")
                           .arg(length)
                           .arg(s->bodyLimit)
                           .arg(s->limitName()));
        return 0;
    }
    // Stop here so that feed() learns the exact size of the header block.
    s->pause = Pause::HeadersComplete;
    http_parser_pause(parser, 1);
    return 0;
}

int onBody(http_parser* parser, const char* /*at*/, size_t length) {
    RequestFramer::State* s = state(parser);
    s->bodyBytes += qint64(length);
    if (s->bodyBytes > s->bodyLimit) {
        s->reject(413,
                  QStringLiteral("request body of more than %1 bytes is over the limit of %1 bytes "
                                 "(%2)")
                      .arg(s->bodyLimit)
                      .arg(s->limitName()));
    }
    return 0;
}

int onMessageComplete(http_parser* parser) {
    RequestFramer::State* s = state(parser);
    s->inRequest = false;
    s->keepAlive = http_should_keep_alive(parser) != 0;
    // Stop at every request's end: feed() records the boundary, then parses on.
    s->pause = Pause::MessageComplete;
    http_parser_pause(parser, 1);
    return 0;
}

const http_parser_settings& settings() {
    static const http_parser_settings s = [] {
        http_parser_settings init{};
        http_parser_settings_init(&init);
        init.on_message_begin = onMessageBegin;
        init.on_url = onUrl;
        init.on_headers_complete = onHeadersComplete;
        init.on_body = onBody;
        init.on_message_complete = onMessageComplete;
        return init;
    }();
    return s;
}

} // namespace

RequestFramer::RequestFramer(const Limits& limits)
    : d(std::make_unique<State>()) {
    d->limits = limits;
    http_parser_init(&d->parser, HTTP_REQUEST);
    d->parser.data = d.get();
}

RequestFramer::~RequestFramer() = default;

bool RequestFramer::isDone() const {
    return d->done;
}

bool RequestFramer::inRequest() const {
    return d->inRequest;
}

qint64 RequestFramer::bodyLimitFor(const Limits& limits, const QByteArray& method,
                                   const QByteArray& path) {
    if (method == "POST" && path == "/internal/v1/images/load")
        return limits.maxLoadBody;
    return limits.maxBody;
}

RequestFramer::Result RequestFramer::feed(const char* data, qsizetype size) {
    Result result;
    const auto rejectWith = [&](int status, const QString& message) {
        d->done = true;
        result.rejectStatus = status;
        result.rejectMessage = message;
        return result;
    };
    const auto headerLimitMessage = [&](qint64 bytes) {
        return QStringLiteral("request headers of %1 bytes are over the limit of %2 bytes "
                              "(--max-header-size)")
            .arg(bytes)
            .arg(d->limits.maxHeaderBytes);
    };
    qsizetype offset = 0;
    while (!d->done && offset < size) {
        d->pause = Pause::None;
        const size_t parsed =
            http_parser_execute(&d->parser, &settings(), data + offset, size_t(size - offset));
        offset += qsizetype(parsed);
        d->streamOffset += qint64(parsed);
        const http_errno error = HTTP_PARSER_ERRNO(&d->parser);
        if (d->pause == Pause::Reject)
            return rejectWith(d->rejectStatus, d->rejectMessage);
        if (error == HPE_PAUSED) {
            http_parser_pause(&d->parser, 0);
            if (d->pause == Pause::HeadersComplete) {
                const qint64 headerBytes = d->streamOffset - d->messageStart;
                if (headerBytes > d->limits.maxHeaderBytes)
                    return rejectWith(431, headerLimitMessage(headerBytes));
            } else if (d->pause == Pause::MessageComplete) {
                const bool upgrade = d->parser.upgrade != 0;
                result.completed.append({offset, d->keepAlive, upgrade});
                d->messageStart = d->streamOffset;
                if (upgrade) {
                    // What follows is the upgraded protocol's: the framer's job is over.
                    d->done = true;
                    result.upgraded = true;
                    return result;
                }
            }
            continue;
        }
        if (error == HPE_HEADER_OVERFLOW)
            return rejectWith(431, headerLimitMessage(d->streamOffset - d->messageStart));
        if (error != HPE_OK) {
            return rejectWith(400, QStringLiteral("malformed HTTP request: %1")
                                       .arg(QString::fromLatin1(http_errno_description(error))));
        }
        if (parsed == 0)
            break; // cannot happen without an error; never loop on it
    }
    // A header block still growing past the limit: refuse now rather than wait for its end.
    if (!d->done && d->inRequest && !d->headersDone &&
        d->streamOffset - d->messageStart > d->limits.maxHeaderBytes)
        return rejectWith(431, headerLimitMessage(d->streamOffset - d->messageStart));
    return result;
}

} // namespace sockerless::http
