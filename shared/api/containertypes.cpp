#include "api/containertypes.h"

#include "api/jsonbody.h"
#include "api/jsonfields.h"
#include "api/queryvalues.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <limits>
#include <utility>

namespace sockerless::api {

using fields::joinPath;
using fields::read;
using fields::readList;
using fields::readMap;
using fields::readObject;
using fields::readStringOrList;
using fields::write;

// ---- HealthcheckConfig ------------------------------------------------------------------------

Result<HealthcheckConfig> HealthcheckConfig::fromJson(const QJsonObject& object,
                                                      const QString& path) {
    if (auto error = checkFields(object,
                                 {{QStringLiteral("Test"), FieldType::StringList},
                                  {QStringLiteral("Interval"), FieldType::Integer},
                                  {QStringLiteral("Timeout"), FieldType::Integer},
                                  {QStringLiteral("StartPeriod"), FieldType::Integer},
                                  {QStringLiteral("Retries"), FieldType::Integer}},
                                 path))
        return *error;
    HealthcheckConfig out;
    QJsonObject rest = object;
    read(rest, "Test", out.test);
    read(rest, "Interval", out.interval);
    read(rest, "Timeout", out.timeout);
    read(rest, "StartPeriod", out.startPeriod);
    read(rest, "Retries", out.retries);
    out.extra = rest;
    return out;
}

QJsonObject HealthcheckConfig::toJson() const {
    QJsonObject o = extra;
    write(o, "Test", test);
    write(o, "Interval", interval);
    write(o, "Timeout", timeout);
    write(o, "StartPeriod", startPeriod);
    write(o, "Retries", retries);
    return o;
}

// ---- ContainerConfig --------------------------------------------------------------------------

Result<ContainerConfig> ContainerConfig::fromJson(const QJsonObject& object, const QString& path) {
    if (auto error = checkFields(object,
                                 {{QStringLiteral("Image"), FieldType::String},
                                  {QStringLiteral("Cmd"), FieldType::StringOrList},
                                  {QStringLiteral("Entrypoint"), FieldType::StringOrList},
                                  {QStringLiteral("Env"), FieldType::StringList},
                                  {QStringLiteral("WorkingDir"), FieldType::String},
                                  {QStringLiteral("User"), FieldType::String},
                                  {QStringLiteral("Labels"), FieldType::StringMap},
                                  {QStringLiteral("Tty"), FieldType::Bool},
                                  {QStringLiteral("OpenStdin"), FieldType::Bool},
                                  {QStringLiteral("StdinOnce"), FieldType::Bool},
                                  {QStringLiteral("AttachStdin"), FieldType::Bool},
                                  {QStringLiteral("AttachStdout"), FieldType::Bool},
                                  {QStringLiteral("AttachStderr"), FieldType::Bool},
                                  {QStringLiteral("ExposedPorts"), FieldType::Object},
                                  {QStringLiteral("Healthcheck"), FieldType::Object},
                                  {QStringLiteral("StopSignal"), FieldType::String},
                                  {QStringLiteral("StopTimeout"), FieldType::Integer},
                                  {QStringLiteral("Hostname"), FieldType::String},
                                  {QStringLiteral("Domainname"), FieldType::String}},
                                 path))
        return *error;
    ContainerConfig out;
    QJsonObject rest = object;
    read(rest, "Image", out.image);
    readStringOrList(rest, "Cmd", out.cmd);
    readStringOrList(rest, "Entrypoint", out.entrypoint);
    read(rest, "Env", out.env);
    read(rest, "WorkingDir", out.workingDir);
    read(rest, "User", out.user);
    read(rest, "Labels", out.labels);
    read(rest, "Tty", out.tty);
    read(rest, "OpenStdin", out.openStdin);
    read(rest, "StdinOnce", out.stdinOnce);
    read(rest, "AttachStdin", out.attachStdin);
    read(rest, "AttachStdout", out.attachStdout);
    read(rest, "AttachStderr", out.attachStderr);
    const QJsonValue exposed = fields::take(rest, "ExposedPorts");
    if (exposed.isObject())
        out.exposedPorts = exposed.toObject().keys();
    if (auto error = readObject(rest, "Healthcheck", out.healthcheck, path))
        return *error;
    read(rest, "StopSignal", out.stopSignal);
    read(rest, "StopTimeout", out.stopTimeout);
    read(rest, "Hostname", out.hostname);
    read(rest, "Domainname", out.domainname);
    out.extra = rest;
    return out;
}

QJsonObject ContainerConfig::toJson() const {
    QJsonObject o = extra;
    write(o, "Image", image);
    write(o, "Cmd", cmd);
    write(o, "Entrypoint", entrypoint);
    write(o, "Env", env);
    write(o, "WorkingDir", workingDir);
    write(o, "User", user);
    write(o, "Labels", labels);
    write(o, "Tty", tty);
    write(o, "OpenStdin", openStdin);
    write(o, "StdinOnce", stdinOnce);
    write(o, "AttachStdin", attachStdin);
    write(o, "AttachStdout", attachStdout);
    write(o, "AttachStderr", attachStderr);
    if (exposedPorts) {
        QJsonObject ports;
        for (const QString& port : *exposedPorts)
            ports.insert(port, QJsonObject{});
        o.insert(QLatin1String("ExposedPorts"), ports);
    }
    write(o, "Healthcheck", healthcheck);
    write(o, "StopSignal", stopSignal);
    write(o, "StopTimeout", stopTimeout);
    write(o, "Hostname", hostname);
    write(o, "Domainname", domainname);
    return o;
}

// ---- HostConfig parts -------------------------------------------------------------------------

Result<RestartPolicy> RestartPolicy::fromJson(const QJsonObject& object, const QString& path) {
    if (auto error = checkFields(object,
                                 {{QStringLiteral("Name"), FieldType::String},
                                  {QStringLiteral("MaximumRetryCount"), FieldType::Integer}},
                                 path))
        return *error;
    RestartPolicy out;
    QJsonObject rest = object;
    read(rest, "Name", out.name);
    read(rest, "MaximumRetryCount", out.maximumRetryCount);
    out.extra = rest;
    return out;
}

QJsonObject RestartPolicy::toJson() const {
    QJsonObject o = extra;
    write(o, "Name", name);
    write(o, "MaximumRetryCount", maximumRetryCount);
    return o;
}

Result<LogConfig> LogConfig::fromJson(const QJsonObject& object, const QString& path) {
    if (auto error = checkFields(object,
                                 {{QStringLiteral("Type"), FieldType::String},
                                  {QStringLiteral("Config"), FieldType::StringMap}},
                                 path))
        return *error;
    LogConfig out;
    QJsonObject rest = object;
    read(rest, "Type", out.type);
    read(rest, "Config", out.config);
    out.extra = rest;
    return out;
}

QJsonObject LogConfig::toJson() const {
    QJsonObject o = extra;
    write(o, "Type", type);
    write(o, "Config", config);
    return o;
}

Result<PortBinding> PortBinding::fromJson(const QJsonObject& object, const QString& path) {
    if (auto error = checkFields(object,
                                 {{QStringLiteral("HostIp"), FieldType::String},
                                  {QStringLiteral("HostPort"), FieldType::String}},
                                 path))
        return *error;
    PortBinding out;
    QJsonObject rest = object;
    read(rest, "HostIp", out.hostIp);
    read(rest, "HostPort", out.hostPort);
    out.extra = rest;
    return out;
}

QJsonObject PortBinding::toJson() const {
    QJsonObject o = extra;
    write(o, "HostIp", hostIp);
    write(o, "HostPort", hostPort);
    return o;
}

Result<Mount> Mount::fromJson(const QJsonObject& object, const QString& path) {
    if (auto error = checkFields(object,
                                 {{QStringLiteral("Type"), FieldType::String},
                                  {QStringLiteral("Source"), FieldType::String},
                                  {QStringLiteral("Target"), FieldType::String},
                                  {QStringLiteral("ReadOnly"), FieldType::Bool}},
                                 path))
        return *error;
    Mount out;
    QJsonObject rest = object;
    read(rest, "Type", out.type);
    read(rest, "Source", out.source);
    read(rest, "Target", out.target);
    read(rest, "ReadOnly", out.readOnly);
    out.extra = rest;
    return out;
}

QJsonObject Mount::toJson() const {
    QJsonObject o = extra;
    write(o, "Type", type);
    write(o, "Source", source);
    write(o, "Target", target);
    write(o, "ReadOnly", readOnly);
    return o;
}

// ---- HostConfig -------------------------------------------------------------------------------

namespace {

// `{"80/tcp": [{"HostIp":"","HostPort":"8080"}], "53/udp": null}`.
std::optional<ApiError> readPortBindings(QJsonObject& rest,
                                         std::optional<QMap<QString, QList<PortBinding>>>& out,
                                         const QString& path) {
    const QJsonValue value = fields::take(rest, "PortBindings");
    if (value.isUndefined())
        return std::nullopt;
    const QString here = joinPath(path, QStringLiteral("PortBindings"));
    QMap<QString, QList<PortBinding>> bindings;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString portPath = here + u'.' + it.key();
        if (it.value().isNull()) {
            bindings.insert(it.key(), {});
            continue;
        }
        if (!it.value().isArray())
            return ApiError::badRequest(
                QStringLiteral("invalid field '%1': expected an array of objects").arg(portPath));
        QList<PortBinding> list;
        const QJsonArray array = it.value().toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString itemPath = QStringLiteral("%1[%2]").arg(portPath).arg(i);
            if (!array.at(i).isObject())
                return ApiError::badRequest(
                    QStringLiteral("invalid field '%1': expected an object").arg(itemPath));
            auto binding = PortBinding::fromJson(array.at(i).toObject(), itemPath);
            if (!binding.ok())
                return binding.error();
            list.append(binding.value());
        }
        bindings.insert(it.key(), list);
    }
    out = bindings;
    return std::nullopt;
}

} // namespace

