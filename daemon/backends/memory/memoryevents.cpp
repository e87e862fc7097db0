#include "backends/memory/memoryevents.h"

#include "backends/memory/memoryclock.h"
#include "backends/memory/memoryeventstream.h"

#include <QJsonDocument>

namespace sockerless::backends::memory {

namespace {

constexpr std::size_t historyLimit = 1024;

// `1700000000` or `1700000000.5` (seconds since the epoch) in nanoseconds; nothing when unset.
std::optional<qint64> timestampNanos(const QUrlQuery& query, const QString& key) {
    const QString text = query.queryItemValue(key, QUrl::FullyDecoded);
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (text.isEmpty() || !ok)
        return std::nullopt;
    return static_cast<qint64>(seconds * 1e9);
}

} // namespace

QJsonObject MemoryEvent::toJson() const {
    QJsonObject attributesJson;
    for (auto it = attributes.cbegin(); it != attributes.cend(); ++it)
        attributesJson.insert(it.key(), it.value());
    QJsonObject event{
        {QStringLiteral("Type"), type},
        {QStringLiteral("Action"), action},
        {QStringLiteral("Actor"), QJsonObject{{QStringLiteral("ID"), actorId},
                                              {QStringLiteral("Attributes"), attributesJson}}},
        {QStringLiteral("scope"), QStringLiteral("local")},
        {QStringLiteral("time"), timeNano / 1000000000},
        {QStringLiteral("timeNano"), timeNano},
    };
    if (type == QLatin1String("container") || type == QLatin1String("image")) {
        event.insert(QStringLiteral("status"), action);
        event.insert(QStringLiteral("id"), actorId);
        if (attributes.contains(QStringLiteral("image")))
            event.insert(QStringLiteral("from"), attributes.value(QStringLiteral("image")));
    }
    return event;
}

void MemoryEvents::publish(const QString& type, const QString& action, const QString& actorId,
                           const QMap<QString, QString>& attributes) {
    MemoryEvent event{type, action, actorId, attributes, MemoryClock::nowNanos()};
    m_history.push_back(event);
    if (m_history.size() > historyLimit)
        m_history.pop_front();
    emit published(event);
}

BackendStream* MemoryEvents::subscribe(const QUrlQuery& query, QObject* context) {
    auto filters =
        api::Filters::parse(query.queryItemValue(QStringLiteral("filters"), QUrl::FullyDecoded));
    return new MemoryEventStream(this, filters.ok() ? filters.value() : api::Filters{},
                                 timestampNanos(query, QStringLiteral("since")),
                                 timestampNanos(query, QStringLiteral("until")), context);
}

} // namespace sockerless::backends::memory
