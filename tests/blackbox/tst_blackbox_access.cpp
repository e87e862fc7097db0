// Access control of the real sockerlessd on the backend under test: the bearer token (HTTP and
// WebSocket, --token-file and SOCKERLESS_TOKEN, never logged), the refusal to listen beyond
// loopback without one, and the --read-only/--allow/--deny policy.

#include "blackboxcase.h"
#include "testenv.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>
#include <memory>

using sockerless::test::BlackboxCase;
using sockerless::test::DaemonProcess;
using sockerless::test::TestEnv;

namespace {

// Hex: valid both in a header and as a WebSocket subprotocol.
const QByteArray kToken = "7c1e5a93d08f4b26a5e1c3d7f92b0e64";
// A wrong token that is easy to find in a log if it ever landed there.
const QByteArray kWrongToken = "deadbeefdeadbeefdeadbeefdeadbeef";
constexpr int timeoutMs = 10000;

/// What a WebSocket client saw until the daemon closed it.
struct WebSocketOutcome {
    QStringList texts;
    QByteArray binary;
    int closeCode = -1; ///< -1: not closed within the deadline
};

/// Opens a WebSocket with `headers` and `subprotocols`, and collects everything until it closes.
WebSocketOutcome runWebSocket(const QUrl& base, const QString& pathAndQuery,
                              const QList<QPair<QByteArray, QByteArray>>& headers,
                              const QStringList& subprotocols = {}) {
    QWebSocket socket;
    WebSocketOutcome outcome;
    QObject::connect(&socket, &QWebSocket::textMessageReceived,
                     [&outcome](const QString& text) { outcome.texts.append(text); });
    QObject::connect(&socket, &QWebSocket::binaryMessageReceived,
                     [&outcome](const QByteArray& data) { outcome.binary += data; });
    QSignalSpy disconnected(&socket, &QWebSocket::disconnected);
    QUrl url = base.resolved(QUrl(pathAndQuery));
    url.setScheme(QStringLiteral("ws"));
    QNetworkRequest request(url);
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    QWebSocketHandshakeOptions options;
    options.setSubprotocols(subprotocols);
    socket.open(request, options);
    if (disconnected.wait(timeoutMs))
        outcome.closeCode = socket.closeCode();
    return outcome;
}

QJsonObject jsonOf(const QString& text) {
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QString messageOf(const DaemonProcess::Reply& reply) {
    return reply.json().object().value(QStringLiteral("message")).toString();
}

} // namespace

class TstBlackboxAccess : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void httpNeedsTheTokenAndHealthzDoesNot();
    void unknownPathWithoutTokenIs401NotA404();
    void tokenFromEnvironmentWorks();
    void webSocketWithoutTokenGetsOneFailureAnd4401AndExecStaysUnstarted();
    void webSocketTokenAsSubprotocolRunsTheExec();
    void tokenNeverAppearsInTheDaemonLog();
    void nonLoopbackWithoutTokenRefusesToStart();
    void insecureNonLoopbackStartsWithLoudWarning();
    void readOnlyLetsReadsThroughAndRefusesWrites();
    void denyExecRefusesExecButNotContainers();
    void allowContainersRefusesImagesNetworksAndEvents();

private:
    /// Starts the case's daemon with a token file holding kToken and `extraArguments`.
    bool startWithToken(const QStringList& extraArguments = {}, bool testImage = true);
    /// A request with exactly `authorization` (none when empty), whatever token the daemon
    /// process sends by default.
    DaemonProcess::Reply requestAs(const QByteArray& authorization, const QByteArray& method,
                                   const QString& path);