Result<HostConfig> HostConfig::fromJson(const QJsonObject& object, const QString& path) {
    if (auto error = checkFields(object,
                                 {{QStringLiteral("Binds"), FieldType::StringList},
                                  {QStringLiteral("Mounts"), FieldType::Array},
                                  {QStringLiteral("NetworkMode"), FieldType::String},
                                  {QStringLiteral("PortBindings"), FieldType::Object},
                                  {QStringLiteral("AutoRemove"), FieldType::Bool},
                                  {QStringLiteral("RestartPolicy"), FieldType::Object},
                                  {QStringLiteral("Privileged"), FieldType::Bool},
                                  {QStringLiteral("CapAdd"), FieldType::StringList},
                                  {QStringLiteral("CapDrop"), FieldType::StringList},
                                  {QStringLiteral("SecurityOpt"), FieldType::StringList},
                                  {QStringLiteral("Memory"), FieldType::Integer},
                                  {QStringLiteral("NanoCpus"), FieldType::Integer},
                                  {QStringLiteral("CpuShares"), FieldType::Integer},
                                  {QStringLiteral("ShmSize"), FieldType::Integer},
                                  {QStringLiteral("Tmpfs"), FieldType::StringMap},
                                  {QStringLiteral("ExtraHosts"), FieldType::StringList},
                                  {QStringLiteral("Dns"), FieldType::StringList},
                                  {QStringLiteral("LogConfig"), FieldType::Object},
                                  {QStringLiteral("Init"), FieldType::Bool},
                                  {QStringLiteral("VolumesFrom"), FieldType::StringList},
                                  {QStringLiteral("GroupAdd"), FieldType::StringList}},
                                 path))
        return *error;
    HostConfig out;
    QJsonObject rest = object;
    read(rest, "Binds", out.binds);
    if (auto error = readList(rest, "Mounts", out.mounts, path))
        return *error;
    read(rest, "NetworkMode", out.networkMode);
    if (auto error = readPortBindings(rest, out.portBindings, path))
        return *error;
    read(rest, "AutoRemove", out.autoRemove);
    if (auto error = readObject(rest, "RestartPolicy", out.restartPolicy, path))
        return *error;
    read(rest, "Privileged", out.privileged);
    read(rest, "CapAdd", out.capAdd);
    read(rest, "CapDrop", out.capDrop);
    read(rest, "SecurityOpt", out.securityOpt);
    read(rest, "Memory", out.memory);
    read(rest, "NanoCpus", out.nanoCpus);
    read(rest, "CpuShares", out.cpuShares);
    read(rest, "ShmSize", out.shmSize);
    read(rest, "Tmpfs", out.tmpfs);
    read(rest, "ExtraHosts", out.extraHosts);
    read(rest, "Dns", out.dns);
    if (auto error = readObject(rest, "LogConfig", out.logConfig, path))
        return *error;
    read(rest, "Init", out.init);
    read(rest, "VolumesFrom", out.volumesFrom);
    read(rest, "GroupAdd", out.groupAdd);
    out.extra = rest;
    return out;
}

