// Input safety, seen from Docker's side: the real sockerlessd in front of a fake Docker that
// records every request line. Whatever id, name or query value a client sends, the upstream
// request goes to the endpoint the route names, with the value percent-encoded inside its
// segment or query item: it can never reach another endpoint or add a query parameter.

#include "daemonprocess.h"
#include "docker/dockerpath.h"
#include "fakedocker.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

using sockerless::docker::DockerPath;
using sockerless::test::DaemonProcess;
using sockerless::test::FakeDocker;

class TstBlackboxUpstreamPaths : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void hostileIdsStayInTheirSegment_data();
    void hostileIdsStayInTheirSegment();
    void dotSegmentsAndControlCharactersNeverGoUpstream_data();
    void dotSegmentsAndControlCharactersNeverGoUpstream();
    void queryValuesCannotAddParameters();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<FakeDocker> m_docker;
    std::unique_ptr<DaemonProcess> m_daemon;
};

void TstBlackboxUpstreamPaths::init() {
    m_docker = std::make_unique<FakeDocker>(m_dir.filePath(QStringLiteral("docker.sock")));
    QVERIFY(m_docker->listen());
    // Every call is answered as Docker answers an unknown object.
    m_docker->onRequest = [](QLocalSocket* socket, const QByteArray&) {
        socket->write(FakeDocker::jsonAnswer(R"({"message":"no such object"})", 404));
    };
    m_daemon = std::make_unique<DaemonProcess>();
    QString error;
    QVERIFY2(m_daemon->start({QStringLiteral("--backend"), QStringLiteral("docker"),
                              QStringLiteral("--docker-host"), m_docker->url(),
                              QStringLiteral("--log-format"), QStringLiteral("json")},
                             &error),
             qPrintable(error));
    m_docker->requestLines.clear();
}

void TstBlackboxUpstreamPaths::cleanup() {
    if (m_daemon && QTest::currentTestFailed())
        qWarning().noquote() << "daemon log:\n" << m_daemon->log();
    if (m_daemon)
        QCOMPARE(m_daemon->terminate(5000), 0);
    m_daemon.reset();
    m_docker.reset();
}

void TstBlackboxUpstreamPaths::hostileIdsStayInTheirSegment_data() {
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");     // as the client sends it
    QTest::addColumn<QString>("id");       // the id the daemon must decode from it
    QTest::addColumn<QString>("upstream"); // the upstream path, with %1 for the encoded id

    auto row = [](const char* name, const char* method, const char* path, const char* id,
                  const char* upstream) {
        QTest::newRow(name) << QByteArray(method) << QString::fromLatin1(path)
                            << QString::fromLatin1(id) << QString::fromLatin1(upstream);
    };
    row("container id with slashes", "GET", "/internal/v1/containers/x%2Fimages%2Fjson",
        "x/images/json", "/v1.41/containers/%1/json");
    row("container id with a query", "GET", "/internal/v1/containers/a%3Fall%3D1", "a?all=1",
        "/v1.41/containers/%1/json");
    row("container id with a fragment", "POST", "/internal/v1/containers/a%23b/start", "a#b",
        "/v1.41/containers/%1/start");
    row("container id with a percent", "DELETE", "/internal/v1/containers/a%252Fb", "a%2Fb",
        "/v1.41/containers/%1");
    row("image name with a query", "GET", "/internal/v1/images/busybox%3Fx%3D1", "busybox?x=1",
        "/v1.41/images/%1/json");
    row("image name with a registry and a tag", "GET",
        "/internal/v1/images/127.0.0.1:5000/team/app:1.2", "127.0.0.1:5000/team/app:1.2",
        "/v1.41/images/%1/json");
    row("network id with a query", "GET", "/internal/v1/networks/n%3Fverbose%3Dtrue",
        "n?verbose=true", "/v1.41/networks/%1");
    row("volume name with a fragment", "DELETE", "/internal/v1/volumes/v%23x", "v#x",
        "/v1.41/volumes/%1");
    row("exec id with a slash", "GET", "/internal/v1/exec/e%2Fjson", "e/json",
        "/v1.41/exec/%1/json");
}

