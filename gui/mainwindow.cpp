#include "mainwindow.h"

#include "client/internalapiclient.h"
#include "connectiondialog.h"
#include "containersview.h"
#include "imagesview.h"
#include "liveupdates.h"
#include "networksview.h"
#include "requestlogview.h"
#include "statecolors.h"
#include "tokenstore.h"
#include "volumesview.h"

#include <QAction>
#include <QCloseEvent>
#include <QJsonObject>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

// The icons live in the static sockerless_gui library: nothing references its resource object, so
// the linker would drop it unless registered explicitly (Q_INIT_RESOURCE, outside any namespace).
static void registerResources() {
    static const bool once = [] {
        Q_INIT_RESOURCE(sockerless_admin);
        return true;
    }();
    Q_UNUSED(once);
}

namespace sockerless::gui {

namespace {
const QString urlKey = QStringLiteral("connection/url");
} // namespace

MainWindow::MainWindow(QWidget* parent, bool restoreConnection)
    : QMainWindow(parent)
    , m_client(new client::InternalApiClient(this))
    , m_monitor(new ConnectionMonitor(m_client, this))
    , m_live(new LiveUpdates(m_client, this)) {
    registerResources();
    setWindowTitle(QStringLiteral("sockerless admin"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/sockerless.svg")));
    m_stack = new QStackedWidget(this);
    auto* welcome = new QWidget(m_stack);
    auto* welcomeLayout = new QVBoxLayout(welcome);
    auto* message = new QLabel(tr("Not connected to a sockerless daemon.\n"
                                  "Use File → Connect… (Ctrl+K) to enter its URL and token."),
                               welcome);
    message->setAlignment(Qt::AlignCenter);
    message->setObjectName(QStringLiteral("notConnectedMessage"));
    welcomeLayout->addWidget(message);
    m_stack->addWidget(welcome);

    m_tabs = new QTabWidget(m_stack);
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setDocumentMode(true);
    m_containers = new ContainersView(m_client, m_tabs);
    m_networks = new NetworksView(m_client, m_tabs);
    m_volumes = new VolumesView(m_client, m_tabs);
    m_images = new ImagesView(m_client, m_tabs);
    m_requests = new RequestLogView(m_client, m_tabs);
    m_tabs->addTab(m_containers, QIcon(QStringLiteral(":/icons/container.svg")), tr("&Containers"));
    m_tabs->addTab(m_images, QIcon(QStringLiteral(":/icons/image.svg")), tr("&Images"));
    m_tabs->addTab(m_networks, QIcon(QStringLiteral(":/icons/network.svg")), tr("&Networks"));
    m_tabs->addTab(m_volumes, QIcon(QStringLiteral(":/icons/volume.svg")), tr("&Volumes"));
    m_tabs->addTab(m_requests, QIcon(QStringLiteral(":/icons/requests.svg")), tr("&Request log"));
    m_stack->addWidget(m_tabs);
    setCentralWidget(m_stack);

    m_status = new QLabel(tr("Disconnected"), this);
    m_status->setObjectName(QStringLiteral("connectionStatus"));
    m_backend = new QLabel(this);
    m_backend->setObjectName(QStringLiteral("backendStatus"));
    m_docker = new QLabel(this);
    m_docker->setObjectName(QStringLiteral("dockerStatus"));
    m_stream = new QLabel(this);
    m_stream->setObjectName(QStringLiteral("eventStreamStatus"));
    statusBar()->addWidget(m_stream);
    statusBar()->addPermanentWidget(m_docker);
    statusBar()->addPermanentWidget(m_backend);
    statusBar()->addPermanentWidget(m_status);

    connect(m_monitor, &ConnectionMonitor::stateChanged, this, &MainWindow::onStateChanged);
    connect(m_monitor, &ConnectionMonitor::infoChanged, this, &MainWindow::onInfoChanged);
    connect(m_live, &LiveUpdates::changed, this, [this](const QString& type) {
        if (type == QLatin1String("container")) {
            m_containers->scheduleRefresh();
            m_images->scheduleRefresh(); // the images in use follow the containers
        } else if (type == QLatin1String("network")) {
            m_networks->scheduleRefresh();
        } else if (type == QLatin1String("volume")) {
            m_volumes->scheduleRefresh();
        } else if (type == QLatin1String("image")) {
            m_images->scheduleRefresh();
        }
    });
    connect(m_live, &LiveUpdates::resyncAll, this, &MainWindow::refreshAll);
    connect(m_live, &LiveUpdates::streamStateChanged, this, [this](bool up) {
        m_stream->setText(up ? tr("Live: event stream up")
                             : tr("Event stream down: polling every few seconds"));
        if (!up)
            m_monitor->checkNow(); // the daemon may be gone: say so now, not at the next poll
    });
    connect(m_images, &ImagesView::imagesChanged, m_containers, &ContainersView::scheduleRefresh);

    buildMenus();
    resize(1180, 760);
    restoreLayout();
    if (restoreConnection) {
        const QUrl url = QSettings().value(urlKey).toUrl();
        if (url.isValid() && !url.isEmpty())
            connectTo(url, TokenStore().load(url.toString()), false);
    }
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* connectAction =
        file->addAction(QIcon(QStringLiteral(":/icons/connect.svg")), tr("&Connect…"), this,
                        &MainWindow::showConnectionDialog);
    connectAction->setShortcut(Qt::CTRL | Qt::Key_K);
    QAction* refresh = file->addAction(QIcon(QStringLiteral(":/icons/refresh.svg")),
                                       tr("&Refresh all"), this, &MainWindow::refreshAll);
    refresh->setShortcut(QKeySequence::Refresh);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_tabs->count(); ++i) {
        QAction* action =
            view->addAction(m_tabs->tabIcon(i), m_tabs->tabText(i).remove(QLatin1Char('&')), this,
                            [this, i] { m_tabs->setCurrentIndex(i); });
        action->setShortcut(
            QKeySequence(QKeyCombination(Qt::ControlModifier, Qt::Key(Qt::Key_1 + i))));
    }
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About"), this, [this] {
        QMessageBox::about(this, tr("About sockerless admin"),
                           tr("sockerless-admin %1\nThe console of a sockerless gateway.")
                               .arg(QStringLiteral(SOCKERLESS_VERSION)));
    });
}

