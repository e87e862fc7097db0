// The contract's container types: every known field is read typed and written back, every
// unknown field (and a known one sent as null) is kept, and a wrong type is a 400 naming the
// field's path. Also the query options of the container routes.

#include "api/containertypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace sockerless::api;

namespace {

QJsonObject parse(const char* json) {
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

QUrlQuery query(const char* text) {
    return QUrlQuery(QString::fromLatin1(text));
}

// A create body as `docker run` sends it, with fields the contract does not know at every level.
const char* const fullCreateBody = R"({
  "Image": "busybox:1.36", "Cmd": ["sh", "-c", "echo hi"], "Entrypoint": ["/bin/tini", "--"],
  "Env": ["A=1"], "WorkingDir": "/work", "User": "1000", "Labels": {"team": "ci"},
  "Tty": true, "OpenStdin": true, "StdinOnce": false, "AttachStdin": true, "AttachStdout": true,
  "AttachStderr": false, "ExposedPorts": {"80/tcp": {}, "53/udp": {}},
  "Healthcheck": {"Test": ["CMD", "true"], "Interval": 1000000000, "Timeout": 2000000000,
                  "StartPeriod": 0, "Retries": 3, "StartInterval": 5},
  "StopSignal": "SIGTERM", "StopTimeout": 0, "Hostname": "h", "Domainname": "d",
  "MacAddress": "02:42:ac:11:00:02", "Volumes": {"/data": {}}, "OnBuild": null,
  "HostConfig": {
    "Binds": ["/tmp:/tmp:ro"], "NetworkMode": "bridge", "AutoRemove": true, "Privileged": false,
    "Mounts": [{"Type": "volume", "Source": "v", "Target": "/v", "ReadOnly": true,
                "VolumeOptions": {"NoCopy": true}}],
    "PortBindings": {"80/tcp": [{"HostIp": "127.0.0.1", "HostPort": "8080"}]},
    "RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 3},
    "CapAdd": ["NET_ADMIN"], "CapDrop": ["ALL"], "SecurityOpt": ["no-new-privileges"],
    "Memory": 268435456, "NanoCpus": 1500000000, "CpuShares": 512, "ShmSize": 67108864,
    "Tmpfs": {"/run": "size=1m"}, "ExtraHosts": ["db:10.0.0.2"], "Dns": ["1.1.1.1"],
    "LogConfig": {"Type": "json-file", "Config": {"max-size": "1m"}}, "Init": true,
    "VolumesFrom": ["other:ro"], "GroupAdd": ["audio"], "OomScoreAdj": 500,
    "Ulimits": [{"Name": "nofile", "Soft": 1024, "Hard": 2048}]
  },
  "NetworkingConfig": {"EndpointsConfig": {"ci-net": {
    "Aliases": ["db"], "IPAMConfig": {"IPv4Address": "10.1.0.5", "LinkLocalIPs": ["169.254.0.1"]},
    "DriverOpts": {"x": "y"}}}}
})";

} // namespace

class TstApiContainerTypes : public QObject {
    Q_OBJECT

private slots:
    void createReadsEveryTypedConfigField();
    void createReadsEveryTypedHostConfigField();
    void createReadsNetworkingConfig();
    void createRoundTripKeepsEveryField();
    void createKeepsNullFieldsAsNull();
    void cmdAndEntrypointAcceptAStringOrAnArray();
    void createTakesTheNameFromTheBody();
    void createWithoutImageIs400();
    void createWrongTypeIs400NamingThePath_data();
    void createWrongTypeIs400NamingThePath();
    void createdAnswerHasWarningsArray();
    void inspectKeepsWhatItDoesNotKnow();
    void summaryReadsTypedFieldsAndKeepsTheRest();
    void listOptionsFromQuery();
    void listOptionsRejectBadValues_data();
    void listOptionsRejectBadValues();
    void stopAndRemoveOptionsFromQuery();
    void waitConditionAcceptsTheThreeNames();
    void logsOptionsFromQuery();
    void logsOptionsRejectBadValues();
};

