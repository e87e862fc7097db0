#include "mainwindow.h"

#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

class TstGuiMainWindow : public QObject {
    Q_OBJECT

private slots:
    void opensAndSaysItIsNotConnected();
};

void TstGuiMainWindow::opensAndSaysItIsNotConnected() {
    QStandardPaths::setTestModeEnabled(true); // no daemon remembered from the user's settings
    QSettings().remove(QStringLiteral("connection/url"));
    sockerless::gui::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* status = window.findChild<QLabel*>(QStringLiteral("connectionStatus"));
    QVERIFY(status);
    QCOMPARE(status->text(), QStringLiteral("Disconnected"));
    auto* message = window.findChild<QLabel*>(QStringLiteral("notConnectedMessage"));
    QVERIFY(message && message->isVisible());
    QVERIFY(message->text().contains(QStringLiteral("Not connected")));
    QVERIFY(!window.grab().isNull());
}

QTEST_MAIN(TstGuiMainWindow)
#include "tst_gui_mainwindow.moc"
