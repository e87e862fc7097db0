// The real sockerlessd in front of a Docker that misbehaves: a fake Docker on a Unix socket in
// this test process answers /_ping properly and everything else as each test says.

#include "daemonprocess.h"
#include "fakedocker.h"

#include <QJsonObject>
#include <QLocalSocket>
#include <QPointer>
#include <QTemporaryDir>
#include <QTest>
#include <functional>

using sockerless::test::DaemonProcess;
using sockerless::test::FakeDocker;

namespace {

// Sane answers for the calls behind /internal/v1/info.
void answerInfoCalls(QLocalSocket* socket, const QByteArray& requestLine) {
    if (requestLine.contains("/info "))
        socket->write(FakeDocker::jsonAnswer(
            R"({"Name":"fake","Images":2,"ContainersRunning":1,"ContainersPaused":0,"ContainersStopped":3})"));
    else if (requestLine.contains("/version "))
        socket->write(FakeDocker::jsonAnswer(
            R"({"Version":"20.10.24","ApiVersion":"1.41","MinAPIVersion":"1.12","Os":"linux","Arch":"amd64"})"));
    else if (requestLine.contains("/networks "))
        socket->write(
            FakeDocker::jsonAnswer(R"([{"Name":"bridge"},{"Name":"host"},{"Name":"none"}])"));
    else if (requestLine.contains("/volumes "))
        socket->write(FakeDocker::jsonAnswer(R"({"Volumes":[{"Name":"v"}],"Warnings":[]})"));
}

} // namespace

class TstBlackboxBadDocker : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void infoFromAWellBehavedFakeDocker();
    void malformedAnswerIs500WithTheCause();
    void dockerClosingMidResponseIs500();
    void invalidJsonFromDockerIs500();
    void dockerGoneIs503AndRecoversWhenItReturns();
    void clientLeavingMidRequestClosesTheUpstreamConnection();

private:
    QString message(const DaemonProcess::Reply& reply) const {
        return reply.json().object().value(QStringLiteral("message")).toString();
    }
    QTemporaryDir m_dir;
    std::unique_ptr<FakeDocker> m_docker;
    std::unique_ptr<DaemonProcess> m_daemon;
};

void TstBlackboxBadDocker::init() {
    m_docker = std::make_unique<FakeDocker>(m_dir.filePath(QStringLiteral("docker.sock")));
    QVERIFY(m_docker->listen());
    m_docker->onRequest = answerInfoCalls;
    m_daemon = std::make_unique<DaemonProcess>();
    QString error;
    QVERIFY2(m_daemon->start({QStringLiteral("--backend"), QStringLiteral("docker"),
                              QStringLiteral("--docker-host"), m_docker->url(),
                              QStringLiteral("--log-format"), QStringLiteral("json")},
                             &error),
             qPrintable(error));
}

void TstBlackboxBadDocker::cleanup() {
    if (m_daemon && QTest::currentTestFailed())
        qWarning().noquote() << "daemon log:\n" << m_daemon->log();
    if (m_daemon)
        QCOMPARE(m_daemon->terminate(5000), 0);
    m_daemon.reset();
    m_docker.reset();
}

void TstBlackboxBadDocker::infoFromAWellBehavedFakeDocker() {
    const auto reply = m_daemon->get(QStringLiteral("/internal/v1/info"));
    QCOMPARE(reply.status, 200);
    const QJsonObject info = reply.json().object();
    QCOMPARE(info.value(QStringLiteral("DockerApiVersion")).toString(), QStringLiteral("1.41"));
    QCOMPARE(info.value(QStringLiteral("Containers")).toInt(), 4);
    QCOMPARE(info.value(QStringLiteral("ContainersRunning")).toInt(), 1);
    QCOMPARE(info.value(QStringLiteral("Images")).toInt(), 2);
    QCOMPARE(info.value(QStringLiteral("Networks")).toInt(), 3);
    QCOMPARE(info.value(QStringLiteral("Volumes")).toInt(), 1);
    QVERIFY(m_docker->requestLines.contains("GET /v1.41/info HTTP/1.1"));
}

