// ApiServer with a token and a policy, in-process: who gets 401 and 403, what they carry, that
// refused calls never reach a handler and are recorded, and the WebSocket refusals.

#include "http/apiserver.h"
#include "http/requestrecorder.h"
#include "http/websocketsession.h"
#include "observe/log.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

using namespace sockerless::http;

namespace {

constexpr int timeoutMs = 5000;
const QByteArray kToken = "5f2b8c0e9a7d4163b1e0c2a4d6f80917";

struct Reply {
    int status = 0;
    QByteArray body;
    QByteArray wwwAuthenticate;
    QString message() const {
        return QJsonDocument::fromJson(body).object().value(QStringLiteral("message")).toString();
    }
};

/// A server with one route per kind of call and counters of the handlers that ran.
struct Fixture {
    RequestRecorder recorder;
    ApiServer server{&recorder};
    int httpCalls = 0;
    int webSocketCalls = 0;

    explicit Fixture(const AccessSettings& settings) {
        const auto answer = [this](const ExchangePtr& exchange) {
            ++httpCalls;
            exchange->respondJson(200, QJsonObject{{QStringLiteral("ok"), true}});
        };
        server.route("GET", QStringLiteral("/internal/v1/healthz"), answer);
        server.route("GET", QStringLiteral("/internal/v1/containers"), answer);
        server.route("POST", QStringLiteral("/internal/v1/containers"), answer);
        server.route("POST", QStringLiteral("/internal/v1/containers/{id}/exec"), answer);
        server.route("GET", QStringLiteral("/internal/v1/images/{name...}"), answer);
        const auto stream = [this](WebSocketSession* session) {
            ++webSocketCalls;
            session->socket()->sendTextMessage(QStringLiteral("streamed"));
            session->closeNormally();
        };
        server.webSocket(QStringLiteral("/internal/v1/events"), stream);
        server.webSocket(QStringLiteral("/internal/v1/exec/{id}/start"), stream);
        server.setAccess(settings);
    }

    bool listen() { return server.listen(QStringLiteral("127.0.0.1:0"), nullptr); }
    QString address() const { return server.listeningAddresses().value(0); }

    Reply request(const QByteArray& method, const QString& path,
                  const QByteArray& authorization = {}) {
        QNetworkAccessManager manager;
        QNetworkRequest request(QUrl(QStringLiteral("http://") + address() + path));
        if (!authorization.isEmpty())
            request.setRawHeader("Authorization", authorization);
        QNetworkReply* reply = manager.sendCustomRequest(request, method);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        Reply out;
        if (!reply->isFinished() && !finished.wait(timeoutMs))
            return out;
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->readAll();
        out.wwwAuthenticate = reply->rawHeader("WWW-Authenticate");
        delete reply;
        return out;
    }
};

/// What a WebSocket client saw: its text messages and the close code.
struct WebSocketResult {
    QStringList texts;
    int closeCode = -1;
};

WebSocketResult openWebSocket(const Fixture& fixture, const QString& path,
                              const QByteArray& authorization,
                              const QStringList& subprotocols = {}) {
    QWebSocket client;
    WebSocketResult result;
    QObject::connect(&client, &QWebSocket::textMessageReceived,
                     [&result](const QString& text) { result.texts.append(text); });
    QSignalSpy disconnected(&client, &QWebSocket::disconnected);
    QNetworkRequest request(QUrl(QStringLiteral("ws://") + fixture.address() + path));
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    QWebSocketHandshakeOptions options;
    options.setSubprotocols(subprotocols);
    client.open(request, options);
    if (disconnected.wait(timeoutMs))
        result.closeCode = client.closeCode();
    return result;
}

QList<RequestRecord> records(const QSignalSpy& spy) {
    QList<RequestRecord> out;
    for (const auto& args : spy)
        out.append(args.at(0).value<RequestRecord>());
    return out;
}

} // namespace

class TstAccessControl : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void missingTokenIs401WithChallengeAndNeverRunsHandler();
    void wrongTokenIs401WithoutEchoingIt();
    void rightTokenReachesHandler();
    void healthzNeedsNoToken();
    void unknownPathIs401BeforeAnd404After();
    void refusalIsRecordedWithStatusAndError();
    void policyRefusalIs403AfterAuthentication();
    void webSocketWithoutTokenGetsOneMessageAnd4401();
    void webSocketTokenInHeaderOrSubprotocol();
    void webSocketRefusedByPolicyCloses4403();
    void noSettingsLetEverythingThrough();
};

void TstAccessControl::initTestCase() {
    sockerless::observe::Log::configure(sockerless::observe::Log::Format::Text,
                                        sockerless::observe::Log::Level::Error);
}

