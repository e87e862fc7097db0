#pragma once

#include "connectionmonitor.h"

#include <QMainWindow>
#include <QUrl>

class QLabel;
class QStackedWidget;
class QTabWidget;

namespace sockerless::client {
class InternalApiClient;
}

namespace sockerless::gui {

class ContainersView;
class ImagesView;
class LiveUpdates;
class NetworksView;
class RequestLogView;
class VolumesView;

/// The console's main window: one tab per resource plus the live request log, a status bar with
/// the daemon's health, backend and Docker version (and a plain "Disconnected" when it does not
/// answer), and the connection settings. Window geometry, splitters and the last daemon URL are
/// remembered (QSettings); the token is kept by TokenStore, never in the settings.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// `restoreConnection`: connect to the remembered daemon at once.
    explicit MainWindow(QWidget* parent = nullptr, bool restoreConnection = true);
    ~MainWindow() override;

    /// Connects to `url` with `token` (empty: none); `remember` stores both for the next start.
    void connectTo(const QUrl& url, const QByteArray& token, bool remember = true);

    client::InternalApiClient* client() const { return m_client; }
    ConnectionMonitor* monitor() const { return m_monitor; }
    LiveUpdates* liveUpdates() const { return m_live; }
    QTabWidget* tabs() const { return m_tabs; }
    ContainersView* containersView() const { return m_containers; }
    RequestLogView* requestLogView() const { return m_requests; }
    NetworksView* networksView() const { return m_networks; }
    VolumesView* volumesView() const { return m_volumes; }
    ImagesView* imagesView() const { return m_images; }
    /// The status bar's connection text ("Connected", "Disconnected" ...).
    QString connectionText() const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void showConnectionDialog();
    void onStateChanged(ConnectionMonitor::State state, const QString& detail);
    void onInfoChanged(const QJsonObject& info);
    void refreshAll();
    void saveLayout() const;
    void restoreLayout();

    client::InternalApiClient* m_client = nullptr;
    ConnectionMonitor* m_monitor = nullptr;
    LiveUpdates* m_live = nullptr;
    QStackedWidget* m_stack = nullptr;
    QTabWidget* m_tabs = nullptr;
    ContainersView* m_containers = nullptr;
    NetworksView* m_networks = nullptr;
    VolumesView* m_volumes = nullptr;
    ImagesView* m_images = nullptr;
    RequestLogView* m_requests = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_backend = nullptr;
    QLabel* m_docker = nullptr;
    QLabel* m_stream = nullptr;
};

} // namespace sockerless::gui
