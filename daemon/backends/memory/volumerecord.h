#pragma once

#include "api/volumetypes.h"

#include <QMap>
#include <QSet>
#include <QString>
#include <optional>

namespace sockerless::backends::memory {

/// One volume of the memory backend (driver `local`) and the containers that use it.
struct VolumeRecord {
    QString name;
    QString createdAt; ///< Docker's: RFC 3339 to the second, `2026-11-28T18:22:11Z`
    /// Null in Docker's answer when the create gave none, `{}` when it gave an empty object.
    std::optional<QMap<QString, QString>> labels;
    std::optional<QMap<QString, QString>> options; ///< the create's DriverOpts, same rule
    bool anonymous = false; ///< made for a container's mount without a name (`v=1` removes it)
    QSet<QString> users;    ///< ids of the containers that mount it

    /// The volume as create, list and inspect answer it.
    api::Volume toApi() const;
};

} // namespace sockerless::backends::memory
