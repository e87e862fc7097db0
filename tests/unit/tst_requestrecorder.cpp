#include "http/requestrecorder.h"
#include "observe/log.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryFile>
#include <QTest>
#include <cstdio>
#include <functional>
#include <unistd.h>

using sockerless::http::RequestRecord;
using sockerless::http::RequestRecorder;
using sockerless::observe::Log;

namespace {

// Runs `body` with stderr (where the log writes) redirected into a file, and returns what it wrote.
QByteArray captureStderr(const std::function<void()>& body) {
    QTemporaryFile file;
    if (!file.open())
        return "capture failed";
    std::fflush(stderr);
    const int saved = ::dup(STDERR_FILENO);
    ::dup2(file.handle(), STDERR_FILENO);
    body();
    std::fflush(stderr);
    ::dup2(saved, STDERR_FILENO);
    ::close(saved);
    file.seek(0);
    return file.readAll();
}

RequestRecord sampleRecord() {
    RequestRecord r;
    r.time = QDateTime::currentDateTimeUtc();
    r.client = QStringLiteral("127.0.0.1");
    r.method = QStringLiteral("POST");
    r.path =
        QStringLiteral("/internal/v1/images/create?fromImage=busybox&X-Registry-Auth=REDACTED");
    r.route = QStringLiteral("/internal/v1/images/create");
    r.status = 201;
    r.durationMs = 12.3456;
    r.bytesIn = 17;
    r.bytesOut = 2048;
    r.error = QStringLiteral("upstream slow");
    return r;
}

} // namespace

class TstRequestRecorder : public QObject {
    Q_OBJECT
private slots:
    void redactsCredentialQueryItems_data();
    void redactsCredentialQueryItems();
    void recordWritesOneJsonLine();
    void recordWritesOneTextLine();
};

void TstRequestRecorder::redactsCredentialQueryItems_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no query") << QStringLiteral("/internal/v1/info")
                              << QStringLiteral("/internal/v1/info");
    QTest::newRow("harmless query")
        << QStringLiteral("/x?all=1&filters=%7B%7D") << QStringLiteral("/x?all=1&filters=%7B%7D");
    QTest::newRow("X-Registry-Auth")
        << QStringLiteral("/images/create?fromImage=a%2Fb&X-Registry-Auth=eyJzZWNyZXQ&tag=1")
        << QStringLiteral("/images/create?fromImage=a%2Fb&X-Registry-Auth=REDACTED&tag=1");
    QTest::newRow("case-insensitive")
        << QStringLiteral("/p?AUTH=x&Password=y&ToKeN=z&keep=1")
        << QStringLiteral("/p?AUTH=REDACTED&Password=REDACTED&ToKeN=REDACTED"
                          "&keep=1");
    QTest::newRow("encoded key") << QStringLiteral("/p?%61uth=secret&b=2")
                                 << QStringLiteral("/p?%61uth=REDACTED&b=2");
    QTest::newRow("key without value")
        << QStringLiteral("/p?token&x=1") << QStringLiteral("/p?token=REDACTED&x=1");
    QTest::newRow("similar names stay")
        << QStringLiteral("/p?author=me&tokens=3") << QStringLiteral("/p?author=me&tokens=3");
    QTest::newRow("empty value") << QStringLiteral("/p?password=")
                                 << QStringLiteral("/p?password=REDACTED");
}

void TstRequestRecorder::redactsCredentialQueryItems() {
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const QString redacted = RequestRecorder::redactPath(input);
    QCOMPARE(redacted, expected);
    QVERIFY(!redacted.contains(QStringLiteral("secret")));
    QVERIFY(!redacted.contains(QStringLiteral("eyJzZWNyZXQ")));
}

void TstRequestRecorder::recordWritesOneJsonLine() {
    Log::configure(Log::Format::Json, Log::Level::Info);
    RequestRecorder recorder;
    QSignalSpy spy(&recorder, &RequestRecorder::recorded);
    QVERIFY(spy.isValid());
    const RequestRecord record = sampleRecord();
    const QByteArray out = captureStderr([&] { recorder.record(record); });

    QCOMPARE(out.count('\n'), 1);
    QVERIFY(out.endsWith('\n'));
    QJsonParseError error{};
    const QJsonObject line = QJsonDocument::fromJson(out.trimmed(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(line.value(QStringLiteral("msg")).toString(), QStringLiteral("request"));
    QCOMPARE(line.value(QStringLiteral("level")).toString(), QStringLiteral("info"));
    QVERIFY(line.contains(QStringLiteral("time")));
    QCOMPARE(line.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(line.value(QStringLiteral("route")).toString(), record.route);
    QCOMPARE(line.value(QStringLiteral("path")).toString(), record.path);
    QCOMPARE(line.value(QStringLiteral("status")).toInt(), 201);
    QCOMPARE(line.value(QStringLiteral("durationMs")).toDouble(), 12.346);
    QCOMPARE(line.value(QStringLiteral("bytesIn")).toInt(), 17);
    QCOMPARE(line.value(QStringLiteral("bytesOut")).toInt(), 2048);
    QCOMPARE(line.value(QStringLiteral("client")).toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(line.value(QStringLiteral("error")).toString(), QStringLiteral("upstream slow"));

    QCOMPARE(spy.count(), 1);
    const auto emitted = spy.at(0).at(0).value<RequestRecord>();
    QCOMPARE(emitted.status, 201);
    QCOMPARE(emitted.path, record.path);
}

void TstRequestRecorder::recordWritesOneTextLine() {
    Log::configure(Log::Format::Text, Log::Level::Info);
    RequestRecorder recorder;
    RequestRecord record = sampleRecord();
    record.error.clear();
    const QByteArray out = captureStderr([&] { recorder.record(record); });
    QCOMPARE(out.count('\n'), 1);
    QVERIFY2(out.contains(" INFO request "), out.constData());
    QVERIFY2(out.contains("method=POST"), out.constData());
    QVERIFY2(out.contains("status=201"), out.constData());
    QVERIFY2(out.contains("route=/internal/v1/images/create "), out.constData());
    QVERIFY2(out.contains("bytesOut=2048"), out.constData());
    QVERIFY2(out.contains("durationMs=12.346"), out.constData());
    // Below the minimum level nothing is written, but the record is still emitted.
    Log::configure(Log::Format::Text, Log::Level::Warning);
    QSignalSpy spy(&recorder, &RequestRecorder::recorded);
    QCOMPARE(captureStderr([&] { recorder.record(record); }), QByteArray());
    QCOMPARE(spy.count(), 1);
}

QTEST_MAIN(TstRequestRecorder)
#include "tst_requestrecorder.moc"
