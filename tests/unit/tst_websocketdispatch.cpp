#include "http/apiserver.h"
#include "http/requestrecorder.h"
#include "http/websocketsession.h"
#include "observe/log.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

using namespace sockerless::http;

namespace {

constexpr int timeoutMs = 5000;

QUrl wsUrl(const ApiServer& server, const QString& pathAndQuery) {
    return QUrl(QStringLiteral("ws://") + server.listeningAddresses().value(0) + pathAndQuery);
}

QList<RequestRecord> wsRecords(const QSignalSpy& spy) {
    QList<RequestRecord> out;
    for (const auto& args : spy) {
        const auto record = args.at(0).value<RequestRecord>();
        if (record.method == QLatin1String("WS"))
            out.append(record);
    }
    return out;
}

} // namespace

class TstWebSocketDispatch : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void routedPathReceivesMessages();
    void unknownPathFailsWith404();
    void handlerFailureClosesWith4000PlusStatus();
    void plainGetToWebSocketRouteGives426();
    void clientCloseEmitsClosedAndRecords();
    void shutdownClosesWebSocketsGoingAway();
};

void TstWebSocketDispatch::initTestCase() {
    sockerless::observe::Log::configure(sockerless::observe::Log::Format::Text,
                                        sockerless::observe::Log::Level::Warning);
}

void TstWebSocketDispatch::routedPathReceivesMessages() {
    RequestRecorder recorder;
    QSignalSpy records(&recorder, &RequestRecorder::recorded);
    ApiServer server(&recorder);
    QPointer<WebSocketSession> seen;
    server.webSocket(QStringLiteral("/internal/v1/echo/{id}"), [&seen](WebSocketSession* s) {
        seen = s;
        s->socket()->sendTextMessage(QStringLiteral("hello ") + s->param(QStringLiteral("id")) +
                                     QLatin1Char(' ') + s->queryValue(QStringLiteral("tail")));
        QObject::connect(s->socket(), &QWebSocket::textMessageReceived, s,
                         [s](const QString& m) { s->socket()->sendTextMessage(m.toUpper()); });
        QObject::connect(s->socket(), &QWebSocket::binaryMessageReceived, s,
                         [s](const QByteArray& m) { s->socket()->sendBinaryMessage(m + m); });
    });
    QString error;
    QVERIFY2(server.listen(QStringLiteral("127.0.0.1:0"), &error), qPrintable(error));

    QWebSocket client;
    QSignalSpy texts(&client, &QWebSocket::textMessageReceived);
    QSignalSpy binaries(&client, &QWebSocket::binaryMessageReceived);
    client.open(wsUrl(server, QStringLiteral("/internal/v1/echo/a%2Fb?tail=5&token=s3cret")));
    QTRY_COMPARE_WITH_TIMEOUT(texts.count(), 1, timeoutMs);
    QCOMPARE(texts.at(0).at(0).toString(), QStringLiteral("hello a/b 5"));
    QVERIFY(seen);
    QCOMPARE(seen->routeTemplate(), QStringLiteral("/internal/v1/echo/{id}"));
    QCOMPARE(seen->client(), QStringLiteral("127.0.0.1"));
    QVERIFY(seen->isOpen());
    QCOMPARE(server.openStreamCount(), 1);

    client.sendTextMessage(QStringLiteral("ping"));
    client.sendBinaryMessage(QByteArray("\x01\x02", 2));
    QTRY_COMPARE_WITH_TIMEOUT(texts.count(), 2, timeoutMs);
    QCOMPARE(texts.at(1).at(0).toString(), QStringLiteral("PING"));
    QTRY_COMPARE_WITH_TIMEOUT(binaries.count(), 1, timeoutMs);
    QCOMPARE(binaries.at(0).at(0).toByteArray(), QByteArray("\x01\x02\x01\x02", 4));

    const QList<RequestRecord> opened = wsRecords(records);
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.at(0).status, 101);
    QCOMPARE(opened.at(0).route, QStringLiteral("/internal/v1/echo/{id}"));
    QCOMPARE(opened.at(0).path, QStringLiteral("/internal/v1/echo/a%2Fb?tail=5&token=REDACTED"));
    client.close();
    QTRY_VERIFY_WITH_TIMEOUT(seen.isNull(), timeoutMs);
}