QJsonObject HostConfig::toJson() const {
    QJsonObject o = extra;
    write(o, "Binds", binds);
    write(o, "Mounts", mounts);
    write(o, "NetworkMode", networkMode);
    if (portBindings) {
        QJsonObject ports;
        for (auto it = portBindings->begin(); it != portBindings->end(); ++it) {
            QJsonArray list;
            for (const PortBinding& binding : it.value())
                list.append(binding.toJson());
            ports.insert(it.key(), list);
        }
        o.insert(QLatin1String("PortBindings"), ports);
    }
    write(o, "AutoRemove", autoRemove);
    write(o, "RestartPolicy", restartPolicy);
    write(o, "Privileged", privileged);
    write(o, "CapAdd", capAdd);
    write(o, "CapDrop", capDrop);
    write(o, "SecurityOpt", securityOpt);
    write(o, "Memory", memory);
    write(o, "NanoCpus", nanoCpus);
    write(o, "CpuShares", cpuShares);
    write(o, "ShmSize", shmSize);
    write(o, "Tmpfs", tmpfs);
    write(o, "ExtraHosts", extraHosts);
    write(o, "Dns", dns);
    write(o, "LogConfig", logConfig);
    write(o, "Init", init);
    write(o, "VolumesFrom", volumesFrom);
    write(o, "GroupAdd", groupAdd);
    return o;
}

