// The exec routes of the real sockerlessd on the backend under test: create, inspect, the
// interactive WebSocket start (stdin in, frames out, half-close, exit code after) and the detached
// start.

#include "blackboxcase.h"
#include "testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <QtEndian>
#include <memory>

using sockerless::test::BlackboxCase;
using sockerless::test::TestEnv;

namespace {

/// One frame of Docker's multiplexed stream: the stream byte (1 stdout, 2 stderr) and payload.
struct Frame {
    int stream = 0;
    QByteArray payload;
};

/// Splits `bytes` into frames; false when they do not end on a frame boundary.
bool parseFrames(const QByteArray& bytes, QList<Frame>* frames) {
    qsizetype pos = 0;
    while (bytes.size() - pos >= 8) {
        const auto* header = reinterpret_cast<const uchar*>(bytes.constData() + pos);
        const quint32 length = qFromBigEndian<quint32>(header + 4);
        if (header[1] != 0 || header[2] != 0 || header[3] != 0 ||
            quint64(bytes.size() - pos - 8) < length)
            return false;
        frames->append(Frame{header[0], bytes.mid(pos + 8, length)});
        pos += 8 + qsizetype(length);
    }
    return pos == bytes.size();
}

/// A WebSocket client to the daemon whose signals are connected before it opens, so that no
/// message (or an early close) can be missed.
class Socket {
public:
    Socket() {
        QObject::connect(&socket, &QWebSocket::binaryMessageReceived,
                         [this](const QByteArray& m) { binary.append(m); });
        QObject::connect(&socket, &QWebSocket::textMessageReceived,
                         [this](const QString& m) { text.append(m); });
        QObject::connect(&socket, &QWebSocket::disconnected, [this] { closed = true; });
    }
    /// Opens `path` (still percent-encoded as given) on the daemon.
    void open(const QUrl& base, const QString& path) {
        QUrl url(base.toString(QUrl::RemovePath | QUrl::StripTrailingSlash) + path);
        url.setScheme(QStringLiteral("ws"));
        socket.open(url);
    }
    bool waitConnected(int timeoutMs = 10000) {
        QDeadlineTimer deadline(timeoutMs);
        while (socket.state() != QAbstractSocket::ConnectedState && !closed &&
               !deadline.hasExpired())
            QTest::qWait(10);
        return socket.state() == QAbstractSocket::ConnectedState;
    }
    bool waitClosed(int timeoutMs = 20000) {
        QDeadlineTimer deadline(timeoutMs);
        while (!closed && !deadline.hasExpired())
            QTest::qWait(10);
        return closed;
    }
    QByteArray output() const { return binary.join(); }
    int closeCode() const { return static_cast<int>(socket.closeCode()); }

    QWebSocket socket;
    QList<QByteArray> binary;
    QStringList text;
    bool closed = false;
};

} // namespace

class TstBlackboxExec : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void createReturnsIdThatDockerKnowsWithOurCmdEnvDirUser();
    void createWithoutCmdIs400();
    void createWithEmptyCmdIs400();
    void createWithMalformedJsonIs400();
    void createWithWrongFieldTypeIs400NamingIt();
    void createInUnknownContainerIs404();
    void createInStoppedContainerIs409();
    void inspectBeforeStartShowsLowerCaseProcessConfigAndNotRunning();
    void inspectUnknownExecIs404();
    void interactiveCatRoundTripEchoesStdinInStdoutFrame();
    void closeStdinEndsCatAndClosesSocket1000();
    void exitCodeVisibleAfterSocketCloses();
    void stdoutAndStderrArriveInSeparateWholeFrames();
    void ttyExecGetsRawOutput();
    void detachedStartIs200AndProcessRuns();
    void detachedStartTwiceIs409();
    void detachedStartOfUnknownExecIs404();
    void plainHttpAttachedStartStreamsFrames();
    void plainHttpAttachedStartOfUnknownExecIs404();
    void startWithMalformedJsonIs400();
    void webSocketStartOfUnknownExecCloses4404();
    void webSocketStartInPausedContainerCloses4409();
    void unknownTextMessageCloses4400();
    void clientDroppingSocketEndsDockerExecAndDaemonStaysHealthy();
    void idsThatTryToEscapeThePathAreRejected();