void TstWebSocketDispatch::unknownPathFailsWith404() {
    RequestRecorder recorder;
    QSignalSpy records(&recorder, &RequestRecorder::recorded);
    ApiServer server(&recorder);
    bool called = false;
    server.webSocket(QStringLiteral("/internal/v1/events"),
                     [&called](WebSocketSession*) { called = true; });
    QString error;
    QVERIFY2(server.listen(QStringLiteral("127.0.0.1:0"), &error), qPrintable(error));

    QWebSocket client;
    QSignalSpy texts(&client, &QWebSocket::textMessageReceived);
    QSignalSpy disconnected(&client, &QWebSocket::disconnected);
    client.open(wsUrl(server, QStringLiteral("/internal/v1/nowhere")));
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.count(), 1, timeoutMs);
    QCOMPARE(texts.count(), 1);
    const QJsonObject message =
        QJsonDocument::fromJson(texts.at(0).at(0).toString().toUtf8()).object();
    QCOMPARE(message.value(QStringLiteral("status")).toInt(), 404);
    QVERIFY(message.value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("/internal/v1/nowhere")));
    QCOMPARE(int(client.closeCode()), 4404);
    QVERIFY(!called);

    // Recorded as opened (101) and closed with 4404.
    QTRY_COMPARE_WITH_TIMEOUT(wsRecords(records).size(), 2, timeoutMs);
    QCOMPARE(wsRecords(records).at(0).status, 101);
    QVERIFY(wsRecords(records).at(0).route.isEmpty());
    QCOMPARE(wsRecords(records).at(1).status, 4404);
    QVERIFY(!wsRecords(records).at(1).error.isEmpty());
}

void TstWebSocketDispatch::handlerFailureClosesWith4000PlusStatus() {
    RequestRecorder recorder;
    ApiServer server(&recorder);
    server.webSocket(
        QStringLiteral("/internal/v1/containers/{id}/attach"), [](WebSocketSession* s) {
            s->fail({409, QStringLiteral("container ") + s->param(QStringLiteral("id")) +
                              QStringLiteral(" is not running")});
            s->fail({500, QStringLiteral("ignored: already closed")});
        });
    QString error;
    QVERIFY2(server.listen(QStringLiteral("127.0.0.1:0"), &error), qPrintable(error));

    QWebSocket client;
    QSignalSpy texts(&client, &QWebSocket::textMessageReceived);
    QSignalSpy disconnected(&client, &QWebSocket::disconnected);
    client.open(wsUrl(server, QStringLiteral("/internal/v1/containers/c1/attach")));
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.count(), 1, timeoutMs);
    QCOMPARE(texts.count(), 1);
    QCOMPARE(texts.at(0).at(0).toString(),
             QStringLiteral(R"({"message":"container c1 is not running","status":409})"));
    QCOMPARE(int(client.closeCode()), 4409);
    QCOMPARE(client.closeReason(), QStringLiteral("container c1 is not running"));
}

void TstWebSocketDispatch::plainGetToWebSocketRouteGives426() {
    RequestRecorder recorder;
    QSignalSpy records(&recorder, &RequestRecorder::recorded);
    ApiServer server(&recorder);
    server.webSocket(QStringLiteral("/internal/v1/events"), [](WebSocketSession*) {});
    QString error;
    QVERIFY2(server.listen(QStringLiteral("127.0.0.1:0"), &error), qPrintable(error));

    QNetworkAccessManager nam;
    std::unique_ptr<QNetworkReply> reply(nam.get(
        QNetworkRequest(QUrl(QStringLiteral("http://") + server.listeningAddresses().value(0) +
                             QStringLiteral("/internal/v1/events")))));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), timeoutMs);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 426);
    QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toString(),
             QStringLiteral("application/json"));
    QCOMPARE(reply->rawHeader("Upgrade"), QByteArray("websocket"));
    QVERIFY(QJsonDocument::fromJson(reply->readAll())
                .object()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("WebSocket")));
    QTRY_VERIFY_WITH_TIMEOUT(!records.isEmpty(), timeoutMs);
    QCOMPARE(records.last().at(0).value<RequestRecord>().status, 426);
    QCOMPARE(records.last().at(0).value<RequestRecord>().route,
             QStringLiteral("/internal/v1/events"));
}

