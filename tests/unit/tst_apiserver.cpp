#include "http/apiserver.h"
#include "http/chunkedstream.h"
#include "http/requestrecorder.h"
#include "http/websocketsession.h"
#include "httptestclient.h"
#include "observe/log.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWebSocket>
#include <cstring>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace sockerless::http;
using sockerless::test::RawCollector;
using sockerless::test::RawResponse;
using sockerless::test::recordFor;

namespace {

constexpr int timeoutMs = 5000;

QString tcpBase(const ApiServer& server) {
    return QStringLiteral("http://") + server.listeningAddresses().value(0);
}

quint16 tcpPort(const ApiServer& server) {
    return static_cast<quint16>(
        server.listeningAddresses().value(0).section(QLatin1Char(':'), -1).toUInt());
}

QJsonObject jsonObject(const QByteArray& body) {
    return QJsonDocument::fromJson(body).object();
}

} // namespace

class TstApiServer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void unknownRouteGives404Json();
    void wrongMethodGives405WithAllow();
    void handlerGetsRequestDataAndAnswersCompactJson();
    void imageNamesReachTheRestRoute();
    void asyncHandlerAnswersLater();
    void clientLeavingBeforeAsyncAnswerIsRecorded499();
    void handlerWithoutAnswerGets500();
    void throwingHandlerGets500();
    void emptyAnswersHaveNoBodyAndKeepAliveWorks();
    void unixSocketListener();
    void unixSocketListenerRefusesLiveOrForeignFiles();
    void listenRejectsBadAddresses();
    void shutdownWithNothingOpenCallsDoneOnce();

private:
    QNetworkAccessManager m_nam;
};

void TstApiServer::initTestCase() {
    // Keep the request log out of the test output; the recorder's signal is what tests check.
    sockerless::observe::Log::configure(sockerless::observe::Log::Format::Text,
                                        sockerless::observe::Log::Level::Warning);
}

void TstApiServer::unknownRouteGives404Json() {
    RequestRecorder recorder;
    QSignalSpy records(&recorder, &RequestRecorder::recorded);
    ApiServer server(&recorder);
    server.route("GET", QStringLiteral("/internal/v1/healthz"),
                 [](const ExchangePtr& ex) { ex->respondJson(200, QJsonObject{}); });
    QString error;
    QVERIFY2(server.listen(QStringLiteral("127.0.0.1:0"), &error), qPrintable(error));

    std::unique_ptr<QNetworkReply> reply(
        m_nam.get(QNetworkRequest(QUrl(tcpBase(server) + QStringLiteral("/x?a=1")))));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), timeoutMs);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
    QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toString(),
             QStringLiteral("application/json"));
    const QByteArray body = reply->readAll();
    QCOMPARE(jsonObject(body).value(QStringLiteral("message")).toString(),
             QStringLiteral("No route for GET /x"));

    QTRY_VERIFY_WITH_TIMEOUT(!recordFor(records, QStringLiteral("/x?a=1")).method.isEmpty(),
                             timeoutMs);
    const RequestRecord record = recordFor(records, QStringLiteral("/x?a=1"));
    QCOMPARE(record.status, 404);
    QCOMPARE(record.method, QStringLiteral("GET"));
    QVERIFY(record.route.isEmpty());
    QCOMPARE(record.client, QStringLiteral("127.0.0.1"));
    QCOMPARE(record.bytesOut, qint64(body.size()));
}