void TstApiContainerTypes::createReadsEveryTypedConfigField() {
    const auto result = ContainerCreateRequest::fromJson(parse(fullCreateBody));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const ContainerConfig& c = result.value().config;
    QCOMPARE(c.image, QStringLiteral("busybox:1.36"));
    QCOMPARE(*c.cmd,
             (QStringList{QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo hi")}));
    QCOMPARE(*c.entrypoint, (QStringList{QStringLiteral("/bin/tini"), QStringLiteral("--")}));
    QCOMPARE(*c.env, QStringList{QStringLiteral("A=1")});
    QCOMPARE(c.workingDir, QStringLiteral("/work"));
    QCOMPARE(c.user, QStringLiteral("1000"));
    QCOMPARE(c.labels->value(QStringLiteral("team")), QStringLiteral("ci"));
    QCOMPARE(c.tty, true);
    QCOMPARE(c.openStdin, true);
    QCOMPARE(c.stdinOnce, false);
    QCOMPARE(c.attachStdin, true);
    QCOMPARE(c.attachStdout, true);
    QCOMPARE(c.attachStderr, false);
    QStringList ports = *c.exposedPorts;
    ports.sort();
    QCOMPARE(ports, (QStringList{QStringLiteral("53/udp"), QStringLiteral("80/tcp")}));
    QCOMPARE(*c.healthcheck->test, (QStringList{QStringLiteral("CMD"), QStringLiteral("true")}));
    QCOMPARE(c.healthcheck->interval, 1000000000);
    QCOMPARE(c.healthcheck->retries, 3);
    QCOMPARE(c.healthcheck->extra.value(QStringLiteral("StartInterval")).toInt(), 5);
    QCOMPARE(c.stopSignal, QStringLiteral("SIGTERM"));
    // StopTimeout 0 is said, and differs from not said.
    QVERIFY(c.stopTimeout.has_value());
    QCOMPARE(*c.stopTimeout, 0);
    QCOMPARE(c.hostname, QStringLiteral("h"));
    QCOMPARE(c.domainname, QStringLiteral("d"));
    QCOMPARE(c.extra.value(QStringLiteral("MacAddress")).toString(),
             QStringLiteral("02:42:ac:11:00:02"));
    QVERIFY(c.extra.contains(QStringLiteral("Volumes")));
    QVERIFY(!c.extra.contains(QStringLiteral("HostConfig")));
}

void TstApiContainerTypes::createReadsEveryTypedHostConfigField() {
    const auto result = ContainerCreateRequest::fromJson(parse(fullCreateBody));
    QVERIFY(result.ok());
    const HostConfig& h = *result.value().hostConfig;
    QCOMPARE(*h.binds, QStringList{QStringLiteral("/tmp:/tmp:ro")});
    QCOMPARE(h.networkMode, QStringLiteral("bridge"));
    QCOMPARE(h.autoRemove, true);
    QCOMPARE(h.privileged, false);
    QCOMPARE(h.mounts->size(), 1);
    QCOMPARE(h.mounts->first().type, QStringLiteral("volume"));
    QCOMPARE(h.mounts->first().target, QStringLiteral("/v"));
    QCOMPARE(h.mounts->first().readOnly, true);
    QVERIFY(h.mounts->first().extra.contains(QStringLiteral("VolumeOptions")));
    QCOMPARE(h.portBindings->value(QStringLiteral("80/tcp")).first().hostPort,
             QStringLiteral("8080"));
    QCOMPARE(h.restartPolicy->name, QStringLiteral("on-failure"));
    QCOMPARE(h.restartPolicy->maximumRetryCount, 3);
    QCOMPARE(*h.capAdd, QStringList{QStringLiteral("NET_ADMIN")});
    QCOMPARE(*h.capDrop, QStringList{QStringLiteral("ALL")});
    QCOMPARE(*h.securityOpt, QStringList{QStringLiteral("no-new-privileges")});
    QCOMPARE(h.memory, 268435456);
    QCOMPARE(h.nanoCpus, 1500000000);
    QCOMPARE(h.cpuShares, 512);
    QCOMPARE(h.shmSize, 67108864);
    QCOMPARE(h.tmpfs->value(QStringLiteral("/run")), QStringLiteral("size=1m"));
    QCOMPARE(*h.extraHosts, QStringList{QStringLiteral("db:10.0.0.2")});
    QCOMPARE(*h.dns, QStringList{QStringLiteral("1.1.1.1")});
    QCOMPARE(h.logConfig->type, QStringLiteral("json-file"));
    QCOMPARE(h.logConfig->config->value(QStringLiteral("max-size")), QStringLiteral("1m"));
    QCOMPARE(h.init, true);
    QCOMPARE(*h.volumesFrom, QStringList{QStringLiteral("other:ro")});
    QCOMPARE(*h.groupAdd, QStringList{QStringLiteral("audio")});
    QCOMPARE(h.extra.value(QStringLiteral("OomScoreAdj")).toInt(), 500);
    QVERIFY(h.extra.value(QStringLiteral("Ulimits")).isArray());
}

void TstApiContainerTypes::createReadsNetworkingConfig() {
    const auto result = ContainerCreateRequest::fromJson(parse(fullCreateBody));
    QVERIFY(result.ok());
    const auto& endpoints = *result.value().networkingConfig->endpointsConfig;
    QCOMPARE(endpoints.keys(), QStringList{QStringLiteral("ci-net")});
    const EndpointSettings& e = endpoints.value(QStringLiteral("ci-net"));
    QCOMPARE(*e.aliases, QStringList{QStringLiteral("db")});
    QCOMPARE(e.ipamConfig->ipv4Address, QStringLiteral("10.1.0.5"));
    QVERIFY(!e.ipamConfig->ipv6Address);
    QCOMPARE(*e.ipamConfig->linkLocalIps, QStringList{QStringLiteral("169.254.0.1")});
    QVERIFY(e.extra.contains(QStringLiteral("DriverOpts")));
}

void TstApiContainerTypes::createRoundTripKeepsEveryField() {
    const QJsonObject body = parse(fullCreateBody);
    const auto result = ContainerCreateRequest::fromJson(body);
    QVERIFY(result.ok());
    QCOMPARE(result.value().toJson(), body);
}

void TstApiContainerTypes::createKeepsNullFieldsAsNull() {
    const QJsonObject body = parse(R"({"Image":"x","Cmd":null,"Entrypoint":null,
        "HostConfig":{"Binds":null,"PortBindings":{"80/tcp":null}}})");
    const auto result = ContainerCreateRequest::fromJson(body);
    QVERIFY(result.ok());
    QVERIFY(!result.value().config.cmd);
    const QJsonObject out = result.value().toJson();
    QVERIFY(out.value(QStringLiteral("Cmd")).isNull());
    QVERIFY(out.value(QStringLiteral("Entrypoint")).isNull());
    const QJsonObject host = out.value(QStringLiteral("HostConfig")).toObject();
    QVERIFY(host.value(QStringLiteral("Binds")).isNull());
    // A null binding list means "none", the same as an empty one.
    QCOMPARE(host.value(QStringLiteral("PortBindings")).toObject().value(QStringLiteral("80/tcp")),
             QJsonValue(QJsonArray()));
}

void TstApiContainerTypes::cmdAndEntrypointAcceptAStringOrAnArray() {
    const auto result = ContainerCreateRequest::fromJson(
        parse(R"({"Image":"x","Cmd":"echo hi","Entrypoint":"sh"})"));
    QVERIFY(result.ok());
    QCOMPARE(*result.value().config.cmd, QStringList{QStringLiteral("echo hi")});
    QCOMPARE(*result.value().config.entrypoint, QStringList{QStringLiteral("sh")});
    const QJsonObject out = result.value().toJson();
    QCOMPARE(out.value(QStringLiteral("Cmd")), QJsonValue(QJsonArray{QStringLiteral("echo hi")}));
}

void TstApiContainerTypes::createTakesTheNameFromTheBody() {
    const auto result = ContainerCreateRequest::fromJson(parse(R"({"Image":"x","Name":"web"})"));
    QVERIFY(result.ok());
    QCOMPARE(result.value().name, QStringLiteral("web"));
    QVERIFY(!result.value().config.extra.contains(QStringLiteral("Name")));
    QCOMPARE(result.value().toJson().value(QStringLiteral("Name")).toString(),
             QStringLiteral("web"));
}

void TstApiContainerTypes::createWithoutImageIs400() {
    for (const char* body : {R"({})", R"({"Image":""})", R"({"Image":null,"Cmd":["true"]})"}) {
        const auto result = ContainerCreateRequest::fromJson(parse(body));
        QVERIFY2(!result.ok(), body);
        QCOMPARE(result.error().status, 400);
        QCOMPARE(result.error().message, QStringLiteral("missing required field 'Image'"));
    }
}

void TstApiContainerTypes::createWrongTypeIs400NamingThePath_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("path");
    auto row = [](const char* body, const char* path) {
        QTest::newRow(path) << QByteArray(body) << QString::fromLatin1(path);
    };
    row(R"({"Image":1})", "Image");
    row(R"({"Image":"x","Env":"A=1"})", "Env");
    row(R"({"Image":"x","Env":["A=1",2]})", "Env");
    row(R"({"Image":"x","Cmd":{"a":1}})", "Cmd");
    row(R"({"Image":"x","Labels":{"a":1}})", "Labels");
    row(R"({"Image":"x","Tty":"true"})", "Tty");
    row(R"({"Image":"x","StopTimeout":1.5})", "StopTimeout");
    row(R"({"Image":"x","ExposedPorts":["80/tcp"]})", "ExposedPorts");
    row(R"({"Image":"x","Healthcheck":{"Retries":"3"}})", "Healthcheck.Retries");
    row(R"({"Image":"x","Name":5})", "Name");
    row(R"({"Image":"x","HostConfig":[]})", "HostConfig");
    row(R"({"Image":"x","HostConfig":{"Memory":"1g"}})", "HostConfig.Memory");
    row(R"({"Image":"x","HostConfig":{"Memory":1.5}})", "HostConfig.Memory");
    row(R"({"Image":"x","HostConfig":{"RestartPolicy":{"Name":1}}})",
        "HostConfig.RestartPolicy.Name");
    row(R"({"Image":"x","HostConfig":{"Mounts":[{"Target":1}]}})", "HostConfig.Mounts[0].Target");
    row(R"({"Image":"x","HostConfig":{"Mounts":["a"]}})", "HostConfig.Mounts[0]");
    row(R"({"Image":"x","HostConfig":{"PortBindings":{"80/tcp":"8080"}}})",
        "HostConfig.PortBindings.80/tcp");
    row(R"({"Image":"x","HostConfig":{"PortBindings":{"80/tcp":[{"HostPort":8080}]}}})",
        "HostConfig.PortBindings.80/tcp[0].HostPort");
    row(R"({"Image":"x","HostConfig":{"LogConfig":{"Config":{"a":1}}}})",
        "HostConfig.LogConfig.Config");
    row(R"({"Image":"x","NetworkingConfig":{"EndpointsConfig":{"n":{"Aliases":"db"}}}})",
        "NetworkingConfig.EndpointsConfig.n.Aliases");
    row(R"({"Image":"x","NetworkingConfig":{"EndpointsConfig":{"n":{"IPAMConfig":{"IPv4Address":4}}}}})",
        "NetworkingConfig.EndpointsConfig.n.IPAMConfig.IPv4Address");
}

void TstApiContainerTypes::createWrongTypeIs400NamingThePath() {
    QFETCH(QByteArray, body);
    QFETCH(QString, path);
    const auto result = ContainerCreateRequest::fromJson(QJsonDocument::fromJson(body).object());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().status, 400);
    QVERIFY2(result.error().message.contains(u'\'' + path + u'\''),
             qPrintable(result.error().message));
}

