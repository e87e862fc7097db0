// The long-lived container routes of the real sockerlessd on the backend under test: wait
// (WebSocket and POST) and logs (HTTP, followed HTTP, WebSocket). What matters here is timing as
// much as content: headers and data must arrive while the container still runs, and a client that
// leaves must close the upstream call.

#include "blackboxcase.h"
#include "testenv.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <functional>
#include <unistd.h>

using sockerless::test::BlackboxCase;
using sockerless::test::TestEnv;

namespace {

// A raw HTTP/1.1 exchange over TCP, read step by step: the head first, then the (chunked) body
// as it comes. The fixture's request() waits for the whole answer, which cannot show that
// headers or data arrive while the container still runs.
class RawHttp {
public:
    bool send(const QUrl& base, const QByteArray& method, const QString& path) {
        m_socket.connectToHost(base.host(), static_cast<quint16>(base.port()));
        if (!m_socket.waitForConnected(5000))
            return false;
        m_socket.write(method + ' ' + path.toUtf8() +
                       " HTTP/1.1\r\nHost: sockerless\r\nContent-Length: 0\r\n\r\n");
        return m_socket.waitForBytesWritten(5000);
    }

    /// Reads the status line and headers; false if they did not come within `timeoutMs`.
    bool readHead(int timeoutMs) {
        QDeadlineTimer deadline(timeoutMs);
        while (!m_raw.contains("\r\n\r\n")) {
            if (deadline.hasExpired() || !pump(deadline))
                return false;
        }
        const qsizetype end = m_raw.indexOf("\r\n\r\n");
        head = m_raw.left(end);
        m_raw.remove(0, end + 4);
        status = head.mid(9, 3).toInt();
        decode();
        return true;
    }

    QByteArray header(const QByteArray& name) const {
        for (const QByteArray& line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == name.toLower())
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }

    /// Reads until `enough()` holds or the body ended; false when the deadline passed first.
    bool readBodyUntil(const std::function<bool()>& enough, int timeoutMs) {
        QDeadlineTimer deadline(timeoutMs);
        while (!enough() && !ended) {
            if (deadline.hasExpired() || !pump(deadline))
                return false;
        }
        return true;
    }
    bool readToEnd(int timeoutMs) {
        return readBodyUntil([] { return false; }, timeoutMs) && ended;
    }

    void close() { m_socket.abort(); }

    int status = 0;
    QByteArray head;
    QByteArray body; ///< decoded so far
    bool ended = false;

private:
    bool pump(const QDeadlineTimer& deadline) {
        if (m_socket.bytesAvailable() == 0 &&
            !m_socket.waitForReadyRead(static_cast<int>(qMax<qint64>(1, deadline.remainingTime()))))
            return m_socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired();
        m_raw += m_socket.readAll();
        if (!head.isEmpty())
            decode();
        return true;
    }

    // Chunked framing only (every streamed answer of the daemon is chunked).
    void decode() {
        while (!ended) {
            const qsizetype lineEnd = m_raw.indexOf("\r\n");
            if (lineEnd < 0)
                return;
            bool ok = false;
            const qsizetype size = m_raw.left(lineEnd).toLongLong(&ok, 16);
            if (!ok)
                return;
            if (size == 0) {
                ended = true;
                return;
            }
            if (m_raw.size() < lineEnd + 2 + size + 2)
                return;
            body += m_raw.mid(lineEnd + 2, size);
            m_raw.remove(0, lineEnd + 2 + size + 2);
        }
    }

    QTcpSocket m_socket;
    QByteArray m_raw;
};

struct Frame {
    int stream = 0;
    QByteArray payload;
};

// Docker's multiplexed stream as frames; `whole` says whether it ended on a frame boundary.
QList<Frame> parseFrames(const QByteArray& bytes, bool* whole = nullptr) {
    QList<Frame> frames;
    qsizetype at = 0;
    while (bytes.size() - at >= 8) {
        const auto* header = reinterpret_cast<const uchar*>(bytes.constData() + at);
        const qsizetype length = (qsizetype(header[4]) << 24) | (qsizetype(header[5]) << 16) |
                                 (qsizetype(header[6]) << 8) | qsizetype(header[7]);
        if (bytes.size() - at - 8 < length)
            break;
        frames.append({header[0], bytes.mid(at + 8, length)});
        at += 8 + length;
    }
    if (whole)
        *whole = at == bytes.size();
    return frames;
}

QByteArray payloadOf(const QList<Frame>& frames, int stream) {
    QByteArray out;
    for (const Frame& frame : frames)
        if (frame.stream == stream)
            out += frame.payload;
    return out;
}

// The sockets a process holds open (TCP and Unix): the client's connection and the upstream
// Docker connection of a stream each count one.
int socketCount(qint64 pid) {
    const QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
    int count = 0;
    for (const QString& name : fds.entryList(QDir::System | QDir::NoDotAndDotDot)) {
        char target[256] = {};
        const QByteArray path = fds.filePath(name).toLocal8Bit();
        const ssize_t n = ::readlink(path.constData(), target, sizeof target - 1);
        if (n > 0 && QByteArray(target, static_cast<int>(n)).startsWith("socket:"))
            ++count;
    }
    return count;
}

} // namespace

