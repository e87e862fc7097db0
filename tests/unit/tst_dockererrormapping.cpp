#include "backends/docker/dockererrormapping.h"

#include <QTest>

using sockerless::backends::toApiError;
using sockerless::docker::DockerError;

class TstDockerErrorMapping : public QObject {
    Q_OBJECT

private slots:
    void dockerStatusAndMessagePassThrough_data();
    void dockerStatusAndMessagePassThrough();
    void unreachableIs503NamingTheEndpoint();
    void brokenAnswerIs500WithTheCause();
};

void TstDockerErrorMapping::dockerStatusAndMessagePassThrough_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    QTest::newRow("404") << 404 << QStringLiteral("No such container: abc");
    QTest::newRow("409") << 409
                         << QStringLiteral("Conflict. The container name \"/x\" is already in use");
    QTest::newRow("304") << 304 << QString();
    QTest::newRow("403") << 403
                         << QStringLiteral("bridge is a pre-defined network and cannot be removed");
    QTest::newRow("400") << 400 << QStringLiteral("invalid reference format");
}

void TstDockerErrorMapping::dockerStatusAndMessagePassThrough() {
    QFETCH(int, status);
    QFETCH(QString, message);
    DockerError error;
    error.kind = DockerError::Kind::Http;
    error.status = status;
    error.message = message;
    const auto api = toApiError(error);
    QCOMPARE(api.status, status);
    QCOMPARE(api.message, message);
}

void TstDockerErrorMapping::unreachableIs503NamingTheEndpoint() {
    DockerError error;
    error.kind = DockerError::Kind::Unreachable;
    error.message = QStringLiteral("No such file or directory");
    error.endpoint = QStringLiteral("unix:///var/run/docker.sock");
    const auto api = toApiError(error);
    QCOMPARE(api.status, 503);
    QCOMPARE(api.message,
             QStringLiteral("Docker daemon unreachable at unix:///var/run/docker.sock: "
                            "No such file or directory"));
    error.kind = DockerError::Kind::Timeout;
    QCOMPARE(toApiError(error).status, 503);
}

void TstDockerErrorMapping::brokenAnswerIs500WithTheCause() {
    DockerError error;
    error.kind = DockerError::Kind::Protocol;
    error.message = QStringLiteral("connection closed mid-response");
    error.endpoint = QStringLiteral("tcp://h:2375");
    const auto api = toApiError(error);
    QCOMPARE(api.status, 500);
    QVERIFY(api.message.contains(QStringLiteral("tcp://h:2375")));
    QVERIFY(api.message.contains(QStringLiteral("connection closed mid-response")));
}

QTEST_MAIN(TstDockerErrorMapping)
#include "tst_dockererrormapping.moc"