private:
    /// A running container (`sleep 300`) for the case.
    QString runningContainer();
    /// Creates an exec through the daemon; its id, or empty (with the reply printed).
    QString createExec(const QString& container, const QJsonObject& body);
    /// Our inspect of an exec.
    QJsonObject inspect(const QString& execId);
    /// Opens the WebSocket start of `execId`.
    void openStart(Socket& socket, const QString& execId);
    /// Polls our inspect until the exec has an exit code; returns it, or -1 on timeout.
    int waitForExitCode(const QString& execId, int timeoutMs = 20000);

    BlackboxCase m_case;
};

void TstBlackboxExec::init() {
    SOCKERLESS_REQUIRE_DOCKER();
    QString error;
    QVERIFY2(m_case.start(&error), qPrintable(error));
}

void TstBlackboxExec::cleanup() {
    m_case.finish();
}

QString TstBlackboxExec::runningContainer() {
    const QString id = m_case.runContainer({QStringLiteral("sleep"), QStringLiteral("300")});
    if (id.isEmpty())
        qWarning().noquote() << "runContainer failed:" << m_case.lastError();
    return id;
}

QString TstBlackboxExec::createExec(const QString& container, const QJsonObject& body) {
    const auto reply =
        m_case.call("POST", QStringLiteral("/internal/v1/containers/%1/exec").arg(container), body);
    if (reply.status != 201) {
        qWarning().noquote() << "exec create answered" << reply.status << reply.body;
        return {};
    }
    return reply.json().object().value(QStringLiteral("Id")).toString();
}

QJsonObject TstBlackboxExec::inspect(const QString& execId) {
    return m_case.call("GET", QStringLiteral("/internal/v1/exec/%1").arg(execId)).json().object();
}

void TstBlackboxExec::openStart(Socket& socket, const QString& execId) {
    socket.open(m_case.daemon().baseUrl(),
                QStringLiteral("/internal/v1/exec/%1/start").arg(execId));
}

int TstBlackboxExec::waitForExitCode(const QString& execId, int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    do {
        const QJsonObject state = inspect(execId);
        if (!state.value(QStringLiteral("Running")).toBool(true) &&
            state.value(QStringLiteral("ExitCode")).isDouble())
            return state.value(QStringLiteral("ExitCode")).toInt();
        QTest::qWait(50);
    } while (!deadline.hasExpired());
    return -1;
}

void TstBlackboxExec::createReturnsIdThatDockerKnowsWithOurCmdEnvDirUser() {
    const QString container = runningContainer();
    QVERIFY(!container.isEmpty());
    const QStringList cmd{QStringLiteral("sh"), QStringLiteral("-c"),
                          QStringLiteral("echo $SL_VALUE; pwd; id -u")};
    const QString execId = createExec(
        container, {{QStringLiteral("Cmd"), QJsonArray::fromStringList(cmd)},
                    {QStringLiteral("Env"), QJsonArray{QStringLiteral("SL_VALUE=from-exec")}},
                    {QStringLiteral("WorkingDir"), QStringLiteral("/bin")},
                    {QStringLiteral("User"), QStringLiteral("1234")},
                    {QStringLiteral("AttachStdout"), true}});
    QVERIFY(!execId.isEmpty());

    // The engine's own inspect (Docker's) knows the exec, in our container, with our command
    // and user.
    QCOMPARE(m_case.engineInspectStatus(QStringLiteral("exec"), execId), 200);
    const QJsonObject engineExec = m_case.engineInspect(QStringLiteral("exec"), execId);
    QCOMPARE(engineExec.value(QStringLiteral("ContainerID")).toString(), container);
    const QJsonObject process = engineExec.value(QStringLiteral("ProcessConfig")).toObject();
    QCOMPARE(process.value(QStringLiteral("entrypoint")).toString(), QStringLiteral("sh"));
    QCOMPARE(process.value(QStringLiteral("arguments")).toArray(),
             QJsonArray::fromStringList(cmd.mid(1)));
    QCOMPARE(process.value(QStringLiteral("user")).toString(), QStringLiteral("1234"));

    // Env and WorkingDir are not in Docker's inspect: the process shows them.
    Socket socket;
    openStart(socket, execId);
    QVERIFY(socket.waitClosed());
    QCOMPARE(socket.closeCode(), 1000);
    QList<Frame> frames;
    QVERIFY(parseFrames(socket.output(), &frames));
    QByteArray stdoutBytes;
    for (const Frame& frame : std::as_const(frames))
        stdoutBytes += frame.payload;
    QCOMPARE(stdoutBytes, QByteArray("from-exec\n/bin\n1234\n"));
}

