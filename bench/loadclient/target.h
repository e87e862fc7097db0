#pragma once

#include <string>
#include <sys/socket.h>
#include <sys/un.h>

namespace sockerless::bench {

/// Where the load goes: `unix:///var/run/docker.sock`, `http://127.0.0.1:3375` or
/// `127.0.0.1:3375`. Only numeric IPv4/IPv6 hosts and `localhost`: a benchmark must not measure
/// name resolution.
struct Target {
    sockaddr_storage address{};
    socklen_t addressLength = 0;
    int family = AF_UNSPEC;
    std::string hostHeader; ///< what goes into `Host:`

    /// Parses `text`; returns false and sets `error` when it is not a target.
    static bool parse(const std::string& text, Target* target, std::string* error);
};

} // namespace sockerless::bench
