// The Docker backend's exec mapping: the create and start bodies Docker gets, and Docker's
// answers (recorded from dockerd 20.10.24, API 1.41) as the contract's types.

#include "backends/docker/dockerexecmapping.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace sockerless;

namespace {

QJsonObject parse(const char* json) {
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

// `GET /v1.41/exec/{id}/json` right after create: not started, ExitCode null, Pid 0.
const char* kCreatedInspect =
    R"({"ID":"ecca4e6f99a1b93039c56da7ef4828631aae1d4d46432b91ada6061d9b4cbae1",
"Running":false,"ExitCode":null,"ProcessConfig":{"tty":false,"entrypoint":"sh",
"arguments":["-c","echo out; echo err >&2; exit 7"],"privileged":false,"user":"1000"},
"OpenStdin":false,"OpenStderr":true,"OpenStdout":true,"CanRemove":false,
"ContainerID":"c1627908be9c6a9a0ea031440f411af3c5811f004de674a30fe8afda1896b597",
"DetachKeys":"","Pid":0})";

// The same exec after a TTY run ended with 7 (no `user`: Docker omits it when empty).
const char* kTtyFinishedInspect =
    R"({"ID":"c044c9f30e15944dc969c91165c40015e1fb8be4853e2be675cac305a34596a6",
"Running":false,"ExitCode":7,"ProcessConfig":{"tty":true,"entrypoint":"sh",
"arguments":["-c","echo out; echo err >&2; exit 7"],"privileged":false},"OpenStdin":false,
"OpenStderr":true,"OpenStdout":true,"CanRemove":false,
"ContainerID":"c1627908be9c6a9a0ea031440f411af3c5811f004de674a30fe8afda1896b597",
"DetachKeys":"","Pid":22737})";

} // namespace

class TstDockerMappingExec : public QObject {
    Q_OBJECT

private slots:
    void createBodyCarriesEveryFieldDockerNeeds();
    void createBodyKeepsUnknownFields();
    void createdAnswerGivesId();
    void createdAnswerWithoutIdIs500();
    void inspectOfCreatedExecHasNullExitCode();
    void inspectOfFinishedTtyExec();
    void inspectKeepsFieldsOfNewerEngines();
    void malformedInspectFromDockerIs500();
    void startBodyCarriesExecTty();
    void streamTypeFollowsTtyNotDockerHeader();
};

void TstDockerMappingExec::createBodyCarriesEveryFieldDockerNeeds() {
    api::ExecCreateRequest request;
    request.cmd = QStringList{QStringLiteral("cat")};
    request.env = QStringList{QStringLiteral("A=b")};
    request.workingDir = QStringLiteral("/bin");
    request.user = QStringLiteral("nobody");
    request.tty = true;
    request.privileged = true;
    request.attachStdin = true;
    request.attachStdout = true;
    request.attachStderr = true;
    request.detachKeys = QStringLiteral("ctrl-a");
    const QJsonObject body = backends::toDockerExecCreateBody(request);
    QCOMPARE(body, parse(R"({"Cmd":["cat"],"Env":["A=b"],"WorkingDir":"/bin","User":"nobody",
        "Tty":true,"Privileged":true,"AttachStdin":true,"AttachStdout":true,
        "AttachStderr":true,"DetachKeys":"ctrl-a"})"));
}

void TstDockerMappingExec::createBodyKeepsUnknownFields() {
    const auto request = api::ExecCreateRequest::fromJson(
        parse(R"({"Cmd":["true"],"ConsoleSize":[24,80],"AttachStdout":true})"));
    QVERIFY(request.ok());
    const QJsonObject body = backends::toDockerExecCreateBody(request.value());
    QCOMPARE(body.value(QStringLiteral("ConsoleSize")).toArray(), (QJsonArray{24, 80}));
    QCOMPARE(body.value(QStringLiteral("AttachStdout")).toBool(), true);
}

