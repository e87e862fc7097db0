#pragma once

#include "api/containertypes.h"
#include "api/result.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

// The network objects of the contract (API.md "Networks"), with Docker's field names. The rules
// are those of containertypes.h:
// - a known field is typed and optional: absent (or null) means "not said";
// - everything else, including known fields sent as null, stays in `extra` and is written back
//   out unchanged, so a field this daemon does not know (a newer Docker's, a driver's) is never
//   dropped and a `null` Docker sent stays `null`;
// - fromJson() checks the type of every known field: a wrong one is a 400 naming its path
//   (`IPAM.Config[0].Subnet`); `path` is where the object sits in its document.

namespace sockerless::api {

/// One address pool of a network (`IPAM.Config[]`).
struct NetworkIpamConfig {
    std::optional<QString> subnet;
    std::optional<QString> ipRange;
    std::optional<QString> gateway;
    std::optional<QMap<QString, QString>> auxiliaryAddresses;
    QJsonObject extra;

    static Result<NetworkIpamConfig> fromJson(const QJsonObject& object, const QString& path);
    QJsonObject toJson() const;
};

/// How a network hands out addresses (`IPAM`): the driver, its pools and its options.
struct NetworkIpam {
    std::optional<QString> driver;
    std::optional<QList<NetworkIpamConfig>> config;
    std::optional<QMap<QString, QString>> options;
    QJsonObject extra;

    static Result<NetworkIpam> fromJson(const QJsonObject& object,
                                        const QString& path = QStringLiteral("IPAM"));
    QJsonObject toJson() const;
};

/// A container attached to a network, as the network's `Containers` map shows it (keyed by
/// the container id).
struct NetworkAttachment {
    std::optional<QString> name;
    std::optional<QString> endpointId;
    std::optional<QString> macAddress;
    std::optional<QString> ipv4Address;
    std::optional<QString> ipv6Address;
    QJsonObject extra;

    static Result<NetworkAttachment> fromJson(const QJsonObject& object, const QString& path);
    QJsonObject toJson() const;
};

/// A network as list and inspect answer it.
struct Network {
    std::optional<QString> name;
    std::optional<QString> id;
    std::optional<QString> created;
    std::optional<QString> scope;
    std::optional<QString> driver;
    std::optional<bool> enableIPv6;
    std::optional<bool> internal;
    std::optional<bool> attachable;
    std::optional<bool> ingress;
    std::optional<NetworkIpam> ipam;
    std::optional<QMap<QString, NetworkAttachment>> containers;
    std::optional<QMap<QString, QString>> options;
    std::optional<QMap<QString, QString>> labels;
    QJsonObject extra; ///< ConfigFrom, ConfigOnly, Peers, Services ...

    static Result<Network> fromJson(const QJsonObject& object, const QString& path = {});
    QJsonObject toJson() const;
};

/// The body of `POST /internal/v1/networks`. `Name` is required: absent or empty is a 400.
struct NetworkCreateRequest {
    QString name;
    std::optional<QString> driver;
    std::optional<bool> internal;
    std::optional<bool> attachable;
    std::optional<bool> enableIPv6;
    std::optional<NetworkIpam> ipam;
    std::optional<QMap<QString, QString>> options;
    std::optional<QMap<QString, QString>> labels;
    QJsonObject extra; ///< Ingress, Scope, ConfigOnly, ConfigFrom, CheckDuplicate ...

    static Result<NetworkCreateRequest> fromJson(const QJsonObject& object);
    QJsonObject toJson() const;
};

/// The answer to a network create: `{"Id","Warning"}`, `Warning` always a string (a missing or
/// null one reads as empty).
struct NetworkCreateResponse {
    QString id;
    QString warning;
    QJsonObject extra;

    static Result<NetworkCreateResponse> fromJson(const QJsonObject& object);
    QJsonObject toJson() const;
};

/// The body of `POST /internal/v1/networks/{id}/connect`: the container (id or name, required)
/// and how it joins (`EndpointConfig`: Docker's EndpointSettings, as in a create's
/// NetworkingConfig).
struct NetworkConnectRequest {
    QString container;
    std::optional<EndpointSettings> endpointConfig;
    QJsonObject extra;

    static Result<NetworkConnectRequest> fromJson(const QJsonObject& object);
    QJsonObject toJson() const;
};

/// The body of `POST /internal/v1/networks/{id}/disconnect`: the container (required) and
/// whether to force it off.
struct NetworkDisconnectRequest {
    QString container;
    std::optional<bool> force;
    QJsonObject extra;

    static Result<NetworkDisconnectRequest> fromJson(const QJsonObject& object);
    QJsonObject toJson() const;
};

/// The answer to a network prune: the names of the networks removed, never null (a missing or
/// null list reads as empty).
struct NetworkPruneResponse {
    QStringList networksDeleted;
    QJsonObject extra;

    static Result<NetworkPruneResponse> fromJson(const QJsonObject& object);
    QJsonObject toJson() const;
};

} // namespace sockerless::api