// ---- Networking -------------------------------------------------------------------------------

Result<EndpointIpamConfig> EndpointIpamConfig::fromJson(const QJsonObject& object,
                                                        const QString& path) {
    if (auto error = checkFields(object,
                                 {{QStringLiteral("IPv4Address"), FieldType::String},
                                  {QStringLiteral("IPv6Address"), FieldType::String},
                                  {QStringLiteral("LinkLocalIPs"), FieldType::StringList}},
                                 path))
        return *error;
    EndpointIpamConfig out;
    QJsonObject rest = object;
    read(rest, "IPv4Address", out.ipv4Address);
    read(rest, "IPv6Address", out.ipv6Address);
    read(rest, "LinkLocalIPs", out.linkLocalIps);
    out.extra = rest;
    return out;
}

QJsonObject EndpointIpamConfig::toJson() const {
    QJsonObject o = extra;
    write(o, "IPv4Address", ipv4Address);
    write(o, "IPv6Address", ipv6Address);
    write(o, "LinkLocalIPs", linkLocalIps);
    return o;
}

Result<EndpointSettings> EndpointSettings::fromJson(const QJsonObject& object,
                                                    const QString& path) {
    if (auto error = checkFields(object,
                                 {{QStringLiteral("Aliases"), FieldType::StringList},
                                  {QStringLiteral("IPAMConfig"), FieldType::Object}},
                                 path))
        return *error;
    EndpointSettings out;
    QJsonObject rest = object;
    read(rest, "Aliases", out.aliases);
    if (auto error = readObject(rest, "IPAMConfig", out.ipamConfig, path))
        return *error;
    out.extra = rest;
    return out;
}

QJsonObject EndpointSettings::toJson() const {
    QJsonObject o = extra;
    write(o, "Aliases", aliases);
    write(o, "IPAMConfig", ipamConfig);
    return o;
}

