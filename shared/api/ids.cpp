#include "api/ids.h"

#include <algorithm>

namespace sockerless::api {

std::optional<ApiError> checkId(const QString& kind, const QString& id) {
    if (id.isEmpty())
        return ApiError::badRequest(
            QStringLiteral("the %1 id or name must not be empty").arg(kind));
    if (id == QLatin1String(".") || id == QLatin1String(".."))
        return ApiError::badRequest(QStringLiteral("invalid %1 id or name: '%2'").arg(kind, id));
    const bool hasControl = std::any_of(
        id.begin(), id.end(), [](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; });
    if (hasControl)
        return ApiError::badRequest(
            QStringLiteral("invalid %1 id or name: it contains a control character").arg(kind));
    return std::nullopt;
}

} // namespace sockerless::api
