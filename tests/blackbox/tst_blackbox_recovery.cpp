// Docker going away and coming back under a running sockerlessd (Docker backend only): the
// daemon talks to the real Docker through a forwarder in this process (DockerForwarder) that the
// cases stop and start. While it is stopped every call answers 503 naming the endpoint, healthz
// is degraded and open streams close with the error; once it is back the same process (same pid)
// serves again, with no 500 from connections pooled before the outage.

#include "blackboxcase.h"
#include "daemonprocess.h"
#include "dockerforwarder.h"
#include "fakedocker.h"
#include "rawstream.h"
#include "testenv.h"
#include "wswatch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using sockerless::test::BlackboxCase;
using sockerless::test::DaemonProcess;
using sockerless::test::DockerForwarder;
using sockerless::test::FakeDocker;
using sockerless::test::RawStream;
using sockerless::test::TestEnv;
using sockerless::test::WsWatch;

namespace {

QString messageOf(const QByteArray& json) {
    return QJsonDocument::fromJson(json).object().value(QStringLiteral("message")).toString();
}

// A GET on a daemon whose address came from its log (DaemonProcess::start() insists on a
// healthy daemon, which one started without Docker is not): status and body, status 0 on timeout.
QPair<int, QByteArray> getFrom(const QUrl& base, const QString& path) {
    QNetworkAccessManager manager;
    QNetworkReply* reply = manager.get(QNetworkRequest(base.resolved(QUrl(path))));
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !done.wait(10000)) {
        reply->abort();
        delete reply;
        return {0, {}};
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    delete reply;
    return {status, body};
}

} // namespace

class TstBlackboxRecovery : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void dockerGoneClosesStreamsAnswers503AndRecovers();
    void pooledConnectionsGiveNoErrorAfterEachOutage();
    void startedWithoutDockerServes503UntilDockerAppears();
    void apiVersionIsNegotiatedAgainWhenDockerReturns();

private:
    // Starts the daemon under test on the forwarder (which must be listening).
    bool startDaemon(QString* error);
    // The 503 text every call and stream gets while the forwarder is stopped.
    QString unreachablePrefix() const {
        return QStringLiteral("Docker daemon unreachable at ") + m_forwarder->url();
    }
    // Checks that a WebSocket's last message is the 503 error, then close code 4503.
    static bool closedWith503(const WsWatch& watch, const QString& prefix, QString* why);
    QString list(int* status);

    BlackboxCase m_case; ///< its own daemon on the real Docker: creates and cleans up
    QTemporaryDir m_dir;
    std::unique_ptr<DockerForwarder> m_forwarder;
    std::unique_ptr<DaemonProcess> m_daemon; ///< the daemon under test, behind the forwarder
};

void TstBlackboxRecovery::init() {
    SOCKERLESS_REQUIRE_DOCKER();
    const QString host = TestEnv::dockerHost();
    if (!host.startsWith(QLatin1String("unix://")))
        QSKIP("the forwarder pipes to a Unix socket; the test Docker is not one");
    QString error;
    QVERIFY2(m_case.start(&error), qPrintable(error));
    m_forwarder = std::make_unique<DockerForwarder>(m_dir.filePath(QStringLiteral("docker.sock")),
                                                    host.mid(int(qstrlen("unix://"))));
}

void TstBlackboxRecovery::cleanup() {
    if (m_daemon && QTest::currentTestFailed())
        qWarning().noquote() << "daemon (behind the forwarder) log:\n" << m_daemon->log();
    if (m_daemon)
        QCOMPARE(m_daemon->terminate(5000), 0);
    m_daemon.reset();
    m_forwarder.reset();
    m_case.finish();
}

bool TstBlackboxRecovery::startDaemon(QString* error) {
    m_daemon = std::make_unique<DaemonProcess>();
    return m_daemon->start({QStringLiteral("--backend"), QStringLiteral("docker"),
                            QStringLiteral("--docker-host"), m_forwarder->url(),
                            QStringLiteral("--log-format"), QStringLiteral("json"),
                            QStringLiteral("--log-level"), QStringLiteral("debug")},
                           error);
}

