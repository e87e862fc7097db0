#pragma once

#include "api/containertypes.h"
#include "api/networktypes.h"
#include "backends/memory/networkaddresspool.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <optional>

namespace sockerless::backends::memory {

/// A container's place on one network: what it asked for and what it was given.
struct NetworkEndpoint {
    QString containerId;
    QString containerName;
    QString endpointId;
    std::optional<quint32> address; ///< none on `host` and `none`
    api::EndpointSettings settings; ///< as asked (Aliases, IPAMConfig, DriverOpts ...)
    /// Docker adds the container's short id to its aliases on a user network when the container
    /// joins it (connect, or the start of a container created on it).
    /// Mutable: a read that sees the container running records it (see `joined`).
    mutable bool shortIdAlias = false;
    /// The container has been running on the network: inspect then shows the `NetworkID` even
    /// after it stopped, as Docker does.
    /// Mutable: without a start notice, the first read that sees the container running is when
    /// it joined.
    mutable bool joined = false;
};

/// One network of the memory backend, with Docker 20.10's inspect shape.
struct NetworkRecord {
    QString id;
    QString name;
    qint64 createdNanos = 0; ///< for prune's `until`
    QString created;         ///< createdNanos as RFC 3339
    QString driver;          ///< bridge, host, null
    bool predefined = false;
    bool internal = false;
    bool attachable = false;
    bool enableIPv6 = false;
    QString ipamDriver = QStringLiteral("default");
    std::optional<QMap<QString, QString>> ipamOptions;
    QList<api::NetworkIpamConfig> ipamConfig; ///< as asked (or as allocated), for inspect
    std::optional<NetworkAddressPool> pool;   ///< none on `host` and `none`
    QMap<QString, QString> options;
    QMap<QString, QString> labels;
    QMap<QString, NetworkEndpoint> endpoints; ///< by container id

    /// `bridge` has Docker's default subnet and options; `host` and `none` have no addresses.
    static NetworkRecord predefinedBridge();
    static NetworkRecord predefinedHost();
    static NetworkRecord predefinedNone();

    /// Whether clients made it (the `type` filter's `custom`): not bridge, host or none.
    bool isCustom() const { return !predefined; }

    /// The network as inspect shows it; `Containers` lists `running` endpoints only.
    api::Network toApi(const QMap<QString, NetworkEndpoint>& running) const;
    /// The endpoint as container inspect shows it under `NetworkSettings.Networks.<name>`;
    /// `running` says whether the container is running now (addresses show only then).
    QJsonObject endpointJson(const NetworkEndpoint& endpoint, bool running) const;
};

} // namespace sockerless::backends::memory