void TstBlackboxExec::createWithoutCmdIs400() {
    const QString container = runningContainer();
    QVERIFY(!container.isEmpty());
    const auto reply =
        m_case.call("POST", QStringLiteral("/internal/v1/containers/%1/exec").arg(container),
                    {{QStringLiteral("AttachStdout"), true}});
    QCOMPARE(reply.status, 400);
    const QString message = reply.json().object().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QStringLiteral("Cmd")), qPrintable(message));
}

void TstBlackboxExec::createWithEmptyCmdIs400() {
    const QString container = runningContainer();
    QVERIFY(!container.isEmpty());
    const auto reply =
        m_case.call("POST", QStringLiteral("/internal/v1/containers/%1/exec").arg(container),
                    {{QStringLiteral("Cmd"), QJsonArray{}}});
    QCOMPARE(reply.status, 400);
    QVERIFY(reply.json()
                .object()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("Cmd")));
}

void TstBlackboxExec::createWithMalformedJsonIs400() {
    const QString container = runningContainer();
    QVERIFY(!container.isEmpty());
    const auto reply = m_case.daemon().request(
        "POST", QStringLiteral("/internal/v1/containers/%1/exec").arg(container),
        QByteArray(R"({"Cmd":["true"],)"), {{"Content-Type", "application/json"}});
    QCOMPARE(reply.status, 400);
    QVERIFY2(reply.json()
                 .object()
                 .value(QStringLiteral("message"))
                 .toString()
                 .contains(QStringLiteral("malformed JSON")),
             reply.body.constData());
}

void TstBlackboxExec::createWithWrongFieldTypeIs400NamingIt() {
    const QString container = runningContainer();
    QVERIFY(!container.isEmpty());
    const auto reply =
        m_case.call("POST", QStringLiteral("/internal/v1/containers/%1/exec").arg(container),
                    {{QStringLiteral("Cmd"), QJsonArray{QStringLiteral("true")}},
                     {QStringLiteral("Env"), QStringLiteral("A=1")}});
    QCOMPARE(reply.status, 400);
    QVERIFY2(reply.json()
                 .object()
                 .value(QStringLiteral("message"))
                 .toString()
                 .contains(QStringLiteral("'Env'")),
             reply.body.constData());
}

void TstBlackboxExec::createInUnknownContainerIs404() {
    const QString name = m_case.uniqueName(QStringLiteral("nothere"));
    const auto reply =
        m_case.call("POST", QStringLiteral("/internal/v1/containers/%1/exec").arg(name),
                    {{QStringLiteral("Cmd"), QJsonArray{QStringLiteral("true")}}});
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.json().object().value(QStringLiteral("message")).toString(),
             QStringLiteral("No such container: ") + name);
}

void TstBlackboxExec::createInStoppedContainerIs409() {
    const QString container = m_case.createContainer({QStringLiteral("true")});
    QVERIFY2(!container.isEmpty(), qPrintable(m_case.lastError()));
    const auto reply =
        m_case.call("POST", QStringLiteral("/internal/v1/containers/%1/exec").arg(container),
                    {{QStringLiteral("Cmd"), QJsonArray{QStringLiteral("true")}}});
    QCOMPARE(reply.status, 409);
    // Docker's own text.
    const QString message = reply.json().object().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QStringLiteral("is not running")), qPrintable(message));
}

