// Observability of the real sockerlessd on the backend under test: the request log
// (`/internal/v1/requests`, its stream, the `--request-log` file), the Prometheus metrics, the
// healthz degraded state, and that no credential ever reaches any of them.

#include "blackboxcase.h"
#include "daemonprocess.h"
#include "fakedocker.h"
#include "testenv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <sys/stat.h>

using sockerless::test::BlackboxCase;
using sockerless::test::DaemonProcess;
using sockerless::test::FakeDocker;
using sockerless::test::TestEnv;

namespace {

QList<QJsonObject> objects(const QJsonArray& array) {
    QList<QJsonObject> out;
    for (const QJsonValue& value : array)
        out.append(value.toObject());
    return out;
}

// The records of `/requests?limit=...` (all of them by default).
QList<QJsonObject> requestLog(DaemonProcess& daemon,
                              const QString& query = QStringLiteral("limit=10000")) {
    const auto reply = daemon.get(QStringLiteral("/internal/v1/requests?") + query);
    if (reply.status != 200)
        qWarning("/requests answered %d: %s", reply.status, reply.body.constData());
    return objects(reply.json().array());
}

// The newest record for `path` (exact path with query) and `method`, or empty.
QJsonObject newest(const QList<QJsonObject>& records, const QString& method, const QString& path) {
    for (const QJsonObject& record : records) {
        if (record.value(QStringLiteral("method")).toString() == method &&
            record.value(QStringLiteral("path")).toString() == path)
            return record;
    }
    return {};
}

// Samples of a Prometheus text body: `name{labels}` → value. Lines that are not comments or
// well-formed samples are returned in `bad`.
QHash<QString, double> parseMetrics(const QByteArray& text, QStringList* bad) {
    static const QRegularExpression sample(
        QStringLiteral("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]"
                       "|\\\\[\\\\\"n])*\",?)*\\})?) (\\S+)$"));
    static const QRegularExpression comment(
        QStringLiteral("^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$"));
    QHash<QString, double> out;
    for (const QByteArray& raw : text.split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.isEmpty())
            continue;
        if (line.startsWith(QLatin1Char('#'))) {
            if (!comment.match(line).hasMatch())
                bad->append(line);
            continue;
        }
        const auto m = sample.match(line);
        bool ok = false;
        const double value =
            m.captured(2) == QLatin1String("+Inf") ? qInf() : m.captured(2).toDouble(&ok);
        if (!m.hasMatch() || (!ok && m.captured(2) != QLatin1String("+Inf"))) {
            bad->append(line);
            continue;
        }
        out.insert(m.captured(1), value);
    }
    return out;
}

// The X-Registry-Auth value a Docker client sends: base64url of the AuthConfig JSON.
QByteArray registryAuth(const QString& user, const QString& password) {
    return QJsonDocument(QJsonObject{{QStringLiteral("username"), user},
                                     {QStringLiteral("password"), password},
                                     {QStringLiteral("serveraddress"), TestEnv::registry()}})
        .toJson(QJsonDocument::Compact)
        .toBase64(QByteArray::Base64UrlEncoding);
}

} // namespace

class TstBlackboxObserve : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void requestsListsCallsNewestFirst();
    void beforePagesThroughOlderRecords();
    void badLimitOrBeforeIs400();
    void streamSendsEachRecordAndWebSocketOpenClose();
    void requestLogFileIsWrittenAndRotated();
    void metricsCountRequestsAndParse();
    void healthzDegradedWhileDockerIsUnreachable();
    void credentialsNeverAppearAnywhere();

private:
    BlackboxCase m_case;
    DaemonProcess* m_daemon = nullptr;
};

void TstBlackboxObserve::init() {
    SOCKERLESS_REQUIRE_DOCKER();
    QString error;
    QVERIFY2(m_case.start(&error), qPrintable(error));
    m_daemon = &m_case.daemon();
}

void TstBlackboxObserve::cleanup() {
    m_daemon = nullptr;
    m_case.finish();
}