    BlackboxCase m_case;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TstBlackboxAccess::init() {
    SOCKERLESS_REQUIRE_DOCKER();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TstBlackboxAccess::cleanup() {
    m_case.finish();
    m_dir.reset();
}

bool TstBlackboxAccess::startWithToken(const QStringList& extraArguments, bool testImage) {
    const QString tokenFile = m_dir->filePath(QStringLiteral("token"));
    QFile file(tokenFile);
    if (!file.open(QIODevice::WriteOnly) || file.write(kToken + "\n") < 0)
        return false;
    file.close();
    QString error;
    BlackboxCase::StartOptions options;
    options.extraArguments =
        QStringList{QStringLiteral("--token-file"), tokenFile} + extraArguments;
    options.token = kToken;
    options.testImage = testImage;
    if (!m_case.start(options, &error)) {
        qWarning().noquote() << error;
        return false;
    }
    return true;
}

DaemonProcess::Reply TstBlackboxAccess::requestAs(const QByteArray& authorization,
                                                  const QByteArray& method, const QString& path) {
    DaemonProcess& daemon = m_case.daemon();
    const QByteArray saved = daemon.token();
    daemon.setToken({});
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!authorization.isEmpty())
        headers.append({"Authorization", authorization});
    DaemonProcess::Reply reply = daemon.request(method, path, {}, headers);
    daemon.setToken(saved);
    return reply;
}

void TstBlackboxAccess::httpNeedsTheTokenAndHealthzDoesNot() {
    QVERIFY(startWithToken());
    const QString containers = QStringLiteral("/internal/v1/containers");

    const auto none = requestAs({}, "GET", containers);
    QCOMPARE(none.status, 401);
    QCOMPARE(none.header("WWW-Authenticate"), QByteArray("Bearer realm=\"sockerless\""));
    QCOMPARE(none.header("Content-Type"), QByteArray("application/json"));
    QVERIFY2(messageOf(none).startsWith(QStringLiteral("authentication required")),
             none.body.constData());

    const auto wrong = requestAs("Bearer " + kWrongToken, "GET", containers);
    QCOMPARE(wrong.status, 401);
    QCOMPARE(wrong.header("WWW-Authenticate"), QByteArray("Bearer realm=\"sockerless\""));
    QCOMPARE(messageOf(wrong), QStringLiteral("invalid bearer token"));
    QVERIFY(!wrong.body.contains(kWrongToken));
    QVERIFY(!wrong.body.contains(kToken));
    // Not a bearer credential at all.
    QCOMPARE(requestAs("Basic " + kToken.toBase64(), "GET", containers).status, 401);

    const auto right = requestAs("Bearer " + kToken, "GET", containers);
    QCOMPARE(right.status, 200);
    QVERIFY(right.json().isArray());

    const auto health = requestAs({}, "GET", QStringLiteral("/internal/v1/healthz"));
    QCOMPARE(health.status, 200);
    QCOMPARE(health.json().object().value(QStringLiteral("status")).toString(),
             QStringLiteral("ok"));
}

void TstBlackboxAccess::unknownPathWithoutTokenIs401NotA404() {
    QVERIFY(startWithToken());
    QCOMPARE(requestAs({}, "GET", QStringLiteral("/internal/v1/no/such/route")).status, 401);
    QCOMPARE(requestAs({}, "DELETE", QStringLiteral("/internal/v1/healthz")).status, 401);
    QCOMPARE(
        requestAs("Bearer " + kToken, "GET", QStringLiteral("/internal/v1/no/such/route")).status,
        404);
    QCOMPARE(requestAs("Bearer " + kToken, "DELETE", QStringLiteral("/internal/v1/healthz")).status,
             405);
}

void TstBlackboxAccess::tokenFromEnvironmentWorks() {
    DaemonProcess daemon;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("SOCKERLESS_TOKEN"), QString::fromLatin1(kToken));
    daemon.process().setProcessEnvironment(environment);
    QString error;
    QVERIFY2(daemon.start(DaemonProcess::defaultArguments(), &error), qPrintable(error));
    QCOMPARE(daemon.get(QStringLiteral("/internal/v1/info")).status, 401);
    daemon.setToken(kToken);
    QCOMPARE(daemon.get(QStringLiteral("/internal/v1/info")).status, 200);
    daemon.setToken(kWrongToken);
    QCOMPARE(daemon.get(QStringLiteral("/internal/v1/info")).status, 401);
    QCOMPARE(daemon.terminate(10000), 0);
    QVERIFY(!daemon.log().contains(kToken));
}

