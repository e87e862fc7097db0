// The Docker transport against the real dockerd of the test environment: negotiation, a
// container's whole life, followed logs, an aborted event stream, an image tarball streamed in
// and an exec hijacked with stdin. Everything created carries the run's label and is removed.

#include "docker/dockerclient.h"
#include "docker/framedemuxer.h"
#include "dockercall.h"
#include "testenv.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTemporaryFile>
#include <QTest>

#include <memory>

using sockerless::docker::DockerClient;
using sockerless::docker::DockerEndpoint;
using sockerless::docker::DockerError;
using sockerless::docker::DockerPath;
using sockerless::docker::DockerReply;
using sockerless::docker::DockerRequest;
using sockerless::docker::FrameDemuxer;
using sockerless::test::callDocker;
using sockerless::test::DockerCallResult;
using sockerless::test::TestEnv;

namespace {

constexpr int kCallTimeoutMs = 60000;
const QString kLabel = QStringLiteral("sockerless.test");

DockerRequest request(const QByteArray& method, const QByteArray& path,
                      const QJsonObject& body = {}) {
    DockerRequest r;
    r.method = method;
    r.path = path;
    if (!body.isEmpty())
        r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return r;
}

QJsonArray strings(const QStringList& list) {
    return QJsonArray::fromStringList(list);
}

/// Splits a multiplexed (non-TTY) stream into stdout and stderr.
struct Demuxed {
    QByteArray out;
    QByteArray err;
    int frames = 0;
    FrameDemuxer demuxer{[this](FrameDemuxer::Stream stream, const QByteArray& payload) {
        ++frames;
        if (stream == FrameDemuxer::Stream::Stdout)
            out += payload;
        else if (stream == FrameDemuxer::Stream::Stderr)
            err += payload;
    }};
    Demuxed() = default;
    Demuxed(const Demuxed&) = delete;
    Demuxed& operator=(const Demuxed&) = delete;
};

} // namespace

class TestDockerTransport : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void pingAndVersion();
    void containerLifecycle();
    void followLogsWhileRunning();
    void eventsStreamAborted();
    void imageTarballStreamedIn();
    void execHijackWithStdin();

private:
    /// Creates (not starts) a labelled container of the test image running `cmd`; empty on failure.
    QString createContainer(const QStringList& cmd);
    QByteArray containerPath(const QString& id, const QString& action = {}) const;

    std::unique_ptr<DockerClient> m_client;
};

void TestDockerTransport::init() {
    if (!TestEnv::dockerMissingReason().isEmpty())
        return; // each test reports it through SOCKERLESS_REQUIRE_DOCKER
    QString error;
    const auto endpoint = DockerEndpoint::parse(TestEnv::dockerHost(), &error);
    QVERIFY2(endpoint, qPrintable(error));
    m_client = std::make_unique<DockerClient>(*endpoint);
}

void TestDockerTransport::cleanup() {
    if (!m_client)
        return;
    // Whatever a test left behind, even when it failed half-way.
    DockerRequest list = request("GET", "/containers/json");
    list.query.addQueryItem(QStringLiteral("all"), QStringLiteral("1"));
    const QJsonObject filters{
        {QStringLiteral("label"), strings({kLabel + u'=' + TestEnv::runLabel()})}};
    list.query.addQueryItem(
        QStringLiteral("filters"),
        QString::fromUtf8(QJsonDocument(filters).toJson(QJsonDocument::Compact)));
    const DockerCallResult listed = callDocker(*m_client, list);
    QVERIFY2(listed.ok(), qPrintable(listed.describe()));
    for (const QJsonValue& container : QJsonDocument::fromJson(listed.body).array()) {
        DockerRequest remove = request(
            "DELETE", containerPath(container.toObject().value(QStringLiteral("Id")).toString()));
        remove.query.addQueryItem(QStringLiteral("force"), QStringLiteral("1"));
        const DockerCallResult removed = callDocker(*m_client, remove);
        QVERIFY2(removed.ok(), qPrintable(removed.describe()));
    }
    m_client.reset();
}

