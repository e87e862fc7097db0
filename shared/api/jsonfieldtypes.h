#pragma once

#include "api/jsonbody.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>
#include <optional>

// Helpers for the contract's resource types (networktypes, volumetypes): read the known fields of
// a JSON object typed, keep every other field, and write optional fields back only when set.
// (The file name ends in `types` so that shared/api's CMake glob picks it up.)

namespace sockerless::api {

/// Reads the known fields of one JSON object after check() has vetted their types, and gives
/// back the rest as extra(). A field that is absent or null reads as unset; a null one stays in
/// extra(), so it is written back as Docker sent it.
class JsonFieldReader {
public:
    /// `path` is where the object sits in its document (`IPAM.Config[0]`), for error messages.
    JsonFieldReader(const QJsonObject& object, const QString& path)
        : m_object(object)
        , m_path(path) {}

    /// checkFields() on the object with its path: a 400 naming the first wrong field.
    std::optional<ApiError> check(const QList<FieldSpec>& specs) const {
        return checkFields(m_object, specs, m_path);
    }
    /// The path of a field of this object (`IPAM.Config`), for nested types and errors.
    QString pathOf(const QString& name) const;

    /// The typed value of a checked field, unset when absent or null (String, Bool, StringList
    /// and StringMap fields respectively). Each marks the field as known unless it is null.
    std::optional<QString> string(const QString& name);
    std::optional<bool> boolean(const QString& name);
    std::optional<QStringList> stringList(const QString& name);
    std::optional<QMap<QString, QString>> stringMap(const QString& name);
    /// An object or array field for a nested type: null when absent or null.
    QJsonValue nested(const QString& name);

    /// The fields not read above (null known fields included).
    QJsonObject extra() const;

private:
    QJsonValue take(const QString& name);

    QJsonObject m_object;
    QString m_path;
    QSet<QString> m_known;
};

/// Writes a value into `object` under `key` only when it is set, so that an unset field stays
/// as it was in `object` (absent, or the null kept in a type's `extra`).
void putField(QJsonObject& object, const QString& key, const std::optional<QString>& value);
void putField(QJsonObject& object, const QString& key, const std::optional<bool>& value);
void putField(QJsonObject& object, const QString& key, const std::optional<QStringList>& value);
void putField(QJsonObject& object, const QString& key,
              const std::optional<QMap<QString, QString>>& value);

/// `{"k":"v"}` from a map of strings.
QJsonObject stringMapToJson(const QMap<QString, QString>& map);

/// 400 for a required string field that is absent, null or empty.
std::optional<ApiError> requireString(const QJsonObject& object, const QString& name,
                                      const QString& path = {});

} // namespace sockerless::api
