#pragma once

#include "client/apiresult.h"

#include <QTimer>
#include <QWidget>

class QHBoxLayout;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;
class QToolButton;

namespace sockerless::client {
class InternalApiClient;
}

namespace sockerless::gui {

class JsonTableModel;
class JsonTreeView;

/// What the networks, volumes and images tabs share: a filterable, sortable table fed by one
/// list call, a detail pane showing the selected object's inspect answer as a searchable tree, a
/// toolbar for the resource's actions and a line for the last error. Subclasses say which calls.
class ResourceView : public QWidget {
    Q_OBJECT
public:
    /// `listPath` feeds the table; `itemPath` + the row key (encoded) gives the detail object.
    ResourceView(client::InternalApiClient* client, JsonTableModel* model, QString listPath,
                 QString itemPath, const QString& name, QWidget* parent = nullptr);

    /// Re-fetches now / soon (a burst of events makes one call).
    virtual void refresh();
    void scheduleRefresh();
    JsonTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    JsonTreeView* detail() const { return m_detail; }
    QStringList selectedKeys() const;
    /// Selects the row with `key`; false when absent.
    bool selectKey(const QString& key);
    QString lastError() const { return m_lastError; }

signals:
    void refreshed(bool ok);
    /// An action (create, remove, prune, tag ...) finished.
    void actionFinished(bool ok);

protected:
    /// The rows of a list answer (default: the answer is an array of objects).
    virtual QList<QJsonObject> rowsFrom(const client::ApiResult& result) const;
    QToolButton* addAction(const QString& text, const QString& icon, const QKeySequence& shortcut);
    /// Reports the outcome of an action: the error line, a refresh, actionFinished.
    void finishAction(const client::ApiResult& result, const QString& what);
    void showError(const QString& text);
    void setColumnWidths(const QList<int>& widths);
    client::InternalApiClient* m_client = nullptr;

private:
    void showDetail();

    JsonTableModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QString m_listPath;
    QString m_itemPath;
    QHBoxLayout* m_bar = nullptr;
    QLineEdit* m_filter = nullptr;
    QLabel* m_error = nullptr;
    QSplitter* m_splitter = nullptr;
    QTableView* m_table = nullptr;
    JsonTreeView* m_detail = nullptr;
    QTimer m_debounce;
    QString m_lastError;
    QString m_detailKey;
};

} // namespace sockerless::gui
