// The Docker backend's container mapping: which Docker request each operation makes (path,
// query, body, header timeout), with every id percent-encoded inside its segment, and how Docker's
// answers (recorded from dockerd 20.10.24, API 1.41) become the contract's types with nothing lost.

#include "backends/docker/dockercontainermapping.h"
#include "docker/dockerpath.h"

#include <QJsonArray>
#include <QTest>

using namespace sockerless;
using namespace sockerless::backends::containermapping;

namespace {

// `GET /containers/{id}/json` of a created container with a memory limit and a port binding.
const char* const recordedInspect =
    R"({"Id":"5678c4a7bf8580f2500a57380612c9df20ae8c033b369eb7f750003e608c50ad","Created":"2026-11-28T15:58:33.157073574Z","Path":"sleep","Args":["5"],"State":{"Status":"created","Running":false,"Paused":false,"Restarting":false,"OOMKilled":false,"Dead":false,"Pid":0,"ExitCode":0,"Error":"","StartedAt":"0001-01-01T00:00:00Z","FinishedAt":"0001-01-01T00:00:00Z"},"Image":"sha256:e111dffe477cd1013857c5895bf339502ab4a9f90d4099a2cfc4941275b1252e","ResolvConfPath":"","HostnamePath":"","HostsPath":"","LogPath":"","Name":"/h1rec","RestartCount":0,"Driver":"overlay2","Platform":"linux","MountLabel":"","ProcessLabel":"","AppArmorProfile":"","ExecIDs":null,"HostConfig":{"Binds":null,"ContainerIDFile":"","LogConfig":{"Type":"json-file","Config":{}},"NetworkMode":"default","PortBindings":{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"0"}]},"RestartPolicy":{"Name":"","MaximumRetryCount":0},"AutoRemove":false,"VolumeDriver":"","VolumesFrom":null,"CapAdd":null,"CapDrop":null,"CgroupnsMode":"host","Dns":null,"DnsOptions":null,"DnsSearch":null,"ExtraHosts":null,"GroupAdd":null,"IpcMode":"private","Cgroup":"","Links":null,"OomScoreAdj":0,"PidMode":"","Privileged":false,"PublishAllPorts":false,"ReadonlyRootfs":false,"SecurityOpt":null,"UTSMode":"","UsernsMode":"","ShmSize":67108864,"Runtime":"runc","ConsoleSize":[0,0],"Isolation":"","CpuShares":0,"Memory":67108864,"NanoCpus":0,"CgroupParent":"","BlkioWeight":0,"BlkioWeightDevice":null,"BlkioDeviceReadBps":null,"BlkioDeviceWriteBps":null,"BlkioDeviceReadIOps":null,"BlkioDeviceWriteIOps":null,"CpuPeriod":0,"CpuQuota":0,"CpuRealtimePeriod":0,"CpuRealtimeRuntime":0,"CpusetCpus":"","CpusetMems":"","Devices":null,"DeviceCgroupRules":null,"DeviceRequests":null,"KernelMemory":0,"KernelMemoryTCP":0,"MemoryReservation":0,"MemorySwap":134217728,"MemorySwappiness":null,"OomKillDisable":false,"PidsLimit":null,"Ulimits":null,"CpuCount":0,"CpuPercent":0,"IOMaximumIOps":0,"IOMaximumBandwidth":0,"MaskedPaths":["/proc/asound","/proc/acpi","/proc/kcore","/proc/keys","/proc/latency_stats","/proc/timer_list","/proc/timer_stats","/proc/sched_debug","/proc/scsi","/sys/firmware"],"ReadonlyPaths":["/proc/bus","/proc/fs","/proc/irq","/proc/sys","/proc/sysrq-trigger"]},"GraphDriver":{"Data":{"LowerDir":"/var/lib/docker/overlay2/02753d91c7be22ff379d18c5be20511a753a674c00ed437f82fc788eaef04bb0-init/diff:/var/lib/docker/overlay2/de9734204c356d6e4ac23af7d435840e8abd1357508ce888cc16b852cc546a89/diff","MergedDir":"/var/lib/docker/overlay2/02753d91c7be22ff379d18c5be20511a753a674c00ed437f82fc788eaef04bb0/merged","UpperDir":"/var/lib/docker/overlay2/02753d91c7be22ff379d18c5be20511a753a674c00ed437f82fc788eaef04bb0/diff","WorkDir":"/var/lib/docker/overlay2/02753d91c7be22ff379d18c5be20511a753a674c00ed437f82fc788eaef04bb0/work"},"Name":"overlay2"},"Mounts":[],"Config":{"Hostname":"5678c4a7bf85","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"ExposedPorts":{"80/tcp":{}},"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":["PATH=/bin"],"Cmd":["sleep","5"],"Image":"sockerless-test/busybox:latest","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":{"rec":"1"}},"NetworkSettings":{"Bridge":"","SandboxID":"","HairpinMode":false,"LinkLocalIPv6Address":"","LinkLocalIPv6PrefixLen":0,"Ports":{},"SandboxKey":"","SecondaryIPAddresses":null,"SecondaryIPv6Addresses":null,"EndpointID":"","Gateway":"","GlobalIPv6Address":"","GlobalIPv6PrefixLen":0,"IPAddress":"","IPPrefixLen":0,"IPv6Gateway":"","MacAddress":"","Networks":{"bridge":{"IPAMConfig":null,"Links":null,"Aliases":null,"NetworkID":"","EndpointID":"","Gateway":"","IPAddress":"","IPPrefixLen":0,"IPv6Gateway":"","GlobalIPv6Address":"","GlobalIPv6PrefixLen":0,"MacAddress":"","DriverOpts":null}}}})";