void TstApiServer::wrongMethodGives405WithAllow() {
    RequestRecorder recorder;
    QSignalSpy records(&recorder, &RequestRecorder::recorded);
    ApiServer server(&recorder);
    const auto ok = [](const ExchangePtr& ex) { ex->respondEmpty(204); };
    server.route("GET", QStringLiteral("/internal/v1/containers/{id}"), ok);
    server.route("DELETE", QStringLiteral("/internal/v1/containers/{id}"), ok);
    QString error;
    QVERIFY2(server.listen(QStringLiteral("127.0.0.1:0"), &error), qPrintable(error));

    std::unique_ptr<QNetworkReply> reply(m_nam.sendCustomRequest(
        QNetworkRequest(QUrl(tcpBase(server) + QStringLiteral("/internal/v1/containers/abc"))),
        "PUT", QByteArray("{}")));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), timeoutMs);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 405);
    QCOMPARE(reply->rawHeader("Allow"), QByteArray("GET, DELETE"));
    QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toString(),
             QStringLiteral("application/json"));
    QCOMPARE(jsonObject(reply->readAll()).value(QStringLiteral("message")).toString(),
             QStringLiteral("Method PUT is not allowed on /internal/v1/containers/abc"));

    const QString path = QStringLiteral("/internal/v1/containers/abc");
    QTRY_VERIFY_WITH_TIMEOUT(recordFor(records, path).status == 405, timeoutMs);
    QCOMPARE(recordFor(records, path).route, QStringLiteral("/internal/v1/containers/{id}"));
    QCOMPARE(recordFor(records, path).bytesIn, qint64(2));

    // The allowed method still works.
    std::unique_ptr<QNetworkReply> okReply(m_nam.deleteResource(
        QNetworkRequest(QUrl(tcpBase(server) + QStringLiteral("/internal/v1/containers/abc")))));
    QTRY_VERIFY_WITH_TIMEOUT(okReply->isFinished(), timeoutMs);
    QCOMPARE(okReply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 204);
}

void TstApiServer::handlerGetsRequestDataAndAnswersCompactJson() {
    RequestRecorder recorder;
    ApiServer server(&recorder);
    RequestData seen;
    server.route("POST", QStringLiteral("/internal/v1/containers/{id}/exec"),
                 [&seen](const ExchangePtr& ex) {
                     seen = ex->request();
                     ex->respondJson(
                         201, QJsonObject{{QStringLiteral("Id"), ex->param(QStringLiteral("id"))},
                                          {QStringLiteral("Warnings"), QJsonArray{}}});
                 });
    QString error;
    QVERIFY2(server.listen(QStringLiteral("localhost:0"), &error), qPrintable(error));

    QNetworkRequest request(
        QUrl(tcpBase(server) + QStringLiteral("/internal/v1/containers/my%20box/exec?"
                                              "tail=5&name=a%26b")));
    request.setRawHeader("X-Test", "yes");
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    std::unique_ptr<QNetworkReply> reply(m_nam.post(request, QByteArray(R"({"Cmd":["ls"]})")));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), timeoutMs);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
    // Compact JSON: QHttpServerResponder::write(QJsonDocument) would indent it.
    QCOMPARE(reply->readAll(), QByteArray(R"({"Id":"my box","Warnings":[]})"));

    QCOMPARE(seen.method, QByteArray("POST"));
    QCOMPARE(seen.rawPath, QByteArray("/internal/v1/containers/my%20box/exec"));
    QCOMPARE(seen.path, QStringLiteral("/internal/v1/containers/my box/exec"));
    QCOMPARE(seen.routeTemplate, QStringLiteral("/internal/v1/containers/{id}/exec"));
    QCOMPARE(seen.params.value(QStringLiteral("id")), QStringLiteral("my box"));
    QCOMPARE(seen.queryValue(QStringLiteral("tail")), QStringLiteral("5"));
    QCOMPARE(seen.queryValue(QStringLiteral("name")), QStringLiteral("a&b"));
    QCOMPARE(seen.queryValue(QStringLiteral("absent"), QStringLiteral("dflt")),
             QStringLiteral("dflt"));
    QVERIFY(seen.hasQuery(QStringLiteral("tail")));
    QCOMPARE(seen.header("x-test"), QByteArray("yes"));
    QCOMPARE(seen.body, QByteArray(R"({"Cmd":["ls"]})"));
    QCOMPARE(seen.client, QStringLiteral("127.0.0.1"));
}