void TstBlackboxExec::inspectBeforeStartShowsLowerCaseProcessConfigAndNotRunning() {
    const QString container = runningContainer();
    QVERIFY(!container.isEmpty());
    const QString execId = createExec(
        container,
        {{QStringLiteral("Cmd"), QJsonArray{QStringLiteral("echo"), QStringLiteral("hi")}},
         {QStringLiteral("AttachStdout"), true},
         {QStringLiteral("AttachStdin"), true}});
    QVERIFY(!execId.isEmpty());
    const auto reply = m_case.call("GET", QStringLiteral("/internal/v1/exec/%1").arg(execId));
    QCOMPARE(reply.status, 200);
    const QJsonObject exec = reply.json().object();
    QCOMPARE(exec.value(QStringLiteral("ID")).toString(), execId);
    QCOMPARE(exec.value(QStringLiteral("ContainerID")).toString(), container);
    QCOMPARE(exec.value(QStringLiteral("Running")).toBool(true), false);
    QVERIFY(exec.value(QStringLiteral("ExitCode")).isNull());
    QCOMPARE(exec.value(QStringLiteral("Pid")).toInt(-1), 0);
    QCOMPARE(exec.value(QStringLiteral("OpenStdin")).toBool(), true);
    QCOMPARE(exec.value(QStringLiteral("OpenStdout")).toBool(), true);
    QCOMPARE(exec.value(QStringLiteral("OpenStderr")).toBool(true), false);
    for (const char* key : {"CanRemove", "DetachKeys"})
        QVERIFY2(exec.contains(QLatin1String(key)), key);
    const QJsonObject process = exec.value(QStringLiteral("ProcessConfig")).toObject();
    QCOMPARE(process.value(QStringLiteral("tty")).toBool(true), false);
    QCOMPARE(process.value(QStringLiteral("entrypoint")).toString(), QStringLiteral("echo"));
    QCOMPARE(process.value(QStringLiteral("arguments")).toArray(),
             QJsonArray{QStringLiteral("hi")});
    QCOMPARE(process.value(QStringLiteral("privileged")).toBool(true), false);
    QVERIFY(process.contains(QStringLiteral("user")));
}

void TstBlackboxExec::inspectUnknownExecIs404() {
    const auto reply = m_case.call("GET", QStringLiteral("/internal/v1/exec/x"));
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.json().object().value(QStringLiteral("message")).toString(),
             QStringLiteral("No such exec instance: x"));
}

void TstBlackboxExec::interactiveCatRoundTripEchoesStdinInStdoutFrame() {
    const QString container = runningContainer();
    QVERIFY(!container.isEmpty());
    const QString execId =
        createExec(container, {{QStringLiteral("Cmd"), QJsonArray{QStringLiteral("cat")}},
                               {QStringLiteral("AttachStdin"), true},
                               {QStringLiteral("AttachStdout"), true},
                               {QStringLiteral("AttachStderr"), true}});
    QVERIFY(!execId.isEmpty());
    Socket socket;
    openStart(socket, execId);
    QVERIFY(socket.waitConnected());
    // Sent at once: the daemon holds it until Docker's connection is upgraded.
    socket.socket.sendBinaryMessage(QByteArray("hello sockerless\n"));
    QTRY_VERIFY_WITH_TIMEOUT(!socket.binary.isEmpty(), 10000);
    QList<Frame> frames;
    QVERIFY(parseFrames(socket.output(), &frames));
    QCOMPARE(frames.size(), 1);
    QCOMPARE(frames.first().stream, 1);
    QCOMPARE(frames.first().payload, QByteArray("hello sockerless\n"));
    // Docker itself sees it running.
    QCOMPARE(m_case.engineInspect(QStringLiteral("exec"), execId)
                 .value(QStringLiteral("Running"))
                 .toBool(),
             true);
    QVERIFY(!socket.closed);
}