class TstBlackboxContainerStreams : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void waitWebSocketOpenedBeforeStartGetsExitCode();
    void waitWebSocketOnExitedContainerAnswersAtOnce();
    void waitWebSocketRemovedConditionAnswersOnRemove();
    void waitHttpSendsHeadersBeforeExitThenBody();
    void waitHttpOpenedBeforeStartGetsExitCode();
    void waitHttpOnExitedContainerAnswersStatusCode();
    void waitUnknownContainerWebSocketCloses4404();
    void waitUnknownContainerHttpIs404();
    void waitBadConditionIs400();
    void waitClientLeavingClosesUpstream();

    void logsSeparateStdoutAndStderrFrames();
    void logsStdoutOnlyHasNoStderrFrames();
    void logsTailOneGivesTheLastLine();
    void logsTimestampsPrefixEveryLine();
    void logsSinceInTheFutureIsEmpty();
    void logsTtyContainerIsRawStream();
    void logsFollowDeliversDataBeforeExitAndEndsAtExit();
    void logsFollowClientLeavingClosesUpstream();
    void logsUnknownContainerIs404();
    void logsBadQueryIs400();
    void logsWebSocketSendsWholeFramesAndCloses1000();
    void logsWebSocketFollowsUntilTheContainerStops();
    void logsWebSocketTtyIsRaw();
    void logsWebSocketUnknownContainerCloses4404();

private:
    // Runs `script` with sh, waits for its exit, and returns its id.
    QString runToExit(const QString& script, const QJsonObject& extra = {});
    // A WebSocket's text and binary messages and its close code, once it closed.
    struct Closed {
        bool closed = false;
        QStringList texts;
        QList<QByteArray> binaries;
        int code = 0;
    };
    // Opens a WebSocket to the daemon with its readers in place before the handshake (an answer
    // that fails at once closes before openWebSocket() could hand the socket over), and reads
    // it until it closes.
    Closed openAndReadUntilClosed(const QString& pathAndQuery, int timeoutMs = 20000);
    // The connections to Docker that a stream holds: one for the Docker backend; the memory
    // backend has no upstream connection to close.
    static int upstreamSockets() { return BlackboxCase::isDocker() ? 1 : 0; }
    QJsonObject engineState(const QString& id) {
        return m_case.engineInspect(QStringLiteral("containers"), id)
            .value(QStringLiteral("State"))
            .toObject();
    }

    BlackboxCase m_case;
};

void TstBlackboxContainerStreams::init() {
    SOCKERLESS_REQUIRE_DOCKER();
    QString error;
    QVERIFY2(m_case.start(&error), qPrintable(error));
}

void TstBlackboxContainerStreams::cleanup() {
    m_case.finish();
}

QString TstBlackboxContainerStreams::runToExit(const QString& script, const QJsonObject& extra) {
    const QString id =
        m_case.runContainer({QStringLiteral("sh"), QStringLiteral("-c"), script}, extra);
    if (id.isEmpty() || !m_case.waitForStatus(id, QStringLiteral("exited")))
        return {};
    return id;
}

TstBlackboxContainerStreams::Closed
TstBlackboxContainerStreams::openAndReadUntilClosed(const QString& pathAndQuery, int timeoutMs) {
    Closed result;
    QWebSocket socket;
    QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket,
                     [&result](const QString& text) { result.texts.append(text); });
    QObject::connect(&socket, &QWebSocket::binaryMessageReceived, &socket,
                     [&result](const QByteArray& data) { result.binaries.append(data); });
    QSignalSpy disconnected(&socket, &QWebSocket::disconnected);
    QUrl url = m_case.daemon().baseUrl().resolved(QUrl(pathAndQuery));
    url.setScheme(QStringLiteral("ws"));
    socket.open(url);
    result.closed = disconnected.count() > 0 || disconnected.wait(timeoutMs);
    result.code = socket.closeCode();
    return result;
}

