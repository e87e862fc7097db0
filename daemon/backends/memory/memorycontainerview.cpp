#include "backends/memory/memorycontainerview.h"

#include "backends/memory/memoryclock.h"
#include "backends/memory/memorycontainer.h"

#include <QJsonArray>

namespace sockerless::backends::memory {

namespace {

QString timeOrZero(qint64 nanos) {
    return nanos == 0 ? MemoryClock::zeroTime() : MemoryClock::rfc3339(nanos);
}

api::ContainerState stateOf(const MemoryContainer& c) {
    api::ContainerState state;
    state.status = c.status();
    state.running = c.isRunning();
    state.paused = false;
    state.restarting = c.status() == QLatin1String("restarting");
    state.oomKilled = false;
    state.dead = false;
    state.pid = c.pid();
    state.exitCode = c.exitCode();
    state.error = c.error();
    state.startedAt = timeOrZero(c.startedNanos());
    state.finishedAt = timeOrZero(c.finishedNanos());
    return state;
}

// Inspect's `NetworkSettings`: the endpoints, and the default bridge's address at the top.
api::NetworkSettings networkSettingsOf(const QMap<QString, QJsonObject>& endpoints) {
    api::NetworkSettings settings;
    QMap<QString, api::EndpointSettings> networks;
    for (auto it = endpoints.begin(); it != endpoints.end(); ++it) {
        auto endpoint = api::EndpointSettings::fromJson(it.value(), QString());
        networks.insert(it.key(), endpoint.ok() ? endpoint.value() : api::EndpointSettings{});
    }
    settings.networks = networks;
    const QJsonObject bridge = endpoints.value(QStringLiteral("bridge"));
    settings.extra = QJsonObject{
        {QStringLiteral("Bridge"), QString()},
        {QStringLiteral("SandboxID"), QString()},
        {QStringLiteral("HairpinMode"), false},
        {QStringLiteral("LinkLocalIPv6Address"), QString()},
        {QStringLiteral("LinkLocalIPv6PrefixLen"), 0},
        {QStringLiteral("Ports"), QJsonObject()},
        {QStringLiteral("SandboxKey"), QString()},
        {QStringLiteral("SecondaryIPAddresses"), QJsonValue()},
        {QStringLiteral("SecondaryIPv6Addresses"), QJsonValue()},
        {QStringLiteral("EndpointID"), bridge.value(QStringLiteral("EndpointID")).toString()},
        {QStringLiteral("Gateway"), bridge.value(QStringLiteral("Gateway")).toString()},
        {QStringLiteral("GlobalIPv6Address"), QString()},
        {QStringLiteral("GlobalIPv6PrefixLen"), 0},
        {QStringLiteral("IPAddress"), bridge.value(QStringLiteral("IPAddress")).toString()},
        {QStringLiteral("IPPrefixLen"), bridge.value(QStringLiteral("IPPrefixLen")).toInt()},
        {QStringLiteral("IPv6Gateway"), QString()},
        {QStringLiteral("MacAddress"), bridge.value(QStringLiteral("MacAddress")).toString()},
    };
    return settings;
}

} // namespace

QString MemoryContainerView::humanDuration(qint64 nanos) {
    const qint64 seconds = nanos / 1000000000;
    if (seconds < 1)
        return QStringLiteral("Less than a second");
    if (seconds == 1)
        return QStringLiteral("1 second");
    if (seconds < 60)
        return QStringLiteral("%1 seconds").arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes == 1)
        return QStringLiteral("About a minute");
    if (minutes < 60)
        return QStringLiteral("%1 minutes").arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours == 1)
        return QStringLiteral("About an hour");
    if (hours < 48)
        return QStringLiteral("%1 hours").arg(hours);
    if (hours < qint64(24) * 7 * 2)
        return QStringLiteral("%1 days").arg(hours / 24);
    if (hours < qint64(24) * 30 * 2)
        return QStringLiteral("%1 weeks").arg(hours / 24 / 7);
    if (hours < qint64(24) * 365 * 2)
        return QStringLiteral("%1 months").arg(hours / 24 / 30);
    return QStringLiteral("%1 years").arg(hours / 24 / 365);
}