void TstBlackboxObserve::requestsListsCallsNewestFirst() {
    QCOMPARE(m_daemon->get(QStringLiteral("/internal/v1/info")).status, 200);
    const auto list = m_daemon->get(QStringLiteral("/internal/v1/containers?all=1"));
    QCOMPARE(list.status, 200);
    QCOMPARE(m_daemon->get(QStringLiteral("/internal/v1/nothing-here")).status, 404);

    const auto reply = m_daemon->get(QStringLiteral("/internal/v1/requests?limit=3"));
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.header("Content-Type").startsWith("application/json"));
    const QList<QJsonObject> records = objects(reply.json().array());
    QCOMPARE(records.size(), 3);
    // Newest first, ids one apart.
    QCOMPARE(records[0].value(QStringLiteral("path")).toString(),
             QStringLiteral("/internal/v1/nothing-here"));
    QCOMPARE(records[1].value(QStringLiteral("path")).toString(),
             QStringLiteral("/internal/v1/containers?all=1"));
    QCOMPARE(records[2].value(QStringLiteral("path")).toString(),
             QStringLiteral("/internal/v1/info"));
    QCOMPARE(records[0].value(QStringLiteral("id")).toInteger(),
             records[1].value(QStringLiteral("id")).toInteger() + 1);
    QCOMPARE(records[1].value(QStringLiteral("id")).toInteger(),
             records[2].value(QStringLiteral("id")).toInteger() + 1);

    const QJsonObject missing = records[0];
    QCOMPARE(missing.value(QStringLiteral("status")).toInt(), 404);
    QVERIFY(missing.value(QStringLiteral("route")).isNull());
    QVERIFY(missing.value(QStringLiteral("error")).toString().contains(QStringLiteral("No route")));

    const QJsonObject containers = records[1];
    QCOMPARE(containers.value(QStringLiteral("method")).toString(), QStringLiteral("GET"));
    QCOMPARE(containers.value(QStringLiteral("route")).toString(),
             QStringLiteral("/internal/v1/containers"));
    QCOMPARE(containers.value(QStringLiteral("status")).toInt(), 200);
    QCOMPARE(containers.value(QStringLiteral("bytesOut")).toInteger(), list.body.size());
    QCOMPARE(containers.value(QStringLiteral("bytesIn")).toInteger(), 0);
    QCOMPARE(containers.value(QStringLiteral("client")).toString(), QStringLiteral("127.0.0.1"));
    QVERIFY(containers.value(QStringLiteral("durationMs")).toDouble() > 0);
    QVERIFY(containers.value(QStringLiteral("error")).isNull());
    const QDateTime time = QDateTime::fromString(
        containers.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
    QVERIFY(time.isValid());
    QVERIFY(qAbs(time.secsTo(QDateTime::currentDateTimeUtc())) < 300);

    const QJsonArray infoUpstream = records[2].value(QStringLiteral("upstream")).toArray();
    const QJsonArray listUpstream = containers.value(QStringLiteral("upstream")).toArray();
    if (!BlackboxCase::isDocker()) {
        // The memory backend has no engine behind it.
        QCOMPARE(infoUpstream.size(), 0);
        QCOMPARE(listUpstream.size(), 0);
        return;
    }
    // info asks Docker for /info, /version, /networks and /volumes.
    QStringList paths;
    for (const QJsonValue& value : infoUpstream) {
        const QJsonObject call = value.toObject();
        QCOMPARE(call.value(QStringLiteral("method")).toString(), QStringLiteral("GET"));
        QCOMPARE(call.value(QStringLiteral("status")).toInt(), 200);
        QVERIFY(call.value(QStringLiteral("durationMs")).toDouble() >= 0);
        paths.append(call.value(QStringLiteral("path")).toString());
    }
    for (const QString& path : {QStringLiteral("/info"), QStringLiteral("/version"),
                                QStringLiteral("/networks"), QStringLiteral("/volumes")})
        QVERIFY2(paths.contains(path), qPrintable(paths.join(QLatin1Char(' '))));
    QCOMPARE(listUpstream.size(), 1);
    const QJsonObject call = listUpstream.at(0).toObject();
    QCOMPARE(call.value(QStringLiteral("status")).toInt(), 200);
    QVERIFY2(call.value(QStringLiteral("path"))
                 .toString()
                 .startsWith(QStringLiteral("/containers/json")),
             qPrintable(call.value(QStringLiteral("path")).toString()));
}

