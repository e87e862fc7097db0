#include "api/ids.h"

#include <QStringList>

#include <algorithm>

namespace sockerless::api {

std::optional<ApiError> checkId(const QString& kind, const QString& id) {
    if (id.isEmpty())
        return ApiError::badRequest(
            QStringLiteral("the %1 id or name must not be empty").arg(kind));
    // Docker decodes the path before routing and Go cleans `.`/`..` segments (answering a
    // redirect elsewhere), so no segment of a name may be one: image names contain `/`.
    const QStringList segments = id.split(u'/');
    const bool dotSegment = std::any_of(segments.begin(), segments.end(), [](const QString& s) {
        return s == QLatin1String(".") || s == QLatin1String("..");
    });
    if (dotSegment)
        return ApiError::badRequest(
            QStringLiteral("invalid %1 id or name '%2': '.' and '..' are not names").arg(kind, id));
    const bool hasControl = std::any_of(
        id.begin(), id.end(), [](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; });
    if (hasControl)
        return ApiError::badRequest(
            QStringLiteral("invalid %1 id or name: it contains a control character").arg(kind));
    return std::nullopt;
}

} // namespace sockerless::api
