// DOCKER_HOST parsing and the TLS settings read from the environment, driven through
// QProcessEnvironment so the process environment is never touched.

#include "docker/dockerendpoint.h"

#include <QTest>

using sockerless::docker::DockerEndpoint;
using Kind = DockerEndpoint::Kind;

namespace {

using Vars = QList<QPair<QString, QString>>;

QProcessEnvironment environment(const Vars& vars) {
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), QStringLiteral("/home/tester"));
    for (const auto& [name, value] : vars)
        env.insert(name, value);
    return env;
}

} // namespace

class TestDockerEndpoint : public QObject {
    Q_OBJECT

private slots:
    void parsesValidHosts_data();
    void parsesValidHosts();
    void rejectsInvalidHosts_data();
    void rejectsInvalidHosts();
    void tlsFromEnvironment_data();
    void tlsFromEnvironment();
    void fromEnvironment();
    void toStringRoundTrips_data();
    void toStringRoundTrips();
};

void TestDockerEndpoint::parsesValidHosts_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("socketPath");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");

    QTest::newRow("default socket") << QStringLiteral("unix:///var/run/docker.sock") << Kind::Unix
                                    << QStringLiteral("/var/run/docker.sock") << QString() << 0;
    QTest::newRow("other socket") << QStringLiteral("unix:///tmp/some dir/d.sock") << Kind::Unix
                                  << QStringLiteral("/tmp/some dir/d.sock") << QString() << 0;
    QTest::newRow("tcp host:port") << QStringLiteral("tcp://docker.example:1234") << Kind::Tcp
                                   << QString() << QStringLiteral("docker.example") << 1234;
    QTest::newRow("tcp host, default port") << QStringLiteral("tcp://localhost") << Kind::Tcp
                                            << QString() << QStringLiteral("localhost") << 2375;
    QTest::newRow("tcp IPv4") << QStringLiteral("tcp://127.0.0.1:2375") << Kind::Tcp << QString()
                              << QStringLiteral("127.0.0.1") << 2375;
    QTest::newRow("tcp IPv6 with port") << QStringLiteral("tcp://[::1]:2375") << Kind::Tcp
                                        << QString() << QStringLiteral("::1") << 2375;
    QTest::newRow("tcp IPv6, default port") << QStringLiteral("tcp://[fe80::1]") << Kind::Tcp
                                            << QString() << QStringLiteral("fe80::1") << 2375;
    QTest::newRow("tcp trailing slash")
        << QStringLiteral("tcp://h:2375/") << Kind::Tcp << QString() << QStringLiteral("h") << 2375;
    QTest::newRow("blanks around")
        << QStringLiteral("  tcp://h:1\n") << Kind::Tcp << QString() << QStringLiteral("h") << 1;
    QTest::newRow("port 65535") << QStringLiteral("tcp://h:65535") << Kind::Tcp << QString()
                                << QStringLiteral("h") << 65535;
    QTest::newRow("upper-case scheme")
        << QStringLiteral("TCP://h:2") << Kind::Tcp << QString() << QStringLiteral("h") << 2;
}

void TestDockerEndpoint::parsesValidHosts() {
    QFETCH(QString, url);
    QFETCH(Kind, kind);
    QFETCH(QString, socketPath);
    QFETCH(QString, host);
    QFETCH(int, port);
    QString error = QStringLiteral("untouched");
    const auto endpoint = DockerEndpoint::parse(url, environment({}), &error);
    QVERIFY2(endpoint, qPrintable(error));
    QCOMPARE(endpoint->kind, kind);
    QCOMPARE(endpoint->socketPath, socketPath);
    QCOMPARE(endpoint->host, host);
    QCOMPARE(int(endpoint->port), port);
    QVERIFY(!endpoint->tls);
    QVERIFY(!endpoint->tlsVerify);
}