void TstApiContainerTypes::createdAnswerHasWarningsArray() {
    const auto result = ContainerCreated::fromJson(parse(R"({"Id":"abc","Warnings":null})"));
    QVERIFY(result.ok());
    QCOMPARE(result.value().toJson(), parse(R"({"Id":"abc","Warnings":[]})"));
    const auto warned = ContainerCreated::fromJson(parse(R"({"Id":"abc","Warnings":["w"]})"));
    QCOMPARE(warned.value().warnings, QStringList{QStringLiteral("w")});
    QVERIFY(!ContainerCreated::fromJson(parse(R"({"Warnings":[]})")).ok());
}

void TstApiContainerTypes::inspectKeepsWhatItDoesNotKnow() {
    const QJsonObject inspect = parse(R"({"Id":"abc","Name":"/web","Created":"2024-01-01T00:00:00Z",
        "Image":"sha256:1","RestartCount":0,"Driver":"overlay2",
        "State":{"Status":"exited","Running":false,"Paused":false,"Restarting":false,
                 "OOMKilled":false,"Dead":false,"Pid":0,"ExitCode":137,"Error":"",
                 "StartedAt":"a","FinishedAt":"b","Health":{"Status":"healthy"}},
        "Config":{"Image":"busybox","Cmd":["sleep","1"],"Entrypoint":null,"OnBuild":null},
        "HostConfig":{"Memory":0,"ConsoleSize":[0,0]},
        "NetworkSettings":{"Ports":{},"Networks":{"bridge":{"IPAMConfig":null,"Aliases":null,
                                                  "NetworkID":"n1","IPAddress":"172.17.0.2"}}},
        "Mounts":[{"Type":"volume","Name":"v","Source":"/s","Destination":"/d","Driver":"local",
                   "Mode":"","RW":true,"Propagation":""}]})");
    const auto result = ContainerInspect::fromJson(inspect);
    QVERIFY(result.ok());
    const ContainerInspect& c = result.value();
    QCOMPARE(c.name, QStringLiteral("/web"));
    QCOMPARE(c.state->exitCode, 137);
    QCOMPARE(c.state->status, QStringLiteral("exited"));
    QVERIFY(c.state->extra.contains(QStringLiteral("Health")));
    QCOMPARE(c.mounts->first().rw, true);
    QCOMPARE(c.networkSettings->networks->value(QStringLiteral("bridge"))
                 .extra.value(QStringLiteral("IPAddress"))
                 .toString(),
             QStringLiteral("172.17.0.2"));
    QCOMPARE(c.toJson(), inspect);
}

