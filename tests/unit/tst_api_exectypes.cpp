// The exec types of the contract: reading and checking request bodies, writing them back with
// every unknown field kept, and the inspect shape (lower-case ProcessConfig, ExitCode null).

#include "api/exectypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using sockerless::api::ExecCreateRequest;
using sockerless::api::ExecInspect;
using sockerless::api::ExecStartRequest;

namespace {

QJsonObject parse(const char* json) {
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

} // namespace

class TstApiExecTypes : public QObject {
    Q_OBJECT

private slots:
    void createReadsEveryKnownField();
    void createKeepsUnknownFields();
    void createWithoutCmdIs400NamingCmd();
    void createWithEmptyCmdIs400NamingCmd();
    void createWrongTypeIs400NamingField_data();
    void createWrongTypeIs400NamingField();
    void createNullFieldsAreUnset();
    void createToJsonLeavesOutEmptyStrings();
    void inspectRoundTripsDockerShape();
    void inspectExitCodeNullStaysNull();
    void inspectWritesUserEvenWhenDockerOmitsIt();
    void inspectWrongProcessConfigTypeNamesPath();
    void inspectWithoutIdIs400();
    void startReadsDetachAndKeepsUnknown();
    void startEmptyObjectIsAttached();
    void startWrongTypeIs400();
};

void TstApiExecTypes::createReadsEveryKnownField() {
    const auto result = ExecCreateRequest::fromJson(parse(R"({
        "Cmd":["sh","-c","echo hi"],"Env":["A=1","B=2"],"WorkingDir":"/bin","User":"1000:1000",
        "Tty":true,"Privileged":true,"AttachStdin":true,"AttachStdout":true,"AttachStderr":true,
        "DetachKeys":"ctrl-x"})"));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const ExecCreateRequest& r = result.value();
    QCOMPARE(r.cmd,
             (QStringList{QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo hi")}));
    QCOMPARE(r.env, (QStringList{QStringLiteral("A=1"), QStringLiteral("B=2")}));
    QCOMPARE(r.workingDir, QStringLiteral("/bin"));
    QCOMPARE(r.user, QStringLiteral("1000:1000"));
    QVERIFY(r.tty);
    QVERIFY(r.privileged);
    QVERIFY(r.attachStdin);
    QVERIFY(r.attachStdout);
    QVERIFY(r.attachStderr);
    QCOMPARE(r.detachKeys, QStringLiteral("ctrl-x"));
    QVERIFY(r.extra.isEmpty());
}

void TstApiExecTypes::createKeepsUnknownFields() {
    const auto result = ExecCreateRequest::fromJson(
        parse(R"({"Cmd":["true"],"ConsoleSize":[24,80],"Future":{"x":1}})"));
    QVERIFY(result.ok());
    QCOMPARE(result.value().extra.size(), 2);
    const QJsonObject out = result.value().toJson();
    QCOMPARE(out.value(QStringLiteral("ConsoleSize")).toArray(), (QJsonArray{24, 80}));
    QCOMPARE(out.value(QStringLiteral("Future")).toObject(),
             (QJsonObject{{QStringLiteral("x"), 1}}));
    QCOMPARE(out.value(QStringLiteral("Cmd")).toArray(), (QJsonArray{QStringLiteral("true")}));
}

void TstApiExecTypes::createWithoutCmdIs400NamingCmd() {
    const auto result = ExecCreateRequest::fromJson(parse(R"({"Env":["A=1"]})"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().status, 400);
    QVERIFY2(result.error().message.contains(QStringLiteral("'Cmd'")),
             qPrintable(result.error().message));
}

void TstApiExecTypes::createWithEmptyCmdIs400NamingCmd() {
    const auto result = ExecCreateRequest::fromJson(parse(R"({"Cmd":[]})"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().status, 400);
    QVERIFY(result.error().message.contains(QStringLiteral("'Cmd'")));
}

void TstApiExecTypes::createWrongTypeIs400NamingField_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::newRow("Cmd string") << QByteArray(R"({"Cmd":"ls -l"})") << QStringLiteral("Cmd");
    QTest::newRow("Cmd numbers") << QByteArray(R"({"Cmd":[1,2]})") << QStringLiteral("Cmd");
    QTest::newRow("Env object") << QByteArray(R"({"Cmd":["x"],"Env":{"A":"1"}})")
                                << QStringLiteral("Env");
    QTest::newRow("Tty string") << QByteArray(R"({"Cmd":["x"],"Tty":"yes"})")
                                << QStringLiteral("Tty");
    QTest::newRow("User number") << QByteArray(R"({"Cmd":["x"],"User":0})")
                                 << QStringLiteral("User");
    QTest::newRow("AttachStdin number")
        << QByteArray(R"({"Cmd":["x"],"AttachStdin":1})") << QStringLiteral("AttachStdin");
    QTest::newRow("WorkingDir array")
        << QByteArray(R"({"Cmd":["x"],"WorkingDir":["/"]})") << QStringLiteral("WorkingDir");
}

void TstApiExecTypes::createWrongTypeIs400NamingField() {
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    const auto result = ExecCreateRequest::fromJson(QJsonDocument::fromJson(json).object());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().status, 400);
    QVERIFY2(result.error().message.contains(QLatin1Char('\'') + field + QLatin1Char('\'')),
             qPrintable(result.error().message));
}

void TstApiExecTypes::createNullFieldsAreUnset() {
    const auto result =
        ExecCreateRequest::fromJson(parse(R"({"Cmd":["x"],"Env":null,"User":null,"Tty":null})"));
    QVERIFY(result.ok());
    QVERIFY(result.value().env.isEmpty());
    QVERIFY(result.value().user.isEmpty());
    QVERIFY(!result.value().tty);
    QVERIFY(result.value().extra.isEmpty());
}

void TstApiExecTypes::createToJsonLeavesOutEmptyStrings() {
    ExecCreateRequest request;
    request.cmd = QStringList{QStringLiteral("id")};
    request.attachStdout = true;
    const QJsonObject out = request.toJson();
    QVERIFY(!out.contains(QStringLiteral("User")));
    QVERIFY(!out.contains(QStringLiteral("WorkingDir")));
    QVERIFY(!out.contains(QStringLiteral("Env")));
    QVERIFY(!out.contains(QStringLiteral("DetachKeys")));
    QCOMPARE(out.value(QStringLiteral("AttachStdout")).toBool(), true);
    QCOMPARE(out.value(QStringLiteral("AttachStdin")).toBool(true), false);
    // And reads back to the same request.
    const auto again = ExecCreateRequest::fromJson(out);
    QVERIFY(again.ok());
    QCOMPARE(again.value().cmd, request.cmd);
    QVERIFY(again.value().attachStdout);
}

// Recorded from dockerd 20.10.24 after `sh -c 'exit 7'` ran, plus a field of a newer engine.
static const char* kFinishedInspect = R"({
  "ID":"7b777f323bbed46edd95aed20c9bb89978068ed6f33eb515e88372031f3728f1","Running":false,
  "ExitCode":7,"ProcessConfig":{"tty":false,"entrypoint":"sh",
  "arguments":["-c","exit 7"],"privileged":false,"user":"1000","future":true},
  "OpenStdin":false,"OpenStderr":true,"OpenStdout":true,"CanRemove":false,
  "ContainerID":"c1627908be9c6a9a0ea031440f411af3c5811f004de674a30fe8afda1896b597",
  "DetachKeys":"","Pid":22534,"NewTopLevel":"kept"})";

void TstApiExecTypes::inspectRoundTripsDockerShape() {
    const QJsonObject docker = parse(kFinishedInspect);
    const auto result = ExecInspect::fromJson(docker);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const ExecInspect& e = result.value();
    QCOMPARE(e.id, docker.value(QStringLiteral("ID")).toString());
    QCOMPARE(e.containerId, docker.value(QStringLiteral("ContainerID")).toString());
    QVERIFY(!e.running);
    QCOMPARE(e.exitCode, std::optional<int>(7));
    QCOMPARE(e.pid, qint64(22534));
    QVERIFY(e.openStdout);
    QVERIFY(e.openStderr);
    QVERIFY(!e.openStdin);
    QCOMPARE(e.processConfig.entrypoint, QStringLiteral("sh"));
    QCOMPARE(e.processConfig.arguments,
             (QStringList{QStringLiteral("-c"), QStringLiteral("exit 7")}));
    QCOMPARE(e.processConfig.user, QStringLiteral("1000"));
    // Everything Docker sent comes out again, unknown fields included.
    QCOMPARE(e.toJson(), docker);
}

void TstApiExecTypes::inspectExitCodeNullStaysNull() {
    QJsonObject docker = parse(kFinishedInspect);
    docker.insert(QStringLiteral("ExitCode"), QJsonValue::Null);
    docker.insert(QStringLiteral("Running"), true);
    const auto result = ExecInspect::fromJson(docker);
    QVERIFY(result.ok());
    QVERIFY(!result.value().exitCode.has_value());
    const QJsonObject out = result.value().toJson();
    QVERIFY(out.contains(QStringLiteral("ExitCode")));
    QVERIFY(out.value(QStringLiteral("ExitCode")).isNull());
    QCOMPARE(out.value(QStringLiteral("Running")).toBool(), true);
}

void TstApiExecTypes::inspectWritesUserEvenWhenDockerOmitsIt() {
    QJsonObject docker = parse(kFinishedInspect);
    QJsonObject process = docker.value(QStringLiteral("ProcessConfig")).toObject();
    process.remove(QStringLiteral("user")); // Docker's omitempty
    docker.insert(QStringLiteral("ProcessConfig"), process);
    const auto result = ExecInspect::fromJson(docker);
    QVERIFY(result.ok());
    const QJsonObject out =
        result.value().toJson().value(QStringLiteral("ProcessConfig")).toObject();
    for (const char* key : {"tty", "entrypoint", "arguments", "privileged", "user"})
        QVERIFY2(out.contains(QLatin1String(key)), key);
    QCOMPARE(out.value(QStringLiteral("user")).toString(QStringLiteral("x")), QString());
}

void TstApiExecTypes::inspectWrongProcessConfigTypeNamesPath() {
    QJsonObject docker = parse(kFinishedInspect);
    QJsonObject process = docker.value(QStringLiteral("ProcessConfig")).toObject();
    process.insert(QStringLiteral("tty"), QStringLiteral("no"));
    docker.insert(QStringLiteral("ProcessConfig"), process);
    const auto result = ExecInspect::fromJson(docker);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().status, 400);
    QVERIFY2(result.error().message.contains(QStringLiteral("ProcessConfig.tty")),
             qPrintable(result.error().message));
}

void TstApiExecTypes::inspectWithoutIdIs400() {
    QJsonObject docker = parse(kFinishedInspect);
    docker.remove(QStringLiteral("ID"));
    const auto result = ExecInspect::fromJson(docker);
    QVERIFY(!result.ok());
    QVERIFY(result.error().message.contains(QStringLiteral("'ID'")));
}

void TstApiExecTypes::startReadsDetachAndKeepsUnknown() {
    const auto result =
        ExecStartRequest::fromJson(parse(R"({"Detach":true,"Tty":true,"ConsoleSize":[1,2]})"));
    QVERIFY(result.ok());
    QVERIFY(result.value().detach);
    QVERIFY(result.value().tty);
    QCOMPARE(result.value().toJson().value(QStringLiteral("ConsoleSize")).toArray(),
             (QJsonArray{1, 2}));
}

void TstApiExecTypes::startEmptyObjectIsAttached() {
    const auto result = ExecStartRequest::fromJson(QJsonObject{});
    QVERIFY(result.ok());
    QVERIFY(!result.value().detach);
}

void TstApiExecTypes::startWrongTypeIs400() {
    const auto result = ExecStartRequest::fromJson(parse(R"({"Detach":"yes"})"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().status, 400);
    QVERIFY(result.error().message.contains(QStringLiteral("'Detach'")));
}

QTEST_APPLESS_MAIN(TstApiExecTypes)
#include "tst_api_exectypes.moc"
