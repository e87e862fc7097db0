#pragma once

// Small helpers that read typed fields out of a JSON object and write them back, shared by all
// the contract types' fromJson/toJson (containertypes, networktypes, volumetypes). Header-only:
// shared/api's CMake picks up `*types.cpp` only.
//
// The reading rule: a field with a value is moved out of `rest` (what stays in `rest` becomes
// the type's `extra`); a null field stays in `rest`, so it is written back as null. Callers check
// the field types first with checkFields(), so the readers convert without asking again.

#include "api/apierror.h"
#include "api/jsonbody.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

namespace sockerless::api::fields {

/// `parent.name`, or `name` at the top level.
inline QString joinPath(const QString& parent, const QString& name) {
    return parent.isEmpty() ? name : parent + u'.' + name;
}

/// Moves `name` out of `rest` when it has a value; Undefined when absent or null.
inline QJsonValue take(QJsonObject& rest, const char* name) {
    const QLatin1String key(name);
    QJsonValue value = rest.value(key);
    if (value.isUndefined() || value.isNull())
        return QJsonValue(QJsonValue::Undefined);
    rest.remove(key);
    return value;
}

inline QStringList toStringList(const QJsonValue& value) {
    QStringList list;
    for (const auto& item : value.toArray())
        list.append(item.toString());
    return list;
}

/// `{"k":"v"}` from a map of strings.
inline QJsonObject stringMapToJson(const QMap<QString, QString>& map) {
    QJsonObject object;
    for (auto it = map.begin(); it != map.end(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

/// 400 for a required string field that is absent, null or empty.
inline std::optional<ApiError> requireString(const QJsonObject& object, const char* name,
                                             const QString& parent = {}) {
    const QJsonValue value = object.value(QLatin1String(name));
    if (value.isString() && !value.toString().isEmpty())
        return std::nullopt;
    return missingField(joinPath(parent, QLatin1String(name)));
}

inline void read(QJsonObject& rest, const char* name, std::optional<QString>& out) {
    const QJsonValue value = take(rest, name);
    if (!value.isUndefined())
        out = value.toString();
}

inline void read(QJsonObject& rest, const char* name, std::optional<bool>& out) {
    const QJsonValue value = take(rest, name);
    if (!value.isUndefined())
        out = value.toBool();
}

inline void read(QJsonObject& rest, const char* name, std::optional<qint64>& out) {
    const QJsonValue value = take(rest, name);
    if (!value.isUndefined())
        out = value.toInteger();
}

inline void read(QJsonObject& rest, const char* name, std::optional<QStringList>& out) {
    const QJsonValue value = take(rest, name);
    if (!value.isUndefined())
        out = toStringList(value);
}

inline void read(QJsonObject& rest, const char* name, std::optional<QMap<QString, QString>>& out) {
    const QJsonValue value = take(rest, name);
    if (value.isUndefined())
        return;
    QMap<QString, QString> map;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        map.insert(it.key(), it.value().toString());
    out = map;
}

/// Docker's strslice: a string is a list of one element.
inline void readStringOrList(QJsonObject& rest, const char* name, std::optional<QStringList>& out) {
    const QJsonValue value = take(rest, name);
    if (value.isString())
        out = QStringList{value.toString()};
    else if (!value.isUndefined())
        out = toStringList(value);
}

/// A nested object read by `T::fromJson(object, path)`.
template <typename T>
std::optional<ApiError> readObject(QJsonObject& rest, const char* name, std::optional<T>& out,
                                   const QString& parent) {
    const QJsonValue value = take(rest, name);
    if (value.isUndefined())
        return std::nullopt;
    auto result = T::fromJson(value.toObject(), joinPath(parent, QLatin1String(name)));
    if (!result.ok())
        return result.error();
    out = result.value();
    return std::nullopt;
}

/// An array of objects, each read by `T::fromJson(object, "name[i]")`.
template <typename T>
std::optional<ApiError> readList(QJsonObject& rest, const char* name, std::optional<QList<T>>& out,
                                 const QString& parent) {
    const QJsonValue value = take(rest, name);
    if (value.isUndefined())
        return std::nullopt;
    const QString here = joinPath(parent, QLatin1String(name));
    const QJsonArray array = value.toArray();
    QList<T> list;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString itemPath = QStringLiteral("%1[%2]").arg(here).arg(i);
        if (!array.at(i).isObject())
            return ApiError::badRequest(
                QStringLiteral("invalid field '%1': expected an object").arg(itemPath));
        auto item = T::fromJson(array.at(i).toObject(), itemPath);
        if (!item.ok())
            return item.error();
        list.append(item.value());
    }
    out = list;
    return std::nullopt;
}

/// What readMap() does with a null value in the map.
enum class NullEntry {
    AsEmpty, ///< read as an empty object (`EndpointsConfig`, `Networks`)
    Reject,  ///< a 400, like any other non-object (a network's `Containers`)
};

/// An object of objects (`EndpointsConfig`, `Networks`), each value read by `T::fromJson`.
/// A null value is read as an empty object unless `nullEntry` rejects it.
template <typename T>
std::optional<ApiError> readMap(QJsonObject& rest, const char* name,
                                std::optional<QMap<QString, T>>& out, const QString& parent,
                                NullEntry nullEntry = NullEntry::AsEmpty) {
    const QJsonValue value = take(rest, name);
    if (value.isUndefined())
        return std::nullopt;
    const QString here = joinPath(parent, QLatin1String(name));
    const QJsonObject object = value.toObject();
    QMap<QString, T> map;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString itemPath = here + u'.' + it.key();
        if (!it.value().isObject() && !(it.value().isNull() && nullEntry == NullEntry::AsEmpty))
            return ApiError::badRequest(
                QStringLiteral("invalid field '%1': expected an object").arg(itemPath));
        auto item = T::fromJson(it.value().toObject(), itemPath);
        if (!item.ok())
            return item.error();
        map.insert(it.key(), item.value());
    }
    out = map;
    return std::nullopt;
}

inline void write(QJsonObject& o, const char* name, const std::optional<QString>& value) {
    if (value)
        o.insert(QLatin1String(name), *value);
}

inline void write(QJsonObject& o, const char* name, const std::optional<bool>& value) {
    if (value)
        o.insert(QLatin1String(name), *value);
}

inline void write(QJsonObject& o, const char* name, const std::optional<qint64>& value) {
    if (value)
        o.insert(QLatin1String(name), *value);
}

inline void write(QJsonObject& o, const char* name, const std::optional<QStringList>& value) {
    if (value)
        o.insert(QLatin1String(name), QJsonArray::fromStringList(*value));
}

inline void write(QJsonObject& o, const char* name,
                  const std::optional<QMap<QString, QString>>& value) {
    if (value)
        o.insert(QLatin1String(name), stringMapToJson(*value));
}

/// A nested type with toJson().
template <typename T> void write(QJsonObject& o, const char* name, const std::optional<T>& value) {
    if (value)
        o.insert(QLatin1String(name), value->toJson());
}

template <typename T>
void write(QJsonObject& o, const char* name, const std::optional<QList<T>>& value) {
    if (!value)
        return;
    QJsonArray array;
    for (const T& item : *value)
        array.append(item.toJson());
    o.insert(QLatin1String(name), array);
}

template <typename T>
void write(QJsonObject& o, const char* name, const std::optional<QMap<QString, T>>& value) {
    if (!value)
        return;
    QJsonObject map;
    for (auto it = value->begin(); it != value->end(); ++it)
        map.insert(it.key(), it.value().toJson());
    o.insert(QLatin1String(name), map);
}

} // namespace sockerless::api::fields