void MainWindow::showConnectionDialog() {
    const QUrl current = m_client->baseUrl();
    ConnectionDialog dialog(current.isEmpty() ? QUrl(QStringLiteral("http://127.0.0.1:2375"))
                                              : current,
                            TokenStore().load(current.toString()), this);
    if (dialog.exec() == QDialog::Accepted)
        connectTo(dialog.url(), dialog.token(), true);
}

void MainWindow::connectTo(const QUrl& url, const QByteArray& token, bool remember) {
    m_client->setBaseUrl(url);
    m_client->setToken(token);
    if (remember) {
        QSettings().setValue(urlKey, m_client->baseUrl());
        QString error;
        if (!TokenStore().save(m_client->baseUrl().toString(), token, &error))
            statusBar()->showMessage(error, 10000);
    }
    setWindowTitle(tr("sockerless admin — %1").arg(m_client->baseUrl().toString()));
    m_containers->reset();
    m_stack->setCurrentWidget(m_tabs);
    m_monitor->start();
    m_live->start();
    m_requests->start();
    refreshAll();
}

QString MainWindow::connectionText() const {
    return m_status->text();
}

void MainWindow::refreshAll() {
    if (m_client->baseUrl().isEmpty())
        return;
    m_containers->scheduleRefresh();
    m_networks->scheduleRefresh();
    m_volumes->scheduleRefresh();
    m_images->scheduleRefresh();
}

void MainWindow::onStateChanged(ConnectionMonitor::State state, const QString& detail) {
    using State = ConnectionMonitor::State;
    const bool idle = state == State::Idle;
    m_status->setText(idle ? tr("Disconnected") : ConnectionMonitor::stateName(state));
    m_status->setToolTip(detail);
    StateColors::Role role = StateColors::Role::Neutral;
    if (state == State::Connected)
        role = StateColors::Role::Good;
    else if (state == State::Degraded || state == State::Connecting)
        role = StateColors::Role::Warning;
    else if (state == State::Disconnected || state == State::Unauthorized)
        role = StateColors::Role::Bad;
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText, StateColors::color(role, this->palette()));
    m_status->setPalette(palette);
    if (state == State::Disconnected) {
        m_status->setText(tr("Disconnected — retrying in %1 s")
                              .arg(double(m_monitor->retryDelayMs()) / 1000.0, 0, 'f', 1));
    }
    if (state == State::Connected)
        refreshAll(); // back after an outage: resync what we show
}

void MainWindow::onInfoChanged(const QJsonObject& info) {
    m_backend->setText(tr("Backend: %1 · sockerlessd %2")
                           .arg(info.value(QStringLiteral("Backend")).toString(),
                                info.value(QStringLiteral("Version")).toString()));
    const QJsonObject docker = info.value(QStringLiteral("Docker")).toObject();
    const QString version = docker.value(QStringLiteral("Version")).toString();
    m_docker->setText(
        version.isEmpty()
            ? QString()
            : tr("Docker %1 (API %2)")
                  .arg(version, info.value(QStringLiteral("DockerApiVersion")).toString()));
}

void MainWindow::saveLayout() const {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/tab"), m_tabs->currentIndex());
    for (const QSplitter* splitter : findChildren<QSplitter*>())
        if (!splitter->objectName().isEmpty())
            settings.setValue(QStringLiteral("splitters/") + splitter->objectName(),
                              splitter->saveState());
}

void MainWindow::restoreLayout() {
    const QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_tabs->setCurrentIndex(settings.value(QStringLiteral("window/tab"), 0).toInt());
    for (QSplitter* splitter : findChildren<QSplitter*>())
        if (!splitter->objectName().isEmpty())
            splitter->restoreState(
                settings.value(QStringLiteral("splitters/") + splitter->objectName())
                    .toByteArray());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveLayout();
    QMainWindow::closeEvent(event);
}

} // namespace sockerless::gui