void TstApiServer::imageNamesReachTheRestRoute() {
    RequestRecorder recorder;
    ApiServer server(&recorder);
    server.route("GET", QStringLiteral("/internal/v1/images/json"),
                 [](const ExchangePtr& ex) { ex->respond(200, "list", "text/plain"); });
    server.route("GET", QStringLiteral("/internal/v1/images/{name...}"), [](const ExchangePtr& ex) {
        ex->respond(200, ex->param(QStringLiteral("name")).toUtf8(), "text/plain");
    });
    server.route("GET", QStringLiteral("/internal/v1/containers/{id}/json"),
                 [](const ExchangePtr& ex) {
                     ex->respond(200, ex->param(QStringLiteral("id")).toUtf8(), "text/plain");
                 });
    QString error;
    QVERIFY2(server.listen(QStringLiteral("127.0.0.1:0"), &error), qPrintable(error));

    // Raw requests: the exact bytes of the path reach the server, no client normalization.
    QTcpSocket client;
    RawCollector collector(&client);
    client.connectToHost(QHostAddress::LocalHost, tcpPort(server));
    QVERIFY(client.waitForConnected(timeoutMs));
    const auto get = [&](const QByteArray& path) -> RawResponse {
        const qsizetype before = collector.data().size();
        client.write("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
        if (!QTest::qWaitFor(
                [&] { return RawResponse::parse(collector.data().mid(before)).complete; },
                timeoutMs))
            return {};
        return RawResponse::parse(collector.data().mid(before));
    };
    RawResponse r = get("/internal/v1/images/127.0.0.1:5000%2Fteam%2Fapp:1.2");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("127.0.0.1:5000/team/app:1.2"));
    r = get("/internal/v1/images/127.0.0.1:5000/team/app:1.2");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("127.0.0.1:5000/team/app:1.2"));
    r = get("/internal/v1/images/json");
    QCOMPARE(r.body, QByteArray("list"));
    r = get("/internal/v1/containers/a%2Fb/json");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("a/b"));
    r = get("/internal/v1/containers/a/b/json");
    QCOMPARE(r.status, 404);
}