// `GET /containers/json?all=1` with one container (a published port added by hand).
const char* const recordedList =
    R"([{"Id":"5678c4a7bf8580f2500a57380612c9df20ae8c033b369eb7f750003e608c50ad","Names":["/h1rec"],"Image":"sockerless-test/busybox:latest","ImageID":"sha256:e111dffe477cd1013857c5895bf339502ab4a9f90d4099a2cfc4941275b1252e","Command":"sleep 5","Created":1795881513,"Ports":[{"IP":"127.0.0.1","PrivatePort":80,"PublicPort":49153,"Type":"tcp"}],"Labels":{"rec":"1"},"State":"created","Status":"Created","HostConfig":{"NetworkMode":"default"},"NetworkSettings":{"Networks":{"bridge":{"IPAMConfig":null,"Links":null,"Aliases":null,"NetworkID":"","EndpointID":"","Gateway":"","IPAddress":"","IPPrefixLen":0,"IPv6Gateway":"","GlobalIPv6Address":"","GlobalIPv6PrefixLen":0,"MacAddress":"","DriverOpts":null}}},"Mounts":[]}])";

QString queryValue(const docker::DockerRequest& request, const char* key) {
    // The stored value is percent-encoded (addQueryValue); decode it as Docker will.
    return QUrl::fromPercentEncoding(
        request.query.queryItemValue(QString::fromLatin1(key), QUrl::FullyEncoded).toUtf8());
}

api::ContainerCreateRequest createRequest(const char* body) {
    return api::ContainerCreateRequest::fromJson(QJsonDocument::fromJson(QByteArray(body)).object())
        .value();
}

} // namespace

class TstDockerMappingContainers : public QObject {
    Q_OBJECT

private slots:
    void createSendsTheBodyWithoutTheName();
    void createNameIsOneQueryValue();
    void createWithoutNameHasNoQuery();
    void listSendsFiltersInTheMapShape();
    void listDefaultsSendNothing();
    void idsArePercentEncodedInEveryPath_data();
    void idsArePercentEncodedInEveryPath();
    void stopKillRemoveCarryTheirOptions();
    void waitAndFollowedLogsHaveNoHeaderTimeout();
    void logsSendEveryOption();
    void inspectKeepsEverythingDockerSent();
    void listKeepsEverythingDockerSent();
    void createdAnswerWithNullWarningsGivesEmptyArray();
    void unexpectedAnswersAre500();
    void logsContentTypeFollowsTty();
};

