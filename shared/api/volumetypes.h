#pragma once

#include "api/result.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

// The volume objects of the contract (API.md "Volumes"), with Docker's field names, under the
// rules of networktypes.h: known fields typed and optional, unknown ones (and known ones sent as
// null) kept in `extra` and written back, a wrong type a 400 naming the field's path.

namespace sockerless::api {

/// A volume as create, list and inspect answer it. `Status` and `UsageData` (driver- and
/// `system df`-specific) live in `extra`.
struct Volume {
    std::optional<QString> name;
    std::optional<QString> driver;
    std::optional<QString> mountpoint;
    std::optional<QString> createdAt;
    std::optional<QMap<QString, QString>> labels;
    std::optional<QString> scope;
    std::optional<QMap<QString, QString>> options;
    QJsonObject extra;

    static Result<Volume> fromJson(const QJsonObject& object, const QString& path = {});
    QJsonObject toJson() const;
};

/// The body of `POST /internal/v1/volumes`. Every field is optional: without `Name` the engine
/// generates one.
struct VolumeCreateRequest {
    std::optional<QString> name;
    std::optional<QString> driver;
    std::optional<QMap<QString, QString>> driverOpts;
    std::optional<QMap<QString, QString>> labels;
    QJsonObject extra; ///< ClusterVolumeSpec (newer engines) ...

    static Result<VolumeCreateRequest> fromJson(const QJsonObject& object);
    QJsonObject toJson() const;
};

/// The answer to a volume list: `{"Volumes":[...],"Warnings":[]}`, neither ever null (a missing
/// or null list reads as empty).
struct VolumeList {
    QList<Volume> volumes;
    QStringList warnings;
    QJsonObject extra;

    static Result<VolumeList> fromJson(const QJsonObject& object);
    QJsonObject toJson() const;
};

} // namespace sockerless::api
