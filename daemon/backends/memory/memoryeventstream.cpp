#include "backends/memory/memoryeventstream.h"

#include "backends/memory/memoryclock.h"

#include <QJsonDocument>
#include <QTimer>

namespace sockerless::backends::memory {

namespace {

// The value an event is matched on for a filter key, as Docker's events filter reads them.
bool matchesKey(const QString& key, const QStringList& wanted, const MemoryEvent& event) {
    const auto any = [&wanted](const QStringList& candidates) {
        for (const QString& candidate : candidates) {
            if (!candidate.isEmpty() && wanted.contains(candidate))
                return true;
        }
        return false;
    };
    const QString name = event.attributes.value(QStringLiteral("name"));
    if (key == QLatin1String("type"))
        return wanted.contains(event.type);
    if (key == QLatin1String("event") || key == QLatin1String("action"))
        return wanted.contains(event.action);
    if (key == QLatin1String("scope"))
        return wanted.contains(QStringLiteral("local"));
    if (key == QLatin1String("container"))
        return event.type == QLatin1String("container") && any({event.actorId, name});
    if (key == QLatin1String("network"))
        return event.type == QLatin1String("network") && any({event.actorId, name});
    if (key == QLatin1String("volume"))
        return event.type == QLatin1String("volume") && any({event.actorId, name});
    if (key == QLatin1String("image")) {
        const QString image = event.type == QLatin1String("image")
                                  ? event.actorId
                                  : event.attributes.value(QStringLiteral("image"));
        return any({image, name});
    }
    if (key == QLatin1String("label")) {
        api::Filters labels;
        for (const QString& value : wanted)
            labels.add(key, value);
        // Docker's rule: every label filter must hold, against the event's attributes.
        return labels.matchesLabels(event.attributes);
    }
    return true; // keys Docker knows but the memory backend has no events for (daemon, node ...)
}

} // namespace

MemoryEventStream::MemoryEventStream(MemoryEvents* events, api::Filters filters,
                                     std::optional<qint64> sinceNanos,
                                     std::optional<qint64> untilNanos, QObject* parent)
    : BackendStream(parent)
    , m_events(events)
    , m_filters(std::move(filters))
    , m_since(sinceNanos)
    , m_until(untilNanos) {
    setContentType("application/json");
    // Opened on the event loop, after the caller has connected to the signals.
    QTimer::singleShot(0, this, &MemoryEventStream::begin);
}

bool MemoryEventStream::matches(const api::Filters& filters, const MemoryEvent& event) {
    for (const QString& key : filters.keys()) {
        if (!matchesKey(key, filters.values(key), event))
            return false;
    }
    return true;
}

void MemoryEventStream::begin() {
    emit opened();
    if (m_since) {
        for (const MemoryEvent& event : m_events->history()) {
            if (event.timeNano >= *m_since)
                deliver(event);
        }
    }
    const qint64 now = MemoryClock::nowNanos();
    if (m_until && *m_until <= now) {
        emit ended();
        return;
    }
    connect(m_events, &MemoryEvents::published, this, &MemoryEventStream::deliver);
    if (m_until) {
        const qint64 waitMs = (*m_until - now) / 1000000 + 1;
        QTimer::singleShot(std::chrono::milliseconds(waitMs), this, [this] {
            disconnect(m_events, nullptr, this, nullptr);
            emit ended();
        });
    }
}

void MemoryEventStream::deliver(const MemoryEvent& event) {
    if (m_until && event.timeNano > *m_until)
        return;
    if (!matches(m_filters, event))
        return;
    emit message(QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact));
}

} // namespace sockerless::backends::memory
