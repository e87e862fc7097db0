#include "docker/httpresponseparser.h"

#include <http_parser.h>

namespace sockerless::docker {

namespace {

/// The parser's state. It lives in a shared_ptr that feed() holds while libhttp-parser runs, so
/// that a callback destroying the HttpResponseParser does not free the memory libhttp-parser is
/// still writing to.
struct Core {
    http_parser parser{};
    HttpResponseParser::Callbacks callbacks;
    QList<QPair<QByteArray, QByteArray>> headers;
    QString error;
    bool lastWasValue = false;
    bool noBody = false;
    bool interim = false;
    bool stopped = false;
    bool inResponse = false;
    bool eofSeen = false;
    bool closed = false; ///< a response without keep-alive completed: nothing may follow
    bool destroyed = false;
};

Core* core(http_parser* parser) {
    return static_cast<Core*>(parser->data);
}

int onMessageBegin(http_parser* parser) {
    Core* c = core(parser);
    c->inResponse = true;
    c->headers.clear();
    c->lastWasValue = false;
    return 0;
}

int onHeaderField(http_parser* parser, const char* at, size_t length) {
    Core* c = core(parser);
    // A name may arrive in several callbacks; a new one starts after a value.
    if (c->lastWasValue || c->headers.isEmpty())
        c->headers.append({QByteArray(at, qsizetype(length)), QByteArray()});
    else
        c->headers.last().first.append(at, qsizetype(length));
    c->lastWasValue = false;
    return 0;
}

int onHeaderValue(http_parser* parser, const char* at, size_t length) {
    Core* c = core(parser);
    if (c->headers.isEmpty())
        return 0; // cannot happen: libhttp-parser reports a name first
    c->headers.last().second.append(at, qsizetype(length));
    c->lastWasValue = true;
    return 0;
}

int onHeadersComplete(http_parser* parser) {
    Core* c = core(parser);
    const int status = int(parser->status_code);
    if (status >= 100 && status < 200 && status != 101) {
        // An interim answer: the final response follows on the same connection.
        c->interim = true;
        return 1;
    }
    bool proceed = true;
    if (c->callbacks.onHeaders)
        proceed = c->callbacks.onHeaders(status, c->headers);
    if (c->destroyed)
        return -1; // halts libhttp-parser; nobody reads the error
    if (!proceed || status == 101) {
        // 2: no body and no further HTTP on this connection; libhttp-parser returns right
        // after the headers' final LF, so feed() reports exactly the bytes that were HTTP.
        c->stopped = true;
        return 2;
    }
    if (c->noBody || status == 204 || status == 304)
        return 1;
    return 0;
}

int onBody(http_parser* parser, const char* at, size_t length) {
    Core* c = core(parser);
    if (c->callbacks.onBody)
        c->callbacks.onBody(QByteArray(at, qsizetype(length)));
    return c->destroyed ? -1 : 0;
}

int onMessageComplete(http_parser* parser) {
    Core* c = core(parser);
    if (c->interim) {
        c->interim = false;
        c->headers.clear();
        return 0;
    }
    c->inResponse = false;
    if (c->stopped)
        return 0;
    c->noBody = false;
    const bool keepAlive = http_should_keep_alive(parser) != 0;
    if (c->callbacks.onComplete)
        c->callbacks.onComplete(keepAlive);
    if (c->destroyed)
        return -1;
    if (!keepAlive) {
        // Debian builds libhttp-parser non-strict, which would parse on after a
        // `Connection: close` answer; pausing makes it return right after this one.
        c->closed = true;
        http_parser_pause(parser, 1);
    }
    return 0;
}

const http_parser_settings& settings() {
    static const http_parser_settings s = [] {
        http_parser_settings init{};
        http_parser_settings_init(&init);
        init.on_message_begin = onMessageBegin;
        init.on_header_field = onHeaderField;
        init.on_header_value = onHeaderValue;
        init.on_headers_complete = onHeadersComplete;
        init.on_body = onBody;
        init.on_message_complete = onMessageComplete;
        return init;
    }();
    return s;
}

QString describe(http_errno err) {
    return QString::fromLatin1(http_errno_description(err));
}

QString describe(const http_parser& parser) {
    return describe(HTTP_PARSER_ERRNO(&parser));
}

/// After a pause at the end of a `Connection: close` response: unpauses, and says whether that
/// is all there was.
bool resumeAfterClose(Core& c) {
    if (!c.closed || HTTP_PARSER_ERRNO(&c.parser) != HPE_PAUSED)
        return false;
    http_parser_pause(&c.parser, 0);
    return true;
}

} // namespace

struct HttpResponseParser::Private {
    std::shared_ptr<Core> core = std::make_shared<Core>();
};

HttpResponseParser::HttpResponseParser(Callbacks callbacks)
    : d(std::make_unique<Private>()) {
    Core& c = *d->core;
    c.callbacks = std::move(callbacks);
    http_parser_init(&c.parser, HTTP_RESPONSE);
    c.parser.data = &c;
}

HttpResponseParser::~HttpResponseParser() {
    // feed() may still be running below us (a callback is destroying us): it owns the core now.
    d->core->destroyed = true;
}

void HttpResponseParser::expectNoBody(bool noBody) {
    d->core->noBody = noBody;
}

qsizetype HttpResponseParser::feed(const QByteArray& bytes) {
    // Keeps the core alive even if a callback destroys `this`; `this` is not touched after.
    const std::shared_ptr<Core> c = d->core;
    // Zero length would mean EOF to libhttp-parser.
    if (bytes.isEmpty() || c->stopped || c->eofSeen || !c->error.isEmpty())
        return 0;
    if (c->closed) {
        c->error = describe(HPE_CLOSED_CONNECTION);
        return 0;
    }
    const size_t consumed =
        http_parser_execute(&c->parser, &settings(), bytes.constData(), size_t(bytes.size()));
    if (c->destroyed)
        return qsizetype(consumed);
    if (c->parser.upgrade && !c->stopped) {
        // libhttp-parser stopped on its own (an Upgrade it recognised): no HTTP follows either.
        c->stopped = true;
        c->inResponse = false;
    }
    if (resumeAfterClose(*c)) {
        if (consumed < size_t(bytes.size()))
            c->error = describe(HPE_CLOSED_CONNECTION);
    } else if (!c->stopped && HTTP_PARSER_ERRNO(&c->parser) != HPE_OK) {
        c->error = describe(c->parser);
    }
    return qsizetype(consumed);
}

bool HttpResponseParser::finishAtEof() {
    const std::shared_ptr<Core> c = d->core;
    if (!c->error.isEmpty())
        return false;
    if (c->stopped || c->eofSeen || c->closed)
        return true;
    c->eofSeen = true;
    http_parser_execute(&c->parser, &settings(), nullptr, 0);
    if (c->destroyed || resumeAfterClose(*c))
        return true;
    // Cut short: `stream ended at an unexpected time`.
    if (HTTP_PARSER_ERRNO(&c->parser) != HPE_OK)
        c->error = describe(c->parser);
    return c->error.isEmpty();
}

bool HttpResponseParser::hasError() const {
    return !d->core->error.isEmpty();
}

QString HttpResponseParser::errorString() const {
    return d->core->error;
}

bool HttpResponseParser::inResponse() const {
    return d->core->inResponse;
}

bool HttpResponseParser::isStopped() const {
    return d->core->stopped;
}

} // namespace sockerless::docker
