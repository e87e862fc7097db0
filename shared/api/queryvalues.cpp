#include "api/queryvalues.h"

namespace sockerless::api {

QString QueryValues::string(const QString& key, const QString& fallback) const {
    if (!m_query.hasQueryItem(key))
        return fallback;
    return m_query.queryItemValue(key, QUrl::FullyDecoded);
}

Result<bool> QueryValues::parseBool(const QString& name, const QString& value) {
    const QString lower = value.toLower();
    if (lower == QLatin1String("1") || lower == QLatin1String("true"))
        return true;
    if (lower == QLatin1String("0") || lower == QLatin1String("false"))
        return false;
    return ApiError::badRequest(
        QStringLiteral(
            "invalid value for query parameter '%1': '%2' (expected 1, true, 0 or false)")
            .arg(name, value));
}

Result<bool> QueryValues::boolean(const QString& key, bool fallback) const {
    const QString value = string(key);
    if (value.isEmpty())
        return fallback;
    return parseBool(key, value);
}

Result<qint64> QueryValues::integer(const QString& key, qint64 fallback, qint64 min,
                                    qint64 max) const {
    const QString value = string(key);
    if (value.isEmpty())
        return fallback;
    bool ok = false;
    const qint64 number = value.toLongLong(&ok);
    if (!ok || number < min || number > max)
        return ApiError::badRequest(
            QStringLiteral("invalid value for query parameter '%1': '%2' (expected an integer "
                           "from %3 to %4)")
                .arg(key, value)
                .arg(min)
                .arg(max));
    return number;
}

} // namespace sockerless::api