bool TstBlackboxRecovery::closedWith503(const WsWatch& watch, const QString& prefix, QString* why) {
    // The error is the last message (an events socket may have passed on events before).
    const QJsonObject message =
        QJsonDocument::fromJson(watch.texts.value(watch.texts.size() - 1).toUtf8()).object();
    const bool ok = watch.closed && watch.closeCode == 4503 &&
                    message.value(QStringLiteral("status")).toInt() == 503 &&
                    message.value(QStringLiteral("message")).toString().startsWith(prefix);
    if (!ok)
        *why = QStringLiteral("closed %1, code %2, texts %3")
                   .arg(watch.closed)
                   .arg(watch.closeCode)
                   .arg(watch.texts.join(QStringLiteral(" | ")));
    return ok;
}

QString TstBlackboxRecovery::list(int* status) {
    const auto reply =
        m_daemon->request("GET", QStringLiteral("/internal/v1/containers?all=1&filters=") +
                                     m_case.labelFilterQuery());
    *status = reply.status;
    return reply.status == 200 ? QString::fromUtf8(reply.body) : messageOf(reply.body);
}

void TstBlackboxRecovery::dockerGoneClosesStreamsAnswers503AndRecovers() {
    QVERIFY(m_forwarder->start());
    QString error;
    QVERIFY2(startDaemon(&error), qPrintable(error));
    const qint64 pid = m_daemon->pid();
    const QString id =
        m_case.runContainer({QStringLiteral("sh"), QStringLiteral("-c"),
                             QStringLiteral("while true; do echo tick; sleep 0.2; done")});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    const auto exec = m_daemon->request(
        "POST", QStringLiteral("/internal/v1/containers/%1/exec").arg(id),
        QJsonDocument(QJsonObject{{QStringLiteral("Cmd"),
                                   QJsonArray{QStringLiteral("sleep"), QStringLiteral("60")}},
                                  {QStringLiteral("AttachStdout"), true}})
            .toJson(QJsonDocument::Compact));
    QCOMPARE(exec.status, 201);
    const QString execId = exec.json().object().value(QStringLiteral("Id")).toString();

    // One stream of each kind, each open upstream before Docker goes.
    RawStream logs(m_daemon->baseUrl(), "GET",
                   QStringLiteral("/internal/v1/containers/%1/logs?stdout=1&follow=1").arg(id));
    QTRY_VERIFY_WITH_TIMEOUT(logs.body.contains("tick"), 20000);
    QCOMPARE(logs.status, 200);
    WsWatch events(*m_daemon, QStringLiteral("/internal/v1/events"));
    QVERIFY(events.isOpen());
    WsWatch wait(*m_daemon, QStringLiteral("/internal/v1/containers/%1/wait").arg(id));
    QVERIFY(wait.isOpen());
    WsWatch execSocket(*m_daemon, QStringLiteral("/internal/v1/exec/%1/start").arg(execId));
    QVERIFY(execSocket.isOpen());
    // The events and wait calls answer their headers at once; give them the time to get there
    // (the forwarder has piped one connection per stream, plus the pooled ones).
    QTRY_VERIFY_WITH_TIMEOUT(m_forwarder->openPairs() >= 4, 10000);
    int status = 0;
    QVERIFY(list(&status).contains(id)); // leaves a pooled keep-alive connection behind
    QCOMPARE(status, 200);

    m_forwarder->stop();

    const QString prefix = unreachablePrefix();
    QString why;
    QTRY_VERIFY_WITH_TIMEOUT(events.closed && wait.closed && execSocket.closed, 10000);
    QVERIFY2(closedWith503(events, prefix, &why), qPrintable(QStringLiteral("events: ") + why));
    QVERIFY2(closedWith503(wait, prefix, &why), qPrintable(QStringLiteral("wait: ") + why));
    QVERIFY2(closedWith503(execSocket, prefix, &why), qPrintable(QStringLiteral("exec: ") + why));
    // A chunked stream cannot change its status any more: it is cut without the last chunk.
    QTRY_VERIFY_WITH_TIMEOUT(logs.closed, 10000);
    QVERIFY(!logs.ended);

    const QString message = list(&status);
    QCOMPARE(status, 503);
    QVERIFY2(message.startsWith(prefix), qPrintable(message));
    const auto health = m_daemon->get(QStringLiteral("/internal/v1/healthz"));
    QCOMPARE(health.status, 503);
    QCOMPARE(health.json().object().value(QStringLiteral("status")).toString(),
             QStringLiteral("degraded"));
    QVERIFY2(health.json().object().value(QStringLiteral("reason")).toString().startsWith(prefix),
             health.body.constData());

    QVERIFY(m_forwarder->start());
    // The very first call after Docker returned: no error from what was pooled before.
    QVERIFY(list(&status).contains(id));
    QCOMPARE(status, 200);
    QCOMPARE(m_daemon->get(QStringLiteral("/internal/v1/healthz")).status, 200);
    QCOMPARE(m_daemon->pid(), pid);
    QCOMPARE(m_daemon->process().state(), QProcess::Running);

    // New streams work.
    RawStream again(m_daemon->baseUrl(), "GET",
                    QStringLiteral("/internal/v1/containers/%1/logs?stdout=1&follow=1").arg(id));
    QTRY_VERIFY_WITH_TIMEOUT(again.body.contains("tick"), 20000);
    QCOMPARE(again.status, 200);
    WsWatch newEvents(*m_daemon,
                      QStringLiteral("/internal/v1/events?filters=") + m_case.labelFilterQuery());
    QVERIFY(newEvents.isOpen());
    QTRY_VERIFY_WITH_TIMEOUT(m_forwarder->openPairs() >= 2, 10000);
    QVERIFY2(!m_case.createContainer({QStringLiteral("true")}).isEmpty(),
             qPrintable(m_case.lastError()));
    QTRY_VERIFY_WITH_TIMEOUT(!newEvents.texts.isEmpty(), 10000);
    QVERIFY2(newEvents.texts.first().contains(QStringLiteral("create")),
             qPrintable(newEvents.texts.first()));
    QVERIFY(!newEvents.closed);
}