void TstApiServer::asyncHandlerAnswersLater() {
    RequestRecorder recorder;
    QSignalSpy records(&recorder, &RequestRecorder::recorded);
    ApiServer server(&recorder);
    server.route("GET", QStringLiteral("/slow"), [](const ExchangePtr& ex) {
        QTimer::singleShot(100, ex->lifetime(), [ex] {
            ex->respondJson(200, QJsonObject{{QStringLiteral("late"), true}});
        });
    });
    server.route("GET", QStringLiteral("/fast"),
                 [](const ExchangePtr& ex) { ex->respondJson(200, QJsonValue(42)); });
    QString error;
    QVERIFY2(server.listen(QStringLiteral("127.0.0.1:0"), &error), qPrintable(error));

    std::unique_ptr<QNetworkReply> slow(
        m_nam.get(QNetworkRequest(QUrl(tcpBase(server) + QStringLiteral("/slow")))));
    std::unique_ptr<QNetworkReply> fast(
        m_nam.get(QNetworkRequest(QUrl(tcpBase(server) + QStringLiteral("/fast")))));
    // The slow handler does not block the event loop: the fast answer comes first.
    QTRY_VERIFY_WITH_TIMEOUT(fast->isFinished(), timeoutMs);
    QVERIFY(!slow->isFinished());
    QCOMPARE(fast->readAll(), QByteArray("42"));
    QTRY_VERIFY_WITH_TIMEOUT(slow->isFinished(), timeoutMs);
    QCOMPARE(slow->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(slow->readAll(), QByteArray(R"({"late":true})"));
    QTRY_VERIFY_WITH_TIMEOUT(recordFor(records, QStringLiteral("/slow")).status == 200, timeoutMs);
    QVERIFY(recordFor(records, QStringLiteral("/slow")).durationMs >= 90.0);
}

void TstApiServer::clientLeavingBeforeAsyncAnswerIsRecorded499() {
    RequestRecorder recorder;
    QSignalSpy records(&recorder, &RequestRecorder::recorded);
    ApiServer server(&recorder);
    ExchangePtr held;
    QPointer<QObject> lifetime;
    server.route("GET", QStringLiteral("/held"), [&](const ExchangePtr& ex) {
        held = ex;
        lifetime = ex->lifetime();
    });
    QString error;
    QVERIFY2(server.listen(QStringLiteral("127.0.0.1:0"), &error), qPrintable(error));

    auto* client = new QTcpSocket;
    client->connectToHost(QHostAddress::LocalHost, tcpPort(server));
    QVERIFY(client->waitForConnected(timeoutMs));
    client->write("GET /held?token=s3cret HTTP/1.1\r\nHost: x\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(held != nullptr, timeoutMs);
    QVERIFY(!held->clientGone());
    QVERIFY(lifetime);
    client->abort();
    delete client;

    // Qt deletes the server-side socket; the exchange sees it and records the 499 at once.
    QTRY_VERIFY_WITH_TIMEOUT(lifetime.isNull(), timeoutMs);
    QVERIFY(held->clientGone());
    QCOMPARE(held->lifetime(), nullptr);
    const RequestRecord record = recordFor(records, QStringLiteral("/held?token=REDACTED"));
    QCOMPARE(record.status, 499);
    QCOMPARE(record.error, QStringLiteral("client closed the connection"));

    // The late answer is dropped: no crash (ASan checks the freed socket is not touched), no
    // second record.
    const auto before = records.count();
    held->respondJson(200, QJsonObject{});
    held->fail(sockerless::api::ApiError::internal(QStringLiteral("late")));
    ChunkedStream* stream = held->startStream(200, "text/plain");
    QVERIFY(stream != nullptr);
    QVERIFY(!stream->isOpen());
    held.reset();
    // Run the dead stream's deleteLater now (ASan checks nothing freed is touched).
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QCOMPARE(records.count(), before);
}

void TstApiServer::handlerWithoutAnswerGets500() {
    RequestRecorder recorder;
    ApiServer server(&recorder);
    server.route("GET", QStringLiteral("/forgetful"), [](const ExchangePtr&) {});
    QString error;
    QVERIFY2(server.listen(QStringLiteral("127.0.0.1:0"), &error), qPrintable(error));
    std::unique_ptr<QNetworkReply> reply(
        m_nam.get(QNetworkRequest(QUrl(tcpBase(server) + QStringLiteral("/forgetful")))));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), timeoutMs);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 500);
    QVERIFY(jsonObject(reply->readAll())
                .value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("without answering")));
}

void TstApiServer::throwingHandlerGets500() {
    RequestRecorder recorder;
    ApiServer server(&recorder);
    server.route("GET", QStringLiteral("/throws"),
                 [](const ExchangePtr&) { throw std::runtime_error("boom"); });
    QString error;
    QVERIFY2(server.listen(QStringLiteral("127.0.0.1:0"), &error), qPrintable(error));
    std::unique_ptr<QNetworkReply> reply(
        m_nam.get(QNetworkRequest(QUrl(tcpBase(server) + QStringLiteral("/throws")))));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), timeoutMs);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 500);
    QCOMPARE(reply->readAll(), QByteArray(R"({"message":"boom"})"));
}

