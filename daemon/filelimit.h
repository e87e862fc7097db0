#pragma once

#include <sys/resource.h>

namespace sockerless {

/// The process's open-file limit (RLIMIT_NOFILE). Every stream costs at least two descriptors
/// (the client's connection and its Docker connection), so the default soft limit of 1024 stops
/// the daemon well before 1000 open streams; the hard limit is what the administrator allows.
class FileLimit {
public:
    struct Outcome {
        rlim_t before = 0; ///< the soft limit found at start
        rlim_t after = 0;  ///< the soft limit now (== the hard limit when raising worked)
        rlim_t hard = 0;
        int error = 0; ///< errno of a failed getrlimit/setrlimit, else 0
    };

    /// Raises the soft limit to the hard limit; never lowers it. Call once at start-up, before
    /// any descriptor-heavy work.
    static Outcome raiseToHardLimit();
};

} // namespace sockerless