QByteArray TestDockerTransport::containerPath(const QString& id, const QString& action) const {
    return action.isEmpty() ? DockerPath::build({QStringLiteral("containers"), id})
                            : DockerPath::build({QStringLiteral("containers"), id, action});
}

QString TestDockerTransport::createContainer(const QStringList& cmd) {
    const QJsonObject body{{QStringLiteral("Image"), TestEnv::image()},
                           {QStringLiteral("Cmd"), strings(cmd)},
                           {QStringLiteral("Labels"), QJsonObject{{kLabel, TestEnv::runLabel()}}},
                           {QStringLiteral("HostConfig"),
                            QJsonObject{{QStringLiteral("NetworkMode"), QStringLiteral("none")}}}};
    const DockerCallResult created =
        callDocker(*m_client, request("POST", "/containers/create", body));
    if (!created.ok() || created.status != 201) {
        qWarning("create failed: %s", qPrintable(created.describe()));
        return {};
    }
    return created.json().value(QStringLiteral("Id")).toString();
}

void TestDockerTransport::pingAndVersion() {
    SOCKERLESS_REQUIRE_DOCKER();
    QVERIFY(m_client->apiVersion().isEmpty());
    bool pinged = false;
    DockerError pingError;
    m_client->ping(this, [&](const DockerError& error) {
        pinged = true;
        pingError = error;
    });
    QVERIFY(QTest::qWaitFor([&] { return pinged; }, kCallTimeoutMs));
    QVERIFY2(!pingError.isError(), qPrintable(pingError.toString()));
    const QString negotiated = m_client->apiVersion();
    QVERIFY(!negotiated.isEmpty());

    const DockerCallResult version = callDocker(*m_client, request("GET", "/version"));
    QVERIFY2(version.ok(), qPrintable(version.describe()));
    QCOMPARE(version.status, 200);
    const QString serverApi = version.json().value(QStringLiteral("ApiVersion")).toString();
    QVERIFY2(!serverApi.isEmpty(), version.body.constData());
    // Negotiated from the ping's header: the server's version, capped at ours.
    QCOMPARE(negotiated, DockerClient::negotiateVersion(serverApi));
    QCOMPARE(m_client->openConnectionCount(), 1); // ping and /version shared one connection
}

