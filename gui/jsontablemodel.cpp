#include "jsontablemodel.h"

#include <QHash>
#include <QSet>
#include <utility>

namespace sockerless::gui {

QVariant JsonTableModel::shown(int role, const QVariant& value) {
    return role == Qt::DisplayRole || role == Qt::ToolTipRole ? value : QVariant();
}

QVariant JsonTableModel::fieldText(const QJsonObject& row, const char* name, int role) {
    return shown(role, row.value(QLatin1String(name)).toString());
}

JsonTableModel::JsonTableModel(QList<Column> columns, QString keyField, QObject* parent)
    : QAbstractTableModel(parent)
    , m_columns(std::move(columns))
    , m_keyField(std::move(keyField)) {}

QString JsonTableModel::rowKey(int row) const {
    return m_rows.value(row).value(m_keyField).toVariant().toString();
}

int JsonTableModel::rowOfKey(const QString& key) const {
    for (int row = 0; row < m_rows.size(); ++row)
        if (rowKey(row) == key)
            return row;
    return -1;
}

void JsonTableModel::setRows(const QList<QJsonObject>& rows) {
    QHash<QString, QJsonObject> incoming;
    QStringList order;
    for (const QJsonObject& row : rows) {
        const QString key = row.value(m_keyField).toVariant().toString();
        if (!incoming.contains(key))
            order.append(key);
        incoming.insert(key, row);
    }
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (incoming.contains(rowKey(row)))
            continue;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    }
    QSet<QString> present;
    for (int row = 0; row < m_rows.size(); ++row) {
        const QString key = rowKey(row);
        present.insert(key);
        const QJsonObject& fresh = incoming[key];
        if (fresh != m_rows[row]) {
            m_rows[row] = fresh;
            emit dataChanged(index(row, 0), index(row, int(m_columns.size()) - 1));
        }
    }
    QList<QJsonObject> added;
    for (const QString& key : order)
        if (!present.contains(key))
            added.append(incoming[key]);
    if (added.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size()) - 1);
    m_rows.append(added);
    endInsertRows();
}

void JsonTableModel::prependRows(const QList<QJsonObject>& rows, int cap) {
    if (rows.isEmpty())
        return;
    beginInsertRows({}, 0, int(rows.size()) - 1);
    for (const QJsonObject& row : rows)
        m_rows.prepend(row);
    endInsertRows();
    if (m_rows.size() > cap) {
        beginRemoveRows({}, cap, int(m_rows.size()) - 1);
        m_rows.resize(cap);
        endRemoveRows();
    }
}

void JsonTableModel::clear() {
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int JsonTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int JsonTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant JsonTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= m_columns.size())
        return {};
    const QJsonObject& row = m_rows[index.row()];
    if (role == ObjectRole)
        return row;
    if (role == KeyRole)
        return rowKey(index.row());
    if (role == SortRole) {
        const QVariant sortValue = m_columns[index.column()].value(row, SortRole);
        return sortValue.isValid() ? sortValue
                                   : m_columns[index.column()].value(row, Qt::DisplayRole);
    }
    return m_columns[index.column()].value(row, role);
}

QVariant JsonTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section < m_columns.size())
        return m_columns[section].title;
    return {};
}

} // namespace sockerless::gui
