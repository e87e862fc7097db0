#include "backends/memory/networkbuilder.h"

#include "backends/memory/memoryclock.h"

namespace sockerless::backends::memory {

namespace {

api::ApiError pluginNotFound(const QString& name) {
    return {404, QStringLiteral("plugin \"%1\" not found").arg(name)};
}

bool overlapsAny(const Ipv4Subnet& subnet, const QList<Ipv4Subnet>& taken) {
    for (const Ipv4Subnet& other : taken) {
        if (subnet.overlaps(other))
            return true;
    }
    return false;
}

// Docker's default address pools: 172.17-31.0.0/16, then 192.168.0.0/16 cut into /20s.
QList<Ipv4Subnet> defaultPools() {
    QList<Ipv4Subnet> pools;
    for (quint32 second = 17; second <= 31; ++second)
        pools.append({(172U << 24) | (second << 16), 16});
    for (quint32 third = 0; third < 256; third += 16)
        pools.append({(192U << 24) | (168U << 16) | (third << 8), 20});
    return pools;
}

} // namespace

std::optional<api::ApiError> NetworkBuilder::checkDriver(const api::NetworkCreateRequest& request) {
    const QString driver = request.driver.value_or(QString());
    if (driver == QLatin1String("host") || driver == QLatin1String("null"))
        return api::ApiError{
            403, QStringLiteral("only one instance of \"%1\" network is allowed").arg(driver)};
    if (driver == QLatin1String("overlay"))
        return api::ApiError::internal(
            QStringLiteral("This node is not a swarm manager. Use \"docker swarm init\" or "
                           "\"docker swarm join\" to connect this node to swarm and try again."));
    if (!driver.isEmpty() && driver != QLatin1String("bridge"))
        return pluginNotFound(driver);
    const QString ipamDriver = request.ipam ? request.ipam->driver.value_or(QString()) : QString();
    if (!ipamDriver.isEmpty() && ipamDriver != QLatin1String("default"))
        return pluginNotFound(ipamDriver);
    return std::nullopt;
}

std::optional<api::ApiError> NetworkBuilder::addPool(NetworkRecord& record,
                                                     const api::NetworkIpamConfig& config,
                                                     const QList<Ipv4Subnet>& taken) {
    const QString text = config.subnet.value_or(QString());
    // An IPv6 pool is kept as asked; the memory backend gives out no IPv6 addresses.
    if (text.contains(u':')) {
        record.ipamConfig.append(config);
        return std::nullopt;
    }
    const auto subnet = Ipv4Subnet::parse(text);
    if (!subnet)
        return api::ApiError::internal(
            QStringLiteral("Invalid subnet %1 : invalid CIDR address: %1").arg(text));
    if (overlapsAny(*subnet, taken) || (record.pool && subnet->overlaps(record.pool->subnet())))
        return api::ApiError{403,
                             QStringLiteral("Pool overlaps with other one on this address space")};
    Ipv4Subnet range = *subnet;
    if (config.ipRange) {
        const auto parsed = Ipv4Subnet::parse(*config.ipRange);
        if (!parsed)
            return api::ApiError::internal(
                QStringLiteral("Invalid range %1 : invalid CIDR address: %1").arg(*config.ipRange));
        if (!subnet->contains(parsed->base) || parsed->prefix < subnet->prefix)
            return api::ApiError::badRequest(QStringLiteral("Invalid address range"));
        range = *parsed;
    }
    // Docker's default gateway is the first address of the range the pool gives out.
    quint32 gateway = range.base + (subnet->prefix >= 31 ? 0 : 1);
    if (config.gateway) {
        const auto address = Ipv4Subnet::parseAddress(*config.gateway);
        if (!address || !subnet->contains(*address))
            return api::ApiError::internal(
                QStringLiteral("failed to allocate gateway (%1): Requested address is out of range")
                    .arg(*config.gateway));
        gateway = *address;
    }
    // The first IPv4 pool gives the addresses; more pools are shown and keep their range taken.
    if (!record.pool)
        record.pool.emplace(*subnet, range, gateway);
    record.ipamConfig.append(config);
    return std::nullopt;
}

std::optional<api::ApiError> NetworkBuilder::addDefaultPool(NetworkRecord& record,
                                                            const QList<Ipv4Subnet>& taken) {
    for (const Ipv4Subnet& candidate : defaultPools()) {
        if (overlapsAny(candidate, taken))
            continue;
        const quint32 gateway = candidate.base + 1;
        record.pool.emplace(candidate, candidate, gateway);
        api::NetworkIpamConfig config;
        config.subnet = candidate.toString();
        config.gateway = Ipv4Subnet::formatAddress(gateway);
        record.ipamConfig.append(config);
        return std::nullopt;
    }
    return api::ApiError{404, QStringLiteral("could not find an available, non-overlapping IPv4 "
                                             "address pool among the defaults to assign to the "
                                             "network")};
}

api::Result<NetworkRecord> NetworkBuilder::build(const api::NetworkCreateRequest& request,
                                                 const QList<Ipv4Subnet>& taken) {
    if (auto error = checkDriver(request))
        return *error;
    NetworkRecord record;
    record.id = MemoryClock::newId();
    record.name = request.name;
    record.createdNanos = MemoryClock::nowNanos();
    record.created = MemoryClock::rfc3339(record.createdNanos);
    record.driver = QStringLiteral("bridge");
    record.internal = request.internal.value_or(false);
    record.attachable = request.attachable.value_or(false);
    record.enableIPv6 = request.enableIPv6.value_or(false);
    record.options = request.options.value_or(QMap<QString, QString>());
    record.labels = request.labels.value_or(QMap<QString, QString>());
    bool hasIpv6Pool = false;
    if (request.ipam) {
        record.ipamOptions = request.ipam->options;
        for (const api::NetworkIpamConfig& config :
             request.ipam->config.value_or(QList<api::NetworkIpamConfig>())) {
            if (auto error = addPool(record, config, taken))
                return *error;
            hasIpv6Pool = hasIpv6Pool || config.subnet.value_or(QString()).contains(u':');
        }
    }
    if (!record.pool) {
        if (auto error = addDefaultPool(record, taken))
            return *error;
    }
    if (record.enableIPv6 && !hasIpv6Pool)
        return api::ApiError{404, QStringLiteral("could not find an available, non-overlapping "
                                                 "IPv6 address pool among the defaults to assign "
                                                 "to the network")};
    return record;
}

} // namespace sockerless::backends::memory
