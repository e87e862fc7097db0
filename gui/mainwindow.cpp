#include "mainwindow.h"

#include <QLabel>
#include <QStatusBar>
#include <QVBoxLayout>

namespace sockerless::gui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent) {
    setWindowTitle(QStringLiteral("sockerless admin"));
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    auto* message = new QLabel(
        tr("Not connected to a sockerless daemon yet.\n"
           "Start one with sockerlessd; connecting from this console comes in a later version."),
        central);
    message->setAlignment(Qt::AlignCenter);
    message->setObjectName(QStringLiteral("notConnectedMessage"));
    layout->addWidget(message);
    setCentralWidget(central);
    m_status = new QLabel(tr("Disconnected"), this);
    m_status->setObjectName(QStringLiteral("connectionStatus"));
    statusBar()->addPermanentWidget(m_status);
    resize(900, 560);
}

} // namespace sockerless::gui