void TstBlackboxExec::closeStdinEndsCatAndClosesSocket1000() {
    const QString container = runningContainer();
    QVERIFY(!container.isEmpty());
    const QString execId =
        createExec(container, {{QStringLiteral("Cmd"), QJsonArray{QStringLiteral("cat")}},
                               {QStringLiteral("AttachStdin"), true},
                               {QStringLiteral("AttachStdout"), true}});
    QVERIFY(!execId.isEmpty());
    Socket socket;
    openStart(socket, execId);
    QVERIFY(socket.waitConnected());
    socket.socket.sendBinaryMessage(QByteArray("one\n"));
    QTRY_VERIFY_WITH_TIMEOUT(!socket.binary.isEmpty(), 10000);
    socket.socket.sendTextMessage(QStringLiteral("{\"closeStdin\":true}"));
    QVERIFY2(socket.waitClosed(), "cat did not end after stdin EOF");
    QCOMPARE(socket.closeCode(), 1000);
    QVERIFY(socket.text.isEmpty());
    QList<Frame> frames;
    QVERIFY(parseFrames(socket.output(), &frames));
    QCOMPARE(frames.size(), 1);
    QCOMPARE(frames.first().payload, QByteArray("one\n"));
    const QJsonObject state = inspect(execId);
    QCOMPARE(state.value(QStringLiteral("Running")).toBool(true), false);
    QCOMPARE(state.value(QStringLiteral("ExitCode")).toInt(-1), 0);
}

void TstBlackboxExec::exitCodeVisibleAfterSocketCloses() {
    const QString container = runningContainer();
    QVERIFY(!container.isEmpty());
    const QString execId = createExec(
        container, {{QStringLiteral("Cmd"), QJsonArray{QStringLiteral("sh"), QStringLiteral("-c"),
                                                       QStringLiteral("exit 7")}},
                    {QStringLiteral("AttachStdout"), true}});
    QVERIFY(!execId.isEmpty());
    Socket socket;
    openStart(socket, execId);
    QVERIFY(socket.waitClosed());
    QCOMPARE(socket.closeCode(), 1000);
    // Right after the close, without polling: the contract says it shows then.
    const QJsonObject state = inspect(execId);
    QCOMPARE(state.value(QStringLiteral("Running")).toBool(true), false);
    QCOMPARE(state.value(QStringLiteral("ExitCode")).toInt(-1), 7);
    QCOMPARE(m_case.engineInspect(QStringLiteral("exec"), execId)
                 .value(QStringLiteral("ExitCode"))
                 .toInt(-1),
             7);
}

void TstBlackboxExec::stdoutAndStderrArriveInSeparateWholeFrames() {
    const QString container = runningContainer();
    QVERIFY(!container.isEmpty());
    // Large enough output that Docker's frames are split across reads.
    const QString script = QStringLiteral(
        "echo out1; echo err1 >&2; i=0; while [ $i -lt 2000 ]; do "
        "echo line-$i-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx; i=$((i+1)); done; echo err2 >&2");
    const QString execId = createExec(
        container,
        {{QStringLiteral("Cmd"), QJsonArray{QStringLiteral("sh"), QStringLiteral("-c"), script}},
         {QStringLiteral("AttachStdout"), true},
         {QStringLiteral("AttachStderr"), true}});
    QVERIFY(!execId.isEmpty());
    Socket socket;
    openStart(socket, execId);
    QVERIFY(socket.waitClosed());
    QCOMPARE(socket.closeCode(), 1000);
    QByteArray out;
    QByteArray err;
    for (const QByteArray& message : std::as_const(socket.binary)) {
        QList<Frame> frames;
        QVERIFY2(parseFrames(message, &frames), "a message did not hold whole frames only");
        for (const Frame& frame : std::as_const(frames)) {
            QVERIFY(frame.stream == 1 || frame.stream == 2);
            (frame.stream == 1 ? out : err) += frame.payload;
        }
    }
    QCOMPARE(err, QByteArray("err1\nerr2\n"));
    QVERIFY(out.startsWith("out1\nline-0-"));
    QCOMPARE(out.count('\n'), 2001);
    QVERIFY(out.endsWith("line-1999-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"));
}

void TstBlackboxExec::ttyExecGetsRawOutput() {
    const QString container = runningContainer();
    QVERIFY(!container.isEmpty());
    const QString execId = createExec(
        container,
        {{QStringLiteral("Cmd"), QJsonArray{QStringLiteral("sh"), QStringLiteral("-c"),
                                            QStringLiteral("echo tty-out; echo tty-err >&2")}},
         {QStringLiteral("Tty"), true},
         {QStringLiteral("AttachStdout"), true},
         {QStringLiteral("AttachStderr"), true}});
    QVERIFY(!execId.isEmpty());
    QCOMPARE(inspect(execId)
                 .value(QStringLiteral("ProcessConfig"))
                 .toObject()
                 .value(QStringLiteral("tty"))
                 .toBool(),
             true);
    Socket socket;
    openStart(socket, execId);
    QVERIFY(socket.waitClosed());
    QCOMPARE(socket.closeCode(), 1000);
    // No frame headers; the terminal turns \n into \r\n.
    QCOMPARE(socket.output(), QByteArray("tty-out\r\ntty-err\r\n"));
}