void TstDockerMappingContainers::createSendsTheBodyWithoutTheName() {
    const auto request = createRequest(
        R"({"Image":"busybox","Name":"web","Cmd":"true","HostConfig":{"Memory":1048576,"X":1},
            "NetworkingConfig":{"EndpointsConfig":{"n":{"Aliases":["a"]}}},"Unknown":true})");
    const docker::DockerRequest out = toDockerCreateRequest(request);
    QCOMPARE(out.method, QByteArray("POST"));
    QCOMPARE(out.path, QByteArray("/containers/create"));
    QCOMPARE(queryValue(out, "name"), QStringLiteral("web"));
    const QJsonObject body = QJsonDocument::fromJson(out.body).object();
    QVERIFY(!body.contains(QStringLiteral("Name")));
    QCOMPARE(body.value(QStringLiteral("Image")).toString(), QStringLiteral("busybox"));
    QCOMPARE(body.value(QStringLiteral("Cmd")), QJsonValue(QJsonArray{QStringLiteral("true")}));
    QCOMPARE(body.value(QStringLiteral("Unknown")), QJsonValue(true));
    const QJsonObject host = body.value(QStringLiteral("HostConfig")).toObject();
    QCOMPARE(host.value(QStringLiteral("Memory")).toInteger(), 1048576);
    QCOMPARE(host.value(QStringLiteral("X")).toInt(), 1);
    QVERIFY(body.value(QStringLiteral("NetworkingConfig"))
                .toObject()
                .value(QStringLiteral("EndpointsConfig"))
                .toObject()
                .contains(QStringLiteral("n")));
    QCOMPARE(toDockerCreateBody(request), body);
}

void TstDockerMappingContainers::createNameIsOneQueryValue() {
    api::ContainerCreateRequest request = createRequest(R"({"Image":"busybox"})");
    request.name = QStringLiteral("a&force=1#x%41");
    const docker::DockerRequest out = toDockerCreateRequest(request);
    QCOMPARE(out.query.queryItems().size(), 1);
    QCOMPARE(queryValue(out, "name"), QStringLiteral("a&force=1#x%41"));
}

void TstDockerMappingContainers::createWithoutNameHasNoQuery() {
    const docker::DockerRequest out = toDockerCreateRequest(createRequest(R"({"Image":"b"})"));
    QVERIFY(out.query.isEmpty());
}

void TstDockerMappingContainers::listSendsFiltersInTheMapShape() {
    api::ContainerListOptions options =
        api::ContainerListOptions::fromQuery(
            QUrlQuery(QStringLiteral(
                "all=1&limit=2&size=true&filters=%7B%22label%22%3A%5B%22a%3Db%22%5D%7D")))
            .value();
    const docker::DockerRequest out = toDockerListRequest(options);
    QCOMPARE(out.method, QByteArray("GET"));
    QCOMPARE(out.path, QByteArray("/containers/json"));
    QCOMPARE(queryValue(out, "all"), QStringLiteral("1"));
    QCOMPARE(queryValue(out, "limit"), QStringLiteral("2"));
    QCOMPARE(queryValue(out, "size"), QStringLiteral("1"));
    QCOMPARE(QJsonDocument::fromJson(queryValue(out, "filters").toUtf8()).object(),
             QJsonDocument::fromJson(R"({"label":{"a=b":true}})").object());
}

void TstDockerMappingContainers::listDefaultsSendNothing() {
    const docker::DockerRequest out = toDockerListRequest(api::ContainerListOptions{});
    QVERIFY(out.query.isEmpty());
}

void TstDockerMappingContainers::idsArePercentEncodedInEveryPath_data() {
    QTest::addColumn<QString>("id");
    QTest::newRow("slash and dots") << QStringLiteral("x/../images/json");
    QTest::newRow("query") << QStringLiteral("a?force=1");
    QTest::newRow("fragment") << QStringLiteral("a#b");
    QTest::newRow("percent") << QStringLiteral("a%2Fb");
    QTest::newRow("space and unicode") << QStringLiteral("a b\u00e9");
}

