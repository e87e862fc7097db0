#include "filelimit.h"

#include <cerrno>

namespace sockerless {

FileLimit::Outcome FileLimit::raiseToHardLimit() {
    Outcome outcome;
    struct rlimit limit = {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        outcome.error = errno;
        return outcome;
    }
    outcome.before = limit.rlim_cur;
    outcome.after = limit.rlim_cur;
    outcome.hard = limit.rlim_max;
    if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= limit.rlim_max)
        return outcome;
    limit.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) {
        outcome.error = errno;
        return outcome;
    }
    outcome.after = limit.rlim_cur;
    return outcome;
}

} // namespace sockerless
