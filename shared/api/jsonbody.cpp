#include "api/jsonbody.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <cmath>

namespace sockerless::api {

Result<QJsonObject> parseJsonObject(const QByteArray& body, bool emptyAllowed) {
    if (body.trimmed().isEmpty()) {
        if (emptyAllowed)
            return QJsonObject{};
        return ApiError::badRequest(
            QStringLiteral("the request body is empty: a JSON object is expected"));
    }
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return ApiError::badRequest(
            QStringLiteral("malformed JSON in the request body: %1 at offset %2")
                .arg(error.errorString())
                .arg(error.offset));
    if (!document.isObject())
        return ApiError::badRequest(QStringLiteral("the request body must be a JSON object"));
    return document.object();
}

namespace {

bool isStringArray(const QJsonValue& value) {
    if (!value.isArray())
        return false;
    const QJsonArray array = value.toArray();
    return std::all_of(array.begin(), array.end(),
                       [](const QJsonValue& v) { return v.isString(); });
}

bool isStringMap(const QJsonValue& value) {
    if (!value.isObject())
        return false;
    const QJsonObject object = value.toObject();
    return std::all_of(object.begin(), object.end(),
                       [](const QJsonValueConstRef& v) { return v.isString(); });
}

bool hasType(const QJsonValue& value, FieldType type) {
    switch (type) {
    case FieldType::String:
        return value.isString();
    case FieldType::Bool:
        return value.isBool();
    case FieldType::Number:
        return value.isDouble();
    case FieldType::Integer: {
        if (!value.isDouble())
            return false;
        const double number = value.toDouble();
        return std::isfinite(number) && std::floor(number) == number;
    }
    case FieldType::StringList:
        return isStringArray(value);
    case FieldType::StringOrList:
        return value.isString() || isStringArray(value);
    case FieldType::StringMap:
        return isStringMap(value);
    case FieldType::Object:
        return value.isObject();
    case FieldType::Array:
        return value.isArray();
    }
    return false;
}

QString describe(FieldType type) {
    switch (type) {
    case FieldType::String:
        return QStringLiteral("a string");
    case FieldType::Bool:
        return QStringLiteral("a boolean");
    case FieldType::Number:
        return QStringLiteral("a number");
    case FieldType::Integer:
        return QStringLiteral("an integer");
    case FieldType::StringList:
        return QStringLiteral("an array of strings");
    case FieldType::StringOrList:
        return QStringLiteral("a string or an array of strings");
    case FieldType::StringMap:
        return QStringLiteral("an object of strings");
    case FieldType::Object:
        return QStringLiteral("an object");
    case FieldType::Array:
        return QStringLiteral("an array");
    }
    return {};
}

} // namespace

std::optional<ApiError> checkFields(const QJsonObject& object, const QList<FieldSpec>& specs,
                                    const QString& prefix) {
    for (const FieldSpec& spec : specs) {
        const QJsonValue value = object.value(spec.name);
        if (value.isUndefined() || value.isNull() || hasType(value, spec.type))
            continue;
        const QString path = prefix.isEmpty() ? spec.name : prefix + u'.' + spec.name;
        return ApiError::badRequest(
            QStringLiteral("invalid field '%1': expected %2").arg(path, describe(spec.type)));
    }
    return std::nullopt;
}

ApiError missingField(const QString& path) {
    return ApiError::badRequest(QStringLiteral("missing required field '%1'").arg(path));
}

} // namespace sockerless::api