void TestDockerEndpoint::rejectsInvalidHosts_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("reason"); // a word the error must contain

    QTest::newRow("empty") << QString() << QStringLiteral("empty");
    QTest::newRow("blank") << QStringLiteral("   ") << QStringLiteral("empty");
    QTest::newRow("http") << QStringLiteral("http://localhost:2375") << QStringLiteral("scheme");
    QTest::newRow("https") << QStringLiteral("https://h:2376") << QStringLiteral("scheme");
    QTest::newRow("ssh") << QStringLiteral("ssh://user@host") << QStringLiteral("scheme");
    QTest::newRow("npipe") << QStringLiteral("npipe:////./pipe/docker_engine")
                           << QStringLiteral("scheme");
    QTest::newRow("fd") << QStringLiteral("fd://") << QStringLiteral("scheme");
    QTest::newRow("no scheme, path")
        << QStringLiteral("/var/run/docker.sock") << QStringLiteral("scheme");
    QTest::newRow("no scheme, host:port")
        << QStringLiteral("localhost:2375") << QStringLiteral("scheme");
    QTest::newRow("unix, relative")
        << QStringLiteral("unix://relative/docker.sock") << QStringLiteral("absolute");
    QTest::newRow("unix, no path") << QStringLiteral("unix://") << QStringLiteral("path");
    QTest::newRow("tcp, no host") << QStringLiteral("tcp://") << QStringLiteral("host");
    QTest::newRow("tcp, port only") << QStringLiteral("tcp://:2375") << QStringLiteral("host");
    QTest::newRow("tcp, empty port") << QStringLiteral("tcp://h:") << QStringLiteral("port");
    QTest::newRow("tcp, port 0") << QStringLiteral("tcp://h:0") << QStringLiteral("port");
    QTest::newRow("tcp, port too big") << QStringLiteral("tcp://h:65536") << QStringLiteral("port");
    QTest::newRow("tcp, port not a number")
        << QStringLiteral("tcp://h:abc") << QStringLiteral("port");
    QTest::newRow("tcp, negative port") << QStringLiteral("tcp://h:-1") << QStringLiteral("port");
    QTest::newRow("tcp, huge port")
        << QStringLiteral("tcp://h:99999999999") << QStringLiteral("port");
    QTest::newRow("tcp, IPv6 without brackets")
        << QStringLiteral("tcp://::1:2375") << QStringLiteral("IPv6");
    QTest::newRow("tcp, unclosed bracket")
        << QStringLiteral("tcp://[::1:2375") << QStringLiteral("]");
    QTest::newRow("tcp, brackets around a name")
        << QStringLiteral("tcp://[host]:2375") << QStringLiteral("IPv6");
    QTest::newRow("tcp, path") << QStringLiteral("tcp://h:2375/v1.41") << QStringLiteral("path");
    QTest::newRow("tcp, query") << QStringLiteral("tcp://h:2375?x=1") << QStringLiteral("query");
    QTest::newRow("tcp, user info")
        << QStringLiteral("tcp://user@h:2375") << QStringLiteral("user");
    QTest::newRow("tcp, blank in host")
        << QStringLiteral("tcp://a b:2375") << QStringLiteral("host");
}

void TestDockerEndpoint::rejectsInvalidHosts() {
    QFETCH(QString, url);
    QFETCH(QString, reason);
    QString error;
    const auto endpoint = DockerEndpoint::parse(url, environment({}), &error);
    QVERIFY(!endpoint);
    QVERIFY2(error.contains(reason, Qt::CaseInsensitive), qPrintable(error));
    // No error pointer: still refused, without a crash.
    QVERIFY(!DockerEndpoint::parse(url, environment({})));
}

void TestDockerEndpoint::tlsFromEnvironment_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<Vars>("vars");
    QTest::addColumn<bool>("tls");
    QTest::addColumn<bool>("verify");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("certPath");

    const QString verify = QStringLiteral("DOCKER_TLS_VERIFY");
    const QString certs = QStringLiteral("DOCKER_CERT_PATH");
    const QString tls = QStringLiteral("DOCKER_TLS");
    const QString homeCerts = QStringLiteral("/home/tester/.docker");

    QTest::newRow("nothing set") << QStringLiteral("tcp://h") << Vars{} << false << false << 2375
                                 << homeCerts;
    QTest::newRow("verify=1, default TLS port")
        << QStringLiteral("tcp://h") << Vars{{verify, QStringLiteral("1")}} << true << true << 2376
        << homeCerts;
    // As Docker's CLI: any non-empty value, even "0", turns verification on.
    QTest::newRow("verify=0 is still set")
        << QStringLiteral("tcp://h:1") << Vars{{verify, QStringLiteral("0")}} << true << true << 1
        << homeCerts;
    QTest::newRow("verify empty is unset") << QStringLiteral("tcp://h") << Vars{{verify, QString()}}
                                           << false << false << 2375 << homeCerts;
    QTest::newRow("cert path") << QStringLiteral("tcp://h:2376")
                               << Vars{{verify, QStringLiteral("yes")},
                                       {certs, QStringLiteral("/etc/docker/certs")}}
                               << true << true << 2376 << QStringLiteral("/etc/docker/certs");
    QTest::newRow("DOCKER_TLS without verify")
        << QStringLiteral("tcp://h") << Vars{{tls, QStringLiteral("1")}} << true << false << 2376
        << homeCerts;
    QTest::newRow("explicit port wins")
        << QStringLiteral("tcp://h:2375") << Vars{{verify, QStringLiteral("1")}} << true << true
        << 2375 << homeCerts;
    QTest::newRow("unix ignores TLS")
        << QStringLiteral("unix:///var/run/docker.sock") << Vars{{verify, QStringLiteral("1")}}
        << false << false << 0 << homeCerts;
}

