#include "api/jsonfieldtypes.h"

#include <QJsonArray>

namespace sockerless::api {

QString JsonFieldReader::pathOf(const QString& name) const {
    return m_path.isEmpty() ? name : m_path + u'.' + name;
}

QJsonValue JsonFieldReader::take(const QString& name) {
    const QJsonValue value = m_object.value(name);
    if (value.isUndefined() || value.isNull())
        return QJsonValue(QJsonValue::Null);
    m_known.insert(name);
    return value;
}

std::optional<QString> JsonFieldReader::string(const QString& name) {
    const QJsonValue value = take(name);
    if (!value.isString())
        return std::nullopt;
    return value.toString();
}

std::optional<bool> JsonFieldReader::boolean(const QString& name) {
    const QJsonValue value = take(name);
    if (!value.isBool())
        return std::nullopt;
    return value.toBool();
}

std::optional<QStringList> JsonFieldReader::stringList(const QString& name) {
    const QJsonValue value = take(name);
    if (!value.isArray())
        return std::nullopt;
    QStringList list;
    for (const QJsonValue& item : value.toArray())
        list.append(item.toString());
    return list;
}

std::optional<QMap<QString, QString>> JsonFieldReader::stringMap(const QString& name) {
    const QJsonValue value = take(name);
    if (!value.isObject())
        return std::nullopt;
    QMap<QString, QString> map;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        map.insert(it.key(), it.value().toString());
    return map;
}

QJsonValue JsonFieldReader::nested(const QString& name) {
    return take(name);
}

QJsonObject JsonFieldReader::extra() const {
    QJsonObject rest = m_object;
    for (const QString& name : m_known)
        rest.remove(name);
    return rest;
}

void putField(QJsonObject& object, const QString& key, const std::optional<QString>& value) {
    if (value)
        object.insert(key, *value);
}

void putField(QJsonObject& object, const QString& key, const std::optional<bool>& value) {
    if (value)
        object.insert(key, *value);
}

void putField(QJsonObject& object, const QString& key, const std::optional<QStringList>& value) {
    if (value)
        object.insert(key, QJsonArray::fromStringList(*value));
}

void putField(QJsonObject& object, const QString& key,
              const std::optional<QMap<QString, QString>>& value) {
    if (value)
        object.insert(key, stringMapToJson(*value));
}

QJsonObject stringMapToJson(const QMap<QString, QString>& map) {
    QJsonObject object;
    for (auto it = map.begin(); it != map.end(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

std::optional<ApiError> requireString(const QJsonObject& object, const QString& name,
                                      const QString& path) {
    const QJsonValue value = object.value(name);
    if (value.isString() && !value.toString().isEmpty())
        return std::nullopt;
    return missingField(path.isEmpty() ? name : path + u'.' + name);
}

} // namespace sockerless::api