void TstBlackboxExec::detachedStartIs200AndProcessRuns() {
    const QString container = runningContainer();
    QVERIFY(!container.isEmpty());
    const QString marker = QStringLiteral("/sl-marker-") + m_case.uniqueName(QStringLiteral("x"));
    const QString touch = createExec(
        container, {{QStringLiteral("Cmd"), QJsonArray{QStringLiteral("touch"), marker}}});
    QVERIFY(!touch.isEmpty());
    const auto reply = m_case.call("POST", QStringLiteral("/internal/v1/exec/%1/start").arg(touch),
                                   {{QStringLiteral("Detach"), true}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(waitForExitCode(touch), 0);

    // A second exec finds the file the detached one made.
    const QString test =
        createExec(container, {{QStringLiteral("Cmd"),
                                QJsonArray{QStringLiteral("test"), QStringLiteral("-e"), marker}}});
    QVERIFY(!test.isEmpty());
    QCOMPARE(m_case
                 .call("POST", QStringLiteral("/internal/v1/exec/%1/start").arg(test),
                       {{QStringLiteral("Detach"), true}})
                 .status,
             200);
    QCOMPARE(waitForExitCode(test), 0);
}

void TstBlackboxExec::detachedStartTwiceIs409() {
    const QString container = runningContainer();
    QVERIFY(!container.isEmpty());
    const QString execId = createExec(
        container,
        {{QStringLiteral("Cmd"), QJsonArray{QStringLiteral("sleep"), QStringLiteral("30")}}});
    QVERIFY(!execId.isEmpty());
    const QString path = QStringLiteral("/internal/v1/exec/%1/start").arg(execId);
    QCOMPARE(m_case.call("POST", path, {{QStringLiteral("Detach"), true}}).status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(inspect(execId).value(QStringLiteral("Running")).toBool(), 10000);
    const auto again = m_case.call("POST", path, {{QStringLiteral("Detach"), true}});
    QCOMPARE(again.status, 409);
    const QString message = again.json().object().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(execId), qPrintable(message)); // Docker's own text names it
}

void TstBlackboxExec::detachedStartOfUnknownExecIs404() {
    const auto reply = m_case.call("POST", QStringLiteral("/internal/v1/exec/nope/start"),
                                   {{QStringLiteral("Detach"), true}});
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.json().object().value(QStringLiteral("message")).toString(),
             QStringLiteral("No such exec instance: nope"));
}

void TstBlackboxExec::plainHttpAttachedStartStreamsFrames() {
    const QString container = runningContainer();
    QVERIFY(!container.isEmpty());
    const QString execId = createExec(
        container, {{QStringLiteral("Cmd"),
                     QJsonArray{QStringLiteral("sh"), QStringLiteral("-c"),
                                QStringLiteral("echo http-out; echo http-err >&2; exit 3")}},
                    {QStringLiteral("AttachStdout"), true},
                    {QStringLiteral("AttachStderr"), true}});
    QVERIFY(!execId.isEmpty());
    const auto reply = m_case.call("POST", QStringLiteral("/internal/v1/exec/%1/start").arg(execId),
                                   {{QStringLiteral("Detach"), false}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/vnd.docker.multiplexed-stream"));
    QList<Frame> frames;
    QVERIFY(parseFrames(reply.body, &frames));
    QByteArray out;
    QByteArray err;
    for (const Frame& frame : std::as_const(frames))
        (frame.stream == 1 ? out : err) += frame.payload;
    QCOMPARE(out, QByteArray("http-out\n"));
    QCOMPARE(err, QByteArray("http-err\n"));
    const QJsonObject state = inspect(execId);
    QVERIFY2(state.value(QStringLiteral("ExitCode")).toInt(-1) == 3,
             QJsonDocument(state).toJson().constData());
}

void TstBlackboxExec::plainHttpAttachedStartOfUnknownExecIs404() {
    const auto reply = m_case.call("POST", QStringLiteral("/internal/v1/exec/nope/start"),
                                   {{QStringLiteral("Detach"), false}});
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.json().object().value(QStringLiteral("message")).toString(),
             QStringLiteral("No such exec instance: nope"));
    // The daemon is still there for the next call.
    QCOMPARE(m_case.call("GET", QStringLiteral("/internal/v1/healthz")).status, 200);
}

void TstBlackboxExec::startWithMalformedJsonIs400() {
    const auto reply = m_case.daemon().request("POST", QStringLiteral("/internal/v1/exec/x/start"),
                                               QByteArray("{\"Detach\":tru"),
                                               {{"Content-Type", "application/json"}});
    QCOMPARE(reply.status, 400);
    QVERIFY(reply.json()
                .object()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("malformed JSON")));
    const auto wrongType = m_case.call("POST", QStringLiteral("/internal/v1/exec/x/start"),
                                       {{QStringLiteral("Detach"), QStringLiteral("yes")}});
    QCOMPARE(wrongType.status, 400);
    QVERIFY(wrongType.json()
                .object()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("'Detach'")));
}