void TstDockerMappingContainers::idsArePercentEncodedInEveryPath() {
    QFETCH(QString, id);
    const QByteArray encoded = docker::DockerPath::encodeSegment(id);
    QVERIFY(!encoded.contains('/') && !encoded.contains('?') && !encoded.contains('#'));
    const QList<QPair<docker::DockerRequest, QByteArray>> cases{
        {toDockerInspectRequest(id, false), "/containers/" + encoded + "/json"},
        {toDockerStartRequest(id), "/containers/" + encoded + "/start"},
        {toDockerStopRequest(id, {}), "/containers/" + encoded + "/stop"},
        {toDockerKillRequest(id, {}), "/containers/" + encoded + "/kill"},
        {toDockerRemoveRequest(id, {}), "/containers/" + encoded},
        {toDockerWaitRequest(id, api::WaitCondition::NextExit), "/containers/" + encoded + "/wait"},
        {toDockerLogsRequest(id, {}), "/containers/" + encoded + "/logs"},
    };
    for (const auto& [request, path] : cases)
        QCOMPARE(request.path, path);
}

void TstDockerMappingContainers::stopKillRemoveCarryTheirOptions() {
    api::ContainerStopOptions stop;
    QVERIFY(toDockerStopRequest(QStringLiteral("c"), stop).query.isEmpty());
    stop.timeout = 0;
    stop.signal = QStringLiteral("SIGINT");
    const auto stopRequest = toDockerStopRequest(QStringLiteral("c"), stop);
    QCOMPARE(stopRequest.method, QByteArray("POST"));
    QCOMPARE(queryValue(stopRequest, "t"), QStringLiteral("0"));
    QCOMPARE(queryValue(stopRequest, "signal"), QStringLiteral("SIGINT"));
    // Stopping waits up to `t` seconds before Docker answers.
    QCOMPARE(stopRequest.headerTimeoutMs, 0);

    QCOMPARE(queryValue(toDockerKillRequest(QStringLiteral("c"), {}), "signal"),
             QStringLiteral("SIGKILL"));
    QCOMPARE(queryValue(toDockerKillRequest(QStringLiteral("c"), QStringLiteral("HUP")), "signal"),
             QStringLiteral("HUP"));

    api::ContainerRemoveOptions remove;
    const auto plain = toDockerRemoveRequest(QStringLiteral("c"), remove);
    QCOMPARE(plain.method, QByteArray("DELETE"));
    QVERIFY(plain.query.isEmpty());
    remove.force = true;
    remove.volumes = true;
    const auto forced = toDockerRemoveRequest(QStringLiteral("c"), remove);
    QCOMPARE(queryValue(forced, "force"), QStringLiteral("1"));
    QCOMPARE(queryValue(forced, "v"), QStringLiteral("1"));
}

void TstDockerMappingContainers::waitAndFollowedLogsHaveNoHeaderTimeout() {
    const auto wait = toDockerWaitRequest(QStringLiteral("c"), api::WaitCondition::NextExit);
    QCOMPARE(wait.method, QByteArray("POST"));
    QCOMPARE(queryValue(wait, "condition"), QStringLiteral("next-exit"));
    QCOMPARE(wait.headerTimeoutMs, 0);
    api::ContainerLogsOptions logs;
    logs.showStdout = true;
    QVERIFY(toDockerLogsRequest(QStringLiteral("c"), logs).headerTimeoutMs > 0);
    logs.follow = true;
    QCOMPARE(toDockerLogsRequest(QStringLiteral("c"), logs).headerTimeoutMs, 0);
}

