// The system routes and the HTTP/WebSocket core of the real sockerlessd on the backend under test.

#include "api/httpheaders.h"
#include "blackboxcase.h"
#include "daemonprocess.h"
#include "docker/dockerclient.h"
#include "dockercall.h"
#include "testenv.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

using sockerless::test::BlackboxCase;
using sockerless::test::DaemonProcess;
using sockerless::test::TestEnv;

class TstBlackboxSystem : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void healthzReportsOk();
    void infoReportsNegotiatedApiVersion();
    void infoCountsMatchDocker();
    void unknownRouteIs404Json();
    void wrongMethodIs405Json();
    void unknownWebSocketPathCloses4404();
    void plainHttpOnWebSocketRouteIs426();
    void eventsWebSocketBridgesDockerEvents();
    void everyRequestIsLoggedWithItsRouteTemplate();
    void clientLeavingMidRequestLeavesDaemonHealthy();
    void garbageOnTheSocketClosesOnlyThatConnection();

private:
    // A direct Docker call, to check what the daemon says against Docker itself.
    QJsonDocument dockerJson(const QByteArray& method, const QByteArray& path,
                             const QByteArray& body = {}, int* status = nullptr);

    BlackboxCase m_case;
    DaemonProcess* m_daemon = nullptr; ///< m_case's daemon
};

void TstBlackboxSystem::init() {
    SOCKERLESS_REQUIRE_DOCKER();
    QString error;
    QVERIFY2(m_case.start(&error), qPrintable(error));
    m_daemon = &m_case.daemon();
}

void TstBlackboxSystem::cleanup() {
    m_daemon = nullptr;
    m_case.finish();
}

QJsonDocument TstBlackboxSystem::dockerJson(const QByteArray& method, const QByteArray& path,
                                            const QByteArray& body, int* status) {
    const auto result = m_case.docker(method, QString::fromUtf8(path), body);
    if (status)
        *status = result.status;
    return QJsonDocument::fromJson(result.body);
}

void TstBlackboxSystem::healthzReportsOk() {
    const auto reply = m_daemon->get(QStringLiteral("/internal/v1/healthz"));
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.header("Content-Type").startsWith("application/json"));
    const QJsonObject body = reply.json().object();
    QCOMPARE(body.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(body.value(QStringLiteral("backend")).toString(), BlackboxCase::backend());
    // Docker only: the endpoint is the Docker the backend talks to; memory has none.
    if (m_case.isDocker())
        QCOMPARE(body.value(QStringLiteral("endpoint")).toString(), TestEnv::dockerHost());
}

void TstBlackboxSystem::infoReportsNegotiatedApiVersion() {
    const auto reply = m_daemon->get(QStringLiteral("/internal/v1/info"));
    QCOMPARE(reply.status, 200);
    const QJsonObject info = reply.json().object();
    QCOMPARE(info.value(QStringLiteral("Backend")).toString(), BlackboxCase::backend());
    QCOMPARE(info.value(QStringLiteral("Version")).toString(), QStringLiteral(SOCKERLESS_VERSION));
    // Docker only: the memory backend negotiates no Docker API version with anyone.
    if (!m_case.isDocker())
        return;

    // What Docker itself announces in /_ping, capped at what the client knows.
    sockerless::docker::DockerRequest ping;
    ping.path = "/_ping";
    ping.unversioned = true;
    sockerless::docker::DockerClient client(
        *sockerless::docker::DockerEndpoint::parse(TestEnv::dockerHost()));
    const auto pinged = sockerless::test::callDocker(client, ping, 10000);
    QVERIFY2(pinged.ok(), qPrintable(pinged.describe()));
    const QString serverVersion =
        QString::fromLatin1(sockerless::api::headerValue(pinged.headers, "API-Version"));
    QVERIFY(!serverVersion.isEmpty());
    const QString negotiated = info.value(QStringLiteral("DockerApiVersion")).toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^1\\.\\d+$")).match(negotiated).hasMatch(),
             qPrintable(negotiated));
    QCOMPARE(negotiated, sockerless::docker::DockerClient::negotiateVersion(serverVersion));
    const QJsonObject docker = info.value(QStringLiteral("Docker")).toObject();
    QCOMPARE(docker.value(QStringLiteral("ApiVersion")).toString(), serverVersion);
    QVERIFY(!docker.value(QStringLiteral("Version")).toString().isEmpty());
}