void TstBlackboxExec::webSocketStartOfUnknownExecCloses4404() {
    Socket socket;
    openStart(socket, QStringLiteral("nope"));
    QVERIFY(socket.waitClosed());
    QCOMPARE(socket.closeCode(), 4404);
    QCOMPARE(socket.text.size(), 1);
    const QJsonObject body = QJsonDocument::fromJson(socket.text.first().toUtf8()).object();
    QCOMPARE(body.value(QStringLiteral("status")).toInt(), 404);
    QCOMPARE(body.value(QStringLiteral("message")).toString(),
             QStringLiteral("No such exec instance: nope"));
    QVERIFY(socket.binary.isEmpty());
}

void TstBlackboxExec::webSocketStartInPausedContainerCloses4409() {
    // Pausing is not part of the internal API: only Docker can be asked to, directly.
    if (!m_case.isDocker())
        QSKIP("Docker only: the internal API has no pause, so only Docker can pause a container");
    const QString container = runningContainer();
    QVERIFY(!container.isEmpty());
    const QString execId =
        createExec(container, {{QStringLiteral("Cmd"), QJsonArray{QStringLiteral("true")}},
                               {QStringLiteral("AttachStdout"), true}});
    QVERIFY(!execId.isEmpty());
    // Docker forgets a container's execs when it stops (404), so a paused one gives the 409.
    QVERIFY(m_case.docker("POST", QStringLiteral("/containers/%1/pause").arg(container)).ok());
    Socket socket;
    openStart(socket, execId);
    QVERIFY(socket.waitClosed());
    QCOMPARE(socket.closeCode(), 4409);
    QCOMPARE(socket.text.size(), 1);
    const QJsonObject body = QJsonDocument::fromJson(socket.text.first().toUtf8()).object();
    QCOMPARE(body.value(QStringLiteral("status")).toInt(), 409);
    const QString message = body.value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QStringLiteral("paused")), qPrintable(message)); // Docker's text
}

void TstBlackboxExec::unknownTextMessageCloses4400() {
    const QString container = runningContainer();
    QVERIFY(!container.isEmpty());
    const QString execId =
        createExec(container, {{QStringLiteral("Cmd"), QJsonArray{QStringLiteral("cat")}},
                               {QStringLiteral("AttachStdin"), true},
                               {QStringLiteral("AttachStdout"), true}});
    QVERIFY(!execId.isEmpty());
    Socket socket;
    openStart(socket, execId);
    QVERIFY(socket.waitConnected());
    socket.socket.sendTextMessage(QStringLiteral("echo this is not stdin"));
    QVERIFY(socket.waitClosed());
    QCOMPARE(socket.closeCode(), 4400);
    QCOMPARE(socket.text.size(), 1);
    QVERIFY2(socket.text.first().contains(QStringLiteral("closeStdin")),
             qPrintable(socket.text.first()));
    // The exec's connection went with it: cat sees EOF and ends.
    QTRY_COMPARE_WITH_TIMEOUT(m_case.engineInspect(QStringLiteral("exec"), execId)
                                  .value(QStringLiteral("Running"))
                                  .toBool(true),
                              false, 10000);
}

