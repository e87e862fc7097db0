#include "requestlogmodel.h"

#include "formatting.h"
#include "statecolors.h"

#include <QDateTime>
#include <QGuiApplication>

namespace sockerless::gui {

namespace {

QList<JsonTableModel::Column> columns() {
    return {
        {QObject::tr("Time"),
         [](const QJsonObject& row, int role) -> QVariant {
             const QString time = row.value(QStringLiteral("time")).toString();
             if (role == Qt::ToolTipRole || role == JsonTableModel::SortRole)
                 return time;
             if (role != Qt::DisplayRole)
                 return {};
             const QDateTime parsed = QDateTime::fromString(time, Qt::ISODateWithMs);
             return parsed.isValid() ? parsed.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"))
                                     : time;
         }},
        {QObject::tr("Client"),
         [](const QJsonObject& row, int role) {
             return JsonTableModel::fieldText(row, "client", role);
         }},
        {QObject::tr("Method"),
         [](const QJsonObject& row, int role) {
             return JsonTableModel::fieldText(row, "method", role);
         }},
        {QObject::tr("Route"),
         [](const QJsonObject& row, int role) {
             return JsonTableModel::fieldText(row, "route", role);
         }},
        {QObject::tr("Path"),
         [](const QJsonObject& row, int role) {
             return JsonTableModel::fieldText(row, "path", role);
         }},
        {QObject::tr("Status"),
         [](const QJsonObject& row, int role) -> QVariant {
             const int status = row.value(QStringLiteral("status")).toInt();
             if (role == Qt::ForegroundRole)
                 return StateColors::forHttpStatus(status, QGuiApplication::palette());
             if (role == JsonTableModel::SortRole)
                 return status;
             if (role == Qt::ToolTipRole)
                 return row.value(QStringLiteral("error")).toString();
             if (role == Qt::DisplayRole)
                 return status == 0 ? QStringLiteral("—") : QString::number(status);
             return {};
         }},
        {QObject::tr("Duration"),
         [](const QJsonObject& row, int role) -> QVariant {
             const double ms = row.value(QStringLiteral("durationMs")).toDouble();
             if (role == JsonTableModel::SortRole)
                 return ms;
             if (role == Qt::TextAlignmentRole)
                 return int(Qt::AlignRight | Qt::AlignVCenter);
             if (role == Qt::DisplayRole)
                 return QStringLiteral("%1 ms").arg(ms, 0, 'f', ms < 10 ? 1 : 0);
             return {};
         }},
        {QObject::tr("Bytes in/out"),
         [](const QJsonObject& row, int role) -> QVariant {
             const auto in = qint64(row.value(QStringLiteral("bytesIn")).toDouble());
             const auto out = qint64(row.value(QStringLiteral("bytesOut")).toDouble());
             if (role == JsonTableModel::SortRole)
                 return in + out;
             if (role == Qt::TextAlignmentRole)
                 return int(Qt::AlignRight | Qt::AlignVCenter);
             if (role == Qt::DisplayRole)
                 return QString(Formatting::bytes(in) + QStringLiteral(" / ") +
                                Formatting::bytes(out));
             return {};
         }},
    };
}

} // namespace

RequestLogModel::RequestLogModel(QObject* parent)
    : JsonTableModel(columns(), QStringLiteral("id"), parent) {}

void RequestLogFilter::setStatusClass(int statusClass) {
    m_statusClass = statusClass;
    invalidateRowsFilter();
}

void RequestLogFilter::setText(const QString& text) {
    m_text = text;
    invalidateRowsFilter();
}

bool RequestLogFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QJsonObject row = sourceModel()
                                ->index(sourceRow, 0, sourceParent)
                                .data(JsonTableModel::ObjectRole)
                                .toJsonObject();
    const int status = row.value(QStringLiteral("status")).toInt();
    if (m_statusClass > 0 && status / 100 != m_statusClass)
        return false;
    if (m_statusClass < 0 && status != 0 && status < 400)
        return false;
    if (m_text.isEmpty())
        return true;
    for (const char* field : {"client", "method", "route", "path", "error"})
        if (row.value(QLatin1String(field)).toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    return QString::number(status).startsWith(m_text);
}

} // namespace sockerless::gui