void TstBlackboxUpstreamPaths::hostileIdsStayInTheirSegment() {
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, id);
    QFETCH(QString, upstream);
    const auto reply = m_daemon->request(method, path);
    QCOMPARE(reply.status, 404);
    QVERIFY2(!m_docker->requestLines.isEmpty(), "the call never reached Docker");
    const QString expected = upstream.arg(QString::fromLatin1(DockerPath::encodeSegment(id)));
    for (const QByteArray& line : std::as_const(m_docker->requestLines)) {
        // "METHOD target HTTP/1.1": the target's path must be exactly the route's endpoint.
        const QList<QByteArray> parts = line.split(' ');
        QCOMPARE(parts.size(), 3);
        QCOMPARE(parts.at(0), method);
        const QByteArray target = parts.at(1);
        const QByteArray targetPath =
            target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?'));
        QCOMPARE(QString::fromLatin1(targetPath), expected);
        // Nothing the id carried became a query parameter: every value Docker got is one the
        // route sets itself, never one holding a piece of the id.
        const QUrlQuery query(QString::fromLatin1(target.mid(targetPath.size() + 1)));
        for (const auto& item : query.queryItems(QUrl::FullyDecoded))
            QVERIFY2(!id.contains(item.first + u'='), line.constData());
    }
}

void TstBlackboxUpstreamPaths::dotSegmentsAndControlCharactersNeverGoUpstream_data() {
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::newRow("container ..") << QByteArray("GET")
                                  << QStringLiteral("/internal/v1/containers/%2E%2E");
    QTest::newRow("container .") << QByteArray("POST")
                                 << QStringLiteral("/internal/v1/containers/%2E/start");
    QTest::newRow("container newline")
        << QByteArray("DELETE") << QStringLiteral("/internal/v1/containers/a%0Ab");
    QTest::newRow("image ../containers/json")
        << QByteArray("GET") << QStringLiteral("/internal/v1/images/..%2Fcontainers%2Fjson");
    QTest::newRow("image raw ../")
        << QByteArray("GET") << QStringLiteral("/internal/v1/images/team/%2E%2E/x");
    QTest::newRow("image tag ..") << QByteArray("POST")
                                  << QStringLiteral("/internal/v1/images/%2E%2E/tag?repo=x");
    QTest::newRow("network ..") << QByteArray("DELETE")
                                << QStringLiteral("/internal/v1/networks/%2E%2E");
    QTest::newRow("volume nul") << QByteArray("GET")
                                << QStringLiteral("/internal/v1/volumes/a%00b");
    QTest::newRow("exec ..") << QByteArray("GET") << QStringLiteral("/internal/v1/exec/%2E%2E");
}

void TstBlackboxUpstreamPaths::dotSegmentsAndControlCharactersNeverGoUpstream() {
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    // Sent byte for byte: a URL library would turn `%2E%2E` into `..` and resolve it away.
    const auto reply = m_daemon->rawRequest(method, path.toLatin1());
    QCOMPARE(reply.status, 400);
    QVERIFY(!reply.json().object().value(QStringLiteral("message")).toString().isEmpty());
    QVERIFY2(m_docker->requestLines.isEmpty(), m_docker->requestLines.join('\n').constData());
}

void TstBlackboxUpstreamPaths::queryValuesCannotAddParameters() {
    // A signal value carrying `&x=1` stays one value of `signal`.
    const auto reply = m_daemon->request(
        "POST", QStringLiteral("/internal/v1/containers/c1/kill?signal=KILL%26x%3D1"));
    QCOMPARE(reply.status, 404);
    QCOMPARE(m_docker->requestLines.size(), 1);
    const QByteArray target = m_docker->requestLines.first().split(' ').at(1);
    QVERIFY2(target.startsWith("/v1.41/containers/c1/kill?"), target.constData());
    const QUrlQuery query(QString::fromLatin1(target.mid(target.indexOf('?') + 1)));
    QCOMPARE(query.queryItems().size(), 1);
    QCOMPARE(query.queryItemValue(QStringLiteral("signal"), QUrl::FullyDecoded),
             QStringLiteral("KILL&x=1"));
}

QTEST_MAIN(TstBlackboxUpstreamPaths)
#include "tst_blackbox_upstreampaths.moc"
