#pragma once

#include <QString>

namespace sockerless::backends::memory {

/// Ids and times as Docker writes them, for the memory backend's objects.
class MemoryClock {
public:
    /// A new object id: 64 lower-case hex digits from the system's random source.
    static QString newId();
    /// Now, in nanoseconds since the epoch (event `timeNano`).
    static qint64 nowNanos();
    /// `nanos` as Docker's RFC 3339 with nanoseconds, in UTC: `2026-11-28T18:22:11.123456789Z`.
    static QString rfc3339(qint64 nanos);
    /// Now, as rfc3339().
    static QString now() { return rfc3339(nowNanos()); }
    /// Docker's zero time, which inspect shows for a time that never happened.
    static QString zeroTime() { return QStringLiteral("0001-01-01T00:00:00Z"); }
};

} // namespace sockerless::backends::memory