void TstApiContainerTypes::summaryReadsTypedFieldsAndKeepsTheRest() {
    const QJsonObject summary = parse(R"({"Id":"abc","Names":["/web"],"Image":"busybox",
        "ImageID":"sha256:1","Command":"sleep 1","Created":1700000000,"State":"running",
        "Status":"Up 1 second","Labels":{"a":"b"},"SizeRw":12,
        "Ports":[{"IP":"0.0.0.0","PrivatePort":80,"PublicPort":8080,"Type":"tcp"}],
        "HostConfig":{"NetworkMode":"default"},"Mounts":[]})");
    const auto result = ContainerSummary::fromJson(summary);
    QVERIFY(result.ok());
    QCOMPARE(*result.value().names, QStringList{QStringLiteral("/web")});
    QCOMPARE(result.value().created, 1700000000);
    QCOMPARE(result.value().ports->first().publicPort, 8080);
    QCOMPARE(result.value().extra.value(QStringLiteral("SizeRw")).toInt(), 12);
    QCOMPARE(result.value().toJson(), summary);
    QVERIFY(!ContainerSummary::fromJson(parse(R"({"Created":"yesterday"})")).ok());
}

void TstApiContainerTypes::listOptionsFromQuery() {
    const auto defaults = ContainerListOptions::fromQuery(query(""));
    QVERIFY(defaults.ok());
    QCOMPARE(defaults.value().all, false);
    QCOMPARE(defaults.value().limit, -1);
    QCOMPARE(defaults.value().size, false);
    QVERIFY(defaults.value().filters.isEmpty());
    const auto set = ContainerListOptions::fromQuery(
        query("all=true&limit=3&size=1&filters=%7B%22label%22%3A%5B%22a%3Db%22%5D%7D"));
    QVERIFY(set.ok());
    QCOMPARE(set.value().all, true);
    QCOMPARE(set.value().limit, 3);
    QCOMPARE(set.value().size, true);
    QCOMPARE(set.value().filters.values(QStringLiteral("label")),
             QStringList{QStringLiteral("a=b")});
    const auto mapShape = ContainerListOptions::fromQuery(
        query("filters=%7B%22status%22%3A%7B%22exited%22%3Atrue%7D%7D"));
    QVERIFY(mapShape.ok());
    QCOMPARE(mapShape.value().filters.values(QStringLiteral("status")),
             QStringList{QStringLiteral("exited")});
}