void TstAccessControl::missingTokenIs401WithChallengeAndNeverRunsHandler() {
    Fixture f({kToken, false, {}, {}});
    QVERIFY(f.listen());
    const Reply reply = f.request("GET", QStringLiteral("/internal/v1/containers"));
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.wwwAuthenticate, QByteArray("Bearer realm=\"sockerless\""));
    QVERIFY2(reply.message().startsWith(QStringLiteral("authentication required")),
             reply.body.constData());
    QVERIFY(!reply.body.contains(kToken));
    QCOMPARE(f.httpCalls, 0);
}

void TstAccessControl::wrongTokenIs401WithoutEchoingIt() {
    Fixture f({kToken, false, {}, {}});
    QVERIFY(f.listen());
    const QByteArray presented = "wrong-token-0123456789";
    const Reply reply =
        f.request("POST", QStringLiteral("/internal/v1/containers"), "Bearer " + presented);
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.message(), QStringLiteral("invalid bearer token"));
    QCOMPARE(reply.wwwAuthenticate, QByteArray("Bearer realm=\"sockerless\""));
    QVERIFY(!reply.body.contains(presented));
    QVERIFY(!reply.body.contains(kToken));
    // A prefix of the right token is as wrong as any other.
    QCOMPARE(f.request("GET", QStringLiteral("/internal/v1/containers"), "Bearer " + kToken.left(8))
                 .status,
             401);
    QCOMPARE(f.httpCalls, 0);
}

void TstAccessControl::rightTokenReachesHandler() {
    Fixture f({kToken, false, {}, {}});
    QVERIFY(f.listen());
    const Reply reply =
        f.request("GET", QStringLiteral("/internal/v1/containers"), "Bearer " + kToken);
    QCOMPARE(reply.status, 200);
    QCOMPARE(f.httpCalls, 1);
}

void TstAccessControl::healthzNeedsNoToken() {
    Fixture f({kToken, true, {QStringLiteral("images")}, {QStringLiteral("containers")}});
    QVERIFY(f.listen());
    QCOMPARE(f.request("GET", QStringLiteral("/internal/v1/healthz")).status, 200);
    QCOMPARE(f.httpCalls, 1);
}

void TstAccessControl::unknownPathIs401BeforeAnd404After() {
    Fixture f({kToken, false, {}, {}});
    QVERIFY(f.listen());
    QCOMPARE(f.request("GET", QStringLiteral("/internal/v1/nothing")).status, 401);
    // A wrong method on healthz is not healthz: it needs the token too.
    QCOMPARE(f.request("POST", QStringLiteral("/internal/v1/healthz")).status, 401);
    QCOMPARE(f.request("GET", QStringLiteral("/internal/v1/nothing"), "Bearer " + kToken).status,
             404);
    QCOMPARE(
        f.request("DELETE", QStringLiteral("/internal/v1/containers"), "Bearer " + kToken).status,
        405);
    QCOMPARE(f.request("GET", QStringLiteral("/internal/v1/events"), "Bearer " + kToken).status,
             426);
}

void TstAccessControl::refusalIsRecordedWithStatusAndError() {
    Fixture f({kToken, false, {}, {QStringLiteral("exec")}});
    QSignalSpy spy(&f.recorder, &RequestRecorder::recorded);
    QVERIFY(f.listen());
    QCOMPARE(f.request("GET", QStringLiteral("/internal/v1/containers?token=leak"),
                       "Bearer wrong-0123456789abcdef")
                 .status,
             401);
    QCOMPARE(
        f.request("POST", QStringLiteral("/internal/v1/containers/abc/exec"), "Bearer " + kToken)
            .status,
        403);
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 2, timeoutMs);
    const QList<RequestRecord> seen = records(spy);
    QCOMPARE(seen.at(0).status, 401);
    QCOMPARE(seen.at(0).error, QStringLiteral("invalid bearer token"));
    QVERIFY(!seen.at(0).path.contains(QStringLiteral("leak")));
    QCOMPARE(seen.at(1).status, 403);
    QCOMPARE(seen.at(1).route, QStringLiteral("/internal/v1/containers/{id}/exec"));
    QVERIFY2(seen.at(1).error.endsWith(QStringLiteral("group exec denied by --deny exec")),
             qPrintable(seen.at(1).error));
}

