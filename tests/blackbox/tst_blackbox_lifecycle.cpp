// Start-up, options, listeners and shutdown of the real sockerlessd process.

#include "daemonprocess.h"
#include "testenv.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <csignal>
#include <sys/stat.h>

using sockerless::test::DaemonProcess;
using sockerless::test::TestEnv;

class TstBlackboxLifecycle : public QObject {
    Q_OBJECT

private slots:
    void versionFlagPrintsVersion();
    void helpNamesEveryOptionAndItsVariable();
    void invalidOptionExitsWithUsage();
    void unreachableDockerStartsDegradedWithClearWarning();
    void optionsComeFromTheEnvironment();
    void sigtermWhenIdleExitsZero();
    void sigintExitsZero();
    void sigtermClosesOpenWebSocketWith1001();
    void unixSocketListenerServesWithMode0660();
    void openFileLimitIsRaisedToTheHardLimit();

private:
    // Starts the daemon, waits (bounded) for its `listening` line or its exit, stops it with
    // SIGTERM and returns everything it wrote; `exitCode` as for runToEnd().
    static QByteArray runUntilListening(
        const QStringList& arguments, int* exitCode,
        const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment());
    static QByteArray
    runToEnd(const QStringList& arguments, int* exitCode,
             const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment());
};

QByteArray TstBlackboxLifecycle::runToEnd(const QStringList& arguments, int* exitCode,
                                          const QProcessEnvironment& environment) {
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(DaemonProcess::binaryPath(), arguments);
    if (!process.waitForFinished(15000)) {
        process.kill();
        process.waitForFinished();
        *exitCode = -1;
    } else {
        *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }
    return process.readAllStandardOutput() + process.readAllStandardError();
}

QByteArray TstBlackboxLifecycle::runUntilListening(const QStringList& arguments, int* exitCode,
                                                   const QProcessEnvironment& environment) {
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(DaemonProcess::binaryPath(), arguments);
    QByteArray out;
    const bool listening = QTest::qWaitFor(
        [&] {
            out += process.readAllStandardOutput() + process.readAllStandardError();
            return out.contains("listening") || process.state() == QProcess::NotRunning;
        },
        15000);
    if (listening && process.state() == QProcess::Running)
        ::kill(static_cast<pid_t>(process.processId()), SIGTERM);
    if (!process.waitForFinished(10000)) {
        process.kill();
        process.waitForFinished();
        *exitCode = -1;
    } else {
        *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }
    return out + process.readAllStandardOutput() + process.readAllStandardError();
}

void TstBlackboxLifecycle::versionFlagPrintsVersion() {
    int code = 0;
    const QByteArray out = runToEnd({QStringLiteral("--version")}, &code);
    QCOMPARE(code, 0);
    QCOMPARE(out.trimmed(), QByteArray("sockerlessd " SOCKERLESS_VERSION));
}

void TstBlackboxLifecycle::helpNamesEveryOptionAndItsVariable() {
    int code = 0;
    const QByteArray out = runToEnd({QStringLiteral("--help")}, &code);
    QCOMPARE(code, 0);
    for (const char* option :
         {"--listen", "--backend", "--docker-host", "--log-format", "--log-level", "--version",
          "--help", "SOCKERLESS_LISTEN", "SOCKERLESS_BACKEND", "SOCKERLESS_DOCKER_HOST",
          "SOCKERLESS_LOG_FORMAT", "SOCKERLESS_LOG_LEVEL"})
        QVERIFY2(out.contains(option), option);
}

void TstBlackboxLifecycle::invalidOptionExitsWithUsage() {
    int code = 0;
    QByteArray out = runToEnd({QStringLiteral("--backend"), QStringLiteral("podman")}, &code);
    QCOMPARE(code, 2);
    QVERIFY2(out.contains("--backend must be docker, memory or auto"), out.constData());
    out = runToEnd({QStringLiteral("--no-such-option")}, &code);
    QCOMPARE(code, 2);
    QVERIFY2(out.contains("no-such-option"), out.constData());
}