void TstBlackboxRecovery::pooledConnectionsGiveNoErrorAfterEachOutage() {
    QVERIFY(m_forwarder->start());
    QString error;
    QVERIFY2(startDaemon(&error), qPrintable(error));
    int status = 0;
    for (int round = 0; round < 3; ++round) {
        // Keep-alive connections in the pool, then Docker goes and comes back.
        for (int i = 0; i < 3; ++i) {
            list(&status);
            QCOMPARE(status, 200);
        }
        m_forwarder->stop();
        list(&status);
        QCOMPARE(status, 503);
        QVERIFY(m_forwarder->start());
        // A create is never sent twice, so a dead pooled connection would show here as a 500.
        const auto created = m_daemon->request(
            "POST", QStringLiteral("/internal/v1/containers"),
            QJsonDocument(QJsonObject{{QStringLiteral("Image"), TestEnv::image()},
                                      {QStringLiteral("Cmd"), QJsonArray{QStringLiteral("true")}},
                                      {QStringLiteral("Labels"), m_case.labels()}})
                .toJson(QJsonDocument::Compact));
        QVERIFY2(created.status == 201, qPrintable(QStringLiteral("round %1: %2 %3")
                                                       .arg(round)
                                                       .arg(created.status)
                                                       .arg(QString::fromUtf8(created.body))));
    }
}