void TstBlackboxBadDocker::malformedAnswerIs500WithTheCause() {
    m_docker->onRequest = [](QLocalSocket* socket, const QByteArray&) {
        socket->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz-not-hex\r\n");
    };
    const auto reply = m_daemon->get(QStringLiteral("/internal/v1/info"));
    QCOMPARE(reply.status, 500);
    QVERIFY2(message(reply).contains(QStringLiteral("sent an invalid answer")),
             qPrintable(message(reply)));
    QVERIFY2(message(reply).contains(m_docker->url()), qPrintable(message(reply)));
    QCOMPARE(m_daemon->get(QStringLiteral("/internal/v1/healthz")).status, 200);
}

void TstBlackboxBadDocker::dockerClosingMidResponseIs500() {
    m_docker->onRequest = [](QLocalSocket* socket, const QByteArray&) {
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n"
                      "\r\n{\"Name\":");
        socket->flush();
        socket->disconnectFromServer();
    };
    const auto reply = m_daemon->get(QStringLiteral("/internal/v1/info"));
    QCOMPARE(reply.status, 500);
    QVERIFY2(message(reply).contains(QStringLiteral("mid-response")), qPrintable(message(reply)));
}

void TstBlackboxBadDocker::invalidJsonFromDockerIs500() {
    m_docker->onRequest = [](QLocalSocket* socket, const QByteArray& line) {
        if (line.contains("/info "))
            socket->write(FakeDocker::jsonAnswer("{not json"));
        else
            answerInfoCalls(socket, line);
    };
    const auto reply = m_daemon->get(QStringLiteral("/internal/v1/info"));
    QCOMPARE(reply.status, 500);
    QVERIFY2(message(reply).contains(QStringLiteral("invalid JSON")), qPrintable(message(reply)));
}

void TstBlackboxBadDocker::dockerGoneIs503AndRecoversWhenItReturns() {
    m_docker->stop();
    const auto health = m_daemon->get(QStringLiteral("/internal/v1/healthz"));
    QCOMPARE(health.status, 503);
    const QJsonObject body = health.json().object();
    QCOMPARE(body.value(QStringLiteral("status")).toString(), QStringLiteral("degraded"));
    const QString expected = QStringLiteral("Docker daemon unreachable at ") + m_docker->url();
    QVERIFY2(body.value(QStringLiteral("reason")).toString().startsWith(expected),
             qPrintable(body.value(QStringLiteral("reason")).toString()));
    const auto info = m_daemon->get(QStringLiteral("/internal/v1/info"));
    QCOMPARE(info.status, 503);
    QVERIFY2(message(info).startsWith(expected), qPrintable(message(info)));

    QVERIFY(m_docker->listen());
    QCOMPARE(m_daemon->get(QStringLiteral("/internal/v1/healthz")).status, 200);
    QCOMPARE(m_daemon->get(QStringLiteral("/internal/v1/info")).status, 200);
}

void TstBlackboxBadDocker::clientLeavingMidRequestClosesTheUpstreamConnection() {
    // Docker holds /info unanswered; the client gives up; the daemon must drop its Docker call.
    QList<QPointer<QLocalSocket>> held;
    m_docker->onRequest = [&held](QLocalSocket* socket, const QByteArray& line) {
        if (line.contains("/info "))
            held.append(socket);
        else
            answerInfoCalls(socket, line);
    };
    const int closedBefore = m_docker->closedByPeer;
    const auto reply = m_daemon->request("GET", QStringLiteral("/internal/v1/info"), {}, {}, 300);
    QCOMPARE(reply.status, 0); // the client gave up
    QCOMPARE(held.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(
        held.first().isNull() || held.first()->state() == QLocalSocket::UnconnectedState, 5000);
    QVERIFY(m_docker->closedByPeer > closedBefore);
    QCOMPARE(m_daemon->get(QStringLiteral("/internal/v1/healthz")).status, 200);
}

QTEST_MAIN(TstBlackboxBadDocker)
#include "tst_blackbox_baddocker.moc"
