#include "loadrun.h"

#include "httpconnection.h"

#include <chrono>
#include <cstdio>
#include <memory>
#include <sys/epoll.h>
#include <unistd.h>

namespace sockerless::bench {

namespace {

using Clock = std::chrono::steady_clock;

std::string jsonEscape(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buffer[8];
            std::snprintf(buffer, sizeof(buffer), "\\u%04x", c);
            out += buffer;
        } else {
            out += c;
        }
    }
    return out;
}

double milliseconds(uint64_t nanoseconds) {
    return static_cast<double>(nanoseconds) / 1e6;
}

} // namespace

bool runLoad(const LoadPlan& plan, LoadResult* result, std::string* error) {
    const int epollFd = epoll_create1(EPOLL_CLOEXEC);
    if (epollFd < 0) {
        *error = "epoll_create1 failed";
        return false;
    }
    std::vector<std::unique_ptr<HttpConnection>> connections;
    std::vector<size_t> nextRequest(static_cast<size_t>(plan.connections));
    const auto start = Clock::now();
    const auto measureFrom = start + std::chrono::duration<double>(plan.warmupSeconds);
    const auto end = measureFrom + std::chrono::duration<double>(plan.durationSeconds);
    uint64_t issued = 0;
    int active = 0;

    const auto sendNext = [&](size_t index) {
        if (Clock::now() >= end || (plan.maxRequests && issued >= plan.maxRequests))
            return false;
        const std::string& request = plan.requests[nextRequest[index] % plan.requests.size()];
        ++nextRequest[index];
        ++issued;
        if (!connections[index]->send(request)) {
            ++result->failures;
            ++result->errorCounts[connections[index]->error()];
            return false;
        }
        return true;
    };

    for (int i = 0; i < plan.connections; ++i) {
        connections.push_back(std::make_unique<HttpConnection>(plan.target, epollFd));
        nextRequest[static_cast<size_t>(i)] = static_cast<size_t>(i);
        if (sendNext(static_cast<size_t>(i)))
            ++active;
    }
    if (active == 0) {
        *error =
            "no connection could be made: " +
            (result->errorCounts.empty() ? std::string("?") : result->errorCounts.begin()->first);
        ::close(epollFd);
        return false;
    }

    std::vector<epoll_event> events(static_cast<size_t>(plan.connections));
    while (active > 0) {
        const int n = epoll_wait(epollFd, events.data(), static_cast<int>(events.size()), 1000);
        for (int i = 0; i < n; ++i) {
            auto* connection =
                static_cast<HttpConnection*>(events[static_cast<size_t>(i)].data.ptr);
            const HttpConnection::Event event =
                connection->onEvents(events[static_cast<size_t>(i)].events);
            if (event == HttpConnection::Event::None)
                continue;
            const bool measured = Clock::now() >= measureFrom;
            if (measured) {
                if (event == HttpConnection::Event::ResponseDone) {
                    ++result->statusCounts[connection->status()];
                    if (connection->status() >= 400) {
                        ++result->failures;
                    } else {
                        ++result->responses;
                        result->latency.add(static_cast<uint64_t>(connection->latency().count()));
                    }
                    result->bodyBytes += connection->bodyBytes();
                } else {
                    ++result->failures;
                    ++result->errorCounts[connection->error()];
                }
            }
            size_t index = 0;
            while (connections[index].get() != connection)
                ++index;
            if (!sendNext(index))
                --active;
        }
    }
    const auto stop = Clock::now();
    result->seconds =
        std::chrono::duration<double>(stop - (stop < measureFrom ? start : measureFrom)).count();
    for (const auto& connection : connections)
        result->reconnects += connection->reconnects();
    ::close(epollFd);
    return true;
}

std::string LoadResult::toJson(const LoadPlan& plan) {
    char numbers[768];
    std::snprintf(numbers, sizeof(numbers),
                  "\"connections\":%d,\"seconds\":%.3f,\"responses\":%llu,\"failures\":%llu,"
                  "\"throughput\":%.1f,\"bodyBytes\":%llu,\"mbPerSecond\":%.2f,"
                  "\"reconnects\":%llu,\"latencyMs\":{\"p50\":%.4f,\"p90\":%.4f,\"p99\":%.4f,"
                  "\"max\":%.4f,\"mean\":%.4f}",
                  plan.connections, seconds, static_cast<unsigned long long>(responses),
                  static_cast<unsigned long long>(failures),
                  seconds > 0 ? static_cast<double>(responses) / seconds : 0.0,
                  static_cast<unsigned long long>(bodyBytes),
                  seconds > 0 ? static_cast<double>(bodyBytes) / seconds / 1e6 : 0.0,
                  static_cast<unsigned long long>(reconnects),
                  milliseconds(latency.percentile(0.5)), milliseconds(latency.percentile(0.9)),
                  milliseconds(latency.percentile(0.99)), milliseconds(latency.max()),
                  latency.mean() / 1e6);
    std::string out = "{\"target\":\"" + jsonEscape(plan.targetText) + "\"," + numbers;
    out += ",\"statusCounts\":{";
    bool first = true;
    for (const auto& [status, count] : statusCounts) {
        out += (first ? "\"" : ",\"") + std::to_string(status) + "\":" + std::to_string(count);
        first = false;
    }
    out += "},\"errors\":{";
    first = true;
    for (const auto& [text, count] : errorCounts) {
        out += (first ? "\"" : ",\"") + jsonEscape(text) + "\":" + std::to_string(count);
        first = false;
    }
    out += "}}";
    return out;
}

std::string LoadResult::toText(const LoadPlan& plan) {
    char text[512];
    std::snprintf(text, sizeof(text),
                  "%s  c=%d  %.1f s\n  %llu ok, %llu failed, %.1f req/s, %.2f MB/s\n"
                  "  latency ms: p50 %.3f  p90 %.3f  p99 %.3f  max %.3f\n",
                  plan.targetText.c_str(), plan.connections, seconds,
                  static_cast<unsigned long long>(responses),
                  static_cast<unsigned long long>(failures),
                  seconds > 0 ? static_cast<double>(responses) / seconds : 0.0,
                  seconds > 0 ? static_cast<double>(bodyBytes) / seconds / 1e6 : 0.0,
                  milliseconds(latency.percentile(0.5)), milliseconds(latency.percentile(0.9)),
                  milliseconds(latency.percentile(0.99)), milliseconds(latency.max()));
    std::string out = text;
    for (const auto& [error, count] : errorCounts)
        out += "  error: " + error + " (" + std::to_string(count) + ")\n";
    for (const auto& [status, count] : statusCounts)
        if (status >= 400)
            out += "  status " + std::to_string(status) + ": " + std::to_string(count) + "\n";
    return out;
}

} // namespace sockerless::bench
