#include "containersmodel.h"

#include "formatting.h"
#include "statecolors.h"

#include <QGuiApplication>
#include <QJsonArray>

namespace sockerless::gui {

namespace {

QList<JsonTableModel::Column> columns() {
    return {
        {QObject::tr("Name"),
         [](const QJsonObject& row, int role) -> QVariant {
             if (role != Qt::DisplayRole)
                 return {};
             return Formatting::containerName(row.value(QStringLiteral("Names")).toArray());
         }},
        {QObject::tr("ID"),
         [](const QJsonObject& row, int role) -> QVariant {
             if (role == Qt::ToolTipRole)
                 return row.value(QStringLiteral("Id")).toString();
             if (role != Qt::DisplayRole)
                 return {};
             return Formatting::shortId(row.value(QStringLiteral("Id")).toString());
         }},
        {QObject::tr("Image"),
         [](const QJsonObject& row, int role) {
             return JsonTableModel::fieldText(row, "Image", role);
         }},
        {QObject::tr("State"),
         [](const QJsonObject& row, int role) -> QVariant {
             const QString state = row.value(QStringLiteral("State")).toString();
             if (role == Qt::ForegroundRole)
                 return StateColors::forContainerState(state, QGuiApplication::palette());
             if (role == Qt::DisplayRole)
                 return state;
             return {};
         }},
        {QObject::tr("Status"),
         [](const QJsonObject& row, int role) {
             return JsonTableModel::fieldText(row, "Status", role);
         }},
        {QObject::tr("Created"),
         [](const QJsonObject& row, int role) -> QVariant {
             const auto created = qint64(row.value(QStringLiteral("Created")).toDouble());
             if (role == JsonTableModel::SortRole)
                 return created;
             if (role == Qt::DisplayRole)
                 return Formatting::unixTime(created);
             return {};
         }},
        {QObject::tr("Ports"),
         [](const QJsonObject& row, int role) -> QVariant {
             if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
                 return {};
             return Formatting::ports(row.value(QStringLiteral("Ports")).toArray());
         }},
    };
}

} // namespace

ContainersModel::ContainersModel(QObject* parent)
    : JsonTableModel(columns(), QStringLiteral("Id"), parent) {}

} // namespace sockerless::gui