void TstBlackboxObserve::beforePagesThroughOlderRecords() {
    for (int i = 0; i < 6; ++i)
        QCOMPARE(m_daemon->get(QStringLiteral("/internal/v1/healthz?n=%1").arg(i)).status, 200);
    const QList<QJsonObject> first = requestLog(*m_daemon, QStringLiteral("limit=2"));
    QCOMPARE(first.size(), 2);
    QCOMPARE(first[0].value(QStringLiteral("path")).toString(),
             QStringLiteral("/internal/v1/healthz?n=5"));
    QCOMPARE(first[1].value(QStringLiteral("path")).toString(),
             QStringLiteral("/internal/v1/healthz?n=4"));
    const qint64 oldest = first[1].value(QStringLiteral("id")).toInteger();
    const QList<QJsonObject> second =
        requestLog(*m_daemon, QStringLiteral("limit=3&before=%1").arg(oldest));
    QCOMPARE(second.size(), 3);
    QCOMPARE(second[0].value(QStringLiteral("id")).toInteger(), oldest - 1);
    QCOMPARE(second[0].value(QStringLiteral("path")).toString(),
             QStringLiteral("/internal/v1/healthz?n=3"));
    QCOMPARE(second[2].value(QStringLiteral("path")).toString(),
             QStringLiteral("/internal/v1/healthz?n=1"));
    // Records keep arriving (the /requests calls themselves): `before` pages stay put.
    const QList<QJsonObject> again =
        requestLog(*m_daemon, QStringLiteral("limit=3&before=%1").arg(oldest));
    QCOMPARE(again, second);
    QVERIFY(requestLog(*m_daemon, QStringLiteral("before=1")).isEmpty());
    // Without a limit: at most 100.
    for (int i = 0; i < 110; ++i)
        m_daemon->get(QStringLiteral("/internal/v1/healthz"));
    QCOMPARE(requestLog(*m_daemon, QString()).size(), 100);
}

void TstBlackboxObserve::badLimitOrBeforeIs400() {
    for (const QString& query :
         {QStringLiteral("limit=0"), QStringLiteral("limit=-1"), QStringLiteral("limit=abc"),
          QStringLiteral("limit=10001"), QStringLiteral("before=0"), QStringLiteral("before=x1")}) {
        const auto reply = m_daemon->get(QStringLiteral("/internal/v1/requests?") + query);
        QCOMPARE(reply.status, 400);
        const QString message = reply.json().object().value(QStringLiteral("message")).toString();
        QVERIFY2(message.contains(query.section(QLatin1Char('='), 0, 0)), qPrintable(message));
    }
    // The ring's size is the largest limit.
    QCOMPARE(m_daemon->get(QStringLiteral("/internal/v1/requests?limit=10000")).status, 200);
}

