#include "networksmodel.h"

#include "formatting.h"

#include <QJsonArray>

namespace sockerless::gui {

namespace {

QList<JsonTableModel::Column> columns() {
    return {
        {QObject::tr("Name"),
         [](const QJsonObject& row, int role) {
             return JsonTableModel::shown(role, row.value(QStringLiteral("Name")).toString());
         }},
        {QObject::tr("ID"),
         [](const QJsonObject& row, int role) {
             return JsonTableModel::shown(
                 role, Formatting::shortId(row.value(QStringLiteral("Id")).toString()));
         }},
        {QObject::tr("Driver"),
         [](const QJsonObject& row, int role) {
             return JsonTableModel::shown(role, row.value(QStringLiteral("Driver")).toString());
         }},
        {QObject::tr("Scope"),
         [](const QJsonObject& row, int role) {
             return JsonTableModel::shown(role, row.value(QStringLiteral("Scope")).toString());
         }},
        {QObject::tr("Subnet"),
         [](const QJsonObject& row, int role) {
             QStringList subnets;
             const QJsonArray config = row.value(QStringLiteral("IPAM"))
                                           .toObject()
                                           .value(QStringLiteral("Config"))
                                           .toArray();
             for (const auto& entry : config)
                 subnets.append(entry.toObject().value(QStringLiteral("Subnet")).toString());
             return JsonTableModel::shown(role, subnets.join(QStringLiteral(", ")));
         }},
        {QObject::tr("Containers"),
         [](const QJsonObject& row, int role) -> QVariant {
             const auto count = row.value(QStringLiteral("Containers")).toObject().size();
             if (role == JsonTableModel::SortRole)
                 return qint64(count);
             return JsonTableModel::shown(role, QString::number(count));
         }},
        {QObject::tr("Internal"),
         [](const QJsonObject& row, int role) {
             return JsonTableModel::shown(role, row.value(QStringLiteral("Internal")).toBool()
                                                    ? QObject::tr("yes")
                                                    : QObject::tr("no"));
         }},
    };
}

} // namespace

NetworksModel::NetworksModel(QObject* parent)
    : JsonTableModel(columns(), QStringLiteral("Id"), parent) {}

} // namespace sockerless::gui
