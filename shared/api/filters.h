#pragma once

#include "api/result.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace sockerless::api {

/// Docker's `filters` query value, accepted in both shapes Docker accepts
/// (`{"label":{"a=b":true}}` and `{"label":["a=b"]}`) and kept as key → values.
class Filters {
public:
    /// Parses the JSON text; empty text gives no filters. Anything else than an object of
    /// string arrays or of objects with boolean values is a 400 naming the key.
    static Result<Filters> parse(const QString& json);

    bool isEmpty() const { return m_values.isEmpty(); }
    bool has(const QString& key) const { return m_values.contains(key); }
    QStringList values(const QString& key) const { return m_values.value(key); }
    QStringList keys() const { return m_values.keys(); }
    void add(const QString& key, const QString& value);

    /// The map shape (`{"label":{"a=b":true}}`), which every Docker API version reads.
    QByteArray toJson() const;

    /// True when `labels` satisfy every `label` filter (`key` present, or `key=value` equal).
    bool matchesLabels(const QMap<QString, QString>& labels) const;

private:
    QMap<QString, QStringList> m_values;
};

} // namespace sockerless::api
