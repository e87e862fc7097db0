#include "api/networktypes.h"

#include "api/jsonfields.h"

#include <QJsonArray>

namespace sockerless::api {

using fields::NullEntry;
using fields::read;
using fields::readList;
using fields::readMap;
using fields::readObject;
using fields::requireString;
using fields::take;
using fields::toStringList;
using fields::write;

Result<NetworkIpamConfig> NetworkIpamConfig::fromJson(const QJsonObject& object,
                                                      const QString& path) {
    if (auto error = checkFields(object,
                                 {{QStringLiteral("Subnet"), FieldType::String},
                                  {QStringLiteral("IPRange"), FieldType::String},
                                  {QStringLiteral("Gateway"), FieldType::String},
                                  {QStringLiteral("AuxiliaryAddresses"), FieldType::StringMap}},
                                 path))
        return *error;
    NetworkIpamConfig config;
    QJsonObject rest = object;
    read(rest, "Subnet", config.subnet);
    read(rest, "IPRange", config.ipRange);
    read(rest, "Gateway", config.gateway);
    read(rest, "AuxiliaryAddresses", config.auxiliaryAddresses);
    config.extra = rest;
    return config;
}

QJsonObject NetworkIpamConfig::toJson() const {
    QJsonObject o = extra;
    write(o, "Subnet", subnet);
    write(o, "IPRange", ipRange);
    write(o, "Gateway", gateway);
    write(o, "AuxiliaryAddresses", auxiliaryAddresses);
    return o;
}

Result<NetworkIpam> NetworkIpam::fromJson(const QJsonObject& object, const QString& path) {
    if (auto error = checkFields(object,
                                 {{QStringLiteral("Driver"), FieldType::String},
                                  {QStringLiteral("Config"), FieldType::Array},
                                  {QStringLiteral("Options"), FieldType::StringMap}},
                                 path))
        return *error;
    NetworkIpam ipam;
    QJsonObject rest = object;
    read(rest, "Driver", ipam.driver);
    if (auto error = readList(rest, "Config", ipam.config, path))
        return *error;
    read(rest, "Options", ipam.options);
    ipam.extra = rest;
    return ipam;
}

QJsonObject NetworkIpam::toJson() const {
    QJsonObject o = extra;
    write(o, "Driver", driver);
    write(o, "Config", config);
    write(o, "Options", options);
    return o;
}

Result<NetworkAttachment> NetworkAttachment::fromJson(const QJsonObject& object,
                                                      const QString& path) {
    if (auto error = checkFields(object,
                                 {{QStringLiteral("Name"), FieldType::String},
                                  {QStringLiteral("EndpointID"), FieldType::String},
                                  {QStringLiteral("MacAddress"), FieldType::String},
                                  {QStringLiteral("IPv4Address"), FieldType::String},
                                  {QStringLiteral("IPv6Address"), FieldType::String}},
                                 path))
        return *error;
    NetworkAttachment attachment;
    QJsonObject rest = object;
    read(rest, "Name", attachment.name);
    read(rest, "EndpointID", attachment.endpointId);
    read(rest, "MacAddress", attachment.macAddress);
    read(rest, "IPv4Address", attachment.ipv4Address);
    read(rest, "IPv6Address", attachment.ipv6Address);
    attachment.extra = rest;
    return attachment;
}

QJsonObject NetworkAttachment::toJson() const {
    QJsonObject o = extra;
    write(o, "Name", name);
    write(o, "EndpointID", endpointId);
    write(o, "MacAddress", macAddress);
    write(o, "IPv4Address", ipv4Address);
    write(o, "IPv6Address", ipv6Address);
    return o;
}

Result<Network> Network::fromJson(const QJsonObject& object, const QString& path) {
    if (auto error = checkFields(object,
                                 {{QStringLiteral("Name"), FieldType::String},
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
                                  {QStringLiteral("Labels"), FieldType::StringMap}},
                                 path))
        return *error;
    Network network;
    QJsonObject rest = object;
    read(rest, "Name", network.name);
    read(rest, "Id", network.id);
    read(rest, "Created", network.created);
    read(rest, "Scope", network.scope);
    read(rest, "Driver", network.driver);
    read(rest, "EnableIPv6", network.enableIPv6);
    read(rest, "Internal", network.internal);
    read(rest, "Attachable", network.attachable);
    read(rest, "Ingress", network.ingress);
    if (auto error = readObject(rest, "IPAM", network.ipam, path))
        return *error;
    if (auto error = readMap(rest, "Containers", network.containers, path, NullEntry::Reject))
        return *error;
    read(rest, "Options", network.options);
    read(rest, "Labels", network.labels);
    network.extra = rest;
    return network;
}

QJsonObject Network::toJson() const {
    QJsonObject o = extra;
    write(o, "Name", name);
    write(o, "Id", id);
    write(o, "Created", created);
    write(o, "Scope", scope);
    write(o, "Driver", driver);
    write(o, "EnableIPv6", enableIPv6);
    write(o, "Internal", internal);
    write(o, "Attachable", attachable);
    write(o, "Ingress", ingress);
    write(o, "IPAM", ipam);
    write(o, "Containers", containers);
    write(o, "Options", options);
    write(o, "Labels", labels);
    return o;
}

Result<NetworkCreateRequest> NetworkCreateRequest::fromJson(const QJsonObject& object) {
    if (auto error = checkFields(object, {{QStringLiteral("Name"), FieldType::String},
                                          {QStringLiteral("Driver"), FieldType::String},
                                          {QStringLiteral("Internal"), FieldType::Bool},
                                          {QStringLiteral("Attachable"), FieldType::Bool},
                                          {QStringLiteral("EnableIPv6"), FieldType::Bool},
                                          {QStringLiteral("IPAM"), FieldType::Object},
                                          {QStringLiteral("Options"), FieldType::StringMap},
                                          {QStringLiteral("Labels"), FieldType::StringMap}}))
        return *error;
    if (auto error = requireString(object, "Name"))
        return *error;
    NetworkCreateRequest request;
    QJsonObject rest = object;
    request.name = take(rest, "Name").toString();
    read(rest, "Driver", request.driver);
    read(rest, "Internal", request.internal);
    read(rest, "Attachable", request.attachable);
    read(rest, "EnableIPv6", request.enableIPv6);
    if (auto error = readObject(rest, "IPAM", request.ipam, {}))
        return *error;
    read(rest, "Options", request.options);
    read(rest, "Labels", request.labels);
    request.extra = rest;
    return request;
}

QJsonObject NetworkCreateRequest::toJson() const {
    QJsonObject o = extra;
    o.insert(QStringLiteral("Name"), name);
    write(o, "Driver", driver);
    write(o, "Internal", internal);
    write(o, "Attachable", attachable);
    write(o, "EnableIPv6", enableIPv6);
    write(o, "IPAM", ipam);
    write(o, "Options", options);
    write(o, "Labels", labels);
    return o;
}

Result<NetworkCreateResponse> NetworkCreateResponse::fromJson(const QJsonObject& object) {
    if (auto error = checkFields(object, {{QStringLiteral("Id"), FieldType::String},
                                          {QStringLiteral("Warning"), FieldType::String}}))
        return *error;
    NetworkCreateResponse response;
    QJsonObject rest = object;
    response.id = take(rest, "Id").toString();
    response.warning = take(rest, "Warning").toString();
    // A null Warning is written as "": the contract's Warning is always a string.
    rest.remove(QStringLiteral("Warning"));
    response.extra = rest;
    return response;
}

QJsonObject NetworkCreateResponse::toJson() const {
    QJsonObject o = extra;
    o.insert(QStringLiteral("Id"), id);
    o.insert(QStringLiteral("Warning"), warning);
    return o;
}

Result<NetworkConnectRequest> NetworkConnectRequest::fromJson(const QJsonObject& object) {
    if (auto error = checkFields(object, {{QStringLiteral("Container"), FieldType::String},
                                          {QStringLiteral("EndpointConfig"), FieldType::Object}}))
        return *error;
    if (auto error = requireString(object, "Container"))
        return *error;
    NetworkConnectRequest request;
    QJsonObject rest = object;
    request.container = take(rest, "Container").toString();
    if (auto error = readObject(rest, "EndpointConfig", request.endpointConfig, {}))
        return *error;
    request.extra = rest;
    return request;
}

QJsonObject NetworkConnectRequest::toJson() const {
    QJsonObject o = extra;
    o.insert(QStringLiteral("Container"), container);
    write(o, "EndpointConfig", endpointConfig);
    return o;
}

Result<NetworkDisconnectRequest> NetworkDisconnectRequest::fromJson(const QJsonObject& object) {
    if (auto error = checkFields(object, {{QStringLiteral("Container"), FieldType::String},
                                          {QStringLiteral("Force"), FieldType::Bool}}))
        return *error;
    if (auto error = requireString(object, "Container"))
        return *error;
    NetworkDisconnectRequest request;
    QJsonObject rest = object;
    request.container = take(rest, "Container").toString();
    read(rest, "Force", request.force);
    request.extra = rest;
    return request;
}

QJsonObject NetworkDisconnectRequest::toJson() const {
    QJsonObject o = extra;
    o.insert(QStringLiteral("Container"), container);
    write(o, "Force", force);
    return o;
}

Result<NetworkPruneResponse> NetworkPruneResponse::fromJson(const QJsonObject& object) {
    if (auto error =
            checkFields(object, {{QStringLiteral("NetworksDeleted"), FieldType::StringList}}))
        return *error;
    NetworkPruneResponse response;
    QJsonObject rest = object;
    response.networksDeleted = toStringList(take(rest, "NetworksDeleted"));
    // Docker sends null when nothing was removed; the contract's list is never null.
    rest.remove(QStringLiteral("NetworksDeleted"));
    response.extra = rest;
    return response;
}

QJsonObject NetworkPruneResponse::toJson() const {
    QJsonObject o = extra;
    o.insert(QStringLiteral("NetworksDeleted"), QJsonArray::fromStringList(networksDeleted));
    return o;
}

} // namespace sockerless::api
