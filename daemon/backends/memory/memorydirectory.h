#pragma once

#include <QString>
#include <optional>

namespace sockerless::backends::memory {

/// What the network and volume stores need to know of a container.
struct ContainerRef {
    QString id;
    QString name; ///< without Docker's leading `/`
    bool running = false;
};

/// Finds containers for the other stores (network connect names a container by id, unique id
/// prefix or name) without them depending on the container store itself.
class ContainerDirectory {
public:
    virtual ~ContainerDirectory() = default;
    /// The container `idOrName` refers to (full id, unique prefix, name with or without `/`).
    virtual std::optional<ContainerRef> findContainer(const QString& idOrName) const = 0;
};

} // namespace sockerless::backends::memory
