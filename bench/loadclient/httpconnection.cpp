#include "httpconnection.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <unistd.h>

namespace sockerless::bench {

HttpConnection::HttpConnection(const Target& target, int epollFd)
    : m_target(target)
    , m_epollFd(epollFd) {
    http_parser_settings_init(&m_settings);
    m_settings.on_status = &HttpConnection::onStatus;
    m_settings.on_body = &HttpConnection::onBody;
    m_settings.on_message_complete = &HttpConnection::onMessageComplete;
}

HttpConnection::~HttpConnection() {
    closeSocket();
}

void HttpConnection::closeSocket() {
    if (m_fd >= 0) {
        epoll_ctl(m_epollFd, EPOLL_CTL_DEL, m_fd, nullptr);
        ::close(m_fd);
    }
    m_fd = -1;
    m_connected = false;
}

void HttpConnection::watch(uint32_t events) {
    epoll_event event{};
    event.events = events;
    event.data.ptr = this;
    epoll_ctl(m_epollFd, EPOLL_CTL_MOD, m_fd, &event);
}

bool HttpConnection::connectSocket() {
    m_fd = ::socket(m_target.family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_fd < 0) {
        m_error = std::string("socket: ") + std::strerror(errno);
        return false;
    }
    if (m_target.family != AF_UNIX) {
        // Requests are small and latency is what is measured: no Nagle delay.
        const int one = 1;
        setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    }
    const int rc = ::connect(m_fd, reinterpret_cast<const sockaddr*>(&m_target.address),
                             m_target.addressLength);
    if (rc < 0 && errno != EINPROGRESS) {
        m_error = std::string("connect: ") + std::strerror(errno);
        ::close(m_fd);
        m_fd = -1;
        return false;
    }
    m_connected = rc == 0;
    epoll_event event{};
    event.events = EPOLLOUT;
    event.data.ptr = this;
    epoll_ctl(m_epollFd, EPOLL_CTL_ADD, m_fd, &event);
    return true;
}

bool HttpConnection::send(const std::string& request) {
    m_request = request;
    m_written = 0;
    m_complete = false;
    m_status = 0;
    m_bodyBytes = 0;
    m_error.clear();
    http_parser_init(&m_parser, HTTP_RESPONSE);
    m_parser.data = this;
    m_started = std::chrono::steady_clock::now();
    if (m_fd < 0 && !connectSocket())
        return false;
    watch(EPOLLOUT);
    return true;
}

HttpConnection::Event HttpConnection::fail(const std::string& error) {
    m_error = error;
    m_finished = std::chrono::steady_clock::now();
    closeSocket();
    return Event::Failed;
}

HttpConnection::Event HttpConnection::onEvents(uint32_t events) {
    if (events & (EPOLLERR | EPOLLHUP)) {
        if (!(events & EPOLLIN))
            return fail(m_connected ? "connection reset" : "connect failed");
    }
    if (events & EPOLLOUT) {
        if (!m_connected) {
            int error = 0;
            socklen_t length = sizeof(error);
            getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length);
            if (error != 0)
                return fail(std::string("connect: ") + std::strerror(error));
            m_connected = true;
        }
        return writeSome();
    }
    if (events & EPOLLIN)
        return readSome();
    return Event::None;
}

HttpConnection::Event HttpConnection::writeSome() {
    while (m_written < m_request.size()) {
        const ssize_t n =
            ::send(m_fd, m_request.data() + m_written, m_request.size() - m_written, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return Event::None;
            return fail(std::string("send: ") + std::strerror(errno));
        }
        m_written += static_cast<size_t>(n);
    }
    watch(EPOLLIN);
    return Event::None;
}

HttpConnection::Event HttpConnection::readSome() {
    char buffer[64 * 1024];
    for (;;) {
        const ssize_t n = ::recv(m_fd, buffer, sizeof(buffer), 0);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return Event::None;
            return fail(std::string("recv: ") + std::strerror(errno));
        }
        // n == 0: the server closed; the parser ends a read-until-close body on an empty input.
        const size_t parsed =
            http_parser_execute(&m_parser, &m_settings, buffer, static_cast<size_t>(n));
        if (m_parser.http_errno != HPE_OK && !m_complete)
            return fail(std::string("bad response: ") +
                        http_errno_description(static_cast<http_errno>(m_parser.http_errno)));
        if (m_complete) {
            m_finished = std::chrono::steady_clock::now();
            if (!m_keepAlive || n == 0 || parsed < static_cast<size_t>(n)) {
                closeSocket();
                ++m_reconnects;
            }
            return Event::ResponseDone;
        }
        if (n == 0)
            return fail("connection closed before the response ended");
    }
}

int HttpConnection::onStatus(http_parser* parser, const char*, size_t) {
    auto* self = static_cast<HttpConnection*>(parser->data);
    self->m_status = static_cast<int>(parser->status_code);
    return 0;
}

int HttpConnection::onBody(http_parser* parser, const char*, size_t length) {
    static_cast<HttpConnection*>(parser->data)->m_bodyBytes += length;
    return 0;
}

int HttpConnection::onMessageComplete(http_parser* parser) {
    auto* self = static_cast<HttpConnection*>(parser->data);
    self->m_status = static_cast<int>(parser->status_code);
    self->m_keepAlive = http_should_keep_alive(parser) != 0;
    self->m_complete = true;
    // One response per request: stop here so that bytes after it are not parsed as another.
    http_parser_pause(parser, 1);
    return 0;
}

} // namespace sockerless::bench