QString MemoryContainerView::statusText(const MemoryContainer& c, qint64 nowNanos) {
    const QString status = c.status();
    if (status == QLatin1String("running"))
        return QStringLiteral("Up ") + humanDuration(nowNanos - c.startedNanos());
    if (status == QLatin1String("restarting"))
        return QStringLiteral("Restarting (%1) %2 ago")
            .arg(c.exitCode())
            .arg(humanDuration(nowNanos - c.finishedNanos()));
    if (status == QLatin1String("removing"))
        return QStringLiteral("Removal In Progress");
    if (status == QLatin1String("exited") && c.hasRun())
        return QStringLiteral("Exited (%1) %2 ago")
            .arg(c.exitCode())
            .arg(humanDuration(nowNanos - c.finishedNanos()));
    return QStringLiteral("Created");
}

api::ContainerInspect MemoryContainerView::inspect(const MemoryContainer& c,
                                                   const QMap<QString, QJsonObject>& endpoints) {
    const ContainerSetup& setup = c.setup();
    api::ContainerInspect inspect;
    inspect.id = setup.id;
    inspect.name = u'/' + setup.name;
    inspect.created = MemoryClock::rfc3339(setup.createdNanos);
    inspect.image = setup.imageId;
    inspect.state = stateOf(c);
    inspect.config = setup.config;
    inspect.hostConfig = setup.hostConfig;
    inspect.networkSettings = networkSettingsOf(endpoints);
    inspect.mounts = setup.mounts;
    const QString path = setup.command.value(0);
    const QString base = QStringLiteral("/var/lib/docker/containers/") + setup.id;
    inspect.extra = QJsonObject{
        {QStringLiteral("Path"), path},
        {QStringLiteral("Args"), QJsonArray::fromStringList(setup.command.mid(1))},
        {QStringLiteral("ResolvConfPath"), QString(base + QStringLiteral("/resolv.conf"))},
        {QStringLiteral("HostnamePath"), QString(base + QStringLiteral("/hostname"))},
        {QStringLiteral("HostsPath"), QString(base + QStringLiteral("/hosts"))},
        {QStringLiteral("LogPath"), QString(base + u'/' + setup.id + QStringLiteral("-json.log"))},
        {QStringLiteral("RestartCount"), c.restartCount()},
        {QStringLiteral("Driver"), QStringLiteral("memory")},
        {QStringLiteral("Platform"), QStringLiteral("linux")},
        {QStringLiteral("MountLabel"), QString()},
        {QStringLiteral("ProcessLabel"), QString()},
        {QStringLiteral("AppArmorProfile"), QString()},
        {QStringLiteral("ExecIDs"), QJsonValue()},
        {QStringLiteral("GraphDriver"),
         QJsonObject{{QStringLiteral("Name"), QStringLiteral("memory")},
                     {QStringLiteral("Data"), QJsonValue()}}},
    };
    return inspect;
}

api::ContainerSummary MemoryContainerView::summary(const MemoryContainer& c,
                                                   const QMap<QString, QJsonObject>& endpoints) {
    const ContainerSetup& setup = c.setup();
    api::ContainerSummary summary;
    summary.id = setup.id;
    summary.names = QStringList{u'/' + setup.name};
    summary.image = setup.config.image.value_or(QString());
    summary.imageId = setup.imageId;
    summary.command = setup.command.join(u' ');
    summary.created = setup.createdNanos / 1000000000;
    summary.state = c.status();
    summary.status = statusText(c, MemoryClock::nowNanos());
    summary.ports = QList<api::ContainerPort>{};
    summary.labels = setup.config.labels.value_or(QMap<QString, QString>{});
    QJsonObject networks;
    for (auto it = endpoints.begin(); it != endpoints.end(); ++it)
        networks.insert(it.key(), it.value());
    QJsonArray mounts;
    for (const api::MountPoint& mount : setup.mounts)
        mounts.append(mount.toJson());
    summary.extra = QJsonObject{
        {QStringLiteral("HostConfig"),
         QJsonObject{{QStringLiteral("NetworkMode"),
                      setup.hostConfig.networkMode.value_or(QStringLiteral("default"))}}},
        {QStringLiteral("NetworkSettings"), QJsonObject{{QStringLiteral("Networks"), networks}}},
        {QStringLiteral("Mounts"), mounts},
    };
    return summary;
}

} // namespace sockerless::backends::memory
