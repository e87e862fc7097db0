#include "api/networktypes.h"

#include "api/jsonfieldtypes.h"

#include <QJsonArray>

namespace sockerless::api {

namespace {

// The path of an array element (`IPAM.Config[2]`).
QString elementPath(const QString& path, qsizetype index) {
    return QStringLiteral("%1[%2]").arg(path).arg(index);
}

ApiError notAnObject(const QString& path) {
    return ApiError::badRequest(QStringLiteral("invalid field '%1': expected an object").arg(path));
}

} // namespace

Result<NetworkIpamConfig> NetworkIpamConfig::fromJson(const QJsonObject& object,
                                                      const QString& path) {
    JsonFieldReader reader(object, path);
    if (auto error = reader.check({{QStringLiteral("Subnet"), FieldType::String},
                                   {QStringLiteral("IPRange"), FieldType::String},
                                   {QStringLiteral("Gateway"), FieldType::String},
                                   {QStringLiteral("AuxiliaryAddresses"), FieldType::StringMap}}))
        return *error;
    NetworkIpamConfig config;
    config.subnet = reader.string(QStringLiteral("Subnet"));
    config.ipRange = reader.string(QStringLiteral("IPRange"));
    config.gateway = reader.string(QStringLiteral("Gateway"));
    config.auxiliaryAddresses = reader.stringMap(QStringLiteral("AuxiliaryAddresses"));
    config.extra = reader.extra();
    return config;
}

QJsonObject NetworkIpamConfig::toJson() const {
    QJsonObject object = extra;
    putField(object, QStringLiteral("Subnet"), subnet);
    putField(object, QStringLiteral("IPRange"), ipRange);
    putField(object, QStringLiteral("Gateway"), gateway);
    putField(object, QStringLiteral("AuxiliaryAddresses"), auxiliaryAddresses);
    return object;
}

Result<NetworkIpam> NetworkIpam::fromJson(const QJsonObject& object, const QString& path) {
    JsonFieldReader reader(object, path);
    if (auto error = reader.check({{QStringLiteral("Driver"), FieldType::String},
                                   {QStringLiteral("Config"), FieldType::Array},
                                   {QStringLiteral("Options"), FieldType::StringMap}}))
        return *error;
    NetworkIpam ipam;
    ipam.driver = reader.string(QStringLiteral("Driver"));
    const QJsonValue config = reader.nested(QStringLiteral("Config"));
    if (config.isArray()) {
        const QJsonArray pools = config.toArray();
        QList<NetworkIpamConfig> list;
        for (qsizetype i = 0; i < pools.size(); ++i) {
            const QString poolPath = elementPath(reader.pathOf(QStringLiteral("Config")), i);
            if (!pools.at(i).isObject())
                return notAnObject(poolPath);
            auto pool = NetworkIpamConfig::fromJson(pools.at(i).toObject(), poolPath);
            if (!pool.ok())
                return pool.error();
            list.append(pool.value());
        }
        ipam.config = list;
    }
    ipam.options = reader.stringMap(QStringLiteral("Options"));
    ipam.extra = reader.extra();
    return ipam;
}

QJsonObject NetworkIpam::toJson() const {
    QJsonObject object = extra;
    putField(object, QStringLiteral("Driver"), driver);
    if (config) {
        QJsonArray pools;
        for (const NetworkIpamConfig& pool : *config)
            pools.append(pool.toJson());
        object.insert(QStringLiteral("Config"), pools);
    }
    putField(object, QStringLiteral("Options"), options);
    return object;
}

Result<NetworkAttachment> NetworkAttachment::fromJson(const QJsonObject& object,
                                                      const QString& path) {
    JsonFieldReader reader(object, path);
    if (auto error = reader.check({{QStringLiteral("Name"), FieldType::String},
                                   {QStringLiteral("EndpointID"), FieldType::String},
                                   {QStringLiteral("MacAddress"), FieldType::String},
                                   {QStringLiteral("IPv4Address"), FieldType::String},
                                   {QStringLiteral("IPv6Address"), FieldType::String}}))
        return *error;
    NetworkAttachment attachment;
    attachment.name = reader.string(QStringLiteral("Name"));
    attachment.endpointId = reader.string(QStringLiteral("EndpointID"));
    attachment.macAddress = reader.string(QStringLiteral("MacAddress"));
    attachment.ipv4Address = reader.string(QStringLiteral("IPv4Address"));
    attachment.ipv6Address = reader.string(QStringLiteral("IPv6Address"));
    attachment.extra = reader.extra();
    return attachment;
}

QJsonObject NetworkAttachment::toJson() const {
    QJsonObject object = extra;
    putField(object, QStringLiteral("Name"), name);
    putField(object, QStringLiteral("EndpointID"), endpointId);
    putField(object, QStringLiteral("MacAddress"), macAddress);
    putField(object, QStringLiteral("IPv4Address"), ipv4Address);
    putField(object, QStringLiteral("IPv6Address"), ipv6Address);
    return object;
}

Result<Network> Network::fromJson(const QJsonObject& object, const QString& path) {
    JsonFieldReader reader(object, path);
    if (auto error = reader.check({{QStringLiteral("Name"), FieldType::String},
                                   {QStringLiteral("Id"), FieldType::String},
                                   {QStringLiteral("Created"), FieldType::String},
                                   {QStringLiteral("Scope"), FieldType::String},
                                   {QStringLiteral("Driver"), FieldType::String},
                                   {QStringLiteral("EnableIPv6"), FieldType::Bool},
                                   {QStringLiteral("Internal"), FieldType::Bool},
                                   {QStringLiteral("Attachable"), FieldType::Bool},
                                   {QStringLiteral("Ingress"), FieldType::Bool},
                                   {QStringLiteral("IPAM"), FieldType::Object},
                                   {QStringLiteral("Containers"), FieldType::Object},
                                   {QStringLiteral("Options"), FieldType::StringMap},
                                   {QStringLiteral("Labels"), FieldType::StringMap}}))
        return *error;
    Network network;
    network.name = reader.string(QStringLiteral("Name"));
    network.id = reader.string(QStringLiteral("Id"));
    network.created = reader.string(QStringLiteral("Created"));
    network.scope = reader.string(QStringLiteral("Scope"));
    network.driver = reader.string(QStringLiteral("Driver"));
    network.enableIPv6 = reader.boolean(QStringLiteral("EnableIPv6"));
    network.internal = reader.boolean(QStringLiteral("Internal"));
    network.attachable = reader.boolean(QStringLiteral("Attachable"));
    network.ingress = reader.boolean(QStringLiteral("Ingress"));
    const QJsonValue ipam = reader.nested(QStringLiteral("IPAM"));
    if (ipam.isObject()) {
        auto parsed = NetworkIpam::fromJson(ipam.toObject(), reader.pathOf(QStringLiteral("IPAM")));
        if (!parsed.ok())
            return parsed.error();
        network.ipam = parsed.value();
    }
    const QJsonValue containers = reader.nested(QStringLiteral("Containers"));
    if (containers.isObject()) {
        QMap<QString, NetworkAttachment> attached;
        const QJsonObject map = containers.toObject();
        for (auto it = map.begin(); it != map.end(); ++it) {
            const QString entryPath = reader.pathOf(QStringLiteral("Containers")) + u'.' + it.key();
            if (!it.value().isObject())
                return notAnObject(entryPath);
            auto attachment = NetworkAttachment::fromJson(it.value().toObject(), entryPath);
            if (!attachment.ok())
                return attachment.error();
            attached.insert(it.key(), attachment.value());
        }
        network.containers = attached;
    }
    network.options = reader.stringMap(QStringLiteral("Options"));
    network.labels = reader.stringMap(QStringLiteral("Labels"));
    network.extra = reader.extra();
    return network;
}

QJsonObject Network::toJson() const {
    QJsonObject object = extra;
    putField(object, QStringLiteral("Name"), name);
    putField(object, QStringLiteral("Id"), id);
    putField(object, QStringLiteral("Created"), created);
    putField(object, QStringLiteral("Scope"), scope);
    putField(object, QStringLiteral("Driver"), driver);
    putField(object, QStringLiteral("EnableIPv6"), enableIPv6);
    putField(object, QStringLiteral("Internal"), internal);
    putField(object, QStringLiteral("Attachable"), attachable);
    putField(object, QStringLiteral("Ingress"), ingress);
    if (ipam)
        object.insert(QStringLiteral("IPAM"), ipam->toJson());
    if (containers) {
        QJsonObject attached;
        for (auto it = containers->begin(); it != containers->end(); ++it)
            attached.insert(it.key(), it.value().toJson());
        object.insert(QStringLiteral("Containers"), attached);
    }
    putField(object, QStringLiteral("Options"), options);
    putField(object, QStringLiteral("Labels"), labels);
    return object;
}

Result<NetworkCreateRequest> NetworkCreateRequest::fromJson(const QJsonObject& object) {
    JsonFieldReader reader(object, {});
    if (auto error = reader.check({{QStringLiteral("Name"), FieldType::String},
                                   {QStringLiteral("Driver"), FieldType::String},
                                   {QStringLiteral("Internal"), FieldType::Bool},
                                   {QStringLiteral("Attachable"), FieldType::Bool},
                                   {QStringLiteral("EnableIPv6"), FieldType::Bool},
                                   {QStringLiteral("IPAM"), FieldType::Object},
                                   {QStringLiteral("Options"), FieldType::StringMap},
                                   {QStringLiteral("Labels"), FieldType::StringMap}}))
        return *error;
    if (auto error = requireString(object, QStringLiteral("Name")))
        return *error;
    NetworkCreateRequest request;
    request.name = *reader.string(QStringLiteral("Name"));
    request.driver = reader.string(QStringLiteral("Driver"));
    request.internal = reader.boolean(QStringLiteral("Internal"));
    request.attachable = reader.boolean(QStringLiteral("Attachable"));
    request.enableIPv6 = reader.boolean(QStringLiteral("EnableIPv6"));
    const QJsonValue ipam = reader.nested(QStringLiteral("IPAM"));
    if (ipam.isObject()) {
        auto parsed = NetworkIpam::fromJson(ipam.toObject());
        if (!parsed.ok())
            return parsed.error();
        request.ipam = parsed.value();
    }
    request.options = reader.stringMap(QStringLiteral("Options"));
    request.labels = reader.stringMap(QStringLiteral("Labels"));
    request.extra = reader.extra();
    return request;
}

QJsonObject NetworkCreateRequest::toJson() const {
    QJsonObject object = extra;
    object.insert(QStringLiteral("Name"), name);
    putField(object, QStringLiteral("Driver"), driver);
    putField(object, QStringLiteral("Internal"), internal);
    putField(object, QStringLiteral("Attachable"), attachable);
    putField(object, QStringLiteral("EnableIPv6"), enableIPv6);
    if (ipam)
        object.insert(QStringLiteral("IPAM"), ipam->toJson());
    putField(object, QStringLiteral("Options"), options);
    putField(object, QStringLiteral("Labels"), labels);
    return object;
}

Result<NetworkCreateResponse> NetworkCreateResponse::fromJson(const QJsonObject& object) {
    JsonFieldReader reader(object, {});
    if (auto error = reader.check({{QStringLiteral("Id"), FieldType::String},
                                   {QStringLiteral("Warning"), FieldType::String}}))
        return *error;
    NetworkCreateResponse response;
    response.id = reader.string(QStringLiteral("Id")).value_or(QString());
    response.warning = reader.string(QStringLiteral("Warning")).value_or(QString());
    response.extra = reader.extra();
    // A null Warning is written as "": the contract's Warning is always a string.
    response.extra.remove(QStringLiteral("Warning"));
    return response;
}

QJsonObject NetworkCreateResponse::toJson() const {
    QJsonObject object = extra;
    object.insert(QStringLiteral("Id"), id);
    object.insert(QStringLiteral("Warning"), warning);
    return object;
}

Result<NetworkConnectRequest> NetworkConnectRequest::fromJson(const QJsonObject& object) {
    JsonFieldReader reader(object, {});
    if (auto error = reader.check({{QStringLiteral("Container"), FieldType::String},
                                   {QStringLiteral("EndpointConfig"), FieldType::Object}}))
        return *error;
    if (auto error = requireString(object, QStringLiteral("Container")))
        return *error;
    NetworkConnectRequest request;
    request.container = *reader.string(QStringLiteral("Container"));
    const QJsonValue endpoint = reader.nested(QStringLiteral("EndpointConfig"));
    if (endpoint.isObject()) {
        auto parsed =
            EndpointSettings::fromJson(endpoint.toObject(), QStringLiteral("EndpointConfig"));
        if (!parsed.ok())
            return parsed.error();
        request.endpointConfig = parsed.value();
    }
    request.extra = reader.extra();
    return request;
}

QJsonObject NetworkConnectRequest::toJson() const {
    QJsonObject object = extra;
    object.insert(QStringLiteral("Container"), container);
    if (endpointConfig)
        object.insert(QStringLiteral("EndpointConfig"), endpointConfig->toJson());
    return object;
}

Result<NetworkDisconnectRequest> NetworkDisconnectRequest::fromJson(const QJsonObject& object) {
    JsonFieldReader reader(object, {});
    if (auto error = reader.check({{QStringLiteral("Container"), FieldType::String},
                                   {QStringLiteral("Force"), FieldType::Bool}}))
        return *error;
    if (auto error = requireString(object, QStringLiteral("Container")))
        return *error;
    NetworkDisconnectRequest request;
    request.container = *reader.string(QStringLiteral("Container"));
    request.force = reader.boolean(QStringLiteral("Force"));
    request.extra = reader.extra();
    return request;
}

QJsonObject NetworkDisconnectRequest::toJson() const {
    QJsonObject object = extra;
    object.insert(QStringLiteral("Container"), container);
    putField(object, QStringLiteral("Force"), force);
    return object;
}

Result<NetworkPruneResponse> NetworkPruneResponse::fromJson(const QJsonObject& object) {
    JsonFieldReader reader(object, {});
    if (auto error = reader.check({{QStringLiteral("NetworksDeleted"), FieldType::StringList}}))
        return *error;
    NetworkPruneResponse response;
    response.networksDeleted =
        reader.stringList(QStringLiteral("NetworksDeleted")).value_or(QStringList());
    response.extra = reader.extra();
    // Docker sends null when nothing was removed; the contract's list is never null.
    response.extra.remove(QStringLiteral("NetworksDeleted"));
    return response;
}

QJsonObject NetworkPruneResponse::toJson() const {
    QJsonObject object = extra;
    object.insert(QStringLiteral("NetworksDeleted"), QJsonArray::fromStringList(networksDeleted));
    return object;
}

} // namespace sockerless::api
