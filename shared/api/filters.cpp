#include "api/filters.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace sockerless::api {

namespace {
ApiError invalid(const QString& why) {
    return ApiError::badRequest(QStringLiteral("invalid filters: %1").arg(why));
}
} // namespace

Result<Filters> Filters::parse(const QString& json) {
    Filters filters;
    if (json.trimmed().isEmpty())
        return filters;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        return invalid(
            QStringLiteral("%1 at offset %2").arg(error.errorString()).arg(error.offset));
    if (!document.isObject())
        return invalid(QStringLiteral("expected a JSON object"));
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.value().isArray()) {
            for (const auto& value : it.value().toArray()) {
                if (!value.isString())
                    return invalid(
                        QStringLiteral("the values of '%1' must be strings").arg(it.key()));
                filters.add(it.key(), value.toString());
            }
        } else if (it.value().isObject()) {
            const QJsonObject values = it.value().toObject();
            for (auto v = values.begin(); v != values.end(); ++v) {
                if (!v.value().isBool())
                    return invalid(
                        QStringLiteral("the values of '%1' must map to true").arg(it.key()));
                if (v.value().toBool())
                    filters.add(it.key(), v.key());
            }
            if (values.isEmpty())
                filters.m_values.insert(it.key(), {});
        } else {
            return invalid(
                QStringLiteral("'%1' must be an array of strings or an object").arg(it.key()));
        }
    }
    return filters;
}

void Filters::add(const QString& key, const QString& value) {
    QStringList& values = m_values[key];
    if (!values.contains(value))
        values.append(value);
}

QByteArray Filters::toJson() const {
    QJsonObject object;
    for (auto it = m_values.begin(); it != m_values.end(); ++it) {
        QJsonObject values;
        for (const QString& value : it.value())
            values.insert(value, true);
        object.insert(it.key(), values);
    }
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

bool Filters::matchesLabels(const QMap<QString, QString>& labels) const {
    for (const QString& wanted : values(QStringLiteral("label"))) {
        const qsizetype eq = wanted.indexOf(u'=');
        const QString key = eq < 0 ? wanted : wanted.left(eq);
        if (!labels.contains(key))
            return false;
        if (eq >= 0 && labels.value(key) != wanted.mid(eq + 1))
            return false;
    }
    return true;
}

} // namespace sockerless::api
