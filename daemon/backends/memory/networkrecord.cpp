#include "backends/memory/networkrecord.h"

#include "backends/memory/memoryclock.h"

#include <QJsonArray>

namespace sockerless::backends::memory {

namespace {

NetworkRecord makePredefined(const QString& name, const QString& driver) {
    NetworkRecord record;
    record.id = MemoryClock::newId();
    record.name = name;
    record.createdNanos = MemoryClock::nowNanos();
    record.created = MemoryClock::rfc3339(record.createdNanos);
    record.driver = driver;
    record.predefined = true;
    return record;
}

// Docker's MAC for an IPv4 endpoint: 02:42 followed by the four address bytes.
QString macFor(quint32 address) {
    QString mac = QStringLiteral("02:42");
    for (int shift = 24; shift >= 0; shift -= 8)
        mac += QStringLiteral(":%1").arg((address >> shift) & 0xff, 2, 16, QLatin1Char('0'));
    return mac;
}

} // namespace

NetworkRecord NetworkRecord::predefinedBridge() {
    NetworkRecord record = makePredefined(QStringLiteral("bridge"), QStringLiteral("bridge"));
    const Ipv4Subnet subnet = *Ipv4Subnet::parse(QStringLiteral("172.17.0.0/16"));
    const quint32 gateway = subnet.base + 1;
    record.pool.emplace(subnet, subnet, gateway);
    api::NetworkIpamConfig config;
    config.subnet = subnet.toString();
    config.gateway = Ipv4Subnet::formatAddress(gateway);
    record.ipamConfig = {config};
    record.options = {
        {QStringLiteral("com.docker.network.bridge.default_bridge"), QStringLiteral("true")},
        {QStringLiteral("com.docker.network.bridge.enable_icc"), QStringLiteral("true")},
        {QStringLiteral("com.docker.network.bridge.enable_ip_masquerade"), QStringLiteral("true")},
        {QStringLiteral("com.docker.network.bridge.host_binding_ipv4"), QStringLiteral("0.0.0.0")},
        {QStringLiteral("com.docker.network.bridge.name"), QStringLiteral("docker0")},
        {QStringLiteral("com.docker.network.driver.mtu"), QStringLiteral("1500")}};
    return record;
}

NetworkRecord NetworkRecord::predefinedHost() {
    return makePredefined(QStringLiteral("host"), QStringLiteral("host"));
}

NetworkRecord NetworkRecord::predefinedNone() {
    return makePredefined(QStringLiteral("none"), QStringLiteral("null"));
}

api::Network NetworkRecord::toApi(const QMap<QString, NetworkEndpoint>& running) const {
    api::Network network;
    network.name = name;
    network.id = id;
    network.created = created;
    network.scope = QStringLiteral("local");
    network.driver = driver;
    network.enableIPv6 = enableIPv6;
    network.internal = internal;
    network.attachable = attachable;
    network.ingress = false;
    api::NetworkIpam ipam;
    ipam.driver = ipamDriver;
    ipam.config = ipamConfig;
    if (ipamOptions)
        ipam.options = ipamOptions;
    else
        ipam.extra.insert(QStringLiteral("Options"), QJsonValue::Null);
    network.ipam = ipam;
    QMap<QString, api::NetworkAttachment> containers;
    for (const NetworkEndpoint& endpoint : running) {
        api::NetworkAttachment attachment;
        attachment.name = endpoint.containerName;
        attachment.endpointId = endpoint.endpointId;
        attachment.macAddress = endpoint.address ? macFor(*endpoint.address) : QString();
        attachment.ipv4Address = endpoint.address
                                     ? QStringLiteral("%1/%2")
                                           .arg(Ipv4Subnet::formatAddress(*endpoint.address))
                                           .arg(pool->subnet().prefix)
                                     : QString();
        attachment.ipv6Address = QString();
        containers.insert(endpoint.containerId, attachment);
    }
    network.containers = containers;
    network.options = options;
    network.labels = labels;
    network.extra.insert(QStringLiteral("ConfigFrom"),
                         QJsonObject{{QStringLiteral("Network"), QString()}});
    network.extra.insert(QStringLiteral("ConfigOnly"), false);
    return network;
}

QJsonObject NetworkRecord::endpointJson(const NetworkEndpoint& endpoint, bool running) const {
    QJsonObject json = endpoint.settings.extra;
    for (const char* field : {"Links", "DriverOpts"}) {
        if (!json.contains(QLatin1String(field)))
            json.insert(QLatin1String(field), QJsonValue::Null);
    }
    QStringList aliases = endpoint.settings.aliases.value_or(QStringList());
    const QString shortId = endpoint.containerId.left(12);
    if (endpoint.shortIdAlias && !aliases.contains(shortId))
        aliases.append(shortId);
    json.insert(QStringLiteral("Aliases"), aliases.isEmpty() && !endpoint.settings.aliases
                                               ? QJsonValue(QJsonValue::Null)
                                               : QJsonValue(QJsonArray::fromStringList(aliases)));
    json.insert(QStringLiteral("IPAMConfig"),
                endpoint.settings.ipamConfig ? QJsonValue(endpoint.settings.ipamConfig->toJson())
                                             : QJsonValue(QJsonValue::Null));
    // Docker fills the addresses only while the container runs on the network; the network's id
    // stays once it has.
    const bool addressed = running && endpoint.address && pool;
    json.insert(QStringLiteral("NetworkID"), running || endpoint.joined ? id : QString());
    json.insert(QStringLiteral("EndpointID"), running ? endpoint.endpointId : QString());
    json.insert(QStringLiteral("Gateway"),
                addressed ? Ipv4Subnet::formatAddress(pool->gateway()) : QString());
    json.insert(QStringLiteral("IPAddress"),
                addressed ? Ipv4Subnet::formatAddress(*endpoint.address) : QString());
    json.insert(QStringLiteral("IPPrefixLen"), addressed ? pool->subnet().prefix : 0);
    json.insert(QStringLiteral("IPv6Gateway"), QString());
    json.insert(QStringLiteral("GlobalIPv6Address"), QString());
    json.insert(QStringLiteral("GlobalIPv6PrefixLen"), 0);
    json.insert(QStringLiteral("MacAddress"), addressed ? macFor(*endpoint.address) : QString());
    return json;
}

} // namespace sockerless::backends::memory
