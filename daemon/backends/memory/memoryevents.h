#pragma once

#include "backends/backend.h"

#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QString>
#include <QUrlQuery>
#include <deque>

namespace sockerless::backends::memory {

/// One change in the memory backend, as Docker reports it on `/events`.
struct MemoryEvent {
    QString type;    ///< container, image, network, volume
    QString action;  ///< create, start, die, destroy, connect, pull, tag ...
    QString actorId; ///< the object's id (an image's reference for pull and tag, as Docker does)
    QMap<QString, QString> attributes;
    qint64 timeNano = 0;

    /// Docker's event object: `Type`, `Action`, `Actor`, `scope`, `time`, `timeNano`, and for
    /// containers and images the legacy `status`, `id`, `from`.
    QJsonObject toJson() const;
};

/// The event bus: every store publishes what changed; `/events` subscribers get it, filtered.
/// A bounded history (the last 1024 events) serves `since`.
class MemoryEvents : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    /// Records and delivers an event stamped now.
    void publish(const QString& type, const QString& action, const QString& actorId,
                 const QMap<QString, QString>& attributes = {});

    /// The stream of `WS /events`: the past events from `since`, then the live ones, each
    /// matching `filters` (type, event, container, image, network, volume, label, scope), until
    /// `until` (seconds since the epoch, fractions allowed). `query` was checked by the route.
    BackendStream* subscribe(const QUrlQuery& query, QObject* context);

    /// The recorded events, oldest first.
    const std::deque<MemoryEvent>& history() const { return m_history; }

signals:
    void published(const sockerless::backends::memory::MemoryEvent& event);

private:
    std::deque<MemoryEvent> m_history;
};

} // namespace sockerless::backends::memory