void TstBlackboxObserve::streamSendsEachRecordAndWebSocketOpenClose() {
    QList<QJsonObject> received;
    auto stream = m_daemon->openWebSocket(
        QStringLiteral("/internal/v1/requests/stream"), 10000, [&received](QWebSocket* socket) {
            QObject::connect(socket, &QWebSocket::textMessageReceived, socket,
                             [&received](const QString& text) {
                                 // Newest first, as /requests lists them.
                                 received.prepend(QJsonDocument::fromJson(text.toUtf8()).object());
                             });
        });
    QVERIFY(stream);
    QCOMPARE(stream->state(), QAbstractSocket::ConnectedState);

    QCOMPARE(m_daemon->get(QStringLiteral("/internal/v1/info?x=1")).status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(
        !newest(received, QStringLiteral("GET"), QStringLiteral("/internal/v1/info?x=1")).isEmpty(),
        5000);
    const QJsonObject info =
        newest(received, QStringLiteral("GET"), QStringLiteral("/internal/v1/info?x=1"));
    QCOMPARE(info.value(QStringLiteral("status")).toInt(), 200);
    QCOMPARE(info.value(QStringLiteral("route")).toString(), QStringLiteral("/internal/v1/info"));
    // The stream carries what /requests holds.
    QCOMPARE(newest(requestLog(*m_daemon), QStringLiteral("GET"),
                    QStringLiteral("/internal/v1/info?x=1")),
             info);

    // Another WebSocket: one record when it opens (101), one when it closes (the close code).
    const QString eventsPath = QStringLiteral("/internal/v1/events?x=observe");
    int eventMessages = 0;
    auto events = m_daemon->openWebSocket(eventsPath, 10000, [&eventMessages](QWebSocket* socket) {
        QObject::connect(socket, &QWebSocket::textMessageReceived, socket,
                         [&eventMessages](const QString&) { ++eventMessages; });
    });
    QVERIFY(events);
    QTRY_VERIFY_WITH_TIMEOUT(!newest(received, QStringLiteral("WS"), eventsPath).isEmpty(), 5000);
    const QJsonObject opened = newest(received, QStringLiteral("WS"), eventsPath);
    QCOMPARE(opened.value(QStringLiteral("status")).toInt(), 101);
    QCOMPARE(opened.value(QStringLiteral("stream")).toString(), QStringLiteral("open"));
    QCOMPARE(opened.value(QStringLiteral("route")).toString(),
             QStringLiteral("/internal/v1/events"));
    if (BlackboxCase::isDocker()) {
        // An event through the session proves its Docker /events call answered (and was
        // reported) before the close.
        QVERIFY(!m_case.engineCreate(QStringLiteral("volumes"), {}).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(eventMessages > 0, 10000);
    }
    events->close(QWebSocketProtocol::CloseCodeNormal);
    QTRY_VERIFY_WITH_TIMEOUT(newest(received, QStringLiteral("WS"), eventsPath)
                                     .value(QStringLiteral("stream"))
                                     .toString() == QLatin1String("closed"),
                             5000);
    const QJsonObject closed = newest(received, QStringLiteral("WS"), eventsPath);
    QCOMPARE(closed.value(QStringLiteral("status")).toInt(), 1000);
    QVERIFY(closed.value(QStringLiteral("id")).toInteger() >
            opened.value(QStringLiteral("id")).toInteger());
    if (BlackboxCase::isDocker()) {
        // The Docker /events stream the session ran is in its close record.
        const QJsonArray upstream = closed.value(QStringLiteral("upstream")).toArray();
        QCOMPARE(upstream.size(), 1);
        QVERIFY(upstream.at(0)
                    .toObject()
                    .value(QStringLiteral("path"))
                    .toString()
                    .startsWith(QStringLiteral("/events")));
        QCOMPARE(upstream.at(0).toObject().value(QStringLiteral("status")).toInt(), 200);
    }
    stream->close();
}

void TstBlackboxObserve::requestLogFileIsWrittenAndRotated() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("requests.jsonl"));
    DaemonProcess daemon;
    QString error;
    QVERIFY2(daemon.start(
                 DaemonProcess::defaultArguments() +
                     QStringList{QStringLiteral("--request-log"), path,
                                 QStringLiteral("--request-log-max-size"), QStringLiteral("4096"),
                                 QStringLiteral("--request-log-files"), QStringLiteral("2")},
                 &error),
             qPrintable(error));
    for (int i = 0; i < 80; ++i)
        QCOMPARE(daemon.get(QStringLiteral("/internal/v1/healthz?i=%1").arg(i)).status, 200);
    // Flushed per record: the last request's line is there as soon as it was answered.
    QTRY_VERIFY_WITH_TIMEOUT(QFile(path).exists(), 5000);
    QCOMPARE(daemon.terminate(), 0);

    const QStringList names = QDir(dir.path()).entryList(QDir::Files, QDir::Name);
    QCOMPARE(names,
             (QStringList{QStringLiteral("requests.jsonl"), QStringLiteral("requests.jsonl.1"),
                          QStringLiteral("requests.jsonl.2")}));
    QList<QJsonObject> records;
    for (const QString& name :
         {QStringLiteral("requests.jsonl.2"), QStringLiteral("requests.jsonl.1"),
          QStringLiteral("requests.jsonl")}) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        struct stat info {};
        QCOMPARE(::stat(QFile::encodeName(file.fileName()).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0600u);
        QVERIFY(file.size() <= 4096);
        for (const QByteArray& line : file.readAll().split('\n')) {
            if (line.isEmpty())
                continue;
            QJsonParseError parseError{};
            const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
            QVERIFY2(parseError.error == QJsonParseError::NoError, line.constData());
            records.append(document.object());
        }
    }
    // Oldest to newest across the files, without a gap; the last request is the last line.
    for (qsizetype i = 1; i < records.size(); ++i)
        QCOMPARE(records[i].value(QStringLiteral("id")).toInteger(),
                 records[i - 1].value(QStringLiteral("id")).toInteger() + 1);
    QCOMPARE(records.last().value(QStringLiteral("path")).toString(),
             QStringLiteral("/internal/v1/healthz?i=79"));
}

