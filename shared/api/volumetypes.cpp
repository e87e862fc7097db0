#include "api/volumetypes.h"

#include "api/jsonfields.h"

#include <QJsonArray>

namespace sockerless::api {

using fields::read;
using fields::readList;
using fields::take;
using fields::toStringList;
using fields::write;

Result<Volume> Volume::fromJson(const QJsonObject& object, const QString& path) {
    if (auto error = checkFields(object,
                                 {{QStringLiteral("Name"), FieldType::String},
                                  {QStringLiteral("Driver"), FieldType::String},
                                  {QStringLiteral("Mountpoint"), FieldType::String},
                                  {QStringLiteral("CreatedAt"), FieldType::String},
                                  {QStringLiteral("Labels"), FieldType::StringMap},
                                  {QStringLiteral("Scope"), FieldType::String},
                                  {QStringLiteral("Options"), FieldType::StringMap}},
                                 path))
        return *error;
    Volume volume;
    QJsonObject rest = object;
    read(rest, "Name", volume.name);
    read(rest, "Driver", volume.driver);
    read(rest, "Mountpoint", volume.mountpoint);
    read(rest, "CreatedAt", volume.createdAt);
    read(rest, "Labels", volume.labels);
    read(rest, "Scope", volume.scope);
    read(rest, "Options", volume.options);
    volume.extra = rest;
    return volume;
}

QJsonObject Volume::toJson() const {
    QJsonObject o = extra;
    write(o, "Name", name);
    write(o, "Driver", driver);
    write(o, "Mountpoint", mountpoint);
    write(o, "CreatedAt", createdAt);
    write(o, "Labels", labels);
    write(o, "Scope", scope);
    write(o, "Options", options);
    return o;
}

Result<VolumeCreateRequest> VolumeCreateRequest::fromJson(const QJsonObject& object) {
    if (auto error = checkFields(object, {{QStringLiteral("Name"), FieldType::String},
                                          {QStringLiteral("Driver"), FieldType::String},
                                          {QStringLiteral("DriverOpts"), FieldType::StringMap},
                                          {QStringLiteral("Labels"), FieldType::StringMap}}))
        return *error;
    VolumeCreateRequest request;
    QJsonObject rest = object;
    read(rest, "Name", request.name);
    read(rest, "Driver", request.driver);
    read(rest, "DriverOpts", request.driverOpts);
    read(rest, "Labels", request.labels);
    request.extra = rest;
    return request;
}

QJsonObject VolumeCreateRequest::toJson() const {
    QJsonObject o = extra;
    write(o, "Name", name);
    write(o, "Driver", driver);
    write(o, "DriverOpts", driverOpts);
    write(o, "Labels", labels);
    return o;
}

Result<VolumeList> VolumeList::fromJson(const QJsonObject& object) {
    if (auto error = checkFields(object, {{QStringLiteral("Volumes"), FieldType::Array},
                                          {QStringLiteral("Warnings"), FieldType::StringList}}))
        return *error;
    VolumeList list;
    QJsonObject rest = object;
    std::optional<QList<Volume>> volumes;
    if (auto error = readList(rest, "Volumes", volumes, {}))
        return *error;
    list.volumes = volumes.value_or(QList<Volume>());
    list.warnings = toStringList(take(rest, "Warnings"));
    // Docker sends null for none of either; the contract's lists are never null.
    rest.remove(QStringLiteral("Volumes"));
    rest.remove(QStringLiteral("Warnings"));
    list.extra = rest;
    return list;
}

QJsonObject VolumeList::toJson() const {
    QJsonObject o = extra;
    QJsonArray volumeArray;
    for (const Volume& volume : volumes)
        volumeArray.append(volume.toJson());
    o.insert(QStringLiteral("Volumes"), volumeArray);
    o.insert(QStringLiteral("Warnings"), QJsonArray::fromStringList(warnings));
    return o;
}

} // namespace sockerless::api
