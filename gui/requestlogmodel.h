#pragma once

#include "jsontablemodel.h"

#include <QSortFilterProxyModel>

namespace sockerless::gui {

/// The request log table: time, client, method, route, path, status (coloured by class),
/// duration, bytes; one row per request-log record (API.md "A request-log record"), newest first.
class RequestLogModel : public JsonTableModel {
    Q_OBJECT
public:
    enum ColumnIndex { Time, Client, Method, Route, Path, Status, Duration, Bytes };
    explicit RequestLogModel(QObject* parent = nullptr);
};

/// Filters the request log by free text (client, method, route, path, error) and status class.
class RequestLogFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    /// 0: all; 2..5: that class only; -1: failures only (4xx, 5xx and no answer).
    void setStatusClass(int statusClass);
    void setText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    int m_statusClass = 0;
    QString m_text;
};

} // namespace sockerless::gui
