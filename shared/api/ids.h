#pragma once

#include "api/apierror.h"

#include <QString>
#include <optional>

namespace sockerless::api {

/// Checks an id or name taken from a request path before it is used: empty, a `.` or `..`
/// segment (`..`, `../containers/json`, `a/./b`) and control characters are a 400 (`kind` names
/// what it is: `container`, `image` ...). Any other value is allowed; it is percent-encoded again
/// before it reaches Docker.
std::optional<ApiError> checkId(const QString& kind, const QString& id);

} // namespace sockerless::api
