#pragma once

#include <QDateTime>
#include <QString>
#include <optional>

namespace sockerless::backends::memory {

/// The time values of Docker's filters (`until`, `since`), read as Docker's
/// `timetypes.GetTimestamp` reads them.
class FilterTime {
public:
    /// A Go duration before `now` (`10m`, `1h30m`, `1.5h`), Unix seconds with an optional
    /// fraction (`1700000000.5`), or an RFC 3339 date or date-time (a time without zone is UTC);
    /// nanoseconds since the epoch, or nothing for anything else.
    static std::optional<qint64> parse(const QString& value, const QDateTime& now);

private:
    static std::optional<qint64> parseDuration(const QString& value);
};

} // namespace sockerless::backends::memory