// ---- wait -------------------------------------------------------------------------------------

void TstBlackboxContainerStreams::waitWebSocketOpenedBeforeStartGetsExitCode() {
    const QString id = m_case.createContainer(
        {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("exit 3")});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    auto socket = m_case.daemon().openWebSocket(
        QStringLiteral("/internal/v1/containers/%1/wait?condition=next-exit").arg(id));
    QVERIFY(socket);
    QSignalSpy texts(socket.get(), &QWebSocket::textMessageReceived);
    QSignalSpy disconnected(socket.get(), &QWebSocket::disconnected);
    // Nothing arrives before the start (give the daemon's wait time to be registered).
    QVERIFY(!texts.wait(300));
    QCOMPARE(m_case.call("POST", QStringLiteral("/internal/v1/containers/%1/start").arg(id)).status,
             204);
    QTRY_VERIFY_WITH_TIMEOUT(texts.count() == 1, 20000);
    const QJsonObject answer =
        QJsonDocument::fromJson(texts.first().first().toString().toUtf8()).object();
    QCOMPARE(answer.value(QStringLiteral("StatusCode")).toInt(), 3);
    QVERIFY(answer.contains(QStringLiteral("Error")));
    QVERIFY(answer.value(QStringLiteral("Error")).isNull());
    QTRY_VERIFY_WITH_TIMEOUT(disconnected.count() == 1, 10000);
    QCOMPARE(int(socket->closeCode()), 1000);
}

void TstBlackboxContainerStreams::waitWebSocketOnExitedContainerAnswersAtOnce() {
    const QString id = runToExit(QStringLiteral("exit 4"));
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    const Closed closed =
        openAndReadUntilClosed(QStringLiteral("/internal/v1/containers/%1/wait").arg(id));
    QVERIFY(closed.closed);
    QCOMPARE(closed.code, 1000);
    QCOMPARE(closed.texts.size(), 1);
    QCOMPARE(QJsonDocument::fromJson(closed.texts.first().toUtf8())
                 .object()
                 .value(QStringLiteral("StatusCode"))
                 .toInt(),
             4);
}

void TstBlackboxContainerStreams::waitWebSocketRemovedConditionAnswersOnRemove() {
    const QString id = m_case.createContainer({QStringLiteral("true")});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    auto socket = m_case.daemon().openWebSocket(
        QStringLiteral("/internal/v1/containers/%1/wait?condition=removed").arg(id));
    QVERIFY(socket);
    QSignalSpy texts(socket.get(), &QWebSocket::textMessageReceived);
    QVERIFY(!texts.wait(300)); // still there: nothing yet
    QCOMPARE(m_case.call("DELETE", QStringLiteral("/internal/v1/containers/%1").arg(id)).status,
             204);
    QTRY_VERIFY_WITH_TIMEOUT(texts.count() == 1, 20000);
    QVERIFY(QJsonDocument::fromJson(texts.first().first().toString().toUtf8())
                .object()
                .contains(QStringLiteral("StatusCode")));
}

