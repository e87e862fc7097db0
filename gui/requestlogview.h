#pragma once

#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSplitter;
class QStackedWidget;
class QTableView;
class QToolButton;
class QWebSocket;

namespace sockerless::client {
class InternalApiClient;
}

namespace sockerless::gui {

class JsonTreeView;
class RequestChart;
class RequestLogFilter;
class RequestLogModel;

/// Every call going through the gateway, live: the newest page from `GET /internal/v1/requests`,
/// then `WS /internal/v1/requests/stream`. Filter by text and status class, pause, a detail pane
/// with the upstream Docker calls, and a chart of rate and latency. A daemon without the API
/// (404) gets a plain "this daemon has no request log".
class RequestLogView : public QWidget {
    Q_OBJECT
public:
    explicit RequestLogView(client::InternalApiClient* client, QWidget* parent = nullptr);
    /// Detaches the stream first: its `disconnected` must not reach a half-destroyed view.
    ~RequestLogView() override;

    /// (Re)loads the first page and subscribes to the stream.
    void start();
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    /// False when the daemon has no request log (or it could not be read): see unavailableText().
    bool isAvailable() const { return m_available; }
    QString unavailableText() const;
    bool streamUp() const;
    RequestLogModel* model() const { return m_model; }
    /// The paths of the records received but not shown yet (paused, or before the next batch).
    QStringList pendingPaths() const;
    QTableView* table() const { return m_table; }
    RequestLogFilter* filter() const { return m_filter; }
    /// Records kept at most.
    static constexpr int maxRecords = 5000;

signals:
    /// The first page was loaded (or found missing).
    void loaded(bool available);

private:
    void openStream();
    void flushPending();
    void addRecords(const QList<QJsonObject>& newestFirst);
    void setUnavailable(const QString& text);
    void showDetail();

    client::InternalApiClient* m_client = nullptr;
    RequestLogModel* m_model = nullptr;
    RequestLogFilter* m_filter = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_unavailable = nullptr;
    QTableView* m_table = nullptr;
    JsonTreeView* m_detail = nullptr;
    RequestChart* m_chart = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_statusClass = nullptr;
    QToolButton* m_pause = nullptr;
    QLabel* m_state = nullptr;
    QPointer<QWebSocket> m_socket;
    QTimer m_flush;
    QTimer m_reopen;
    QList<QJsonObject> m_pending; // arrived, not yet shown (oldest first)
    quint64 m_generation = 0;
    bool m_available = false;
    bool m_paused = false;
};

} // namespace sockerless::gui