void TstDockerMappingExec::createdAnswerGivesId() {
    const auto id = backends::fromDockerExecCreated(
        parse(R"({"Id":"ecca4e6f99a1b93039c56da7ef4828631aae1d4d46432b91ada6061d9b4cbae1"})"));
    QVERIFY(id.ok());
    QCOMPARE(id.value(),
             QStringLiteral("ecca4e6f99a1b93039c56da7ef4828631aae1d4d46432b91ada6061d9b4cbae1"));
}

void TstDockerMappingExec::createdAnswerWithoutIdIs500() {
    const auto id = backends::fromDockerExecCreated(QJsonObject{});
    QVERIFY(!id.ok());
    QCOMPARE(id.error().status, 500);
}

void TstDockerMappingExec::inspectOfCreatedExecHasNullExitCode() {
    const auto inspect = backends::fromDockerExecInspect(parse(kCreatedInspect));
    QVERIFY(inspect.ok());
    QVERIFY(!inspect.value().running);
    QVERIFY(!inspect.value().exitCode);
    QCOMPARE(inspect.value().pid, qint64(0));
    QVERIFY(!inspect.value().processConfig.tty);
    QCOMPARE(inspect.value().processConfig.user, QStringLiteral("1000"));
    const QJsonObject out = inspect.value().toJson();
    QVERIFY(out.value(QStringLiteral("ExitCode")).isNull());
    QCOMPARE(out, parse(kCreatedInspect));
}

void TstDockerMappingExec::inspectOfFinishedTtyExec() {
    const auto inspect = backends::fromDockerExecInspect(parse(kTtyFinishedInspect));
    QVERIFY(inspect.ok());
    QCOMPARE(inspect.value().exitCode, std::optional<int>(7));
    QVERIFY(inspect.value().processConfig.tty);
    QCOMPARE(inspect.value().pid, qint64(22737));
    QCOMPARE(inspect.value().containerId,
             QStringLiteral("c1627908be9c6a9a0ea031440f411af3c5811f004de674a30fe8afda1896b597"));
}

void TstDockerMappingExec::inspectKeepsFieldsOfNewerEngines() {
    QJsonObject docker = parse(kCreatedInspect);
    docker.insert(QStringLiteral("NewField"), QJsonObject{{QStringLiteral("a"), 1}});
    const auto inspect = backends::fromDockerExecInspect(docker);
    QVERIFY(inspect.ok());
    QCOMPARE(inspect.value().toJson().value(QStringLiteral("NewField")).toObject(),
             (QJsonObject{{QStringLiteral("a"), 1}}));
}

void TstDockerMappingExec::malformedInspectFromDockerIs500() {
    QJsonObject docker = parse(kCreatedInspect);
    docker.insert(QStringLiteral("Running"), QStringLiteral("yes"));
    const auto inspect = backends::fromDockerExecInspect(docker);
    QVERIFY(!inspect.ok());
    QCOMPARE(inspect.error().status, 500);
    QVERIFY2(inspect.error().message.contains(QStringLiteral("Running")),
             qPrintable(inspect.error().message));
}

void TstDockerMappingExec::startBodyCarriesExecTty() {
    QCOMPARE(backends::toDockerExecStartBody(false, true), parse(R"({"Detach":false,"Tty":true})"));
    QCOMPARE(backends::toDockerExecStartBody(true, false), parse(R"({"Detach":true,"Tty":false})"));
}

void TstDockerMappingExec::streamTypeFollowsTtyNotDockerHeader() {
    // Docker 20.10 says `raw-stream` on the hijacked connection even when it sends frames.
    QCOMPARE(backends::execStreamContentType(false),
             QByteArray("application/vnd.docker.multiplexed-stream"));
    QCOMPARE(backends::execStreamContentType(true),
             QByteArray("application/vnd.docker.raw-stream"));
}

QTEST_APPLESS_MAIN(TstDockerMappingExec)
#include "tst_dockermapping_exec.moc"
