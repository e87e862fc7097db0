#pragma once

#include "api/filters.h"
#include "backends/backend.h"
#include "backends/memory/memoryevents.h"

#include <optional>

namespace sockerless::backends::memory {

/// One `/events` subscription: replays the history from `since`, then follows the bus, sending
/// each matching event as one JSON message, and ends at `until`.
class MemoryEventStream : public BackendStream {
    Q_OBJECT
public:
    MemoryEventStream(MemoryEvents* events, api::Filters filters, std::optional<qint64> sinceNanos,
                      std::optional<qint64> untilNanos, QObject* parent);

    /// Whether `event` passes Docker's event filters (each key's values OR-ed, keys AND-ed).
    static bool matches(const api::Filters& filters, const MemoryEvent& event);

private:
    void begin();
    void deliver(const MemoryEvent& event);

    MemoryEvents* m_events;
    api::Filters m_filters;
    std::optional<qint64> m_since;
    std::optional<qint64> m_until;
};

} // namespace sockerless::backends::memory
