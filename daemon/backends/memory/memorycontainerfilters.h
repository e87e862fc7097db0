#pragma once

#include "api/filters.h"
#include "api/result.h"

#include <QJsonObject>
#include <QMap>
#include <functional>

namespace sockerless::backends::memory {

class MemoryContainer;

/// Docker's filters of `GET /containers/json`, checked once and then applied to each container.
class MemoryContainerFilters {
public:
    /// Finds the container a `before`/`since` filter names.
    using Finder = std::function<const MemoryContainer*(const QString&)>;
    /// Finds an image id by a name an `ancestor` filter gives (empty when none).
    using ImageResolver = std::function<QString(const QString&)>;

    /// Checks `filters`: an unknown key or a bad `status`/`exited` value is a 400 as Docker
    /// words it; a `before`/`since` naming no container is a 404.
    static api::Result<MemoryContainerFilters> make(const api::Filters& filters, const Finder& find,
                                                    const ImageResolver& resolveImage);

    /// Whether `container` (with its network endpoints) passes every filter.
    bool matches(const MemoryContainer& container,
                 const QMap<QString, QJsonObject>& endpoints) const;

private:
    api::Filters m_filters;
    qint64 m_beforeNanos = 0; ///< 0: no `before`
    qint64 m_sinceNanos = 0;  ///< 0: no `since`
    QStringList m_ancestorIds;
};

} // namespace sockerless::backends::memory