void TstWebSocketDispatch::clientCloseEmitsClosedAndRecords() {
    RequestRecorder recorder;
    QSignalSpy records(&recorder, &RequestRecorder::recorded);
    ApiServer server(&recorder);
    QPointer<WebSocketSession> session;
    int closedSignals = 0;
    server.webSocket(QStringLiteral("/ws"), [&](WebSocketSession* s) {
        session = s;
        QObject::connect(s, &WebSocketSession::closed, [&closedSignals] { ++closedSignals; });
    });
    QString error;
    QVERIFY2(server.listen(QStringLiteral("127.0.0.1:0"), &error), qPrintable(error));

    QWebSocket client;
    QSignalSpy connected(&client, &QWebSocket::connected);
    client.open(wsUrl(server, QStringLiteral("/ws")));
    QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, timeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(session, timeoutMs);
    client.sendTextMessage(QStringLiteral("12345"));
    client.close(QWebSocketProtocol::CloseCodeNormal);

    QTRY_COMPARE_WITH_TIMEOUT(closedSignals, 1, timeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(session.isNull(), timeoutMs); // deleted itself after the close
    QCOMPARE(closedSignals, 1);
    const QList<RequestRecord> ws = wsRecords(records);
    QCOMPARE(ws.size(), 2);
    QCOMPARE(ws.at(1).status, 1000);
    QCOMPARE(ws.at(1).bytesIn, qint64(5));
    QVERIFY(ws.at(1).error.isEmpty());
    QCOMPARE(server.openStreamCount(), 0);
}

void TstWebSocketDispatch::shutdownClosesWebSocketsGoingAway() {
    RequestRecorder recorder;
    QSignalSpy records(&recorder, &RequestRecorder::recorded);
    ApiServer server(&recorder);
    int closedSignals = 0;
    server.webSocket(QStringLiteral("/ws/{n}"), [&closedSignals](WebSocketSession* s) {
        QObject::connect(s, &WebSocketSession::closed, [&closedSignals] { ++closedSignals; });
    });
    QString error;
    QVERIFY2(server.listen(QStringLiteral("127.0.0.1:0"), &error), qPrintable(error));

    QWebSocket first;
    QWebSocket second;
    QSignalSpy firstConnected(&first, &QWebSocket::connected);
    QSignalSpy secondConnected(&second, &QWebSocket::connected);
    QSignalSpy firstDisconnected(&first, &QWebSocket::disconnected);
    QSignalSpy secondDisconnected(&second, &QWebSocket::disconnected);
    first.open(wsUrl(server, QStringLiteral("/ws/1")));
    second.open(wsUrl(server, QStringLiteral("/ws/2")));
    QTRY_COMPARE_WITH_TIMEOUT(firstConnected.count(), 1, timeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(secondConnected.count(), 1, timeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(server.openStreamCount(), 2, timeoutMs);

    int calls = 0;
    server.shutdown(4000, [&calls] { ++calls; });
    QTRY_COMPARE_WITH_TIMEOUT(firstDisconnected.count(), 1, timeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(secondDisconnected.count(), 1, timeoutMs);
    QCOMPARE(int(first.closeCode()), 1001);
    QCOMPARE(int(second.closeCode()), 1001);
    QCOMPARE(closedSignals, 2);
    // Done comes when both sessions are gone, well before the 4 s deadline.
    QTRY_COMPARE_WITH_TIMEOUT(calls, 1, 3000);
    QCOMPARE(server.openStreamCount(), 0);
    int goingAway = 0;
    for (const auto& r : wsRecords(records))
        goingAway += r.status == 1001 ? 1 : 0;
    QCOMPARE(goingAway, 2);
}

QTEST_MAIN(TstWebSocketDispatch)
#include "tst_websocketdispatch.moc"