void TstBlackboxContainerStreams::waitHttpSendsHeadersBeforeExitThenBody() {
    const QString id = m_case.runContainer({QStringLiteral("sleep"), QStringLiteral("60")});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    RawHttp http;
    QVERIFY(http.send(m_case.daemon().baseUrl(), "POST",
                      QStringLiteral("/internal/v1/containers/%1/wait").arg(id)));
    QVERIFY2(http.readHead(10000), http.head.constData());
    QCOMPARE(http.status, 200);
    QCOMPARE(http.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(http.header("Transfer-Encoding"), QByteArray("chunked"));
    // The head came while the container still runs, and no body yet.
    QVERIFY(engineState(id).value(QStringLiteral("Running")).toBool());
    QVERIFY(http.body.isEmpty());
    QCOMPARE(m_case.call("POST", QStringLiteral("/internal/v1/containers/%1/kill").arg(id)).status,
             204);
    QVERIFY(http.readToEnd(20000));
    QCOMPARE(
        QJsonDocument::fromJson(http.body).object().value(QStringLiteral("StatusCode")).toInt(),
        137);
}

void TstBlackboxContainerStreams::waitHttpOpenedBeforeStartGetsExitCode() {
    // What `docker run` does: the wait first, then the start, over plain HTTP.
    const QString id = m_case.createContainer(
        {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("exit 3")});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    RawHttp http;
    QVERIFY(
        http.send(m_case.daemon().baseUrl(), "POST",
                  QStringLiteral("/internal/v1/containers/%1/wait?condition=next-exit").arg(id)));
    QVERIFY(http.readHead(10000));
    QCOMPARE(http.status, 200);
    QCOMPARE(m_case.call("POST", QStringLiteral("/internal/v1/containers/%1/start").arg(id)).status,
             204);
    QVERIFY(http.readToEnd(20000));
    const QJsonObject answer = QJsonDocument::fromJson(http.body).object();
    QCOMPARE(answer.value(QStringLiteral("StatusCode")).toInt(), 3);
    QVERIFY(answer.value(QStringLiteral("Error")).isNull());
}

void TstBlackboxContainerStreams::waitHttpOnExitedContainerAnswersStatusCode() {
    const QString id = runToExit(QStringLiteral("exit 9"));
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    const auto reply = m_case.call(
        "POST", QStringLiteral("/internal/v1/containers/%1/wait?condition=not-running").arg(id));
    QCOMPARE(reply.status, 200);
    const QJsonObject answer = reply.json().object();
    QCOMPARE(answer.value(QStringLiteral("StatusCode")).toInt(), 9);
    // Docker's own answer, as Docker gives it (for the memory backend: Docker's shape of it).
    if (m_case.isDocker()) {
        const auto direct = m_case.docker("POST", QStringLiteral("/containers/%1/wait").arg(id));
        QCOMPARE(answer, direct.json());
    } else {
        QCOMPARE(answer, (QJsonObject{{QStringLiteral("StatusCode"), 9},
                                      {QStringLiteral("Error"), QJsonValue::Null}}));
    }
}

void TstBlackboxContainerStreams::waitUnknownContainerWebSocketCloses4404() {
    const Closed closed = openAndReadUntilClosed(
        QStringLiteral("/internal/v1/containers/sl-absent/wait?condition=next-exit"));
    QVERIFY(closed.closed);
    QCOMPARE(closed.code, 4404);
    QCOMPARE(closed.texts.size(), 1);
    const QJsonObject error = QJsonDocument::fromJson(closed.texts.first().toUtf8()).object();
    QCOMPARE(error.value(QStringLiteral("message")).toString(),
             QStringLiteral("No such container: sl-absent"));
    QCOMPARE(error.value(QStringLiteral("status")).toInt(), 404);
}

void TstBlackboxContainerStreams::waitUnknownContainerHttpIs404() {
    const auto reply =
        m_case.call("POST", QStringLiteral("/internal/v1/containers/sl-absent/wait"));
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.json().object().value(QStringLiteral("message")).toString(),
             QStringLiteral("No such container: sl-absent"));
}

void TstBlackboxContainerStreams::waitBadConditionIs400() {
    const QString id = m_case.createContainer({QStringLiteral("true")});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    const auto reply = m_case.call(
        "POST", QStringLiteral("/internal/v1/containers/%1/wait?condition=soon").arg(id));
    QCOMPARE(reply.status, 400);
    QVERIFY(reply.json()
                .object()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("condition")));
    const Closed closed = openAndReadUntilClosed(
        QStringLiteral("/internal/v1/containers/%1/wait?condition=soon").arg(id));
    QCOMPARE(closed.code, 4400);
    QCOMPARE(closed.texts.size(), 1);
}

void TstBlackboxContainerStreams::waitClientLeavingClosesUpstream() {
    const QString id = m_case.runContainer({QStringLiteral("sleep"), QStringLiteral("60")});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    const qint64 pid = m_case.daemon().pid();
    RawHttp http;
    QVERIFY(http.send(m_case.daemon().baseUrl(), "POST",
                      QStringLiteral("/internal/v1/containers/%1/wait").arg(id)));
    QVERIFY(http.readHead(10000));
    const int open = socketCount(pid);
    http.close();
    // The client's socket and the Docker connection of the wait both close.
    QTRY_VERIFY_WITH_TIMEOUT(socketCount(pid) <= open - 1 - upstreamSockets(), 10000);
    QCOMPARE(m_case.daemon().get(QStringLiteral("/internal/v1/healthz")).status, 200);
    QVERIFY(engineState(id).value(QStringLiteral("Running")).toBool());
}