void TstBlackboxLifecycle::unreachableDockerStartsDegradedWithClearWarning() {
    QTemporaryDir dir;
    const QString missing = QStringLiteral("unix://") + dir.filePath(QStringLiteral("docker.sock"));
    int code = 0;
    // --backend docker serves anyway (503s until Docker answers: tst_blackbox_recovery), and
    // says why; it still stops cleanly.
    const QByteArray out = runUntilListening(
        {QStringLiteral("--backend"), QStringLiteral("docker"), QStringLiteral("--docker-host"),
         missing, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")},
        &code);
    QCOMPARE(code, 0);
    QVERIFY2(out.contains("listening"), out.constData());
    QVERIFY2(out.contains((QStringLiteral("no Docker answers at ") + missing).toUtf8()),
             out.constData());

    // auto falls back to the memory backend instead, and says so loudly.
    DaemonProcess fallback;
    QString error;
    QVERIFY2(fallback.start({QStringLiteral("--docker-host"), missing,
                             QStringLiteral("--log-format"), QStringLiteral("json")},
                            &error),
             qPrintable(error));
    QCOMPARE(fallback.get(QStringLiteral("/internal/v1/healthz"))
                 .json()
                 .object()
                 .value(QStringLiteral("backend"))
                 .toString(),
             QStringLiteral("memory"));
    QVERIFY2(fallback.log().contains("memory backend"), fallback.log().constData());
    QCOMPARE(fallback.terminate(5000), 0);

    const QByteArray badUrl =
        runToEnd({QStringLiteral("--docker-host"), QStringLiteral("ftp://x")}, &code);
    QCOMPARE(code, 1);
    QVERIFY2(badUrl.contains("--docker-host"), badUrl.constData());
}

void TstBlackboxLifecycle::optionsComeFromTheEnvironment() {
    QTemporaryDir dir;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("SOCKERLESS_LOG_FORMAT"), QStringLiteral("json"));
    environment.insert(QStringLiteral("SOCKERLESS_BACKEND"), QStringLiteral("docker"));
    environment.insert(QStringLiteral("SOCKERLESS_DOCKER_HOST"),
                       QStringLiteral("unix://") + dir.filePath(QStringLiteral("none.sock")));
    int code = 0;
    const QByteArray out = runUntilListening(
        {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")}, &code, environment);
    QCOMPARE(code, 0);
    // JSON lines, and the Docker backend's warning (auto would serve the memory backend) naming
    // the environment's Docker host.
    bool warned = false;
    for (const QByteArray& text : out.trimmed().split('\n')) {
        const QJsonObject line = QJsonDocument::fromJson(text).object();
        QVERIFY2(!line.isEmpty(), text.constData());
        warned =
            warned ||
            (line.value(QStringLiteral("level")).toString() == QLatin1String("warn") &&
             line.value(QStringLiteral("msg"))
                 .toString()
                 .contains(QStringLiteral("serving the Docker backend")) &&
             line.value(QStringLiteral("reason")).toString().contains(QStringLiteral("none.sock")));
    }
    QVERIFY2(warned, out.constData());

    // The command line wins over the environment.
    const QByteArray textOut =
        runUntilListening({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                           QStringLiteral("--log-format"), QStringLiteral("text")},
                          &code, environment);
    QCOMPARE(code, 0);
    QVERIFY2(!textOut.trimmed().isEmpty() && !textOut.trimmed().startsWith('{'),
             textOut.constData());
}

void TstBlackboxLifecycle::sigtermWhenIdleExitsZero() {
    SOCKERLESS_REQUIRE_DOCKER();
    DaemonProcess daemon;
    QString error;
    QVERIFY2(daemon.start(DaemonProcess::defaultArguments(), &error), qPrintable(error));
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(daemon.terminate(5000), 0);
    QVERIFY(timer.elapsed() < 5000);
    QVERIFY(!daemon.logRecords(QStringLiteral("stopped")).isEmpty());
}

void TstBlackboxLifecycle::sigintExitsZero() {
    SOCKERLESS_REQUIRE_DOCKER();
    DaemonProcess daemon;
    QString error;
    QVERIFY2(daemon.start(DaemonProcess::defaultArguments(), &error), qPrintable(error));
    ::kill(static_cast<pid_t>(daemon.pid()), SIGINT);
    QVERIFY(daemon.waitForExit(5000));
    QCOMPARE(daemon.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(daemon.process().exitCode(), 0);
}

void TstBlackboxLifecycle::sigtermClosesOpenWebSocketWith1001() {
    SOCKERLESS_REQUIRE_DOCKER();
    DaemonProcess daemon;
    QString error;
    QVERIFY2(daemon.start(DaemonProcess::defaultArguments(), &error), qPrintable(error));
    auto socket = daemon.openWebSocket(QStringLiteral("/internal/v1/events"));
    QVERIFY(socket);
    QSignalSpy disconnected(socket.get(), &QWebSocket::disconnected);

    QElapsedTimer timer;
    timer.start();
    QCOMPARE(daemon.terminate(5000), 0);
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    QTRY_VERIFY_WITH_TIMEOUT(!disconnected.isEmpty(), 5000);
    QCOMPARE(socket->closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
}

void TstBlackboxLifecycle::unixSocketListenerServesWithMode0660() {
    SOCKERLESS_REQUIRE_DOCKER();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sockerless.sock"));
    DaemonProcess daemon;
    QString error;
    QVERIFY2(daemon.start(DaemonProcess::defaultArguments()
                              << QStringLiteral("--listen") << QStringLiteral("127.0.0.1:0")
                              << QStringLiteral("--listen") << path,
                          &error),
             qPrintable(error));
    struct stat info = {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QVERIFY(S_ISSOCK(info.st_mode));
    QCOMPARE(info.st_mode & 0777, 0660u);

    QLocalSocket socket;
    socket.connectToServer(path);
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET /internal/v1/healthz HTTP/1.1\r\nHost: sockerless\r\n\r\n");
    QByteArray answer;
    QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("\"status\":\"ok\""), 10000);
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    socket.abort();

    QCOMPARE(daemon.terminate(5000), 0);
    QVERIFY2(!QFileInfo::exists(path), "the socket file is removed at shutdown");
}

void TstBlackboxLifecycle::openFileLimitIsRaisedToTheHardLimit() {
    SOCKERLESS_REQUIRE_DOCKER();
    DaemonProcess daemon;
    QString error;
    QVERIFY2(daemon.start(DaemonProcess::defaultArguments(), &error), qPrintable(error));
    // `Max open files            1048576              1048576              files`
    QFile limits(QStringLiteral("/proc/%1/limits").arg(daemon.pid()));
    QVERIFY(limits.open(QIODevice::ReadOnly));
    QByteArrayList values;
    for (const QByteArray& line : limits.readAll().split('\n')) {
        if (line.startsWith("Max open files")) {
            for (const QByteArray& word : line.mid(int(qstrlen("Max open files"))).split(' '))
                if (!word.isEmpty())
                    values.append(word);
        }
    }
    QCOMPARE(values.size(), 3);
    QCOMPARE(values.at(0), values.at(1)); // soft == hard
    const QList<QJsonObject> logged = daemon.logRecords(QStringLiteral("open-file limit"));
    QCOMPARE(logged.size(), 1);
    QCOMPARE(logged.first().value(QStringLiteral("level")).toString(), QStringLiteral("debug"));
    QCOMPARE(logged.first().value(QStringLiteral("soft")).toVariant().toString().toUtf8(),
             values.at(0) == "unlimited" ? QByteArray("unlimited") : values.at(0));
    QCOMPARE(daemon.terminate(5000), 0);
}

QTEST_MAIN(TstBlackboxLifecycle)
#include "tst_blackbox_lifecycle.moc"
