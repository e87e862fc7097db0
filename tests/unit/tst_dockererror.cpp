// Decoding Docker's error answers into DockerError, and its one-line description.

#include "docker/dockererror.h"

#include <QTest>

using sockerless::docker::DockerError;
using Kind = DockerError::Kind;

namespace {
const QString kEndpoint = QStringLiteral("unix:///var/run/docker.sock");
} // namespace

class TestDockerError : public QObject {
    Q_OBJECT

private slots:
    void fromHttp_data();
    void fromHttp();
    void dockerMessageKeptWhole();
    void longTextIsShortened();
    void hugeHtmlPageIsShortened();
    void reasonPhrase_data();
    void reasonPhrase();
    void toString_data();
    void toString();
};

void TestDockerError::fromHttp_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");

    QTest::newRow("Docker JSON") << 404
                                 << QByteArray(
                                        "{\"message\":\"No such container: doesnotexist\"}\n")
                                 << QStringLiteral("No such container: doesnotexist");
    QTest::newRow("JSON with more fields")
        << 409 << QByteArray(R"({"message":"Conflict. The name is in use","code":1})")
        << QStringLiteral("Conflict. The name is in use");
    QTest::newRow("JSON with escapes and non-ASCII")
        << 400 << QByteArray(R"({"message":"bad \"name\": caf\u00e9 \u2603"})")
        << QStringLiteral("bad \"name\": caf\u00e9 \u2603");
    QTest::newRow("JSON without message")
        << 500 << QByteArray(R"({"error":"boom"})") << QStringLiteral("{\"error\":\"boom\"}");
    QTest::newRow("JSON with empty message")
        << 500 << QByteArray(R"({"message":""})") << QStringLiteral("{\"message\":\"\"}");
    QTest::newRow("JSON array") << 500 << QByteArray("[1,2]") << QStringLiteral("[1,2]");
    QTest::newRow("plain text") << 404 << QByteArray("page not found\n")
                                << QStringLiteral("page not found");
    QTest::newRow("plain text on lines")
        << 500 << QByteArray("line one\r\n  line two\n") << QStringLiteral("line one line two");
    QTest::newRow("empty body, reason phrase")
        << 404 << QByteArray() << QStringLiteral("Not Found");
    QTest::newRow("blank body, reason phrase")
        << 500 << QByteArray(" \r\n ") << QStringLiteral("Internal Server Error");
    QTest::newRow("304, no body") << 304 << QByteArray() << QStringLiteral("Not Modified");
    QTest::newRow("unknown status, no body") << 599 << QByteArray() << QStringLiteral("HTTP 599");
    QTest::newRow("binary garbage") << 502 << QByteArray("\x00\x01\x02\xff\xfe garbage \x00", 15)
                                    << QStringLiteral("Bad Gateway (unreadable body of 15 bytes)");
    QTest::newRow("invalid UTF-8")
        << 500 << QByteArray("abc\xc3\x28 def")
        << QStringLiteral("Internal Server Error (unreadable body of 9 bytes)");
    QTest::newRow("truncated JSON is text")
        << 500 << QByteArray("{\"message\":\"cut") << QStringLiteral("{\"message\":\"cut");
    QTest::newRow("HTML page with title")
        << 502
        << QByteArray("<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title>"
                      "<style>body{color:red}</style></head><body><h1>Bad Gateway</h1>"
                      "<p>The proxy got an invalid response.</p></body></html>")
        << QStringLiteral("502 Bad Gateway");
    QTest::newRow("HTML page with a heading only")
        << 503 << QByteArray("<html><body><h1>Service &amp; stuff\n unavailable</h1></body></html>")
        << QStringLiteral("Service & stuff unavailable");
    QTest::newRow("HTML page, text only")
        << 500 << QByteArray("<html><body><p>Something <b>broke</b>.</p></body></html>")
        << QStringLiteral("Something broke .");
    QTest::newRow("HTML page, nothing readable")
        << 500 << QByteArray("<html><body><script>var x = 1;</script></body></html>")
        << QStringLiteral("Internal Server Error");
}

void TestDockerError::fromHttp() {
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    const DockerError error = DockerError::fromHttp(status, body, kEndpoint);
    QCOMPARE(error.kind, Kind::Http);
    QVERIFY(error.isError());
    QCOMPARE(error.status, status);
    QCOMPARE(error.endpoint, kEndpoint);
    QCOMPARE(error.message, message);
}