// ---- logs -------------------------------------------------------------------------------------

void TstBlackboxContainerStreams::logsSeparateStdoutAndStderrFrames() {
    const QString id = runToExit(QStringLiteral("echo out1; echo err1 >&2; echo out2"));
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    const auto reply = m_case.call(
        "GET", QStringLiteral("/internal/v1/containers/%1/logs?stdout=1&stderr=1").arg(id));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/vnd.docker.multiplexed-stream"));
    bool whole = false;
    const QList<Frame> frames = parseFrames(reply.body, &whole);
    QVERIFY(whole);
    QCOMPARE(payloadOf(frames, 1), QByteArray("out1\nout2\n"));
    QCOMPARE(payloadOf(frames, 2), QByteArray("err1\n"));
    // Byte for byte what Docker itself sends (for the memory backend: the frames in the order
    // the lines were written, nothing else).
    if (m_case.isDocker()) {
        const auto direct =
            m_case.docker("GET", QStringLiteral("/containers/%1/logs?stdout=1&stderr=1").arg(id));
        QCOMPARE(reply.body, direct.body);
    } else {
        QCOMPARE(frames.size(), 3);
        QCOMPARE(frames.at(0).stream, 1);
        QCOMPARE(frames.at(1).stream, 2);
        QCOMPARE(frames.at(2).stream, 1);
    }
}

void TstBlackboxContainerStreams::logsStdoutOnlyHasNoStderrFrames() {
    const QString id = runToExit(QStringLiteral("echo out; echo err >&2"));
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    const auto reply =
        m_case.call("GET", QStringLiteral("/internal/v1/containers/%1/logs?stdout=true").arg(id));
    QCOMPARE(reply.status, 200);
    const QList<Frame> frames = parseFrames(reply.body);
    QCOMPARE(frames.size(), 1);
    QCOMPARE(frames.first().stream, 1);
    QCOMPARE(frames.first().payload, QByteArray("out\n"));
    const auto errors =
        m_case.call("GET", QStringLiteral("/internal/v1/containers/%1/logs?stderr=1").arg(id));
    QCOMPARE(payloadOf(parseFrames(errors.body), 2), QByteArray("err\n"));
    QVERIFY(payloadOf(parseFrames(errors.body), 1).isEmpty());
}

void TstBlackboxContainerStreams::logsTailOneGivesTheLastLine() {
    const QString id = runToExit(QStringLiteral("echo a; echo b; echo c"));
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    const auto reply = m_case.call(
        "GET", QStringLiteral("/internal/v1/containers/%1/logs?stdout=1&tail=1").arg(id));
    QCOMPARE(reply.status, 200);
    QCOMPARE(payloadOf(parseFrames(reply.body), 1), QByteArray("c\n"));
    const auto all = m_case.call(
        "GET", QStringLiteral("/internal/v1/containers/%1/logs?stdout=1&tail=all").arg(id));
    QCOMPARE(payloadOf(parseFrames(all.body), 1), QByteArray("a\nb\nc\n"));
}

void TstBlackboxContainerStreams::logsTimestampsPrefixEveryLine() {
    const QString id = runToExit(QStringLiteral("echo one; echo two"));
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    const auto reply = m_case.call(
        "GET", QStringLiteral("/internal/v1/containers/%1/logs?stdout=1&timestamps=1").arg(id));
    QCOMPARE(reply.status, 200);
    const QList<QByteArray> lines = payloadOf(parseFrames(reply.body), 1).split('\n');
    QCOMPARE(lines.size(), 3); // two lines and the empty rest after the last newline
    static const QRegularExpression stamped(
        QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z (one|two)$"));
    for (int i = 0; i < 2; ++i)
        QVERIFY2(stamped.match(QString::fromUtf8(lines.at(i))).hasMatch(), lines.at(i).constData());
}

void TstBlackboxContainerStreams::logsSinceInTheFutureIsEmpty() {
    const QString id = runToExit(QStringLiteral("echo old"));
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    const qint64 future = QDateTime::currentSecsSinceEpoch() + 3600;
    const auto reply = m_case.call(
        "GET",
        QStringLiteral("/internal/v1/containers/%1/logs?stdout=1&since=%2").arg(id).arg(future));
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.body.isEmpty());
    const auto until = m_case.call(
        "GET",
        QStringLiteral("/internal/v1/containers/%1/logs?stdout=1&until=%2").arg(id).arg(future));
    QCOMPARE(payloadOf(parseFrames(until.body), 1), QByteArray("old\n"));
}

