// sockerless-admin: the Qt Widgets console for a sockerless daemon.

#include "mainwindow.h"

#include <QApplication>

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("sockerless-admin"));
    QApplication::setOrganizationName(QStringLiteral("sockerless"));
    QApplication::setApplicationVersion(QStringLiteral(SOCKERLESS_VERSION));
    sockerless::gui::MainWindow window;
    window.show();
    return QApplication::exec();
}