void TestDockerTransport::containerLifecycle() {
    SOCKERLESS_REQUIRE_DOCKER();
    const QString id = createContainer(
        {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo out; echo err >&2")});
    QVERIFY(!id.isEmpty());

    // Like `docker run`: the wait is open before the container starts.
    DockerRequest waitRequest = request("POST", containerPath(id, QStringLiteral("wait")));
    waitRequest.query.addQueryItem(QStringLiteral("condition"), QStringLiteral("next-exit"));
    waitRequest.headerTimeoutMs = 0;
    DockerReply* wait = m_client->send(waitRequest);
    wait->setAutoDelete(false);
    const std::unique_ptr<DockerReply> waitOwner(wait);
    bool waitHeaders = false;
    bool waitDone = false;
    connect(wait, &DockerReply::headersReceived, this, [&] { waitHeaders = true; });
    connect(wait, &DockerReply::finished, this, [&] { waitDone = true; });
    connect(wait, &DockerReply::failed, this, [&] { waitDone = true; });
    QVERIFY(QTest::qWaitFor([&] { return waitHeaders || waitDone; }, kCallTimeoutMs));
    QVERIFY2(!waitDone, qPrintable(wait->error().toString()));

    const DockerCallResult started =
        callDocker(*m_client, request("POST", containerPath(id, QStringLiteral("start"))));
    QVERIFY2(started.ok(), qPrintable(started.describe()));
    QCOMPARE(started.status, 204);

    QVERIFY(QTest::qWaitFor([&] { return waitDone; }, kCallTimeoutMs));
    QVERIFY2(!wait->error().isError(), qPrintable(wait->error().toString()));
    const QJsonObject exit = QJsonDocument::fromJson(wait->body()).object();
    QCOMPARE(exit.value(QStringLiteral("StatusCode")).toInt(-1), 0);

    DockerRequest logs = request("GET", containerPath(id, QStringLiteral("logs")));
    logs.query.addQueryItem(QStringLiteral("stdout"), QStringLiteral("1"));
    logs.query.addQueryItem(QStringLiteral("stderr"), QStringLiteral("1"));
    const DockerCallResult logged = callDocker(*m_client, logs);
    QVERIFY2(logged.ok(), qPrintable(logged.describe()));
    Demuxed demuxed;
    QVERIFY(demuxed.demuxer.feed(logged.body));
    QVERIFY(demuxed.demuxer.atFrameBoundary());
    QCOMPARE(demuxed.out, QByteArray("out\n"));
    QCOMPARE(demuxed.err, QByteArray("err\n"));

    DockerRequest remove = request("DELETE", containerPath(id));
    const DockerCallResult removed = callDocker(*m_client, remove);
    QVERIFY2(removed.ok(), qPrintable(removed.describe()));
    QCOMPARE(removed.status, 204);
    const DockerCallResult gone =
        callDocker(*m_client, request("GET", containerPath(id, QStringLiteral("json"))));
    QCOMPARE(gone.error.kind, DockerError::Kind::Http);
    QCOMPARE(gone.error.status, 404);
    QVERIFY2(gone.error.message.contains(QStringLiteral("No such container")),
             qPrintable(gone.error.message));
}

void TestDockerTransport::followLogsWhileRunning() {
    SOCKERLESS_REQUIRE_DOCKER();
    const QString id = createContainer(
        {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo a; sleep 1; echo b")});
    QVERIFY(!id.isEmpty());
    const DockerCallResult started =
        callDocker(*m_client, request("POST", containerPath(id, QStringLiteral("start"))));
    QVERIFY2(started.ok(), qPrintable(started.describe()));

    DockerRequest logs = request("GET", containerPath(id, QStringLiteral("logs")));
    for (const char* key : {"follow", "stdout", "stderr"})
        logs.query.addQueryItem(QString::fromLatin1(key), QStringLiteral("1"));
    logs.headerTimeoutMs = 0;
    DockerReply* reply = m_client->send(logs);
    reply->setStreaming(true);
    Demuxed demuxed;
    bool done = false;
    DockerError error;
    // What `State.Running` said when the first frame came in.
    int runningAtFirstFrame = -1;
    connect(reply, &DockerReply::data, this, [&](const QByteArray& piece) {
        const int before = demuxed.frames;
        demuxed.demuxer.feed(piece);
        if (before == 0 && demuxed.frames > 0) {
            DockerReply* inspect =
                m_client->send(request("GET", containerPath(id, QStringLiteral("json"))));
            connect(inspect, &DockerReply::finished, this, [&, inspect] {
                const QJsonObject state = QJsonDocument::fromJson(inspect->body())
                                              .object()
                                              .value(QStringLiteral("State"))
                                              .toObject();
                runningAtFirstFrame = state.value(QStringLiteral("Running")).toBool() ? 1 : 0;
            });
        }
    });
    connect(reply, &DockerReply::finished, this, [&] { done = true; });
    connect(reply, &DockerReply::failed, this, [&](const DockerError& e) {
        done = true;
        error = e;
    });
    QVERIFY(QTest::qWaitFor([&] { return done; }, kCallTimeoutMs));
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
    QCOMPARE(demuxed.out, QByteArray("a\nb\n"));
    QVERIFY(QTest::qWaitFor([&] { return runningAtFirstFrame >= 0; }, kCallTimeoutMs));
    QCOMPARE(runningAtFirstFrame, 1); // "a" came while the container still ran
}

void TestDockerTransport::eventsStreamAborted() {
    SOCKERLESS_REQUIRE_DOCKER();
    const auto openFds = [] { return QDir(QStringLiteral("/proc/self/fd")).count(); };
    // A client of its own, so that only the event stream's connection counts.
    DockerClient events(m_client->endpoint());
    const QJsonObject filters{
        {QStringLiteral("label"), strings({kLabel + u'=' + TestEnv::runLabel()})}};
    DockerRequest stream = request("GET", "/events");
    stream.query.addQueryItem(
        QStringLiteral("filters"),
        QString::fromUtf8(QJsonDocument(filters).toJson(QJsonDocument::Compact)));
    stream.headerTimeoutMs = 0;
    DockerReply* reply = events.send(stream);
    reply->setStreaming(true);
    QByteArray received;
    bool headers = false;
    int failures = 0;
    DockerError error;
    connect(reply, &DockerReply::headersReceived, this, [&] { headers = true; });
    connect(reply, &DockerReply::data, this, [&](const QByteArray& piece) { received += piece; });
    connect(reply, &DockerReply::failed, this, [&](const DockerError& e) {
        ++failures;
        error = e;
    });
    QVERIFY(QTest::qWaitFor([&] { return headers || failures > 0; }, kCallTimeoutMs));
    QCOMPARE(failures, 0);

    // An event for the stream: creating a labelled container.
    const QString id = createContainer({QStringLiteral("true")});
    QVERIFY(!id.isEmpty());
    QVERIFY(QTest::qWaitFor([&] { return received.contains('\n'); }, kCallTimeoutMs));
    const QJsonObject event =
        QJsonDocument::fromJson(received.left(received.indexOf('\n'))).object();
    QCOMPARE(event.value(QStringLiteral("Action")).toString(), QStringLiteral("create"));
    QCOMPARE(event.value(QStringLiteral("id")).toString(), id);
    QCOMPARE(events.openConnectionCount(), 1);
    const auto fdsBefore = openFds();

    reply->abort();
    QCOMPARE(failures, 1);
    QCOMPARE(error.kind, DockerError::Kind::Aborted);
    // Closed at once: no connection left, and its socket descriptor is gone.
    QCOMPARE(events.openConnectionCount(), 0);
    QCOMPARE(events.idleConnectionCount(), 0);
    QCOMPARE(openFds(), fdsBefore - 1);
}

void TestDockerTransport::imageTarballStreamedIn() {
    SOCKERLESS_REQUIRE_DOCKER();
    // Save the test image into a file, piece by piece as it streams.
    QTemporaryFile tarball;
    QVERIFY(tarball.open());
    DockerRequest save = request(
        "GET",
        DockerPath::build({QStringLiteral("images"), TestEnv::image(), QStringLiteral("get")}));
    save.headerTimeoutMs = 0;
    DockerReply* saving = m_client->send(save);
    saving->setStreaming(true);
    bool saved = false;
    DockerError saveError;
    connect(saving, &DockerReply::data, this,
            [&](const QByteArray& piece) { QCOMPARE(tarball.write(piece), qint64(piece.size())); });
    connect(saving, &DockerReply::finished, this, [&] { saved = true; });
    connect(saving, &DockerReply::failed, this, [&](const DockerError& e) {
        saved = true;
        saveError = e;
    });
    QVERIFY(QTest::qWaitFor([&] { return saved; }, kCallTimeoutMs));
    QVERIFY2(!saveError.isError(), qPrintable(saveError.toString()));
    QVERIFY(tarball.flush());
    QVERIFY2(tarball.size() > 100 * 1024, qPrintable(QString::number(tarball.size())));

    // Load it back with the file as the body, streamed chunked.
    QFile file(tarball.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    DockerRequest load = request("POST", "/images/load");
    load.bodyDevice = &file;
    load.contentType = "application/x-tar";
    load.query.addQueryItem(QStringLiteral("quiet"), QStringLiteral("0"));
    const DockerCallResult loaded = callDocker(*m_client, load);
    QVERIFY2(loaded.ok(), qPrintable(loaded.describe()));
    QCOMPARE(loaded.status, 200);
    QVERIFY(file.atEnd()); // all of it was read
    // JSON lines; one says the image was loaded, none is an error.
    bool sawLoaded = false;
    for (const QByteArray& line : loaded.body.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError parseError;
        const QJsonObject object = QJsonDocument::fromJson(line, &parseError).object();
        QVERIFY2(parseError.error == QJsonParseError::NoError, line.constData());
        QVERIFY2(!object.contains(QStringLiteral("error")), line.constData());
        if (object.value(QStringLiteral("stream")).toString().contains(TestEnv::image()))
            sawLoaded = true;
    }
    QVERIFY2(sawLoaded, loaded.body.constData());
}

void TestDockerTransport::execHijackWithStdin() {
    SOCKERLESS_REQUIRE_DOCKER();
    const QString id = createContainer({QStringLiteral("sleep"), QStringLiteral("300")});
    QVERIFY(!id.isEmpty());
    const DockerCallResult started =
        callDocker(*m_client, request("POST", containerPath(id, QStringLiteral("start"))));
    QVERIFY2(started.ok(), qPrintable(started.describe()));

    const QJsonObject execBody{{QStringLiteral("AttachStdin"), true},
                               {QStringLiteral("AttachStdout"), true},
                               {QStringLiteral("AttachStderr"), true},
                               {QStringLiteral("Tty"), false},
                               {QStringLiteral("Cmd"), strings({QStringLiteral("cat")})}};
    const DockerCallResult created =
        callDocker(*m_client, request("POST", containerPath(id, QStringLiteral("exec")), execBody));
    QVERIFY2(created.ok(), qPrintable(created.describe()));
    const QString execId = created.json().value(QStringLiteral("Id")).toString();
    QVERIFY(!execId.isEmpty());

    DockerRequest start = request(
        "POST", DockerPath::build({QStringLiteral("exec"), execId, QStringLiteral("start")}),
        QJsonObject{{QStringLiteral("Detach"), false}, {QStringLiteral("Tty"), false}});
    start.upgrade = true;
    start.headerTimeoutMs = 0;
    DockerReply* exec = m_client->send(start);
    Demuxed demuxed;
    bool upgraded = false;
    bool done = false;
    DockerError error;
    connect(exec, &DockerReply::upgraded, this, [&] { upgraded = true; });
    connect(exec, &DockerReply::data, this,
            [&](const QByteArray& piece) { QVERIFY(demuxed.demuxer.feed(piece)); });
    connect(exec, &DockerReply::finished, this, [&] { done = true; });
    connect(exec, &DockerReply::failed, this, [&](const DockerError& e) {
        done = true;
        error = e;
    });
    QVERIFY(QTest::qWaitFor([&] { return upgraded || done; }, kCallTimeoutMs));
    QVERIFY2(upgraded, qPrintable(error.toString()));
    exec->write("hello\n");
    QVERIFY(QTest::qWaitFor([&] { return demuxed.out == "hello\n" || done; }, kCallTimeoutMs));
    QCOMPARE(demuxed.out, QByteArray("hello\n"));
    QVERIFY(!done);     // cat still waits for input
    exec->closeWrite(); // stdin EOF: cat ends, Docker closes the stream
    QVERIFY(QTest::qWaitFor([&] { return done; }, kCallTimeoutMs));
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
    QCOMPARE(demuxed.out, QByteArray("hello\n"));
    QCOMPARE(demuxed.err, QByteArray());

    // Docker records the exit shortly after the stream ends.
    int exitCode = -1;
    QVERIFY(QTest::qWaitFor(
        [&] {
            const DockerCallResult inspected = callDocker(
                *m_client, request("GET", DockerPath::build({QStringLiteral("exec"), execId,
                                                             QStringLiteral("json")})));
            const QJsonObject object = inspected.json();
            if (object.value(QStringLiteral("Running")).toBool(true))
                return false;
            exitCode = object.value(QStringLiteral("ExitCode")).toInt(-1);
            return true;
        },
        kCallTimeoutMs));
    QCOMPARE(exitCode, 0);
}

QTEST_MAIN(TestDockerTransport)
#include "tst_docker_transport.moc"