void TstBlackboxContainerStreams::logsTtyContainerIsRawStream() {
    const QString id = runToExit(QStringLiteral("echo tty-out; echo tty-err >&2"),
                                 {{QStringLiteral("Tty"), true}});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    const auto reply = m_case.call(
        "GET", QStringLiteral("/internal/v1/containers/%1/logs?stdout=1&stderr=1").arg(id));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/vnd.docker.raw-stream"));
    QCOMPARE(reply.body, QByteArray("tty-out\r\ntty-err\r\n"));
}

void TstBlackboxContainerStreams::logsFollowDeliversDataBeforeExitAndEndsAtExit() {
    const QString script = QStringLiteral(
        "trap 'echo second; exit 0' TERM; echo first; while true; do sleep 0.1; done");
    const QString id = m_case.runContainer({QStringLiteral("sh"), QStringLiteral("-c"), script});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    RawHttp http;
    QVERIFY(http.send(
        m_case.daemon().baseUrl(), "GET",
        QStringLiteral("/internal/v1/containers/%1/logs?stdout=1&stderr=1&follow=1").arg(id)));
    QVERIFY(http.readHead(10000));
    QCOMPARE(http.status, 200);
    QCOMPARE(http.header("Transfer-Encoding"), QByteArray("chunked"));
    QCOMPARE(http.header("Content-Type"), QByteArray("application/vnd.docker.multiplexed-stream"));
    QVERIFY2(http.readBodyUntil([&] { return payloadOf(parseFrames(http.body), 1) == "first\n"; },
                                20000),
             http.body.constData());
    // The first line arrived while the container still runs, and the stream is still open.
    QVERIFY(engineState(id).value(QStringLiteral("Running")).toBool());
    QVERIFY(!http.ended);
    QCOMPARE(m_case.call("POST", QStringLiteral("/internal/v1/containers/%1/stop").arg(id)).status,
             204);
    QVERIFY2(http.readToEnd(20000), http.body.constData());
    QCOMPARE(payloadOf(parseFrames(http.body), 1), QByteArray("first\nsecond\n"));
}

void TstBlackboxContainerStreams::logsFollowClientLeavingClosesUpstream() {
    const QString id =
        m_case.runContainer({QStringLiteral("sh"), QStringLiteral("-c"),
                             QStringLiteral("echo hello; while true; do sleep 0.1; done")});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    const qint64 pid = m_case.daemon().pid();
    RawHttp http;
    QVERIFY(http.send(m_case.daemon().baseUrl(), "GET",
                      QStringLiteral("/internal/v1/containers/%1/logs?stdout=1&follow=1").arg(id)));
    QVERIFY(http.readHead(10000));
    QVERIFY(http.readBodyUntil([&] { return !http.body.isEmpty(); }, 20000));
    const int open = socketCount(pid);
    http.close();
    QTRY_VERIFY_WITH_TIMEOUT(socketCount(pid) <= open - 1 - upstreamSockets(), 10000);
    QCOMPARE(m_case.daemon().get(QStringLiteral("/internal/v1/healthz")).status, 200);
}

void TstBlackboxContainerStreams::logsUnknownContainerIs404() {
    const auto reply = m_case.call(
        "GET", QStringLiteral("/internal/v1/containers/sl-absent/logs?stdout=1&follow=1"));
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.json().object().value(QStringLiteral("message")).toString(),
             QStringLiteral("No such container: sl-absent"));
}

void TstBlackboxContainerStreams::logsBadQueryIs400() {
    const QString id = m_case.createContainer({QStringLiteral("true")});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    for (const QString& query :
         {QStringLiteral(""), QStringLiteral("stdout=0&stderr=0"),
          QStringLiteral("stdout=1&tail=lots"), QStringLiteral("stdout=1&follow=maybe"),
          QStringLiteral("stdout=1&since=yesterday")}) {
        const auto reply =
            m_case.call("GET", QStringLiteral("/internal/v1/containers/%1/logs?%2").arg(id, query));
        QCOMPARE(reply.status, 400);
        QVERIFY(!reply.json().object().value(QStringLiteral("message")).toString().isEmpty());
    }
}