void TstBlackboxObserve::metricsCountRequestsAndParse() {
    const auto before = m_daemon->get(QStringLiteral("/internal/v1/metrics"));
    QCOMPARE(before.status, 200);
    QVERIFY2(before.header("Content-Type").startsWith("text/plain; version=0.0.4"),
             before.header("Content-Type").constData());
    QStringList bad;
    const QHash<QString, double> first = parseMetrics(before.body, &bad);
    QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));

    for (int i = 0; i < 3; ++i)
        QCOMPARE(m_daemon->get(QStringLiteral("/internal/v1/info")).status, 200);
    QCOMPARE(m_daemon->get(QStringLiteral("/internal/v1/nope")).status, 404);
    auto stream = m_daemon->openWebSocket(QStringLiteral("/internal/v1/requests/stream"));
    QVERIFY(stream);

    const auto after = m_daemon->get(QStringLiteral("/internal/v1/metrics"));
    QCOMPARE(after.status, 200);
    const QHash<QString, double> second = parseMetrics(after.body, &bad);
    QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));

    const QString info = QStringLiteral(
        "sockerless_requests_total{route=\"/internal/v1/info\",method=\"GET\",status=\"200\"}");
    QCOMPARE(second.value(info) - first.value(info), 3.0);
    const QString unmatched = QStringLiteral(
        "sockerless_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"}");
    QCOMPARE(second.value(unmatched) - first.value(unmatched), 1.0);
    const QString count =
        QStringLiteral("sockerless_request_duration_seconds_count{route=\"/internal/v1/info\"}");
    const QString inf = QStringLiteral(
        "sockerless_request_duration_seconds_bucket{route=\"/internal/v1/info\",le=\"+Inf\"}");
    QCOMPARE(second.value(count) - first.value(count), 3.0);
    QCOMPARE(second.value(inf), second.value(count));
    QCOMPARE(second.value(QStringLiteral("sockerless_docker_up")), 1.0);
    QVERIFY(second.value(QStringLiteral("sockerless_open_streams")) >= 1);
    QVERIFY(second.value(QStringLiteral("sockerless_open_connections")) >= 2); // metrics + stream
    QVERIFY(second.value(QStringLiteral("sockerless_request_log_records")) >
            first.value(QStringLiteral("sockerless_request_log_records")));
    // No label carries a path: cardinality stays bounded by the route table.
    QVERIFY(!after.body.contains("/internal/v1/nope"));
    const QString upstreamOk =
        QStringLiteral("sockerless_upstream_requests_total{method=\"GET\",status=\"200\"}");
    if (BlackboxCase::isDocker())
        QVERIFY(second.value(upstreamOk) - first.value(upstreamOk) >= 12); // 4 calls per info
    else
        QVERIFY(!second.contains(upstreamOk));
}