void TstBlackboxRecovery::startedWithoutDockerServes503UntilDockerAppears() {
    // The forwarder is not listening: no Docker at the address.
    m_daemon = std::make_unique<DaemonProcess>();
    m_daemon->launch({QStringLiteral("--backend"), QStringLiteral("docker"),
                      QStringLiteral("--docker-host"), m_forwarder->url(),
                      QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                      QStringLiteral("--log-format"), QStringLiteral("json")});
    QTRY_VERIFY_WITH_TIMEOUT(!m_daemon->logRecords(QStringLiteral("listening")).isEmpty() ||
                                 m_daemon->process().state() == QProcess::NotRunning,
                             10000);
    QCOMPARE(m_daemon->process().state(), QProcess::Running);
    const QUrl base(QStringLiteral("http://") + m_daemon->logRecords(QStringLiteral("listening"))
                                                    .first()
                                                    .value(QStringLiteral("address"))
                                                    .toString());
    QVERIFY2(m_daemon->log().contains("no Docker yet") &&
                 m_daemon->log().contains(m_forwarder->url().toUtf8()),
             m_daemon->log().constData());

    const QString prefix = unreachablePrefix();
    auto [healthStatus, health] = getFrom(base, QStringLiteral("/internal/v1/healthz"));
    QCOMPARE(healthStatus, 503);
    QCOMPARE(QJsonDocument::fromJson(health).object().value(QStringLiteral("status")).toString(),
             QStringLiteral("degraded"));
    auto [listStatus, listBody] = getFrom(base, QStringLiteral("/internal/v1/containers"));
    QCOMPARE(listStatus, 503);
    QVERIFY2(messageOf(listBody).startsWith(prefix), listBody.constData());

    QVERIFY(m_forwarder->start());
    std::tie(listStatus, listBody) = getFrom(base, QStringLiteral("/internal/v1/containers"));
    QCOMPARE(listStatus, 200);
    std::tie(healthStatus, health) = getFrom(base, QStringLiteral("/internal/v1/healthz"));
    QCOMPARE(healthStatus, 200);
    const auto [infoStatus, info] = getFrom(base, QStringLiteral("/internal/v1/info"));
    QCOMPARE(infoStatus, 200);
    QVERIFY(!QJsonDocument::fromJson(info)
                 .object()
                 .value(QStringLiteral("DockerApiVersion"))
                 .toString()
                 .isEmpty());
    QCOMPARE(m_daemon->process().state(), QProcess::Running);
}

void TstBlackboxRecovery::apiVersionIsNegotiatedAgainWhenDockerReturns() {
    // A fake Docker: only it can come back as another API version.
    FakeDocker fake(m_dir.filePath(QStringLiteral("fake.sock")));
    QVERIFY(fake.listen());
    fake.onRequest = [](QLocalSocket* socket, const QByteArray&) {
        socket->write(FakeDocker::jsonAnswer("[]"));
    };
    m_daemon = std::make_unique<DaemonProcess>();
    QString error;
    QVERIFY2(m_daemon->start({QStringLiteral("--backend"), QStringLiteral("docker"),
                              QStringLiteral("--docker-host"), fake.url(),
                              QStringLiteral("--log-format"), QStringLiteral("json")},
                             &error),
             qPrintable(error));
    QCOMPARE(m_daemon->get(QStringLiteral("/internal/v1/containers")).status, 200);
    QVERIFY(fake.requestLines.last().startsWith("GET /v1.41/containers/json"));

    fake.stop();
    QCOMPARE(m_daemon->get(QStringLiteral("/internal/v1/containers")).status, 503);
    fake.apiVersion = "1.40";
    QVERIFY(fake.listen());
    // No healthz in between: the failed call itself made the daemon forget the version.
    QCOMPARE(m_daemon->get(QStringLiteral("/internal/v1/containers")).status, 200);
    QVERIFY2(fake.requestLines.last().startsWith("GET /v1.40/containers/json"),
             fake.requestLines.last().constData());
    QCOMPARE(m_daemon->terminate(5000), 0);
    m_daemon.reset();
}

QTEST_MAIN(TstBlackboxRecovery)
#include "tst_blackbox_recovery.moc"