void TestDockerEndpoint::tlsFromEnvironment() {
    QFETCH(QString, url);
    QFETCH(Vars, vars);
    QFETCH(bool, tls);
    QFETCH(bool, verify);
    QFETCH(int, port);
    QFETCH(QString, certPath);
    QString error;
    const auto endpoint = DockerEndpoint::parse(url, environment(vars), &error);
    QVERIFY2(endpoint, qPrintable(error));
    QCOMPARE(endpoint->tls, tls);
    QCOMPARE(endpoint->tlsVerify, verify);
    QCOMPARE(int(endpoint->port), port);
    QCOMPARE(endpoint->certPath, certPath);
}

void TestDockerEndpoint::fromEnvironment() {
    QString error;
    // Unset (or empty) DOCKER_HOST: the default socket.
    auto endpoint = DockerEndpoint::fromEnvironment(environment({}), &error);
    QVERIFY2(endpoint, qPrintable(error));
    QCOMPARE(endpoint->kind, Kind::Unix);
    QCOMPARE(endpoint->socketPath, QStringLiteral("/var/run/docker.sock"));
    endpoint = DockerEndpoint::fromEnvironment(
        environment({{QStringLiteral("DOCKER_HOST"), QString()}}), &error);
    QVERIFY(endpoint);
    QCOMPARE(endpoint->toString(), DockerEndpoint::defaultUrl());

    // Set: used, with the TLS settings beside it.
    endpoint = DockerEndpoint::fromEnvironment(
        environment({{QStringLiteral("DOCKER_HOST"), QStringLiteral("tcp://10.0.0.1")},
                     {QStringLiteral("DOCKER_TLS_VERIFY"), QStringLiteral("1")},
                     {QStringLiteral("DOCKER_CERT_PATH"), QStringLiteral("/certs")}}),
        &error);
    QVERIFY2(endpoint, qPrintable(error));
    QCOMPARE(endpoint->kind, Kind::Tcp);
    QCOMPARE(endpoint->host, QStringLiteral("10.0.0.1"));
    QCOMPARE(int(endpoint->port), 2376);
    QVERIFY(endpoint->tls);
    QVERIFY(endpoint->tlsVerify);
    QCOMPARE(endpoint->certPath, QStringLiteral("/certs"));

    // Set but invalid: refused, not silently replaced by the default.
    endpoint = DockerEndpoint::fromEnvironment(
        environment({{QStringLiteral("DOCKER_HOST"), QStringLiteral("ssh://me@box")}}), &error);
    QVERIFY(!endpoint);
    QVERIFY2(error.contains(QLatin1String("ssh")), qPrintable(error));
}

void TestDockerEndpoint::toStringRoundTrips_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unix") << QStringLiteral("unix:///var/run/docker.sock")
                          << QStringLiteral("unix:///var/run/docker.sock");
    QTest::newRow("tcp with default port")
        << QStringLiteral("tcp://host") << QStringLiteral("tcp://host:2375");
    QTest::newRow("tcp IPv6") << QStringLiteral("tcp://[::1]:2375")
                              << QStringLiteral("tcp://[::1]:2375");
}

void TestDockerEndpoint::toStringRoundTrips() {
    QFETCH(QString, url);
    QFETCH(QString, expected);
    const auto endpoint = DockerEndpoint::parse(url, environment({}));
    QVERIFY(endpoint);
    QCOMPARE(endpoint->toString(), expected);
    const auto again = DockerEndpoint::parse(endpoint->toString(), environment({}));
    QVERIFY(again);
    QCOMPARE(again->toString(), expected);
    QCOMPARE(again->host, endpoint->host);
    QCOMPARE(again->port, endpoint->port);
}

QTEST_MAIN(TestDockerEndpoint)
#include "tst_dockerendpoint.moc"