Result<NetworkingConfig> NetworkingConfig::fromJson(const QJsonObject& object,
                                                    const QString& path) {
    if (auto error =
            checkFields(object, {{QStringLiteral("EndpointsConfig"), FieldType::Object}}, path))
        return *error;
    NetworkingConfig out;
    QJsonObject rest = object;
    if (auto error = readMap(rest, "EndpointsConfig", out.endpointsConfig, path))
        return *error;
    out.extra = rest;
    return out;
}

QJsonObject NetworkingConfig::toJson() const {
    QJsonObject o = extra;
    write(o, "EndpointsConfig", endpointsConfig);
    return o;
}

// ---- Create -----------------------------------------------------------------------------------

Result<ContainerCreateRequest> ContainerCreateRequest::fromJson(const QJsonObject& body) {
    if (auto error = checkFields(body, {{QStringLiteral("Name"), FieldType::String},
                                        {QStringLiteral("HostConfig"), FieldType::Object},
                                        {QStringLiteral("NetworkingConfig"), FieldType::Object}}))
        return *error;
    ContainerCreateRequest out;
    QJsonObject rest = body;
    read(rest, "Name", out.name);
    if (auto error = readObject(rest, "HostConfig", out.hostConfig, QString()))
        return *error;
    if (auto error = readObject(rest, "NetworkingConfig", out.networkingConfig, QString()))
        return *error;
    auto config = ContainerConfig::fromJson(rest);
    if (!config.ok())
        return config.error();
    out.config = config.value();
    if (!out.config.image || out.config.image->isEmpty())
        return missingField(QStringLiteral("Image"));
    return out;
}

QJsonObject ContainerCreateRequest::toJson() const {
    QJsonObject o = config.toJson();
    write(o, "Name", name);
    write(o, "HostConfig", hostConfig);
    write(o, "NetworkingConfig", networkingConfig);
    return o;
}

Result<ContainerCreated> ContainerCreated::fromJson(const QJsonObject& object) {
    if (auto error = checkFields(object, {{QStringLiteral("Id"), FieldType::String},
                                          {QStringLiteral("Warnings"), FieldType::StringList}}))
        return *error;
    const QString id = object.value(QLatin1String("Id")).toString();
    if (id.isEmpty())
        return missingField(QStringLiteral("Id"));
    ContainerCreated out;
    out.id = id;
    for (const auto& warning : object.value(QLatin1String("Warnings")).toArray())
        out.warnings.append(warning.toString());
    return out;
}

QJsonObject ContainerCreated::toJson() const {
    return QJsonObject{{QStringLiteral("Id"), id},
                       {QStringLiteral("Warnings"), QJsonArray::fromStringList(warnings)}};
}

// ---- Inspect ----------------------------------------------------------------------------------

Result<ContainerState> ContainerState::fromJson(const QJsonObject& object, const QString& path) {
    if (auto error = checkFields(object,
                                 {{QStringLiteral("Status"), FieldType::String},
                                  {QStringLiteral("Running"), FieldType::Bool},
                                  {QStringLiteral("Paused"), FieldType::Bool},
                                  {QStringLiteral("Restarting"), FieldType::Bool},
                                  {QStringLiteral("OOMKilled"), FieldType::Bool},
                                  {QStringLiteral("Dead"), FieldType::Bool},
                                  {QStringLiteral("Pid"), FieldType::Integer},
                                  {QStringLiteral("ExitCode"), FieldType::Integer},
                                  {QStringLiteral("Error"), FieldType::String},
                                  {QStringLiteral("StartedAt"), FieldType::String},
                                  {QStringLiteral("FinishedAt"), FieldType::String}},
                                 path))
        return *error;
    ContainerState out;
    QJsonObject rest = object;
    read(rest, "Status", out.status);
    read(rest, "Running", out.running);
    read(rest, "Paused", out.paused);
    read(rest, "Restarting", out.restarting);
    read(rest, "OOMKilled", out.oomKilled);
    read(rest, "Dead", out.dead);
    read(rest, "Pid", out.pid);
    read(rest, "ExitCode", out.exitCode);
    read(rest, "Error", out.error);
    read(rest, "StartedAt", out.startedAt);
    read(rest, "FinishedAt", out.finishedAt);
    out.extra = rest;
    return out;
}