void TstBlackboxExec::clientDroppingSocketEndsDockerExecAndDaemonStaysHealthy() {
    const QString container = runningContainer();
    QVERIFY(!container.isEmpty());
    const QString execId =
        createExec(container, {{QStringLiteral("Cmd"), QJsonArray{QStringLiteral("cat")}},
                               {QStringLiteral("AttachStdin"), true},
                               {QStringLiteral("AttachStdout"), true}});
    QVERIFY(!execId.isEmpty());
    {
        Socket socket;
        openStart(socket, execId);
        QVERIFY(socket.waitConnected());
        socket.socket.sendBinaryMessage(QByteArray("ping\n"));
        QTRY_VERIFY_WITH_TIMEOUT(!socket.binary.isEmpty(), 10000);
        QVERIFY(m_case.engineInspect(QStringLiteral("exec"), execId)
                    .value(QStringLiteral("Running"))
                    .toBool());
        socket.socket.abort(); // no close handshake: the TCP connection just goes
    }
    // The daemon closed Docker's connection: cat read EOF and ended.
    QTRY_COMPARE_WITH_TIMEOUT(m_case.engineInspect(QStringLiteral("exec"), execId)
                                  .value(QStringLiteral("Running"))
                                  .toBool(true),
                              false, 10000);
    QCOMPARE(m_case.call("GET", QStringLiteral("/internal/v1/healthz")).status, 200);
    QCOMPARE(inspect(execId).value(QStringLiteral("ExitCode")).toInt(-1), 0);
}

void TstBlackboxExec::idsThatTryToEscapeThePathAreRejected() {
    // `..` as an exec id, encoded so that it reaches the route as the id.
    const auto dots = m_case.daemon().rawRequest("GET", "/internal/v1/exec/%2E%2E");
    QCOMPARE(dots.status, 400);
    const auto startDots = m_case.daemon().rawRequest("POST", "/internal/v1/exec/%2e%2e/start");
    QCOMPARE(startDots.status, 400);
    // Dot segments inside an id are refused too; a slash alone stays inside the segment.
    const auto climb =
        m_case.call("GET", QStringLiteral("/internal/v1/exec/x%2F..%2F..%2Fcontainers%2Fjson"));
    QCOMPARE(climb.status, 400);
    const auto slash = m_case.call("GET", QStringLiteral("/internal/v1/exec/containers%2Fjson"));
    QCOMPARE(slash.status, 404);
    QCOMPARE(slash.json().object().value(QStringLiteral("message")).toString(),
             QStringLiteral("No such exec instance: containers/json"));
    // A query in the id reaches no other endpoint and adds no parameter.
    const auto query = m_case.call("POST", QStringLiteral("/internal/v1/exec/x%3FDetach=1/start"),
                                   {{QStringLiteral("Detach"), true}});
    QCOMPARE(query.status, 404);
    QCOMPARE(query.json().object().value(QStringLiteral("message")).toString(),
             QStringLiteral("No such exec instance: x?Detach=1"));
    // The container of an exec create too.
    const auto container =
        m_case.daemon().rawRequest("POST", "/internal/v1/containers/%2E%2E/exec");
    QCOMPARE(container.status, 400);
    const auto hidden =
        m_case.call("POST", QStringLiteral("/internal/v1/containers/x%2Fy%23z%3Fa=b/exec"),
                    {{QStringLiteral("Cmd"), QJsonArray{QStringLiteral("true")}}});
    QCOMPARE(hidden.status, 404);
    QCOMPARE(hidden.json().object().value(QStringLiteral("message")).toString(),
             QStringLiteral("No such container: x/y#z?a=b"));
    // And a control character, over the WebSocket: refused before Docker is asked.
    Socket socket;
    openStart(socket, QStringLiteral("a%01b"));
    QVERIFY(socket.waitClosed());
    QCOMPARE(socket.closeCode(), 4400);
}

QTEST_MAIN(TstBlackboxExec)
#include "tst_blackbox_exec.moc"
