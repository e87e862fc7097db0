#include "target.h"

#include <arpa/inet.h>
#include <cstring>
#include <netinet/in.h>

namespace sockerless::bench {

namespace {

bool startsWith(const std::string& text, const char* prefix) {
    return text.rfind(prefix, 0) == 0;
}

bool parseUnix(const std::string& path, Target* target, std::string* error) {
    sockaddr_un address{};
    if (path.empty() || path.size() >= sizeof(address.sun_path)) {
        *error = "a Unix socket path must be 1 to 107 bytes long";
        return false;
    }
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, path.data(), path.size());
    std::memcpy(&target->address, &address, sizeof(address));
    target->addressLength = sizeof(address);
    target->family = AF_UNIX;
    target->hostHeader = "localhost";
    return true;
}

bool parseHostPort(const std::string& hostPort, Target* target, std::string* error) {
    const auto colon = hostPort.rfind(':');
    if (colon == std::string::npos || colon == 0) {
        *error = "expected host:port";
        return false;
    }
    std::string host = hostPort.substr(0, colon);
    const std::string portText = hostPort.substr(colon + 1);
    char* end = nullptr;
    const long port = std::strtol(portText.c_str(), &end, 10);
    if (portText.empty() || *end != '\0' || port <= 0 || port > 65535) {
        *error = "invalid port: " + portText;
        return false;
    }
    if (host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    if (host == "localhost")
        host = "127.0.0.1";
    sockaddr_in v4{};
    sockaddr_in6 v6{};
    if (inet_pton(AF_INET, host.c_str(), &v4.sin_addr) == 1) {
        v4.sin_family = AF_INET;
        v4.sin_port = htons(static_cast<uint16_t>(port));
        std::memcpy(&target->address, &v4, sizeof(v4));
        target->addressLength = sizeof(v4);
        target->family = AF_INET;
    } else if (inet_pton(AF_INET6, host.c_str(), &v6.sin6_addr) == 1) {
        v6.sin6_family = AF_INET6;
        v6.sin6_port = htons(static_cast<uint16_t>(port));
        std::memcpy(&target->address, &v6, sizeof(v6));
        target->addressLength = sizeof(v6);
        target->family = AF_INET6;
    } else {
        *error = "the host must be an IP address or localhost: " + host;
        return false;
    }
    target->hostHeader = hostPort;
    return true;
}

} // namespace

bool Target::parse(const std::string& text, Target* target, std::string* error) {
    if (startsWith(text, "unix://"))
        return parseUnix(text.substr(7), target, error);
    if (startsWith(text, "/"))
        return parseUnix(text, target, error);
    std::string hostPort = startsWith(text, "http://") ? text.substr(7) : text;
    if (!hostPort.empty() && hostPort.back() == '/')
        hostPort.pop_back();
    return parseHostPort(hostPort, target, error);
}

} // namespace sockerless::bench