void TstBlackboxContainerStreams::logsWebSocketSendsWholeFramesAndCloses1000() {
    // Many frames of varied sizes, so that Docker's pieces do not line up with the frames.
    const QString script = QStringLiteral(
        "i=0; while [ $i -lt 300 ]; do echo line-$i-$i$i$i; echo e$i >&2; i=$((i+1)); done");
    const QString id = m_case.runContainer({QStringLiteral("sh"), QStringLiteral("-c"), script});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    const Closed closed = openAndReadUntilClosed(
        QStringLiteral("/internal/v1/containers/%1/logs/stream?stdout=1&stderr=1").arg(id), 30000);
    QVERIFY(closed.closed);
    QCOMPARE(closed.code, 1000);
    QVERIFY(closed.texts.isEmpty());
    QVERIFY(!closed.binaries.isEmpty());
    QByteArray all;
    for (const QByteArray& message : closed.binaries) {
        bool whole = false;
        QVERIFY(!parseFrames(message, &whole).isEmpty());
        QVERIFY2(whole, "a message ended inside a frame");
        all += message;
    }
    const QList<Frame> frames = parseFrames(all);
    QVERIFY(payloadOf(frames, 1).startsWith("line-0-000\nline-1-111\n"));
    QVERIFY(payloadOf(frames, 1).endsWith("line-299-299299299\n"));
    QVERIFY(payloadOf(frames, 2).endsWith("e299\n"));
}

void TstBlackboxContainerStreams::logsWebSocketFollowsUntilTheContainerStops() {
    const QString script = QStringLiteral(
        "trap 'echo second; exit 0' TERM; echo first; while true; do sleep 0.1; done");
    const QString id = m_case.runContainer({QStringLiteral("sh"), QStringLiteral("-c"), script});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    QWebSocket socket;
    QByteArray received;
    QObject::connect(&socket, &QWebSocket::binaryMessageReceived, &socket,
                     [&received](const QByteArray& data) { received += data; });
    QSignalSpy disconnected(&socket, &QWebSocket::disconnected);
    QUrl url = m_case.daemon().baseUrl().resolved(
        QUrl(QStringLiteral("/internal/v1/containers/%1/logs/stream?stdout=1").arg(id)));
    url.setScheme(QStringLiteral("ws"));
    socket.open(url);
    QTRY_VERIFY_WITH_TIMEOUT(payloadOf(parseFrames(received), 1) == "first\n", 20000);
    // Still running, still open: the stream follows.
    QVERIFY(engineState(id).value(QStringLiteral("Running")).toBool());
    QCOMPARE(disconnected.count(), 0);
    QCOMPARE(m_case.call("POST", QStringLiteral("/internal/v1/containers/%1/stop").arg(id)).status,
             204);
    QTRY_VERIFY_WITH_TIMEOUT(disconnected.count() == 1, 20000);
    QCOMPARE(int(socket.closeCode()), 1000);
    QCOMPARE(payloadOf(parseFrames(received), 1), QByteArray("first\nsecond\n"));
}

void TstBlackboxContainerStreams::logsWebSocketTtyIsRaw() {
    const QString id = runToExit(QStringLiteral("echo raw-tty"), {{QStringLiteral("Tty"), true}});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    const Closed closed = openAndReadUntilClosed(
        QStringLiteral("/internal/v1/containers/%1/logs/stream?stdout=1").arg(id));
    QCOMPARE(closed.code, 1000);
    QCOMPARE(closed.binaries.join(), QByteArray("raw-tty\r\n"));
}

void TstBlackboxContainerStreams::logsWebSocketUnknownContainerCloses4404() {
    const Closed closed = openAndReadUntilClosed(
        QStringLiteral("/internal/v1/containers/sl-absent/logs/stream?stdout=1"));
    QCOMPARE(closed.code, 4404);
    QCOMPARE(closed.texts.size(), 1);
    QCOMPARE(QJsonDocument::fromJson(closed.texts.first().toUtf8())
                 .object()
                 .value(QStringLiteral("message"))
                 .toString(),
             QStringLiteral("No such container: sl-absent"));
}

QTEST_MAIN(TstBlackboxContainerStreams)
#include "tst_blackbox_containerstreams.moc"
