#pragma once

#include "api/containertypes.h"

#include <QJsonObject>
#include <QMap>

namespace sockerless::backends::memory {

class MemoryContainer;

/// A container as the contract shows it: inspect and list entries in Docker 20.10's shape.
class MemoryContainerView {
public:
    /// `endpoints` are the container's network endpoints by network name.
    static api::ContainerInspect inspect(const MemoryContainer& container,
                                         const QMap<QString, QJsonObject>& endpoints);
    static api::ContainerSummary summary(const MemoryContainer& container,
                                         const QMap<QString, QJsonObject>& endpoints);
    /// Docker's `Status` column: `Created`, `Up 5 seconds`, `Exited (0) 2 minutes ago` ...
    static QString statusText(const MemoryContainer& container, qint64 nowNanos);
    /// go-units' HumanDuration, which Docker's status text uses.
    static QString humanDuration(qint64 nanos);
};

} // namespace sockerless::backends::memory
