#pragma once

#include <QJsonObject>
#include <QStringList>
#include <QTimer>
#include <QWidget>
#include <functional>

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;
class QTabWidget;

namespace sockerless::client {
class InternalApiClient;
}

namespace sockerless::gui {

class ContainersModel;
class ExecConsole;
class JsonTreeView;
class LogView;

/// The containers tab: a sortable, filterable table with multi-select actions (start, stop,
/// kill, remove with confirmation, force) and a detail pane (inspect tree, logs, exec console).
class ContainersView : public QWidget {
    Q_OBJECT
public:
    /// Asked before removing; returns true to go ahead. The default asks with a message box.
    using Confirmer = std::function<bool(const QStringList& names, bool force)>;

    explicit ContainersView(client::InternalApiClient* client, QWidget* parent = nullptr);

    /// Re-fetches the list now.
    void refresh();
    /// Re-fetches soon, coalescing a burst of events into one call.
    void scheduleRefresh();
    /// Forgets everything shown (another daemon).
    void reset();

    ContainersModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    LogView* logView() const { return m_logs; }
    ExecConsole* execConsole() const { return m_exec; }
    QTabWidget* detailTabs() const { return m_details; }
    QSplitter* splitter() const { return m_splitter; }
    /// Selects the rows of `ids` (full ids); false when one is not in the table.
    bool selectContainers(const QStringList& ids);
    QStringList selectedIds() const;

    void startSelected();
    void stopSelected();
    void killSelected();
    void removeSelected();
    void setForce(bool force);
    void setConfirmer(Confirmer confirmer) { m_confirm = std::move(confirmer); }
    /// The last action error shown, empty when the last actions succeeded.
    QString lastError() const { return m_lastError; }

signals:
    /// A list fetch completed (ok or not).
    void refreshed(bool ok);
    /// All calls of one action finished.
    void actionFinished(const QString& action, bool ok);

private:
    void act(const QString& action, const QByteArray& method, const QString& suffix);
    void onSelectionChanged();
    void loadDetails(const QString& id);
    void showMessage(const QString& text, bool error);

    client::InternalApiClient* m_client = nullptr;
    ContainersModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_table = nullptr;
    QLineEdit* m_filter = nullptr;
    QCheckBox* m_force = nullptr;
    QLabel* m_message = nullptr;
    QSplitter* m_splitter = nullptr;
    QTabWidget* m_details = nullptr;
    JsonTreeView* m_inspect = nullptr;
    LogView* m_logs = nullptr;
    ExecConsole* m_exec = nullptr;
    QTimer m_debounce;
    QString m_detailId;
    QString m_lastError;
    Confirmer m_confirm;
    bool m_fetching = false;
    bool m_fetchAgain = false;
};

} // namespace sockerless::gui
