#pragma once

#include "api/apierror.h"
#include "api/filters.h"
#include "backends/memory/volumerecord.h"

#include <optional>

namespace sockerless::backends::memory {

/// Docker 20.10's volume list `filters`: `name` (substring), `driver` (exact), `label`,
/// `dangling` (true: used by no container).
class VolumeFilters {
public:
    /// An unknown key is a 400 `Invalid filter '<key>'`, a `dangling` that is not a boolean a
    /// 400 `Invalid filter 'dangling=[<value>]'` (Docker's texts).
    static std::optional<api::ApiError> check(const api::Filters& filters);
    static bool matches(const VolumeRecord& volume, const api::Filters& filters);
};

} // namespace sockerless::backends::memory
