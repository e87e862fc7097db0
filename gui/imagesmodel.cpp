#include "imagesmodel.h"

#include "formatting.h"

#include <QJsonArray>
#include <algorithm>

namespace sockerless::gui {

namespace {

QList<JsonTableModel::Column> columns() {
    return {
        {QObject::tr("Tags"),
         [](const QJsonObject& row, int role) -> QVariant {
             QStringList tags;
             for (const auto& tag : row.value(QStringLiteral("RepoTags")).toArray())
                 tags.append(tag.toString());
             if (tags.isEmpty())
                 return JsonTableModel::shown(role, QObject::tr("<none>"));
             if (role == Qt::ToolTipRole)
                 return tags.join(QLatin1Char('\n'));
             // One tag per row, the shortest, keeps the column narrow; the tooltip lists them all.
             std::stable_sort(tags.begin(), tags.end(), [](const QString& a, const QString& b) {
                 return a.size() < b.size();
             });
             return JsonTableModel::shown(
                 role, tags.size() == 1
                           ? tags.first()
                           : QObject::tr("%1 (+%2)").arg(tags.first()).arg(tags.size() - 1));
         }},
        {QObject::tr("ID"),
         [](const QJsonObject& row, int role) {
             return JsonTableModel::shown(
                 role, Formatting::shortId(row.value(QStringLiteral("Id")).toString()));
         }},
        {QObject::tr("Size"),
         [](const QJsonObject& row, int role) -> QVariant {
             const auto size = qint64(row.value(QStringLiteral("Size")).toDouble());
             if (role == JsonTableModel::SortRole)
                 return size;
             if (role == Qt::TextAlignmentRole)
                 return int(Qt::AlignRight | Qt::AlignVCenter);
             return JsonTableModel::shown(role, Formatting::bytes(size));
         }},
        {QObject::tr("Created"),
         [](const QJsonObject& row, int role) -> QVariant {
             const QString created = row.value(QStringLiteral("Created")).toString();
             if (role == JsonTableModel::SortRole)
                 return created;
             return JsonTableModel::shown(role, Formatting::isoTime(created));
         }},
        {QObject::tr("Platform"),
         [](const QJsonObject& row, int role) {
             return JsonTableModel::shown(
                 role, QString(row.value(QStringLiteral("Os")).toString() + QLatin1Char('/') +
                               row.value(QStringLiteral("Architecture")).toString()));
         }},
        {QObject::tr("Used by"),
         [](const QJsonObject& row, int role) -> QVariant {
             const int count = row.value(QStringLiteral("_UsedBy")).toInt();
             if (role == JsonTableModel::SortRole)
                 return count;
             return JsonTableModel::shown(role, QObject::tr("%n container(s)", nullptr, count));
         }},
    };
}

} // namespace

ImagesModel::ImagesModel(QObject* parent)
    : JsonTableModel(columns(), QStringLiteral("Id"), parent) {}

} // namespace sockerless::gui