void TstBlackboxAccess::webSocketWithoutTokenGetsOneFailureAnd4401AndExecStaysUnstarted() {
    QVERIFY(startWithToken());
    const QString container = m_case.runContainer({QStringLiteral("sleep"), QStringLiteral("300")});
    QVERIFY2(!container.isEmpty(), qPrintable(m_case.lastError()));
    const auto created = m_case.call(
        "POST", QStringLiteral("/internal/v1/containers/%1/exec").arg(container),
        {{QStringLiteral("Cmd"), QJsonArray{QStringLiteral("echo"), QStringLiteral("hi")}},
         {QStringLiteral("AttachStdout"), true}});
    QCOMPARE(created.status, 201);
    const QString execId = created.json().object().value(QStringLiteral("Id")).toString();
    const QString start = QStringLiteral("/internal/v1/exec/%1/start").arg(execId);

    for (const QByteArray& authorization : {QByteArray(), QByteArray("Bearer " + kWrongToken)}) {
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!authorization.isEmpty())
            headers.append({"Authorization", authorization});
        const WebSocketOutcome outcome = runWebSocket(m_case.daemon().baseUrl(), start, headers);
        QCOMPARE(outcome.closeCode, 4401);
        // Exactly the contract's failure message and nothing of the stream.
        QCOMPARE(outcome.texts.size(), 1);
        QVERIFY(outcome.binary.isEmpty());
        const QJsonObject failure = jsonOf(outcome.texts.at(0));
        QCOMPARE(failure.value(QStringLiteral("status")).toInt(), 401);
        QVERIFY(!failure.value(QStringLiteral("message")).toString().isEmpty());
        QVERIFY(!outcome.texts.at(0).contains(QString::fromLatin1(kWrongToken)));
    }
    // The engine never heard of a start: the exec is still unstarted.
    const QJsonObject exec = m_case.engineInspect(QStringLiteral("exec"), execId);
    QCOMPARE(exec.value(QStringLiteral("Running")).toBool(true), false);
    QCOMPARE(exec.value(QStringLiteral("Pid")).toInt(-1), 0);
    QVERIFY2(exec.value(QStringLiteral("ExitCode")).isNull(),
             QJsonDocument(exec).toJson().constData());
}

void TstBlackboxAccess::webSocketTokenAsSubprotocolRunsTheExec() {
    QVERIFY(startWithToken());
    const QString container = m_case.runContainer({QStringLiteral("sleep"), QStringLiteral("300")});
    QVERIFY2(!container.isEmpty(), qPrintable(m_case.lastError()));
    const auto created = m_case.call(
        "POST", QStringLiteral("/internal/v1/containers/%1/exec").arg(container),
        {{QStringLiteral("Cmd"), QJsonArray{QStringLiteral("echo"), QStringLiteral("hi")}},
         {QStringLiteral("AttachStdout"), true}});
    QCOMPARE(created.status, 201);
    const QString execId = created.json().object().value(QStringLiteral("Id")).toString();
    // What a browser can do: no Authorization header, the token as a subprotocol.
    const WebSocketOutcome outcome = runWebSocket(
        m_case.daemon().baseUrl(), QStringLiteral("/internal/v1/exec/%1/start").arg(execId), {},
        {QStringLiteral("bearer.") + QString::fromLatin1(kToken)});
    QCOMPARE(outcome.closeCode, 1000);
    QVERIFY2(outcome.binary.contains("hi\n"), outcome.binary.toHex().constData());
}

void TstBlackboxAccess::tokenNeverAppearsInTheDaemonLog() {
    QVERIFY(startWithToken());
    QCOMPARE(requestAs("Bearer " + kToken, "GET", QStringLiteral("/internal/v1/info")).status, 200);
    QCOMPARE(requestAs("Bearer " + kWrongToken, "GET", QStringLiteral("/internal/v1/info")).status,
             401);
    QCOMPARE(requestAs({}, "GET", QStringLiteral("/internal/v1/info")).status, 401);
    const WebSocketOutcome ws =
        runWebSocket(m_case.daemon().baseUrl(), QStringLiteral("/internal/v1/events"), {},
                     {QStringLiteral("bearer.") + QString::fromLatin1(kWrongToken)});
    QCOMPARE(ws.closeCode, 4401);
    // One warning per failed attempt, naming the reason but not the token.
    QTRY_COMPARE_WITH_TIMEOUT(
        m_case.daemon().logRecords(QStringLiteral("authentication failed")).size(), 3, timeoutMs);
    const auto failures = m_case.daemon().logRecords(QStringLiteral("authentication failed"));
    QCOMPARE(failures.at(0).value(QStringLiteral("reason")).toString(),
             QStringLiteral("wrong token"));
    QCOMPARE(failures.at(1).value(QStringLiteral("reason")).toString(), QStringLiteral("no token"));
    QCOMPARE(failures.at(2).value(QStringLiteral("path")).toString(),
             QStringLiteral("/internal/v1/events"));
    QCOMPARE(m_case.daemon().terminate(10000), 0);
    const QByteArray log = m_case.daemon().log();
    QVERIFY(!log.contains(kToken));
    QVERIFY(!log.contains(kWrongToken));
}

