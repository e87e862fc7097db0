#pragma once

#include "api/result.h"

#include <QString>
#include <QUrlQuery>
#include <optional>

namespace sockerless::api {

/// Reads typed query parameters the way the contract says: booleans are `1`, `true`, `0`,
/// `false` (any case), numbers are decimal; anything else is a 400 naming the parameter.
/// Values are read fully decoded.
class QueryValues {
public:
    explicit QueryValues(const QUrlQuery& query)
        : m_query(query) {}

    bool has(const QString& key) const { return m_query.hasQueryItem(key); }
    /// The decoded value, or `fallback` when the parameter is absent.
    QString string(const QString& key, const QString& fallback = {}) const;
    /// A boolean parameter; `fallback` when absent. An empty value (`?all`) counts as absent.
    Result<bool> boolean(const QString& key, bool fallback = false) const;
    /// An integer parameter in [min, max]; `fallback` when absent or empty.
    Result<qint64> integer(const QString& key, qint64 fallback, qint64 min, qint64 max) const;

    /// Parses one boolean value; `name` goes into the error message.
    static Result<bool> parseBool(const QString& name, const QString& value);

private:
    QUrlQuery m_query;
};

} // namespace sockerless::api
