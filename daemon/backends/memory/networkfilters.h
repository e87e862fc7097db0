#pragma once

#include "api/apierror.h"
#include "api/filters.h"
#include "backends/memory/networkrecord.h"

#include <optional>

namespace sockerless::backends::memory {

/// Docker 20.10's network `filters`, for list and prune, with its errors and its quirks.
class NetworkFilters {
public:
    /// Checks a list's filters: an unknown key is a 400 `Invalid filter '<key>'`, a `dangling`
    /// that is not a boolean a 400, a `type` other than custom/builtin a 500 (Docker's texts).
    static std::optional<api::ApiError> checkList(const api::Filters& filters);
    /// Whether a listed network passes `name`, `id` (regular expressions, as Docker matches
    /// them), `driver`, `scope` (exact), `label`, `type` and `dangling`.
    static bool matchesList(const NetworkRecord& network, const api::Filters& filters);

    /// Checks a prune's filters (`label`, `label!`, `until`) and reads `until` into the
    /// nanosecond time before which a network must have been created; a bad `until` is
    /// Docker's 500.
    static std::optional<api::ApiError> checkPrune(const api::Filters& filters,
                                                   std::optional<qint64>* until);
    /// Whether a network passes a prune's `label` and `label!` and was created before `until`.
    static bool matchesPrune(const NetworkRecord& network, const api::Filters& filters,
                             std::optional<qint64> until);
};

} // namespace sockerless::backends::memory