void TstBlackboxObserve::healthzDegradedWhileDockerIsUnreachable() {
    // The backend under test does not matter here: a Docker backend on a fake Docker this test
    // stops. One registration is enough.
    if (!BlackboxCase::isDocker())
        QSKIP("runs in the Docker registration only");
    QTemporaryDir dir;
    FakeDocker docker(dir.filePath(QStringLiteral("docker.sock")));
    QVERIFY(docker.listen());
    DaemonProcess daemon;
    QString error;
    QVERIFY2(daemon.start({QStringLiteral("--backend"), QStringLiteral("docker"),
                           QStringLiteral("--docker-host"), docker.url(),
                           QStringLiteral("--log-format"), QStringLiteral("json")},
                          &error),
             qPrintable(error));
    auto healthy = daemon.get(QStringLiteral("/internal/v1/healthz"));
    QCOMPARE(healthy.status, 200);
    QCOMPARE(healthy.json().object().value(QStringLiteral("status")).toString(),
             QStringLiteral("ok"));

    docker.stop();
    const auto degraded = daemon.get(QStringLiteral("/internal/v1/healthz"));
    QCOMPARE(degraded.status, 503);
    const QJsonObject body = degraded.json().object();
    QCOMPARE(body.value(QStringLiteral("status")).toString(), QStringLiteral("degraded"));
    QCOMPARE(body.value(QStringLiteral("backend")).toString(), QStringLiteral("docker"));
    QVERIFY2(body.value(QStringLiteral("reason")).toString().contains(docker.url()),
             qPrintable(body.value(QStringLiteral("reason")).toString()));
    // The failed ping is in the healthz record, with status 0 (no answer).
    const QJsonObject record =
        newest(requestLog(daemon), QStringLiteral("GET"), QStringLiteral("/internal/v1/healthz"));
    QCOMPARE(record.value(QStringLiteral("status")).toInt(), 503);
    const QJsonArray upstream = record.value(QStringLiteral("upstream")).toArray();
    QCOMPARE(upstream.size(), 1);
    QCOMPARE(upstream.at(0).toObject().value(QStringLiteral("path")).toString(),
             QStringLiteral("/_ping"));
    QCOMPARE(upstream.at(0).toObject().value(QStringLiteral("status")).toInt(), 0);

    QStringList bad;
    const QHash<QString, double> metrics =
        parseMetrics(daemon.get(QStringLiteral("/internal/v1/metrics")).body, &bad);
    QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    QCOMPARE(metrics.value(QStringLiteral("sockerless_docker_up"), -1), 0.0);
    QVERIFY(metrics.value(
                QStringLiteral("sockerless_upstream_errors_total{reason=\"unreachable\"}")) >= 1);
    QCOMPARE(daemon.terminate(), 0);
}