void TstApiContainerTypes::listOptionsRejectBadValues_data() {
    QTest::addColumn<QString>("queryText");
    QTest::addColumn<QString>("named");
    QTest::newRow("all") << QStringLiteral("all=maybe") << QStringLiteral("'all'");
    QTest::newRow("size") << QStringLiteral("size=2") << QStringLiteral("'size'");
    QTest::newRow("limit") << QStringLiteral("limit=ten") << QStringLiteral("'limit'");
    QTest::newRow("filters") << QStringLiteral("filters=%7Bnope") << QStringLiteral("filters");
}

void TstApiContainerTypes::listOptionsRejectBadValues() {
    QFETCH(QString, queryText);
    QFETCH(QString, named);
    const auto result = ContainerListOptions::fromQuery(QUrlQuery(queryText));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().status, 400);
    QVERIFY2(result.error().message.contains(named), qPrintable(result.error().message));
}

void TstApiContainerTypes::stopAndRemoveOptionsFromQuery() {
    const auto stop = ContainerStopOptions::fromQuery(query("t=5&signal=SIGINT"));
    QVERIFY(stop.ok());
    QCOMPARE(stop.value().timeout, 5);
    QCOMPARE(stop.value().signal, QStringLiteral("SIGINT"));
    QVERIFY(!ContainerStopOptions::fromQuery(query("")).value().timeout);
    QVERIFY(!ContainerStopOptions::fromQuery(query("t=soon")).ok());
    const auto remove = ContainerRemoveOptions::fromQuery(query("force=1&v=true"));
    QVERIFY(remove.ok());
    QVERIFY(remove.value().force);
    QVERIFY(remove.value().volumes);
    QVERIFY(!ContainerRemoveOptions::fromQuery(query("v=yes")).ok());
}

