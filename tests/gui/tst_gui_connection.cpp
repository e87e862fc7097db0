// The connection: the status bar says "Disconnected" when the daemon stops and clears when it
// returns on the same port; the token is stored in a file only the user can read, never in the
// settings.
#include "connectionmonitor.h"
#include "containersmodel.h"
#include "containersview.h"
#include "guitestsupport.h"
#include "tokenstore.h"

#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

using sockerless::gui::ConnectionMonitor;
using sockerless::test::GuiCase;

class TstGuiConnection : public QObject {
    Q_OBJECT

private slots:
    void disconnectedStateAppearsAndClears();
    void tokenGoesToAPrivateFileNotTheSettings();
    void statusBarShowsBackendAndDockerVersion();

private:
    GuiCase m_case;
};

void TstGuiConnection::disconnectedStateAppearsAndClears() {
    SOCKERLESS_REQUIRE_DOCKER();
    QString error;
    QVERIFY2(m_case.start(&error), qPrintable(error));
    auto& window = m_case.window();
    auto* status = window.findChild<QLabel*>(QStringLiteral("connectionStatus"));
    QVERIFY(status);
    QCOMPARE(status->text(), QStringLiteral("Connected"));
    const int port = m_case.api().daemon().baseUrl().port();

    QCOMPARE(m_case.api().daemon().terminate(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(window.monitor()->state(), ConnectionMonitor::State::Disconnected,
                              10000);
    QVERIFY(status->text().startsWith(QStringLiteral("Disconnected")));

    // The same port again: the console finds it by itself (back-off capped at a few seconds).
    auto& daemon = m_case.api().daemon();
    QVERIFY2(daemon.start(daemon.defaultArguments() +
                              QStringList{QStringLiteral("--listen"),
                                          QStringLiteral("127.0.0.1:%1").arg(port)},
                          &error),
             qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(window.monitor()->state(), ConnectionMonitor::State::Connected,
                              20000);
    QCOMPARE(status->text(), QStringLiteral("Connected"));
    // And the views resync: a container made meanwhile shows up.
    const QString id = m_case.api().createContainer({QStringLiteral("true")});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.api().lastError()));
    QTRY_VERIFY_WITH_TIMEOUT(window.containersView()->model()->rowOfKey(id) >= 0, 15000);
    m_case.finish();
}

void TstGuiConnection::tokenGoesToAPrivateFileNotTheSettings() {
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const sockerless::gui::TokenStore store(directory.path());
    const QString url = QStringLiteral("http://127.0.0.1:1");
    const QByteArray secret = "s3cret-token-value";
    QString error;
    QVERIFY2(store.save(url, secret, &error), qPrintable(error));
    QCOMPARE(store.load(url), secret);
    const QFileInfo info(store.filePath(url));
    QVERIFY(info.exists());
    QCOMPARE(info.permissions() & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther |
                                   QFile::WriteOther | QFile::ExeGroup | QFile::ExeOther),
             QFile::Permissions());
    QVERIFY(info.permissions().testFlag(QFile::ReadOwner));
    // Another daemon has its own token; forgetting removes the file.
    QCOMPARE(store.load(QStringLiteral("http://127.0.0.1:2")), QByteArray());
    QVERIFY(store.save(url, {}));
    QVERIFY(!QFile::exists(store.filePath(url)));

    // Through the window: the URL is remembered in the settings, the token is not.
    {
        sockerless::gui::MainWindow window(nullptr, false);
        window.connectTo(QUrl(url), secret, true);
    }
    QSettings settings;
    settings.sync();
    QCOMPARE(settings.value(QStringLiteral("connection/url")).toUrl(), QUrl(url));
    QFile file(settings.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains(secret));
    QCOMPARE(sockerless::gui::TokenStore().load(url), secret);
    QVERIFY(sockerless::gui::TokenStore().save(url, {}));
}

void TstGuiConnection::statusBarShowsBackendAndDockerVersion() {
    SOCKERLESS_REQUIRE_DOCKER();
    QString error;
    QVERIFY2(m_case.start(&error), qPrintable(error));
    auto* backend = m_case.window().findChild<QLabel*>(QStringLiteral("backendStatus"));
    auto* docker = m_case.window().findChild<QLabel*>(QStringLiteral("dockerStatus"));
    QVERIFY(backend && docker);
    QTRY_VERIFY_WITH_TIMEOUT(backend->text().contains(QStringLiteral("docker")), 10000);
    const QString version = m_case.api()
                                .docker("GET", QStringLiteral("/version"))
                                .json()
                                .value(QStringLiteral("Version"))
                                .toString();
    QVERIFY(!version.isEmpty());
    QVERIFY2(docker->text().contains(version), qPrintable(docker->text()));
    m_case.finish();
}

QTEST_MAIN(TstGuiConnection)
#include "tst_gui_connection.moc"
