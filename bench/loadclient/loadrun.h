#pragma once

#include "latencystats.h"
#include "target.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sockerless::bench {

/// What one run does: `connections` keep-alive connections in a closed loop (each sends its next
/// request as soon as the previous answer ended), cycling through `requests`, for `durationSeconds`
/// or until `maxRequests` answers (whichever comes first), after `warmupSeconds` not counted.
struct LoadPlan {
    Target target;
    std::string targetText;
    std::vector<std::string> requests; ///< complete request bytes, used round robin
    int connections = 1;
    double durationSeconds = 10;
    double warmupSeconds = 1;
    uint64_t maxRequests = 0; ///< 0: no limit
};

/// The outcome of a run: counts, bytes and exact latency percentiles of the measured part.
struct LoadResult {
    uint64_t responses = 0; ///< answered with a 2xx/3xx status
    uint64_t failures = 0;  ///< transport failures and 4xx/5xx answers
    std::map<int, uint64_t> statusCounts;
    std::map<std::string, uint64_t> errorCounts;
    uint64_t bodyBytes = 0;
    uint64_t reconnects = 0;
    double seconds = 0;
    LatencyStats latency;

    /// One JSON object (the harness reads it).
    std::string toJson(const LoadPlan& plan);
    /// A few human-readable lines.
    std::string toText(const LoadPlan& plan);
};

/// Runs `plan` on the calling thread (one epoll loop); returns false with `error` set when no
/// connection could be made at all.
bool runLoad(const LoadPlan& plan, LoadResult* result, std::string* error);

} // namespace sockerless::bench