void TstBlackboxObserve::credentialsNeverAppearAnywhere() {
    const QString marker = QString::number(QDateTime::currentMSecsSinceEpoch());
    const QString wrongPassword = QStringLiteral("wrong-pw-") + marker;
    const QString querySecret = QStringLiteral("q-secret-") + marker;
    const QString tokenSecret = QStringLiteral("t-secret-") + marker;
    const QString bodyAuthSecret = QStringLiteral("b-secret-") + marker;
    const QByteArray goodAuth = registryAuth(TestEnv::registryUser(), TestEnv::registryPassword());
    const QByteArray bodyAuth = registryAuth(TestEnv::registryUser(), bodyAuthSecret);

    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("requests.jsonl"));
    DaemonProcess daemon;
    QString error;
    QVERIFY2(daemon.start(DaemonProcess::defaultArguments() +
                              QStringList{QStringLiteral("--request-log"), file},
                          &error),
             qPrintable(error));
    QByteArray streamed;
    auto stream = daemon.openWebSocket(
        QStringLiteral("/internal/v1/requests/stream"), 10000, [&streamed](QWebSocket* socket) {
            QObject::connect(
                socket, &QWebSocket::textMessageReceived, socket,
                [&streamed](const QString& text) { streamed += text.toUtf8() + '\n'; });
        });
    QVERIFY(stream);

    const QList<QPair<QByteArray, QByteArray>> json{{"Content-Type", "application/json"}};
    // /auth with the right and a wrong password.
    for (const QString& password : {TestEnv::registryPassword(), wrongPassword}) {
        const QJsonObject body{{QStringLiteral("username"), TestEnv::registryUser()},
                               {QStringLiteral("password"), password},
                               {QStringLiteral("serveraddress"), TestEnv::registry()}};
        const auto reply =
            daemon.request("POST", QStringLiteral("/internal/v1/auth"),
                           QJsonDocument(body).toJson(QJsonDocument::Compact), json, 30000);
        QVERIFY2(reply.status == 200 || reply.status == 401, reply.body.constData());
    }
    // A pull with X-Registry-Auth (a chunked stream: open and close records), and one with the
    // credentials in the body's Auth field.
    auto headers = json;
    headers.append({"X-Registry-Auth", goodAuth});
    const QByteArray pullBody =
        QJsonDocument(QJsonObject{{QStringLiteral("Reference"), TestEnv::registryImage()}})
            .toJson(QJsonDocument::Compact);
    const auto pulled = daemon.request("POST", QStringLiteral("/internal/v1/images/pull"), pullBody,
                                       headers, 120000);
    QCOMPARE(pulled.status, 200);
    const QByteArray bodyAuthPull =
        QJsonDocument(QJsonObject{{QStringLiteral("Reference"), TestEnv::registryImage()},
                                  {QStringLiteral("Auth"), QString::fromLatin1(bodyAuth)}})
            .toJson(QJsonDocument::Compact);
    daemon.request("POST", QStringLiteral("/internal/v1/images/pull"), bodyAuthPull, json, 120000);
    // Credentials in query strings, HTTP and WebSocket.
    daemon.get(QStringLiteral("/internal/v1/info?auth=%1&token=%2").arg(querySecret, tokenSecret));
    daemon.get(QStringLiteral("/internal/v1/nothing?password=%1").arg(querySecret));
    auto ws = daemon.openWebSocket(QStringLiteral("/internal/v1/events?token=%1").arg(tokenSecret));
    QVERIFY(ws);
    ws->close();

    // Everything recorded: the pull's stream closed, the WebSocket closed.
    const auto closedRecordStreamed = [&streamed] {
        for (const QByteArray& line : streamed.split('\n')) {
            if (line.contains("/internal/v1/events?token=REDACTED") &&
                line.contains("\"stream\":\"closed\""))
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(closedRecordStreamed(), 10000);
    const QByteArray requests =
        daemon.get(QStringLiteral("/internal/v1/requests?limit=10000")).body;
    const QByteArray metrics = daemon.get(QStringLiteral("/internal/v1/metrics")).body;
    QVERIFY(requests.contains("/internal/v1/images/pull"));
    QVERIFY(requests.contains("auth=REDACTED&token=REDACTED"));
    stream->close();
    QCOMPARE(daemon.terminate(), 0);
    QFile logFile(file);
    QVERIFY(logFile.open(QIODevice::ReadOnly));
    const QByteArray fileText = logFile.readAll();
    QVERIFY(fileText.contains("/internal/v1/images/pull"));

    const QList<QPair<const char*, QByteArray>> sinks{{"stderr log", daemon.log()},
                                                      {"/requests", requests},
                                                      {"request stream", streamed},
                                                      {"request-log file", fileText},
                                                      {"/metrics", metrics}};
    const QList<QByteArray> secrets{TestEnv::registryPassword().toUtf8(),
                                    wrongPassword.toUtf8(),
                                    querySecret.toUtf8(),
                                    tokenSecret.toUtf8(),
                                    bodyAuthSecret.toUtf8(),
                                    goodAuth,
                                    bodyAuth};
    for (const auto& [name, text] : sinks) {
        QVERIFY2(!text.isEmpty(), name);
        for (const QByteArray& secret : secrets)
            QVERIFY2(!text.contains(secret),
                     qPrintable(QStringLiteral("%1 holds a credential").arg(QLatin1String(name))));
    }
}

QTEST_GUILESS_MAIN(TstBlackboxObserve)
#include "tst_blackbox_observe.moc"
