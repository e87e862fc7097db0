#pragma once

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <functional>

namespace sockerless::gui {

/// A table of JSON objects (one per row) with columns described by functions; the base of every
/// resource model. setRows() updates in place, keyed by an id, so that selection and scroll
/// position survive the live refreshes.
class JsonTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    /// Role carrying the row's whole JSON object.
    static constexpr int ObjectRole = Qt::UserRole + 1;
    /// Role carrying the value to sort by (numbers for times and sizes).
    static constexpr int SortRole = Qt::UserRole + 2;
    /// Role carrying the row's key.
    static constexpr int KeyRole = Qt::UserRole + 3;

    struct Column {
        QString title;
        /// The value for Qt::DisplayRole, Qt::ForegroundRole, SortRole ... of one row.
        std::function<QVariant(const QJsonObject& row, int role)> value;
    };

    JsonTableModel(QList<Column> columns, QString keyField, QObject* parent = nullptr);

    /// `value` for the display and tooltip roles, nothing for the others: a plain text column.
    static QVariant shown(int role, const QVariant& value);
    /// The string field `name` of `row` as a plain text column.
    static QVariant fieldText(const QJsonObject& row, const char* name, int role);

    /// Replaces the rows: removed keys go, kept keys update, new keys are appended.
    void setRows(const QList<QJsonObject>& rows);
    /// Adds rows at the top (newest first), dropping the oldest beyond `cap`.
    void prependRows(const QList<QJsonObject>& rows, int cap);
    void clear();
    QJsonObject rowObject(int row) const { return m_rows.value(row); }
    QString rowKey(int row) const;
    int rowOfKey(const QString& key) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<Column> m_columns;
    QString m_keyField;
    QList<QJsonObject> m_rows;
};

} // namespace sockerless::gui