void TstBlackboxSystem::infoCountsMatchDocker() {
    // The memory daemon is this case's alone: give it a created and a running container, so that
    // its counts have something to count. (Docker's are checked as they are: others may run.)
    if (!m_case.isDocker()) {
        QVERIFY2(!m_case.createContainer({QStringLiteral("true")}).isEmpty(),
                 qPrintable(m_case.lastError()));
        QVERIFY2(!m_case.runContainer({QStringLiteral("sleep"), QStringLiteral("60")}).isEmpty(),
                 qPrintable(m_case.lastError()));
    }
    const QJsonObject info = m_daemon->get(QStringLiteral("/internal/v1/info")).json().object();
    // The engine's own counts: Docker's for the Docker backend, the daemon's lists for memory.
    if (m_case.isDocker()) {
        QCOMPARE(info.value(QStringLiteral("Images")).toInt(),
                 dockerJson("GET", "/info").object().value(QStringLiteral("Images")).toInt());
    } else {
        // The contract has no image list: start() pulled one image and tagged it, one image.
        QCOMPARE(info.value(QStringLiteral("Images")).toInt(), 1);
        const QJsonArray all =
            m_daemon->get(QStringLiteral("/internal/v1/containers?all=1")).json().array();
        const QJsonArray running =
            m_daemon->get(QStringLiteral("/internal/v1/containers")).json().array();
        QCOMPARE(info.value(QStringLiteral("Containers")).toInt(), static_cast<int>(all.size()));
        QCOMPARE(info.value(QStringLiteral("Containers")).toInt(), 2);
        QCOMPARE(info.value(QStringLiteral("ContainersRunning")).toInt(),
                 static_cast<int>(running.size()));
        QCOMPARE(info.value(QStringLiteral("ContainersRunning")).toInt(), 1);
    }
    QCOMPARE(info.value(QStringLiteral("Networks")).toInt(),
             static_cast<int>(m_case.engineList(QStringLiteral("networks")).size()));
    QCOMPARE(info.value(QStringLiteral("Volumes")).toInt(),
             static_cast<int>(m_case.engineList(QStringLiteral("volumes")).size()));
    QVERIFY(info.value(QStringLiteral("Networks")).toInt() >= 3); // bridge, host, none
    const int total = info.value(QStringLiteral("Containers")).toInt();
    QCOMPARE(total, info.value(QStringLiteral("ContainersRunning")).toInt() +
                        info.value(QStringLiteral("ContainersPaused")).toInt() +
                        info.value(QStringLiteral("ContainersStopped")).toInt());
}

void TstBlackboxSystem::unknownRouteIs404Json() {
    const auto reply = m_daemon->get(QStringLiteral("/internal/v1/no-such-thing?x=1"));
    QCOMPARE(reply.status, 404);
    QVERIFY(reply.header("Content-Type").startsWith("application/json"));
    const QString message = reply.json().object().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QStringLiteral("/internal/v1/no-such-thing")), qPrintable(message));
}

void TstBlackboxSystem::wrongMethodIs405Json() {
    const auto reply = m_daemon->request("DELETE", QStringLiteral("/internal/v1/healthz"));
    QCOMPARE(reply.status, 405);
    QVERIFY(reply.header("Content-Type").startsWith("application/json"));
    QVERIFY2(reply.header("Allow").contains("GET"), reply.header("Allow").constData());
    QVERIFY(!reply.json().object().value(QStringLiteral("message")).toString().isEmpty());
}

void TstBlackboxSystem::unknownWebSocketPathCloses4404() {
    QWebSocket socket;
    QStringList messages;
    QObject::connect(&socket, &QWebSocket::textMessageReceived,
                     [&](const QString& m) { messages.append(m); });
    QSignalSpy disconnected(&socket, &QWebSocket::disconnected);
    QUrl url = m_daemon->baseUrl().resolved(QUrl(QStringLiteral("/internal/v1/no-such-stream")));
    url.setScheme(QStringLiteral("ws"));
    socket.open(url);
    QVERIFY(disconnected.wait(10000));
    QCOMPARE(static_cast<int>(socket.closeCode()), 4404);
    QCOMPARE(messages.size(), 1);
    const QJsonObject body = QJsonDocument::fromJson(messages.first().toUtf8()).object();
    QCOMPARE(body.value(QStringLiteral("status")).toInt(), 404);
    QVERIFY(body.value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("no-such-stream")));
}

void TstBlackboxSystem::plainHttpOnWebSocketRouteIs426() {
    const auto reply = m_daemon->get(QStringLiteral("/internal/v1/events"));
    QCOMPARE(reply.status, 426);
    QVERIFY(!reply.json().object().value(QStringLiteral("message")).toString().isEmpty());
}