void TstBlackboxAccess::nonLoopbackWithoutTokenRefusesToStart() {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("SOCKERLESS_TOKEN"));
    process.setProcessEnvironment(environment);
    process.start(DaemonProcess::binaryPath(), DaemonProcess::defaultArguments()
                                                   << QStringLiteral("--listen")
                                                   << QStringLiteral("0.0.0.0:0"));
    QVERIFY(process.waitForFinished(timeoutMs));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY(process.exitCode() != 0);
    const QByteArray output = process.readAllStandardOutput() + process.readAllStandardError();
    QVERIFY2(output.contains("refusing to listen on 0.0.0.0:0 without a token"),
             output.constData());
}

void TstBlackboxAccess::insecureNonLoopbackStartsWithLoudWarning() {
    DaemonProcess daemon;
    QString error;
    QVERIFY2(daemon.start(DaemonProcess::defaultArguments()
                              << QStringLiteral("--listen") << QStringLiteral("0.0.0.0:0")
                              << QStringLiteral("--insecure"),
                          &error),
             qPrintable(error));
    bool warned = false;
    for (const QByteArray& line : daemon.log().split('\n')) {
        const QJsonObject record = QJsonDocument::fromJson(line).object();
        if (record.value(QStringLiteral("msg")).toString().startsWith(QStringLiteral("INSECURE")) &&
            record.value(QStringLiteral("level")).toString().startsWith(QStringLiteral("warn"))) {
            warned = true;
            QVERIFY(record.value(QStringLiteral("address"))
                        .toString()
                        .startsWith(QStringLiteral("0.0.0.0")));
        }
    }
    QVERIFY2(warned, daemon.log().constData());
    // Insecure means open: no token needed.
    QCOMPARE(daemon.get(QStringLiteral("/internal/v1/info")).status, 200);
    QCOMPARE(daemon.terminate(10000), 0);
}

void TstBlackboxAccess::readOnlyLetsReadsThroughAndRefusesWrites() {
    // The memory daemon could not pull its test image under --read-only: it starts empty.
    QVERIFY(startWithToken({QStringLiteral("--read-only")}, false));
    QString container = QStringLiteral("no-such-container");
    if (BlackboxCase::isDocker()) {
        // A real container to read, made behind the daemon's back.
        const QJsonObject body{
            {QStringLiteral("Image"), TestEnv::image()},
            {QStringLiteral("Cmd"), QJsonArray{QStringLiteral("echo"), QStringLiteral("ro")}},
            {QStringLiteral("Labels"), m_case.labels()}};
        const auto made = m_case.docker("POST", QStringLiteral("/containers/create"),
                                        QJsonDocument(body).toJson(QJsonDocument::Compact));
        QCOMPARE(made.status, 201);
        container =
            QJsonDocument::fromJson(made.body).object().value(QStringLiteral("Id")).toString();
    }
    // Reads pass the policy: Docker's container answers 200, the memory daemon's 404 (not 403).
    const int found = BlackboxCase::isDocker() ? 200 : 404;
    QCOMPARE(m_case.call("GET", QStringLiteral("/internal/v1/containers")).status, 200);
    QCOMPARE(m_case.call("GET", QStringLiteral("/internal/v1/containers/") + container).status,
             found);
    QCOMPARE(
        m_case
            .call("GET", QStringLiteral("/internal/v1/containers/%1/logs?stdout=1").arg(container))
            .status,
        found);
    QCOMPARE(m_case.call("GET", QStringLiteral("/internal/v1/info")).status, 200);

    const QList<QPair<QByteArray, QString>> writes{
        {"POST", QStringLiteral("/internal/v1/containers")},
        {"POST", QStringLiteral("/internal/v1/containers/%1/start").arg(container)},
        {"DELETE", QStringLiteral("/internal/v1/containers/%1").arg(container)},
        {"POST", QStringLiteral("/internal/v1/images/pull")},
        {"POST", QStringLiteral("/internal/v1/containers/%1/exec").arg(container)},
        {"POST", QStringLiteral("/internal/v1/networks")},
        {"POST", QStringLiteral("/internal/v1/auth")}};
    for (const auto& [method, path] : writes) {
        const auto reply = m_case.call(method, path, {{QStringLiteral("Image"), TestEnv::image()}});
        QVERIFY2(reply.status == 403,
                 qPrintable(path + QStringLiteral(": ") + QString::number(reply.status)));
        QVERIFY2(messageOf(reply).endsWith(QStringLiteral("forbidden by policy: --read-only")),
                 reply.body.constData());
        QVERIFY2(messageOf(reply).contains(QStringLiteral("(group ")), reply.body.constData());
    }
    if (BlackboxCase::isDocker()) {
        // Refused means not done: the container was neither started nor removed.
        const QJsonObject state = m_case.dockerInspect(QStringLiteral("containers"), container);
        QCOMPARE(state.value(QStringLiteral("State"))
                     .toObject()
                     .value(QStringLiteral("Status"))
                     .toString(),
                 QStringLiteral("created"));
    }

    const QList<QPair<QByteArray, QByteArray>> auth{{"Authorization", "Bearer " + kToken}};
    const WebSocketOutcome exec = runWebSocket(m_case.daemon().baseUrl(),
                                               QStringLiteral("/internal/v1/exec/abc/start"), auth);
    QCOMPARE(exec.closeCode, 4403);
    QCOMPARE(exec.texts.size(), 1);
    QCOMPARE(jsonOf(exec.texts.at(0)).value(QStringLiteral("status")).toInt(), 403);
    QVERIFY2(exec.texts.at(0).contains(QStringLiteral("--read-only")),
             qPrintable(exec.texts.at(0)));
    // A read-only WebSocket gets past the policy to its handler: an unknown container's wait
    // fails with the handler's 404, not the policy's 403.
    const WebSocketOutcome wait =
        runWebSocket(m_case.daemon().baseUrl(),
                     QStringLiteral("/internal/v1/containers/no-such-container/wait"), auth);
    QCOMPARE(wait.closeCode, 4404);
}