QJsonObject ContainerState::toJson() const {
    QJsonObject o = extra;
    write(o, "Status", status);
    write(o, "Running", running);
    write(o, "Paused", paused);
    write(o, "Restarting", restarting);
    write(o, "OOMKilled", oomKilled);
    write(o, "Dead", dead);
    write(o, "Pid", pid);
    write(o, "ExitCode", exitCode);
    write(o, "Error", error);
    write(o, "StartedAt", startedAt);
    write(o, "FinishedAt", finishedAt);
    return o;
}

Result<MountPoint> MountPoint::fromJson(const QJsonObject& object, const QString& path) {
    if (auto error = checkFields(object,
                                 {{QStringLiteral("Type"), FieldType::String},
                                  {QStringLiteral("Name"), FieldType::String},
                                  {QStringLiteral("Source"), FieldType::String},
                                  {QStringLiteral("Destination"), FieldType::String},
                                  {QStringLiteral("Driver"), FieldType::String},
                                  {QStringLiteral("Mode"), FieldType::String},
                                  {QStringLiteral("RW"), FieldType::Bool},
                                  {QStringLiteral("Propagation"), FieldType::String}},
                                 path))
        return *error;
    MountPoint out;
    QJsonObject rest = object;
    read(rest, "Type", out.type);
    read(rest, "Name", out.name);
    read(rest, "Source", out.source);
    read(rest, "Destination", out.destination);
    read(rest, "Driver", out.driver);
    read(rest, "Mode", out.mode);
    read(rest, "RW", out.rw);
    read(rest, "Propagation", out.propagation);
    out.extra = rest;
    return out;
}

QJsonObject MountPoint::toJson() const {
    QJsonObject o = extra;
    write(o, "Type", type);
    write(o, "Name", name);
    write(o, "Source", source);
    write(o, "Destination", destination);
    write(o, "Driver", driver);
    write(o, "Mode", mode);
    write(o, "RW", rw);
    write(o, "Propagation", propagation);
    return o;
}

Result<NetworkSettings> NetworkSettings::fromJson(const QJsonObject& object, const QString& path) {
    if (auto error = checkFields(object, {{QStringLiteral("Networks"), FieldType::Object}}, path))
        return *error;
    NetworkSettings out;
    QJsonObject rest = object;
    if (auto error = readMap(rest, "Networks", out.networks, path))
        return *error;
    out.extra = rest;
    return out;
}

QJsonObject NetworkSettings::toJson() const {
    QJsonObject o = extra;
    write(o, "Networks", networks);
    return o;
}

Result<ContainerInspect> ContainerInspect::fromJson(const QJsonObject& object) {
    if (auto error = checkFields(object, {{QStringLiteral("Id"), FieldType::String},
                                          {QStringLiteral("Name"), FieldType::String},
                                          {QStringLiteral("Created"), FieldType::String},
                                          {QStringLiteral("Image"), FieldType::String},
                                          {QStringLiteral("State"), FieldType::Object},
                                          {QStringLiteral("Config"), FieldType::Object},
                                          {QStringLiteral("HostConfig"), FieldType::Object},
                                          {QStringLiteral("NetworkSettings"), FieldType::Object},
                                          {QStringLiteral("Mounts"), FieldType::Array}}))
        return *error;
    ContainerInspect out;
    QJsonObject rest = object;
    read(rest, "Id", out.id);
    read(rest, "Name", out.name);
    read(rest, "Created", out.created);
    read(rest, "Image", out.image);
    if (auto error = readObject(rest, "State", out.state, QString()))
        return *error;
    if (auto error = readObject(rest, "Config", out.config, QString()))
        return *error;
    if (auto error = readObject(rest, "HostConfig", out.hostConfig, QString()))
        return *error;
    if (auto error = readObject(rest, "NetworkSettings", out.networkSettings, QString()))
        return *error;
    if (auto error = readList(rest, "Mounts", out.mounts, QString()))
        return *error;
    out.extra = rest;
    return out;
}

