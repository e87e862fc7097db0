#include "volumesmodel.h"

#include "formatting.h"

namespace sockerless::gui {

namespace {

QList<JsonTableModel::Column> columns() {
    return {
        {QObject::tr("Name"),
         [](const QJsonObject& row, int role) {
             return JsonTableModel::fieldText(row, "Name", role);
         }},
        {QObject::tr("Driver"),
         [](const QJsonObject& row, int role) {
             return JsonTableModel::fieldText(row, "Driver", role);
         }},
        {QObject::tr("Created"),
         [](const QJsonObject& row, int role) -> QVariant {
             const QString created = row.value(QStringLiteral("CreatedAt")).toString();
             if (role == JsonTableModel::SortRole)
                 return created;
             return role == Qt::DisplayRole ? QVariant(Formatting::isoTime(created)) : QVariant();
         }},
        {QObject::tr("Scope"),
         [](const QJsonObject& row, int role) {
             return JsonTableModel::fieldText(row, "Scope", role);
         }},
        {QObject::tr("Labels"),
         [](const QJsonObject& row, int role) -> QVariant {
             if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
                 return {};
             QStringList labels;
             const QJsonObject object = row.value(QStringLiteral("Labels")).toObject();
             for (auto it = object.begin(); it != object.end(); ++it)
                 labels.append(it.key() + QLatin1Char('=') + it.value().toString());
             return labels.join(QStringLiteral(", "));
         }},
        {QObject::tr("Mount point"),
         [](const QJsonObject& row, int role) {
             return JsonTableModel::fieldText(row, "Mountpoint", role);
         }},
    };
}

} // namespace

VolumesModel::VolumesModel(QObject* parent)
    : JsonTableModel(columns(), QStringLiteral("Name"), parent) {}

} // namespace sockerless::gui
