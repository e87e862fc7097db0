#pragma once

#include "api/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace sockerless::api {

/// Parses a request body that must be a JSON object. An empty body gives `{}` when
/// `emptyAllowed`, else a 400; malformed JSON is a 400 with the parser's reason and offset.
Result<QJsonObject> parseJsonObject(const QByteArray& body, bool emptyAllowed = false);

/// The JSON type a field of a request body must have.
enum class FieldType {
    String,
    Bool,
    Number,       ///< any JSON number
    Integer,      ///< a number without a fractional part
    StringList,   ///< `["a","b"]`
    StringOrList, ///< `"a b"` or `["a","b"]` (Docker's strslice: Cmd, Entrypoint)
    StringMap,    ///< `{"k":"v"}` (Labels, Options)
    Object,       ///< any object (checked further by its own specs)
    Array,        ///< any array
};

/// One field to check: its name and type. Null is always accepted (Docker reads it as unset).
struct FieldSpec {
    QString name;
    FieldType type;
};

/// Checks the fields of `object` named in `specs`; other fields are left alone (they are kept
/// and passed on). Returns a 400 naming the first wrong field with its path (`HostConfig.Memory`)
/// and the expected type, or nothing when every field is fine. `prefix` is the path of `object`.
std::optional<ApiError> checkFields(const QJsonObject& object, const QList<FieldSpec>& specs,
                                    const QString& prefix = {});

/// A 400 for a field that is required but missing or empty.
ApiError missingField(const QString& path);

} // namespace sockerless::api