QJsonObject ContainerInspect::toJson() const {
    QJsonObject o = extra;
    write(o, "Id", id);
    write(o, "Name", name);
    write(o, "Created", created);
    write(o, "Image", image);
    write(o, "State", state);
    write(o, "Config", config);
    write(o, "HostConfig", hostConfig);
    write(o, "NetworkSettings", networkSettings);
    write(o, "Mounts", mounts);
    return o;
}

// ---- List -------------------------------------------------------------------------------------

Result<ContainerPort> ContainerPort::fromJson(const QJsonObject& object, const QString& path) {
    if (auto error = checkFields(object,
                                 {{QStringLiteral("IP"), FieldType::String},
                                  {QStringLiteral("PrivatePort"), FieldType::Integer},
                                  {QStringLiteral("PublicPort"), FieldType::Integer},
                                  {QStringLiteral("Type"), FieldType::String}},
                                 path))
        return *error;
    ContainerPort out;
    QJsonObject rest = object;
    read(rest, "IP", out.ip);
    read(rest, "PrivatePort", out.privatePort);
    read(rest, "PublicPort", out.publicPort);
    read(rest, "Type", out.type);
    out.extra = rest;
    return out;
}

QJsonObject ContainerPort::toJson() const {
    QJsonObject o = extra;
    write(o, "IP", ip);
    write(o, "PrivatePort", privatePort);
    write(o, "PublicPort", publicPort);
    write(o, "Type", type);
    return o;
}

Result<ContainerSummary> ContainerSummary::fromJson(const QJsonObject& object,
                                                    const QString& path) {
    if (auto error = checkFields(object,
                                 {{QStringLiteral("Id"), FieldType::String},
                                  {QStringLiteral("Names"), FieldType::StringList},
                                  {QStringLiteral("Image"), FieldType::String},
                                  {QStringLiteral("ImageID"), FieldType::String},
                                  {QStringLiteral("Command"), FieldType::String},
                                  {QStringLiteral("Created"), FieldType::Integer},
                                  {QStringLiteral("State"), FieldType::String},
                                  {QStringLiteral("Status"), FieldType::String},
                                  {QStringLiteral("Ports"), FieldType::Array},
                                  {QStringLiteral("Labels"), FieldType::StringMap}},
                                 path))
        return *error;
    ContainerSummary out;
    QJsonObject rest = object;
    read(rest, "Id", out.id);
    read(rest, "Names", out.names);
    read(rest, "Image", out.image);
    read(rest, "ImageID", out.imageId);
    read(rest, "Command", out.command);
    read(rest, "Created", out.created);
    read(rest, "State", out.state);
    read(rest, "Status", out.status);
    if (auto error = readList(rest, "Ports", out.ports, path))
        return *error;
    read(rest, "Labels", out.labels);
    out.extra = rest;
    return out;
}

QJsonObject ContainerSummary::toJson() const {
    QJsonObject o = extra;
    write(o, "Id", id);
    write(o, "Names", names);
    write(o, "Image", image);
    write(o, "ImageID", imageId);
    write(o, "Command", command);
    write(o, "Created", created);
    write(o, "State", state);
    write(o, "Status", status);
    write(o, "Ports", ports);
    write(o, "Labels", labels);
    return o;
}

// ---- Query options ----------------------------------------------------------------------------

Result<ContainerListOptions> ContainerListOptions::fromQuery(const QUrlQuery& query) {
    const QueryValues values(query);
    ContainerListOptions out;
    const auto all = values.boolean(QStringLiteral("all"));
    if (!all.ok())
        return all.error();
    const auto limit =
        values.integer(QStringLiteral("limit"), -1, -1, std::numeric_limits<int>::max());
    if (!limit.ok())
        return limit.error();
    const auto size = values.boolean(QStringLiteral("size"));
    if (!size.ok())
        return size.error();
    const auto filters = Filters::parse(values.string(QStringLiteral("filters")));
    if (!filters.ok())
        return filters.error();
    out.all = all.value();
    out.limit = limit.value();
    out.size = size.value();
    out.filters = filters.value();
    return out;
}

