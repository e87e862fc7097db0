#include "backends/memory/imageevents.h"

#include "backends/memory/imagerecord.h"
#include "backends/memory/memoryevents.h"

namespace sockerless::backends::memory {

void publishImageEvent(MemoryEvents* events, const QString& action, const QString& actorId,
                       const QString& name, const ImageRecord& image) {
    if (!events)
        return;
    QMap<QString, QString> attributes;
    const QJsonObject labels = image.config.value(QStringLiteral("config"))
                                   .toObject()
                                   .value(QStringLiteral("Labels"))
                                   .toObject();
    for (auto it = labels.begin(); it != labels.end(); ++it)
        attributes.insert(it.key(), it.value().toString());
    attributes.insert(QStringLiteral("name"), name);
    events->publish(QStringLiteral("image"), action, actorId, attributes);
}

} // namespace sockerless::backends::memory
