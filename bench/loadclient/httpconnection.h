#pragma once

#include "target.h"

#include <chrono>
#include <cstdint>
#include <http_parser.h>
#include <string>

namespace sockerless::bench {

/// One keep-alive HTTP/1.1 client connection driven by an epoll loop: connect (non-blocking),
/// write one request, read its response (Content-Length, chunked or until close, parsed by
/// libhttp-parser), then the next. The body is counted, not kept.
class HttpConnection {
public:
    enum class Event { None, ResponseDone, Failed };

    HttpConnection(const Target& target, int epollFd);
    ~HttpConnection();
    HttpConnection(const HttpConnection&) = delete;
    HttpConnection& operator=(const HttpConnection&) = delete;

    /// Starts sending `request` (complete bytes: request line, headers, body), connecting first
    /// when the connection is not open. Returns false when the connect failed at once.
    bool send(const std::string& request);
    /// Handles the epoll events of this connection's descriptor.
    Event onEvents(uint32_t events);

    int status() const { return m_status; }
    uint64_t bodyBytes() const { return m_bodyBytes; }
    /// Time from the first byte written (or the connect) to the end of the response.
    std::chrono::nanoseconds latency() const { return m_finished - m_started; }
    const std::string& error() const { return m_error; }
    /// Reconnects made because the server closed a connection (keep-alive lost).
    uint64_t reconnects() const { return m_reconnects; }

private:
    bool connectSocket();
    void closeSocket();
    Event fail(const std::string& error);
    Event writeSome();
    Event readSome();
    void watch(uint32_t events);

    static int onStatus(http_parser* parser, const char* at, size_t length);
    static int onBody(http_parser* parser, const char* at, size_t length);
    static int onMessageComplete(http_parser* parser);

    const Target& m_target;
    int m_epollFd;
    int m_fd = -1;
    bool m_connected = false;
    std::string m_request;
    size_t m_written = 0;
    http_parser m_parser{};
    http_parser_settings m_settings{};
    bool m_complete = false;
    bool m_keepAlive = true;
    int m_status = 0;
    uint64_t m_bodyBytes = 0;
    uint64_t m_reconnects = 0;
    std::chrono::steady_clock::time_point m_started;
    std::chrono::steady_clock::time_point m_finished;
    std::string m_error;
};

} // namespace sockerless::bench