Result<ContainerStopOptions> ContainerStopOptions::fromQuery(const QUrlQuery& query) {
    const QueryValues values(query);
    ContainerStopOptions out;
    if (!values.string(QStringLiteral("t")).isEmpty()) {
        const auto seconds =
            values.integer(QStringLiteral("t"), 0, -1, std::numeric_limits<int>::max());
        if (!seconds.ok())
            return seconds.error();
        out.timeout = seconds.value();
    }
    out.signal = values.string(QStringLiteral("signal"));
    return out;
}

Result<ContainerRemoveOptions> ContainerRemoveOptions::fromQuery(const QUrlQuery& query) {
    const QueryValues values(query);
    const auto force = values.boolean(QStringLiteral("force"));
    if (!force.ok())
        return force.error();
    const auto volumes = values.boolean(QStringLiteral("v"));
    if (!volumes.ok())
        return volumes.error();
    ContainerRemoveOptions out;
    out.force = force.value();
    out.volumes = volumes.value();
    return out;
}

Result<WaitCondition> waitConditionFromQuery(const QUrlQuery& query) {
    const QString value = QueryValues(query).string(QStringLiteral("condition"));
    if (value.isEmpty() || value == QLatin1String("not-running"))
        return WaitCondition::NotRunning;
    if (value == QLatin1String("next-exit"))
        return WaitCondition::NextExit;
    if (value == QLatin1String("removed"))
        return WaitCondition::Removed;
    return ApiError::badRequest(
        QStringLiteral("invalid value for query parameter 'condition': '%1' (expected "
                       "not-running, next-exit or removed)")
            .arg(value));
}

QString waitConditionName(WaitCondition condition) {
    switch (condition) {
    case WaitCondition::NotRunning:
        return QStringLiteral("not-running");
    case WaitCondition::NextExit:
        return QStringLiteral("next-exit");
    case WaitCondition::Removed:
        return QStringLiteral("removed");
    }
    return QStringLiteral("not-running");
}

Result<ContainerLogsOptions> ContainerLogsOptions::fromQuery(const QUrlQuery& query,
                                                             bool followImplied) {
    const QueryValues values(query);
    ContainerLogsOptions out;
    for (auto [key, target] :
         {std::pair{"stdout", &out.showStdout}, std::pair{"stderr", &out.showStderr},
          std::pair{"follow", &out.follow}, std::pair{"timestamps", &out.timestamps}}) {
        const auto value = values.boolean(QLatin1String(key));
        if (!value.ok())
            return value.error();
        *target = value.value();
    }
    if (followImplied)
        out.follow = true;
    if (!out.showStdout && !out.showStderr)
        return ApiError::badRequest(
            QStringLiteral("Bad parameters: you must choose at least one stream"));
    const QString tail = values.string(QStringLiteral("tail"));
    if (!tail.isEmpty() && tail != QLatin1String("all")) {
        bool ok = false;
        const qint64 lines = tail.toLongLong(&ok);
        if (!ok || lines < 0)
            return ApiError::badRequest(
                QStringLiteral("invalid value for query parameter 'tail': '%1' (expected all "
                               "or a number of lines)")
                    .arg(tail));
        out.tail = QString::number(lines);
    }
    // Docker reads these as `seconds[.nanoseconds]` and answers anything else with a 500.
    static const QRegularExpression timestamp(QStringLiteral("^-?[0-9]+(\\.[0-9]{1,9})?$"));
    for (auto [key, target] : {std::pair{"since", &out.since}, std::pair{"until", &out.until}}) {
        const QString value = values.string(QLatin1String(key));
        if (!value.isEmpty() && !timestamp.match(value).hasMatch())
            return ApiError::badRequest(
                QStringLiteral("invalid value for query parameter '%1': '%2' (expected a UNIX "
                               "timestamp: seconds, optionally with a fraction)")
                    .arg(QLatin1String(key), value));
        *target = value;
    }
    return out;
}

} // namespace sockerless::api