void TestDockerError::dockerMessageKeptWhole() {
    // Docker's own message is forwarded as it is, however long.
    const QString longMessage = QStringLiteral("x").repeated(5000);
    const QByteArray body = "{\"message\":\"" + longMessage.toUtf8() + "\"}";
    QCOMPARE(DockerError::fromHttp(500, body, kEndpoint).message, longMessage);
}

void TestDockerError::longTextIsShortened() {
    const QByteArray body = QByteArray("word ").repeated(1000);
    const QString message = DockerError::fromHttp(500, body, kEndpoint).message;
    QCOMPARE(message.size(), 200);
    QVERIFY(message.startsWith(QLatin1String("word word")));
    QVERIFY(message.endsWith(QLatin1String("...")));
}

void TestDockerError::hugeHtmlPageIsShortened() {
    // A multi-megabyte page, with a UTF-8 character straddling the examined prefix.
    QByteArray page = "<html><body><p>" + QByteArray("\xc3\xa9").repeated(40000) +
                      QByteArray("filler ").repeated(500000) + "</p></body></html>";
    const QString message = DockerError::fromHttp(500, page, kEndpoint).message;
    QVERIFY(!message.isEmpty());
    QVERIFY(message.size() <= 200);
    QVERIFY2(message.startsWith(QStringLiteral("\u00e9\u00e9")), qPrintable(message));
}

void TestDockerError::reasonPhrase_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("200") << 200 << QStringLiteral("OK");
    QTest::newRow("409") << 409 << QStringLiteral("Conflict");
    QTest::newRow("511") << 511 << QStringLiteral("Network Authentication Required");
    QTest::newRow("512, unknown") << 512 << QStringLiteral("HTTP 512");
    QTest::newRow("0") << 0 << QStringLiteral("HTTP 0");
    QTest::newRow("negative") << -1 << QStringLiteral("HTTP -1");
    QTest::newRow("huge") << 100000 << QStringLiteral("HTTP 100000");
}

void TestDockerError::reasonPhrase() {
    QFETCH(int, status);
    QFETCH(QString, phrase);
    QCOMPARE(DockerError::reasonPhrase(status), phrase);
}

void TestDockerError::toString_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("expected");

    QTest::newRow("none") << int(Kind::None) << 0 << QString() << kEndpoint
                          << QStringLiteral("no error");
    QTest::newRow("unreachable") << int(Kind::Unreachable) << 0
                                 << QStringLiteral("No such file or directory") << kEndpoint
                                 << QStringLiteral(
                                        "Docker daemon unreachable at unix:///var/run/docker.sock: "
                                        "No such file or directory");
    QTest::newRow("timeout")
        << int(Kind::Timeout) << 0 << QStringLiteral("no headers in 30 s")
        << QStringLiteral("tcp://h:2375")
        << QStringLiteral("Docker at tcp://h:2375 did not answer in time: no headers in 30 s");
    QTest::newRow("protocol") << int(Kind::Protocol) << 0
                              << QStringLiteral("invalid character in chunk size header")
                              << kEndpoint
                              << QStringLiteral("invalid answer from Docker at "
                                                "unix:///var/run/docker.sock: invalid character "
                                                "in chunk size header");
    QTest::newRow("http") << int(Kind::Http) << 404 << QStringLiteral("No such container: x")
                          << kEndpoint
                          << QStringLiteral("Docker at unix:///var/run/docker.sock answered 404: "
                                            "No such container: x");
    QTest::newRow("aborted, no endpoint") << int(Kind::Aborted) << 0 << QString() << QString()
                                          << QStringLiteral("request to Docker aborted");
}

void TestDockerError::toString() {
    QFETCH(int, kind);
    QFETCH(int, status);
    QFETCH(QString, message);
    QFETCH(QString, endpoint);
    QFETCH(QString, expected);
    DockerError error;
    error.kind = Kind(kind);
    error.status = status;
    error.message = message;
    error.endpoint = endpoint;
    QCOMPARE(error.toString(), expected);
    QCOMPARE(error.isError(), error.kind != Kind::None);
}

QTEST_MAIN(TestDockerError)
#include "tst_dockererror.moc"