void TstDockerMappingContainers::logsSendEveryOption() {
    api::ContainerLogsOptions logs;
    logs.showStdout = true;
    logs.follow = true;
    logs.timestamps = true;
    logs.tail = QStringLiteral("5");
    logs.since = QStringLiteral("1700000000");
    logs.until = QStringLiteral("1800000000.5");
    const auto out = toDockerLogsRequest(QStringLiteral("c"), logs);
    QCOMPARE(out.method, QByteArray("GET"));
    QCOMPARE(queryValue(out, "stdout"), QStringLiteral("1"));
    QCOMPARE(queryValue(out, "stderr"), QStringLiteral("0"));
    QCOMPARE(queryValue(out, "follow"), QStringLiteral("1"));
    QCOMPARE(queryValue(out, "timestamps"), QStringLiteral("1"));
    QCOMPARE(queryValue(out, "tail"), QStringLiteral("5"));
    QCOMPARE(queryValue(out, "since"), QStringLiteral("1700000000"));
    QCOMPARE(queryValue(out, "until"), QStringLiteral("1800000000.5"));
}

void TstDockerMappingContainers::inspectKeepsEverythingDockerSent() {
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(recordedInspect));
    QVERIFY(document.isObject());
    const auto result = fromDockerInspect(document);
    QVERIFY(result.ok());
    const api::ContainerInspect& c = result.value();
    QCOMPARE(*c.name, QStringLiteral("/h1rec"));
    QCOMPARE(*c.state->status, QStringLiteral("created"));
    QCOMPARE(*c.state->pid, 0);
    QCOMPARE(*c.hostConfig->memory, 67108864);
    QCOMPARE(c.hostConfig->portBindings->value(QStringLiteral("80/tcp")).first().hostIp,
             QStringLiteral("127.0.0.1"));
    QCOMPARE(*c.config->exposedPorts, QStringList{QStringLiteral("80/tcp")});
    QCOMPARE(*c.config->tty, false);
    QVERIFY(c.networkSettings->networks->contains(QStringLiteral("bridge")));
    QVERIFY(c.extra.contains(QStringLiteral("GraphDriver")));
    QCOMPARE(c.toJson(), document.object());
}

void TstDockerMappingContainers::listKeepsEverythingDockerSent() {
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(recordedList));
    const auto result = fromDockerList(document);
    QVERIFY(result.ok());
    QCOMPARE(result.value().size(), 1);
    const api::ContainerSummary& s = result.value().first();
    QCOMPARE(*s.names, QStringList{QStringLiteral("/h1rec")});
    QCOMPARE(*s.state, QStringLiteral("created"));
    QCOMPARE(*s.ports->first().publicPort, 49153);
    QCOMPARE(s.labels->value(QStringLiteral("rec")), QStringLiteral("1"));
    QCOMPARE(s.toJson(), document.array().first().toObject());
}

void TstDockerMappingContainers::createdAnswerWithNullWarningsGivesEmptyArray() {
    const auto result =
        fromDockerCreated(QJsonDocument::fromJson(R"({"Id":"abc","Warnings":null})"));
    QVERIFY(result.ok());
    QCOMPARE(result.value().toJson().value(QStringLiteral("Warnings")), QJsonValue(QJsonArray()));
}

void TstDockerMappingContainers::unexpectedAnswersAre500() {
    QCOMPARE(fromDockerInspect(QJsonDocument()).error().status, 500);
    QCOMPARE(fromDockerInspect(QJsonDocument::fromJson(R"({"State":"up"})")).error().status, 500);
    QCOMPARE(fromDockerList(QJsonDocument::fromJson(R"({"a":1})")).error().status, 500);
    QCOMPARE(fromDockerList(QJsonDocument::fromJson(R"([{"Names":"x"}])")).error().status, 500);
    QCOMPARE(fromDockerCreated(QJsonDocument::fromJson(R"({"Warnings":[]})")).error().status, 500);
    const QString message =
        fromDockerInspect(QJsonDocument::fromJson(R"({"State":"up"})")).error().message;
    QVERIFY2(message.contains(QStringLiteral("'State'")), qPrintable(message));
}

void TstDockerMappingContainers::logsContentTypeFollowsTty() {
    QCOMPARE(logsContentType(true), QByteArray("application/vnd.docker.raw-stream"));
    QCOMPARE(logsContentType(false), QByteArray("application/vnd.docker.multiplexed-stream"));
}

QTEST_MAIN(TstDockerMappingContainers)
#include "tst_dockermapping_containers.moc"
