#include "api/volumetypes.h"

#include "api/jsonfieldtypes.h"

#include <QJsonArray>

namespace sockerless::api {

Result<Volume> Volume::fromJson(const QJsonObject& object, const QString& path) {
    JsonFieldReader reader(object, path);
    if (auto error = reader.check({{QStringLiteral("Name"), FieldType::String},
                                   {QStringLiteral("Driver"), FieldType::String},
                                   {QStringLiteral("Mountpoint"), FieldType::String},
                                   {QStringLiteral("CreatedAt"), FieldType::String},
                                   {QStringLiteral("Labels"), FieldType::StringMap},
                                   {QStringLiteral("Scope"), FieldType::String},
                                   {QStringLiteral("Options"), FieldType::StringMap}}))
        return *error;
    Volume volume;
    volume.name = reader.string(QStringLiteral("Name"));
    volume.driver = reader.string(QStringLiteral("Driver"));
    volume.mountpoint = reader.string(QStringLiteral("Mountpoint"));
    volume.createdAt = reader.string(QStringLiteral("CreatedAt"));
    volume.labels = reader.stringMap(QStringLiteral("Labels"));
    volume.scope = reader.string(QStringLiteral("Scope"));
    volume.options = reader.stringMap(QStringLiteral("Options"));
    volume.extra = reader.extra();
    return volume;
}

QJsonObject Volume::toJson() const {
    QJsonObject object = extra;
    putField(object, QStringLiteral("Name"), name);
    putField(object, QStringLiteral("Driver"), driver);
    putField(object, QStringLiteral("Mountpoint"), mountpoint);
    putField(object, QStringLiteral("CreatedAt"), createdAt);
    putField(object, QStringLiteral("Labels"), labels);
    putField(object, QStringLiteral("Scope"), scope);
    putField(object, QStringLiteral("Options"), options);
    return object;
}

Result<VolumeCreateRequest> VolumeCreateRequest::fromJson(const QJsonObject& object) {
    JsonFieldReader reader(object, {});
    if (auto error = reader.check({{QStringLiteral("Name"), FieldType::String},
                                   {QStringLiteral("Driver"), FieldType::String},
                                   {QStringLiteral("DriverOpts"), FieldType::StringMap},
                                   {QStringLiteral("Labels"), FieldType::StringMap}}))
        return *error;
    VolumeCreateRequest request;
    request.name = reader.string(QStringLiteral("Name"));
    request.driver = reader.string(QStringLiteral("Driver"));
    request.driverOpts = reader.stringMap(QStringLiteral("DriverOpts"));
    request.labels = reader.stringMap(QStringLiteral("Labels"));
    request.extra = reader.extra();
    return request;
}

QJsonObject VolumeCreateRequest::toJson() const {
    QJsonObject object = extra;
    putField(object, QStringLiteral("Name"), name);
    putField(object, QStringLiteral("Driver"), driver);
    putField(object, QStringLiteral("DriverOpts"), driverOpts);
    putField(object, QStringLiteral("Labels"), labels);
    return object;
}

Result<VolumeList> VolumeList::fromJson(const QJsonObject& object) {
    JsonFieldReader reader(object, {});
    if (auto error = reader.check({{QStringLiteral("Volumes"), FieldType::Array},
                                   {QStringLiteral("Warnings"), FieldType::StringList}}))
        return *error;
    VolumeList list;
    const QJsonArray volumes = reader.nested(QStringLiteral("Volumes")).toArray();
    for (qsizetype i = 0; i < volumes.size(); ++i) {
        const QString path = QStringLiteral("Volumes[%1]").arg(i);
        if (!volumes.at(i).isObject())
            return ApiError::badRequest(
                QStringLiteral("invalid field '%1': expected an object").arg(path));
        auto volume = Volume::fromJson(volumes.at(i).toObject(), path);
        if (!volume.ok())
            return volume.error();
        list.volumes.append(volume.value());
    }
    list.warnings = reader.stringList(QStringLiteral("Warnings")).value_or(QStringList());
    list.extra = reader.extra();
    // Docker sends null for none of either; the contract's lists are never null.
    list.extra.remove(QStringLiteral("Volumes"));
    list.extra.remove(QStringLiteral("Warnings"));
    return list;
}

QJsonObject VolumeList::toJson() const {
    QJsonObject object = extra;
    QJsonArray volumeArray;
    for (const Volume& volume : volumes)
        volumeArray.append(volume.toJson());
    object.insert(QStringLiteral("Volumes"), volumeArray);
    object.insert(QStringLiteral("Warnings"), QJsonArray::fromStringList(warnings));
    return object;
}

} // namespace sockerless::api