void TstApiServer::emptyAnswersHaveNoBodyAndKeepAliveWorks() {
    RequestRecorder recorder;
    ApiServer server(&recorder);
    server.route("POST", QStringLiteral("/c/{id}/start"), [](const ExchangePtr& ex) {
        if (ex->param(QStringLiteral("id")) == QLatin1String("running"))
            ex->fail({304, QStringLiteral("already started")});
        else
            ex->respondEmpty(204);
    });
    server.route("GET", QStringLiteral("/ping"),
                 [](const ExchangePtr& ex) { ex->respond(200, "OK", "text/plain"); });
    QString error;
    QVERIFY2(server.listen(QStringLiteral("127.0.0.1:0"), &error), qPrintable(error));

    QTcpSocket client;
    RawCollector collector(&client);
    client.connectToHost(QHostAddress::LocalHost, tcpPort(server));
    QVERIFY(client.waitForConnected(timeoutMs));
    client.write("POST /c/x/start HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(collector.response().complete, timeoutMs);
    RawResponse r = collector.response();
    QCOMPARE(r.status, 204);
    QVERIFY(!r.hasHeader("Content-Type"));
    QVERIFY(!r.hasHeader("Content-Length"));
    const qsizetype afterFirst = collector.data().size();
    QVERIFY(collector.data().endsWith("\r\n\r\n"));

    client.write("POST /c/running/start HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(RawResponse::parse(collector.data().mid(afterFirst)).complete,
                             timeoutMs);
    r = RawResponse::parse(collector.data().mid(afterFirst));
    QCOMPARE(r.status, 304);
    QVERIFY(collector.data().endsWith("\r\n\r\n"));
    const qsizetype afterSecond = collector.data().size();

    // Nothing stray was sent after the empty answers: the next response parses cleanly.
    client.write("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(RawResponse::parse(collector.data().mid(afterSecond)).complete,
                             timeoutMs);
    r = RawResponse::parse(collector.data().mid(afterSecond));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("OK"));
    QVERIFY(collector.data().endsWith("\r\n\r\nOK"));
}