void TstBlackboxAccess::denyExecRefusesExecButNotContainers() {
    QVERIFY(startWithToken({QStringLiteral("--deny"), QStringLiteral("exec")}));
    const QString container = m_case.runContainer({QStringLiteral("sleep"), QStringLiteral("300")});
    QVERIFY2(!container.isEmpty(), qPrintable(m_case.lastError()));
    QCOMPARE(m_case.call("GET", QStringLiteral("/internal/v1/containers/") + container).status,
             200);
    const auto exec =
        m_case.call("POST", QStringLiteral("/internal/v1/containers/%1/exec").arg(container),
                    {{QStringLiteral("Cmd"), QJsonArray{QStringLiteral("true")}}});
    QCOMPARE(exec.status, 403);
    QVERIFY2(messageOf(exec).endsWith(QStringLiteral("group exec denied by --deny exec")),
             exec.body.constData());
    QCOMPARE(m_case.call("GET", QStringLiteral("/internal/v1/exec/abc")).status, 403);
    const WebSocketOutcome start =
        runWebSocket(m_case.daemon().baseUrl(), QStringLiteral("/internal/v1/exec/abc/start"),
                     {{"Authorization", "Bearer " + kToken}});
    QCOMPARE(start.closeCode, 4403);
    QCOMPARE(start.texts.size(), 1);
    QVERIFY2(start.texts.at(0).contains(QStringLiteral("group exec denied by --deny exec")),
             qPrintable(start.texts.at(0)));
    // Containers are still the client's.
    QCOMPARE(m_case.call("POST", QStringLiteral("/internal/v1/containers/%1/kill").arg(container))
                 .status,
             204);
}

void TstBlackboxAccess::allowContainersRefusesImagesNetworksAndEvents() {
    QVERIFY(startWithToken({QStringLiteral("--allow"), QStringLiteral("containers")}, false));
    QCOMPARE(m_case.call("GET", QStringLiteral("/internal/v1/containers")).status, 200);
    for (const QString& path :
         {QStringLiteral("/internal/v1/images/busybox"), QStringLiteral("/internal/v1/networks"),
          QStringLiteral("/internal/v1/volumes"), QStringLiteral("/internal/v1/info")}) {
        const auto reply = m_case.call("GET", path);
        QVERIFY2(reply.status == 403, qPrintable(path));
        QVERIFY2(messageOf(reply).contains(QStringLiteral("is not in --allow containers")),
                 reply.body.constData());
    }
    const WebSocketOutcome events =
        runWebSocket(m_case.daemon().baseUrl(), QStringLiteral("/internal/v1/events"),
                     {{"Authorization", "Bearer " + kToken}});
    QCOMPARE(events.closeCode, 4403);
    QCOMPARE(events.texts.size(), 1);
    // healthz is never restricted.
    QCOMPARE(requestAs({}, "GET", QStringLiteral("/internal/v1/healthz")).status, 200);
}

QTEST_GUILESS_MAIN(TstBlackboxAccess)
#include "tst_blackbox_access.moc"