void TstAccessControl::policyRefusalIs403AfterAuthentication() {
    Fixture f({kToken, true, {QStringLiteral("containers")}, {}});
    QVERIFY(f.listen());
    // Without the token the client learns nothing of the policy.
    QCOMPARE(f.request("POST", QStringLiteral("/internal/v1/containers")).status, 401);
    const Reply create =
        f.request("POST", QStringLiteral("/internal/v1/containers"), "Bearer " + kToken);
    QCOMPARE(create.status, 403);
    QVERIFY2(create.message().endsWith(QStringLiteral("forbidden by policy: --read-only")),
             create.body.constData());
    QVERIFY(create.wwwAuthenticate.isEmpty());
    const Reply image =
        f.request("GET", QStringLiteral("/internal/v1/images/busybox"), "Bearer " + kToken);
    QCOMPARE(image.status, 403);
    QVERIFY2(image.message().contains(QStringLiteral("group images is not in --allow containers")),
             image.body.constData());
    QCOMPARE(f.request("GET", QStringLiteral("/internal/v1/containers"), "Bearer " + kToken).status,
             200);
    QCOMPARE(f.httpCalls, 1);
}

void TstAccessControl::webSocketWithoutTokenGetsOneMessageAnd4401() {
    Fixture f({kToken, false, {}, {}});
    QSignalSpy spy(&f.recorder, &RequestRecorder::recorded);
    QVERIFY(f.listen());
    for (const QString& path :
         {QStringLiteral("/internal/v1/events"), QStringLiteral("/internal/v1/nothing")}) {
        const WebSocketResult result = openWebSocket(f, path, {});
        QCOMPARE(result.closeCode, 4401);
        QCOMPARE(result.texts.size(), 1);
        const QJsonObject failure = QJsonDocument::fromJson(result.texts.at(0).toUtf8()).object();
        QCOMPARE(failure.value(QStringLiteral("status")).toInt(), 401);
        QVERIFY(failure.value(QStringLiteral("message"))
                    .toString()
                    .startsWith(QStringLiteral("authentication required")));
    }
    const WebSocketResult wrong =
        openWebSocket(f, QStringLiteral("/internal/v1/events"), "Bearer not-the-token-at-all");
    QCOMPARE(wrong.closeCode, 4401);
    QCOMPARE(wrong.texts.size(), 1);
    QVERIFY(!wrong.texts.at(0).contains(QStringLiteral("not-the-token")));
    QCOMPARE(f.webSocketCalls, 0);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            int refused = 0;
            for (const RequestRecord& r : records(spy))
                refused += r.method == QLatin1String("WS") && r.status == 4401 ? 1 : 0;
            return refused == 3;
        }(),
        timeoutMs);
}

void TstAccessControl::webSocketTokenInHeaderOrSubprotocol() {
    Fixture f({kToken, false, {}, {}});
    QVERIFY(f.listen());
    const WebSocketResult header =
        openWebSocket(f, QStringLiteral("/internal/v1/events"), "Bearer " + kToken);
    QCOMPARE(header.texts, QStringList{QStringLiteral("streamed")});
    QCOMPARE(header.closeCode, 1000);
    const WebSocketResult subprotocol =
        openWebSocket(f, QStringLiteral("/internal/v1/events"), {},
                      {QStringLiteral("bearer.") + QString::fromLatin1(kToken)});
    QCOMPARE(subprotocol.texts, QStringList{QStringLiteral("streamed")});
    QCOMPARE(subprotocol.closeCode, 1000);
    const WebSocketResult wrongSubprotocol = openWebSocket(
        f, QStringLiteral("/internal/v1/events"), {}, {QStringLiteral("bearer.0123456789abcdef")});
    QCOMPARE(wrongSubprotocol.closeCode, 4401);
    QCOMPARE(f.webSocketCalls, 2);
}

void TstAccessControl::webSocketRefusedByPolicyCloses4403() {
    Fixture f({kToken, true, {}, {}});
    QVERIFY(f.listen());
    const WebSocketResult exec =
        openWebSocket(f, QStringLiteral("/internal/v1/exec/abc/start"), "Bearer " + kToken);
    QCOMPARE(exec.closeCode, 4403);
    QCOMPARE(exec.texts.size(), 1);
    QVERIFY2(exec.texts.at(0).contains(QStringLiteral("forbidden by policy: --read-only")),
             qPrintable(exec.texts.at(0)));
    QCOMPARE(f.webSocketCalls, 0);
    // Events change nothing: --read-only lets them through.
    const WebSocketResult events =
        openWebSocket(f, QStringLiteral("/internal/v1/events"), "Bearer " + kToken);
    QCOMPARE(events.closeCode, 1000);
    QCOMPARE(f.webSocketCalls, 1);
}

void TstAccessControl::noSettingsLetEverythingThrough() {
    Fixture f({});
    QVERIFY(f.listen());
    QCOMPARE(f.request("POST", QStringLiteral("/internal/v1/containers/x/exec")).status, 200);
    QCOMPARE(openWebSocket(f, QStringLiteral("/internal/v1/exec/x/start"), {}).closeCode, 1000);
    QCOMPARE(f.request("GET", QStringLiteral("/internal/v1/nothing")).status, 404);
}

QTEST_GUILESS_MAIN(TstAccessControl)
#include "tst_accesscontrol.moc"