void TstBlackboxSystem::eventsWebSocketBridgesDockerEvents() {
    const QString label = QStringLiteral("sockerless.test=") + TestEnv::runLabel();
    const QString filters = QStringLiteral("{\"label\":[\"%1\"]}").arg(label);
    // `since` makes Docker replay what happened after it: the create below cannot be missed even
    // if Docker registers the subscription after it.
    const qint64 since = QDateTime::currentSecsSinceEpoch() - 1;
    auto socket = m_daemon->openWebSocket(QStringLiteral("/internal/v1/events?filters=") +
                                          QString::fromLatin1(QUrl::toPercentEncoding(filters)) +
                                          QStringLiteral("&since=%1").arg(since));
    QVERIFY(socket);
    QStringList events;
    QObject::connect(socket.get(), &QWebSocket::textMessageReceived,
                     [&](const QString& m) { events.append(m); });

    // Made in Docker directly: the bridge passes on what happens in Docker, not only what the
    // daemon did. The memory backend's events are its own, so there the daemon makes it.
    QString id;
    if (m_case.isDocker()) {
        const QByteArray create =
            QJsonDocument(QJsonObject{{QStringLiteral("Image"), TestEnv::image()},
                                      {QStringLiteral("Cmd"), QJsonArray{QStringLiteral("true")}},
                                      {QStringLiteral("Labels"), m_case.labels()}})
                .toJson();
        int status = 0;
        id = dockerJson("POST", "/containers/create", create, &status)
                 .object()
                 .value(QStringLiteral("Id"))
                 .toString();
        QCOMPARE(status, 201);
    } else {
        id = m_case.createContainer({QStringLiteral("true")});
        QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    }
    QTRY_VERIFY_WITH_TIMEOUT(!events.isEmpty(), 10000);
    if (m_case.isDocker())
        dockerJson("DELETE", "/containers/" + id.toLatin1() + "?force=1");

    const QJsonObject event = QJsonDocument::fromJson(events.first().toUtf8()).object();
    QCOMPARE(event.value(QStringLiteral("Type")).toString(), QStringLiteral("container"));
    QCOMPARE(event.value(QStringLiteral("Action")).toString(), QStringLiteral("create"));
    QCOMPARE(event.value(QStringLiteral("id")).toString(), id);
}

void TstBlackboxSystem::everyRequestIsLoggedWithItsRouteTemplate() {
    QCOMPARE(m_daemon->get(QStringLiteral("/internal/v1/info")).status, 200);
    QCOMPARE(m_daemon->get(QStringLiteral("/internal/v1/nothing-here")).status, 404);
    QTRY_VERIFY_WITH_TIMEOUT(m_daemon->logRecords(QStringLiteral("request")).size() >= 3, 5000);
    bool sawInfo = false, saw404 = false;
    for (const QJsonObject& record : m_daemon->logRecords(QStringLiteral("request"))) {
        const QString path = record.value(QStringLiteral("path")).toString();
        if (path == QLatin1String("/internal/v1/info")) {
            sawInfo = true;
            QCOMPARE(record.value(QStringLiteral("method")).toString(), QStringLiteral("GET"));
            QCOMPARE(record.value(QStringLiteral("route")).toString(),
                     QStringLiteral("/internal/v1/info"));
            QCOMPARE(record.value(QStringLiteral("status")).toInt(), 200);
            QVERIFY(record.value(QStringLiteral("durationMs")).toDouble() > 0);
            QVERIFY(record.value(QStringLiteral("bytesOut")).toInteger() > 0);
        }
        if (path == QLatin1String("/internal/v1/nothing-here")) {
            saw404 = true;
            QCOMPARE(record.value(QStringLiteral("status")).toInt(), 404);
        }
    }
    QVERIFY(sawInfo);
    QVERIFY(saw404);
}

void TstBlackboxSystem::clientLeavingMidRequestLeavesDaemonHealthy() {
    // Half a request line, half a body, and an info request abandoned before its answer.
    for (const QByteArray& partial :
         {QByteArrayLiteral("GET /internal/v1/hea"),
          QByteArrayLiteral(
              "POST /internal/v1/info HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc"),
          QByteArrayLiteral("GET /internal/v1/info HTTP/1.1\r\nHost: x\r\n\r\n")}) {
        QTcpSocket socket;
        socket.connectToHost(m_daemon->baseUrl().host(),
                             static_cast<quint16>(m_daemon->baseUrl().port()));
        QVERIFY(socket.waitForConnected(5000));
        socket.write(partial);
        QVERIFY(socket.waitForBytesWritten(5000));
        socket.abort();
    }
    QCOMPARE(m_daemon->get(QStringLiteral("/internal/v1/healthz")).status, 200);
    QCOMPARE(m_daemon->process().state(), QProcess::Running);
}

void TstBlackboxSystem::garbageOnTheSocketClosesOnlyThatConnection() {
    QTcpSocket healthy;
    healthy.connectToHost(m_daemon->baseUrl().host(),
                          static_cast<quint16>(m_daemon->baseUrl().port()));
    QVERIFY(healthy.waitForConnected(5000));

    QTcpSocket garbage;
    garbage.connectToHost(m_daemon->baseUrl().host(),
                          static_cast<quint16>(m_daemon->baseUrl().port()));
    QVERIFY(garbage.waitForConnected(5000));
    // A TLS ClientHello's first bytes, then text: nothing an HTTP parser can read.
    static const char bytes[] = "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http\r\n\r\n";
    garbage.write(QByteArray(bytes, sizeof(bytes) - 1));
    QVERIFY(garbage.waitForBytesWritten(5000));
    QTRY_VERIFY_WITH_TIMEOUT(garbage.state() == QAbstractSocket::UnconnectedState ||
                                 garbage.bytesAvailable() > 0,
                             10000);

    healthy.write("GET /internal/v1/healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(healthy.bytesAvailable() > 0, 10000);
    QVERIFY(healthy.readAll().startsWith("HTTP/1.1 200"));
}

QTEST_MAIN(TstBlackboxSystem)
#include "tst_blackbox_system.moc"