void TstApiContainerTypes::waitConditionAcceptsTheThreeNames() {
    QCOMPARE(waitConditionFromQuery(query("")).value(), WaitCondition::NotRunning);
    QCOMPARE(waitConditionFromQuery(query("condition=not-running")).value(),
             WaitCondition::NotRunning);
    QCOMPARE(waitConditionFromQuery(query("condition=next-exit")).value(), WaitCondition::NextExit);
    QCOMPARE(waitConditionFromQuery(query("condition=removed")).value(), WaitCondition::Removed);
    const auto bad = waitConditionFromQuery(query("condition=soon"));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().status, 400);
    for (WaitCondition condition :
         {WaitCondition::NotRunning, WaitCondition::NextExit, WaitCondition::Removed})
        QCOMPARE(waitConditionFromQuery(
                     QUrlQuery(QStringLiteral("condition=") + waitConditionName(condition)))
                     .value(),
                 condition);
}

void TstApiContainerTypes::logsOptionsFromQuery() {
    const auto result = ContainerLogsOptions::fromQuery(
        query("stdout=1&stderr=false&timestamps=true&tail=10&since=1700000000.5&until=1800000000"),
        false);
    QVERIFY(result.ok());
    const ContainerLogsOptions& o = result.value();
    QVERIFY(o.showStdout);
    QVERIFY(!o.showStderr);
    QVERIFY(!o.follow);
    QVERIFY(o.timestamps);
    QCOMPARE(o.tail, QStringLiteral("10"));
    QCOMPARE(o.since, QStringLiteral("1700000000.5"));
    QCOMPARE(o.until, QStringLiteral("1800000000"));
    const auto stream = ContainerLogsOptions::fromQuery(query("stderr=1&follow=0"), true);
    QVERIFY(stream.ok());
    QVERIFY(stream.value().follow);
    QCOMPARE(stream.value().tail, QStringLiteral("all"));
}

void TstApiContainerTypes::logsOptionsRejectBadValues() {
    for (const char* text :
         {"", "stdout=0&stderr=0", "stdout=1&tail=-1", "stdout=1&tail=x", "stdout=yes",
          "stdout=1&follow=2", "stdout=1&since=abc", "stdout=1&until=2024-01-01T00:00:00Z"}) {
        const auto result = ContainerLogsOptions::fromQuery(query(text), false);
        QVERIFY2(!result.ok(), text);
        QCOMPARE(result.error().status, 400);
    }
    QCOMPARE(ContainerLogsOptions::fromQuery(query(""), false).error().message,
             QStringLiteral("Bad parameters: you must choose at least one stream"));
}

QTEST_MAIN(TstApiContainerTypes)
#include "tst_api_containertypes.moc"
