#include "backends/memory/volumerecord.h"

#include <QJsonValue>

namespace sockerless::backends::memory {

api::Volume VolumeRecord::toApi() const {
    api::Volume volume;
    volume.name = name;
    volume.driver = QStringLiteral("local");
    volume.mountpoint = QStringLiteral("/var/lib/docker/volumes/%1/_data").arg(name);
    volume.createdAt = createdAt;
    volume.scope = QStringLiteral("local");
    volume.labels = labels;
    volume.options = options;
    // Docker writes a map it never got as null.
    if (!labels)
        volume.extra.insert(QStringLiteral("Labels"), QJsonValue::Null);
    if (!options)
        volume.extra.insert(QStringLiteral("Options"), QJsonValue::Null);
    return volume;
}

} // namespace sockerless::backends::memory