void TstApiServer::unixSocketListener() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("sockerless.sock"));

    // A stale socket file from a crashed daemon: bound, never unlinked, nobody listening.
    {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const QByteArray native = QFile::encodeName(path);
        std::memcpy(address.sun_path, native.constData(), static_cast<size_t>(native.size()));
        QCOMPARE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
        ::close(fd);
        QVERIFY(QFileInfo::exists(path));
    }

    RequestRecorder recorder;
    QSignalSpy records(&recorder, &RequestRecorder::recorded);
    {
        ApiServer server(&recorder);
        server.route("GET", QStringLiteral("/ping"),
                     [](const ExchangePtr& ex) { ex->respond(200, "pong", "text/plain"); });
        server.webSocket(QStringLiteral("/ws"), [](WebSocketSession* s) {
            s->socket()->sendTextMessage(QStringLiteral("hi"));
        });
        QString error;
        QVERIFY2(server.listen(path, &error), qPrintable(error));
        QVERIFY(server.listeningAddresses().contains(path));

        struct stat info {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
        QVERIFY(S_ISSOCK(info.st_mode));
        QCOMPARE(info.st_mode & 0777, 0660u);
        QCOMPARE(QFileInfo(path).permissions() & (QFileDevice::ReadOther | QFileDevice::WriteOther),
                 QFileDevice::Permissions());

        QLocalSocket client;
        RawCollector collector(&client);
        client.connectToServer(path);
        QVERIFY(client.waitForConnected(timeoutMs));
        // Two requests on one connection: keep-alive works over the Unix socket too.
        client.write("GET /ping HTTP/1.1\r\nHost: sockerless\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(collector.response().complete, timeoutMs);
        QCOMPARE(collector.response().status, 200);
        QCOMPARE(collector.response().body, QByteArray("pong"));
        const qsizetype after = collector.data().size();
        client.write("GET /nope HTTP/1.1\r\nHost: sockerless\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(RawResponse::parse(collector.data().mid(after)).complete,
                                 timeoutMs);
        QCOMPARE(RawResponse::parse(collector.data().mid(after)).status, 404);

        QTRY_VERIFY_WITH_TIMEOUT(recordFor(records, QStringLiteral("/ping")).status == 200,
                                 timeoutMs);
        QCOMPARE(recordFor(records, QStringLiteral("/ping")).client, QStringLiteral("unix"));
        client.disconnectFromServer();

        // A WebSocket over the Unix socket (raw handshake: QWebSocket cannot dial a path).
        QLocalSocket wsClient;
        RawCollector wsCollector(&wsClient);
        wsClient.connectToServer(path);
        QVERIFY(wsClient.waitForConnected(timeoutMs));
        wsClient.write("GET /ws HTTP/1.1\r\nHost: sockerless\r\nConnection: Upgrade\r\n"
                       "Upgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                       "Sec-WebSocket-Version: 13\r\n\r\n");
        // 101, then one unmasked text frame "hi" (0x81, length 2).
        QTRY_VERIFY_WITH_TIMEOUT(wsCollector.data().endsWith("\r\n\r\n\x81\x02hi"), timeoutMs);
        QVERIFY(wsCollector.data().startsWith("HTTP/1.1 101"));
        QTRY_VERIFY_WITH_TIMEOUT(recordFor(records, QStringLiteral("/ws")).status == 101,
                                 timeoutMs);
        QCOMPARE(recordFor(records, QStringLiteral("/ws")).client, QStringLiteral("unix"));
        wsClient.abort();
    }
    // The socket file goes with the server.
    QVERIFY(!QFileInfo::exists(path));
}

void TstApiServer::unixSocketListenerRefusesLiveOrForeignFiles() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    RequestRecorder recorder;
    const QString path = dir.filePath(QStringLiteral("live.sock"));
    ApiServer first(&recorder);
    QString error;
    QVERIFY2(first.listen(path, &error), qPrintable(error));

    // Somebody answers on it: it is not stale and must not be stolen.
    ApiServer second(&recorder);
    QVERIFY(!second.listen(path, &error));
    QVERIFY2(error.contains(QStringLiteral("in use")), qPrintable(error));
    QVERIFY(QFileInfo::exists(path));
    QVERIFY(first.listeningAddresses().contains(path));

    // A regular file is never removed.
    const QString regular = dir.filePath(QStringLiteral("regular"));
    QFile file(regular);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("data");
    file.close();
    QVERIFY(!second.listen(regular, &error));
    QVERIFY2(error.contains(QStringLiteral("not a socket")), qPrintable(error));
    QVERIFY(QFileInfo::exists(regular));
    QVERIFY(second.listeningAddresses().isEmpty());
}

void TstApiServer::listenRejectsBadAddresses() {
    RequestRecorder recorder;
    ApiServer server(&recorder);
    QString error;
    QVERIFY(!server.listen(QStringLiteral("nonsense"), &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!server.listen(QStringLiteral("127.0.0.1:99999"), &error));
    QVERIFY2(error.contains(QStringLiteral("port")), qPrintable(error));
    error.clear();
    QVERIFY(!server.listen(QStringLiteral("example.invalid:80"), &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!server.listen(QStringLiteral("/nonexistent-dir/sub/x.sock"), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(server.listeningAddresses().isEmpty());

    // IPv6 literal in brackets.
    if (server.listen(QStringLiteral("[::1]:0"), &error))
        QVERIFY(server.listeningAddresses().value(0).startsWith(QStringLiteral("[::1]:")));
}

void TstApiServer::shutdownWithNothingOpenCallsDoneOnce() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("s.sock"));
    RequestRecorder recorder;
    ApiServer server(&recorder);
    QString error;
    QVERIFY2(server.listen(QStringLiteral("127.0.0.1:0"), &error), qPrintable(error));
    QVERIFY2(server.listen(path, &error), qPrintable(error));
    const quint16 port = tcpPort(server);
    QVERIFY(port != 0);

    int calls = 0;
    server.shutdown(200, [&calls] { ++calls; });
    QTRY_COMPARE_WITH_TIMEOUT(calls, 1, timeoutMs);
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(server.listeningAddresses().isEmpty());
    QCOMPARE(server.openStreamCount(), 0);

    // Not accepting any more.
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!client.waitForConnected(1000));
    // The deadline (200 ms) passing must not call done a second time: an absence can only be
    // checked by letting the deadline go by.
    QTest::qWait(400);
    QCOMPARE(calls, 1);
}

QTEST_MAIN(TstApiServer)
#include "tst_apiserver.moc"
