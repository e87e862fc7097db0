// The container routes (create, list, inspect, start, stop, kill, remove) of the real sockerlessd
// on the backend under test: every answer is checked against the contract and, where the call
// changes something, against the engine's own view of the container (Docker's, for the Docker
// backend).

#include "blackboxcase.h"
#include "testenv.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrl>

using sockerless::test::BlackboxCase;
using sockerless::test::TestEnv;

class TstBlackboxContainers : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void createPassesConfigFieldsToDocker();
    void createPassesHostConfigFieldsToDocker();
    void createKeepsFieldsTheDaemonDoesNotKnow();
    void createTakesTheNameFromTheBody();
    void createConnectsToNetworkWithAliases();
    void createNameInUseIs409();
    void createUnknownImageIs404();
    void createMissingImageIs400();
    void createMalformedJsonIs400();
    void createWrongFieldTypeIs400NamingTheField();

    void inspectHasTheContractShape();
    void inspectWithSizeReportsSizes();
    void inspectUnknownIs404WithMessage();

    void listShowsRunningOnlyUnlessAll();
    void listFiltersAcceptBothShapes();
    void listFiltersByNameAndStatus();
    void listLimitCapsTheAnswer();
    void listBadAllIs400();
    void listBadFiltersIs400();

    void startIs204ThenSecondStartIs304();
    void stopIs204ThenSecondStopIs304();
    void stopWithZeroTimeoutKills();
    void killStoppedContainerIs409();
    void killWithSignalDeliversIt();
    void killDefaultsToSigkillExitCode137();
    void removeRunningIs409ThenForceIs204();
    void removeWithVolumesRemovesAnonymousVolume();
    void callsOnUnknownContainerAre404();

    void hostileIdsNeverReachAnotherEndpoint();
    void dotAndControlCharacterIdsAre400();

private:
    QJsonObject inspect(const QString& id);
    QJsonObject engineState(const QString& id);
    QStringList listedIds(const QString& query);
    static QString encode(const QString& value) {
        return QString::fromLatin1(QUrl::toPercentEncoding(value));
    }
    QString filterQuery(const QJsonObject& filters) {
        return encode(QString::fromUtf8(QJsonDocument(filters).toJson(QJsonDocument::Compact)));
    }

    BlackboxCase m_case;
};

void TstBlackboxContainers::init() {
    SOCKERLESS_REQUIRE_DOCKER();
    QString error;
    QVERIFY2(m_case.start(&error), qPrintable(error));
}

void TstBlackboxContainers::cleanup() {
    m_case.finish();
}

QJsonObject TstBlackboxContainers::inspect(const QString& id) {
    return m_case.call("GET", QStringLiteral("/internal/v1/containers/%1").arg(id)).json().object();
}

QJsonObject TstBlackboxContainers::engineState(const QString& id) {
    return m_case.engineInspect(QStringLiteral("containers"), id)
        .value(QStringLiteral("State"))
        .toObject();
}

// The ids of the listed containers that carry this run's label.
QStringList TstBlackboxContainers::listedIds(const QString& query) {
    const auto reply = m_case.call("GET", QStringLiteral("/internal/v1/containers?") + query);
    if (reply.status != 200)
        return {QStringLiteral("status %1").arg(reply.status)};
    QStringList ids;
    for (const QJsonValue& entry : reply.json().array()) {
        const QJsonObject object = entry.toObject();
        if (object.value(QStringLiteral("Labels")).toObject().value(BlackboxCase::labelKey()) ==
            m_case.labelValue())
            ids.append(object.value(QStringLiteral("Id")).toString());
    }
    return ids;
}

// ---- create -----------------------------------------------------------------------------------

void TstBlackboxContainers::createPassesConfigFieldsToDocker() {
    const QJsonObject extra{
        {QStringLiteral("Env"), QJsonArray{QStringLiteral("ALPHA=1"), QStringLiteral("BETA=two")}},
        {QStringLiteral("Labels"), QJsonObject{{QStringLiteral("team"), QStringLiteral("ci")}}},
        {QStringLiteral("WorkingDir"), QStringLiteral("/tmp")},
        {QStringLiteral("User"), QStringLiteral("1000:1000")},
        {QStringLiteral("Hostname"), QStringLiteral("builder")},
        {QStringLiteral("Domainname"), QStringLiteral("example.test")},
        {QStringLiteral("Entrypoint"), QStringLiteral("/bin/sh")},
        {QStringLiteral("StopSignal"), QStringLiteral("SIGUSR1")},
        {QStringLiteral("StopTimeout"), 7},
        {QStringLiteral("Tty"), true},
        {QStringLiteral("OpenStdin"), true},
        {QStringLiteral("ExposedPorts"), QJsonObject{{QStringLiteral("8080/tcp"), QJsonObject{}}}},
        {QStringLiteral("Healthcheck"),
         QJsonObject{{QStringLiteral("Test"),
                      QJsonArray{QStringLiteral("CMD-SHELL"), QStringLiteral("true")}},
                     {QStringLiteral("Interval"), 2000000000LL},
                     {QStringLiteral("Retries"), 3}}},
    };
    const QString id =
        m_case.createContainer({QStringLiteral("-c"), QStringLiteral("true")}, extra);
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    const QJsonObject config = m_case.engineInspect(QStringLiteral("containers"), id)
                                   .value(QStringLiteral("Config"))
                                   .toObject();
    const QJsonArray env = config.value(QStringLiteral("Env")).toArray();
    QVERIFY(env.contains(QStringLiteral("ALPHA=1")));
    QVERIFY(env.contains(QStringLiteral("BETA=two")));
    QCOMPARE(config.value(QStringLiteral("Labels")).toObject().value(QStringLiteral("team")),
             QStringLiteral("ci"));
    QCOMPARE(config.value(QStringLiteral("WorkingDir")).toString(), QStringLiteral("/tmp"));
    QCOMPARE(config.value(QStringLiteral("User")).toString(), QStringLiteral("1000:1000"));
    QCOMPARE(config.value(QStringLiteral("Hostname")).toString(), QStringLiteral("builder"));
    QCOMPARE(config.value(QStringLiteral("Domainname")).toString(), QStringLiteral("example.test"));
    QCOMPARE(config.value(QStringLiteral("Entrypoint")).toArray(),
             QJsonArray{QStringLiteral("/bin/sh")});
    QCOMPARE(config.value(QStringLiteral("Cmd")).toArray(),
             (QJsonArray{QStringLiteral("-c"), QStringLiteral("true")}));
    QCOMPARE(config.value(QStringLiteral("StopSignal")).toString(), QStringLiteral("SIGUSR1"));
    QCOMPARE(config.value(QStringLiteral("StopTimeout")).toInt(), 7);
    QVERIFY(config.value(QStringLiteral("Tty")).toBool());
    QVERIFY(config.value(QStringLiteral("OpenStdin")).toBool());
    QVERIFY(config.value(QStringLiteral("ExposedPorts"))
                .toObject()
                .contains(QStringLiteral("8080/tcp")));
    const QJsonObject health = config.value(QStringLiteral("Healthcheck")).toObject();
    QCOMPARE(health.value(QStringLiteral("Retries")).toInt(), 3);
    QCOMPARE(health.value(QStringLiteral("Interval")).toInteger(), 2000000000LL);
}

void TstBlackboxContainers::createPassesHostConfigFieldsToDocker() {
    const QJsonObject hostConfig{
        {QStringLiteral("Memory"), 64LL * 1024 * 1024},
        {QStringLiteral("NanoCpus"), 500000000LL},
        {QStringLiteral("CpuShares"), 512},
        {QStringLiteral("ShmSize"), 8LL * 1024 * 1024},
        {QStringLiteral("CapAdd"), QJsonArray{QStringLiteral("NET_ADMIN")}},
        {QStringLiteral("CapDrop"), QJsonArray{QStringLiteral("MKNOD")}},
        {QStringLiteral("Dns"), QJsonArray{QStringLiteral("10.0.0.53")}},
        {QStringLiteral("ExtraHosts"), QJsonArray{QStringLiteral("db.test:10.0.0.5")}},
        {QStringLiteral("GroupAdd"), QJsonArray{QStringLiteral("1234")}},
        {QStringLiteral("Init"), true},
        {QStringLiteral("Privileged"), false},
        {QStringLiteral("AutoRemove"), false},
        {QStringLiteral("Tmpfs"),
         QJsonObject{{QStringLiteral("/scratch"), QStringLiteral("size=1m")}}},
        {QStringLiteral("RestartPolicy"),
         QJsonObject{{QStringLiteral("Name"), QStringLiteral("on-failure")},
                     {QStringLiteral("MaximumRetryCount"), 2}}},
        {QStringLiteral("LogConfig"),
         QJsonObject{{QStringLiteral("Type"), QStringLiteral("json-file")},
                     {QStringLiteral("Config"),
                      QJsonObject{{QStringLiteral("max-size"), QStringLiteral("1m")}}}}},
        {QStringLiteral("PortBindings"),
         QJsonObject{
             {QStringLiteral("80/tcp"),
              QJsonArray{QJsonObject{{QStringLiteral("HostIp"), QStringLiteral("127.0.0.1")},
                                     {QStringLiteral("HostPort"), QStringLiteral("0")}}}}}},
        {QStringLiteral("Mounts"),
         QJsonArray{QJsonObject{{QStringLiteral("Type"), QStringLiteral("tmpfs")},
                                {QStringLiteral("Target"), QStringLiteral("/mnt/t")}}}},
    };
    const QString id = m_case.createContainer({QStringLiteral("true")},
                                              {{QStringLiteral("HostConfig"), hostConfig}});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    const QJsonObject host = m_case.engineInspect(QStringLiteral("containers"), id)
                                 .value(QStringLiteral("HostConfig"))
                                 .toObject();
    QCOMPARE(host.value(QStringLiteral("Memory")).toInteger(), 64LL * 1024 * 1024);
    QCOMPARE(host.value(QStringLiteral("NanoCpus")).toInteger(), 500000000LL);
    QCOMPARE(host.value(QStringLiteral("CpuShares")).toInt(), 512);
    QCOMPARE(host.value(QStringLiteral("ShmSize")).toInteger(), 8LL * 1024 * 1024);
    QCOMPARE(host.value(QStringLiteral("CapAdd")).toArray(),
             QJsonArray{QStringLiteral("NET_ADMIN")});
    QCOMPARE(host.value(QStringLiteral("CapDrop")).toArray(), QJsonArray{QStringLiteral("MKNOD")});
    QCOMPARE(host.value(QStringLiteral("Dns")).toArray(), QJsonArray{QStringLiteral("10.0.0.53")});
    QCOMPARE(host.value(QStringLiteral("ExtraHosts")).toArray(),
             QJsonArray{QStringLiteral("db.test:10.0.0.5")});
    QCOMPARE(host.value(QStringLiteral("GroupAdd")).toArray(), QJsonArray{QStringLiteral("1234")});
    QVERIFY(host.value(QStringLiteral("Init")).toBool());
    QCOMPARE(host.value(QStringLiteral("Tmpfs")).toObject().value(QStringLiteral("/scratch")),
             QStringLiteral("size=1m"));
    const QJsonObject restart = host.value(QStringLiteral("RestartPolicy")).toObject();
    QCOMPARE(restart.value(QStringLiteral("Name")).toString(), QStringLiteral("on-failure"));
    QCOMPARE(restart.value(QStringLiteral("MaximumRetryCount")).toInt(), 2);
    const QJsonObject log = host.value(QStringLiteral("LogConfig")).toObject();
    QCOMPARE(log.value(QStringLiteral("Config")).toObject().value(QStringLiteral("max-size")),
             QStringLiteral("1m"));
    QCOMPARE(host.value(QStringLiteral("PortBindings"))
                 .toObject()
                 .value(QStringLiteral("80/tcp"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("HostIp")),
             QStringLiteral("127.0.0.1"));
    QCOMPARE(host.value(QStringLiteral("Mounts"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("Target")),
             QStringLiteral("/mnt/t"));
}

void TstBlackboxContainers::createKeepsFieldsTheDaemonDoesNotKnow() {
    // Neither OomScoreAdj nor MacAddress is a typed field of the contract: they must still
    // reach the engine (Docker), and come back in the daemon's inspect.
    const QString id = m_case.createContainer(
        {QStringLiteral("true")},
        {{QStringLiteral("MacAddress"), QStringLiteral("02:42:ac:11:00:99")},
         {QStringLiteral("HostConfig"), QJsonObject{{QStringLiteral("OomScoreAdj"), 123}}}});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    const QJsonObject engine = m_case.engineInspect(QStringLiteral("containers"), id);
    QCOMPARE(
        engine.value(QStringLiteral("HostConfig")).toObject().value(QStringLiteral("OomScoreAdj")),
        QJsonValue(123));
    QCOMPARE(engine.value(QStringLiteral("Config")).toObject().value(QStringLiteral("MacAddress")),
             QStringLiteral("02:42:ac:11:00:99"));
    const QJsonObject ours = inspect(id);
    QCOMPARE(
        ours.value(QStringLiteral("HostConfig")).toObject().value(QStringLiteral("OomScoreAdj")),
        QJsonValue(123));
    // Everything the engine reports at the top level is kept, not only the contract's fields.
    for (auto it = engine.begin(); it != engine.end(); ++it)
        QVERIFY2(ours.contains(it.key()), qPrintable(it.key()));
}

void TstBlackboxContainers::createTakesTheNameFromTheBody() {
    const QString name = m_case.uniqueName(QStringLiteral("bodyname"));
    const QString id =
        m_case.createContainer({QStringLiteral("true")}, {{QStringLiteral("Name"), name}});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    QCOMPARE(m_case.engineInspect(QStringLiteral("containers"), id)
                 .value(QStringLiteral("Name"))
                 .toString(),
             u'/' + name);
    // And the query's name wins over the body's.
    const QString queryName = m_case.uniqueName(QStringLiteral("queryname"));
    const QString second = m_case.createContainer(
        {QStringLiteral("true")},
        {{QStringLiteral("Name"), m_case.uniqueName(QStringLiteral("x"))}}, queryName);
    QVERIFY2(!second.isEmpty(), qPrintable(m_case.lastError()));
    QCOMPARE(m_case.engineInspect(QStringLiteral("containers"), second)
                 .value(QStringLiteral("Name"))
                 .toString(),
             u'/' + queryName);
}

void TstBlackboxContainers::createConnectsToNetworkWithAliases() {
    const QString network = m_case.uniqueName(QStringLiteral("net"));
    const QJsonObject create{{QStringLiteral("Name"), network},
                             {QStringLiteral("Labels"), m_case.labels()}};
    QVERIFY2(!m_case.engineCreate(QStringLiteral("networks"), create).isEmpty(),
             qPrintable(m_case.lastError()));
    const QJsonObject endpoints{
        {network, QJsonObject{{QStringLiteral("Aliases"), QJsonArray{QStringLiteral("db")}}}}};
    const QString id = m_case.createContainer(
        {QStringLiteral("true")},
        {{QStringLiteral("HostConfig"), QJsonObject{{QStringLiteral("NetworkMode"), network}}},
         {QStringLiteral("NetworkingConfig"),
          QJsonObject{{QStringLiteral("EndpointsConfig"), endpoints}}}});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    const QJsonObject networks = inspect(id)
                                     .value(QStringLiteral("NetworkSettings"))
                                     .toObject()
                                     .value(QStringLiteral("Networks"))
                                     .toObject();
    QVERIFY2(networks.contains(network), QJsonDocument(networks).toJson().constData());
    QVERIFY(networks.value(network)
                .toObject()
                .value(QStringLiteral("Aliases"))
                .toArray()
                .contains(QStringLiteral("db")));
}

void TstBlackboxContainers::createNameInUseIs409() {
    const QString name = m_case.uniqueName(QStringLiteral("dup"));
    QVERIFY2(!m_case.createContainer({QStringLiteral("true")}, {}, name).isEmpty(),
             qPrintable(m_case.lastError()));
    const QJsonObject body{{QStringLiteral("Image"), TestEnv::image()},
                           {QStringLiteral("Cmd"), QJsonArray{QStringLiteral("true")}},
                           {QStringLiteral("Labels"), m_case.labels()}};
    const auto reply =
        m_case.call("POST", QStringLiteral("/internal/v1/containers?name=") + name, body);
    QCOMPARE(reply.status, 409);
    const QString message = reply.json().object().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QStringLiteral("is already in use")), qPrintable(message));
    QVERIFY(message.contains(name));
}

void TstBlackboxContainers::createUnknownImageIs404() {
    const QJsonObject body{{QStringLiteral("Image"), QStringLiteral("sockerless-test/absent:none")},
                           {QStringLiteral("Labels"), m_case.labels()}};
    const auto reply = m_case.call("POST", QStringLiteral("/internal/v1/containers"), body);
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.json().object().value(QStringLiteral("message")).toString(),
             QStringLiteral("No such image: sockerless-test/absent:none"));
}

void TstBlackboxContainers::createMissingImageIs400() {
    for (const QJsonObject& body :
         {QJsonObject{{QStringLiteral("Cmd"), QJsonArray{QStringLiteral("true")}}},
          QJsonObject{{QStringLiteral("Image"), QString()}}}) {
        const auto reply = m_case.call("POST", QStringLiteral("/internal/v1/containers"), body);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json().object().value(QStringLiteral("message")).toString(),
                 QStringLiteral("missing required field 'Image'"));
    }
}

void TstBlackboxContainers::createMalformedJsonIs400() {
    const auto reply = m_case.daemon().request("POST", QStringLiteral("/internal/v1/containers"),
                                               QByteArrayLiteral("{\"Image\": \"busybox\""));
    QCOMPARE(reply.status, 400);
    const QString message = reply.json().object().value(QStringLiteral("message")).toString();
    QVERIFY2(message.startsWith(QStringLiteral("malformed JSON")), qPrintable(message));
}

void TstBlackboxContainers::createWrongFieldTypeIs400NamingTheField() {
    const QList<QPair<QJsonObject, QString>> cases{
        {{{QStringLiteral("HostConfig"),
           QJsonObject{{QStringLiteral("Memory"), QStringLiteral("1g")}}}},
         QStringLiteral("HostConfig.Memory")},
        {{{QStringLiteral("Env"), QStringLiteral("A=1")}}, QStringLiteral("Env")},
        {{{QStringLiteral("Tty"), QStringLiteral("yes")}}, QStringLiteral("Tty")},
        {{{QStringLiteral("HostConfig"),
           QJsonObject{{QStringLiteral("RestartPolicy"),
                        QJsonObject{{QStringLiteral("MaximumRetryCount"), QStringLiteral("x")}}}}}},
         QStringLiteral("HostConfig.RestartPolicy.MaximumRetryCount")},
    };
    for (const auto& [fields, path] : cases) {
        QJsonObject body = fields;
        body.insert(QStringLiteral("Image"), TestEnv::image());
        const auto reply = m_case.call("POST", QStringLiteral("/internal/v1/containers"), body);
        QCOMPARE(reply.status, 400);
        const QString message = reply.json().object().value(QStringLiteral("message")).toString();
        QVERIFY2(message.contains(u'\'' + path + u'\''), qPrintable(message));
    }
    // Nothing was created on the way.
    QVERIFY(listedIds(QStringLiteral("all=1")).isEmpty());
}

// ---- inspect ----------------------------------------------------------------------------------

void TstBlackboxContainers::inspectHasTheContractShape() {
    const QString name = m_case.uniqueName(QStringLiteral("shape"));
    const QString id = m_case.createContainer({QStringLiteral("true")}, {}, name);
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    const auto reply = m_case.call("GET", QStringLiteral("/internal/v1/containers/") + name);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
    const QJsonObject object = reply.json().object();
    QCOMPARE(object.value(QStringLiteral("Id")).toString(), id);
    QCOMPARE(object.value(QStringLiteral("Name")).toString(), u'/' + name);
    const QJsonObject state = object.value(QStringLiteral("State")).toObject();
    for (const char* field : {"Status", "Running", "Paused", "Restarting", "OOMKilled", "Dead",
                              "Pid", "ExitCode", "Error", "StartedAt", "FinishedAt"})
        QVERIFY2(state.contains(QLatin1String(field)), field);
    QCOMPARE(state.value(QStringLiteral("Status")).toString(), QStringLiteral("created"));
    for (const char* field : {"Config", "HostConfig", "NetworkSettings"})
        QVERIFY2(object.value(QLatin1String(field)).isObject(), field);
    QVERIFY(object.value(QStringLiteral("Mounts")).isArray());
    // Docker's other fields are kept as Docker sent them.
    QCOMPARE(
        object.value(QStringLiteral("Driver")),
        m_case.engineInspect(QStringLiteral("containers"), id).value(QStringLiteral("Driver")));
}

void TstBlackboxContainers::inspectWithSizeReportsSizes() {
    const QString id = m_case.createContainer({QStringLiteral("true")});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    QVERIFY(!inspect(id).contains(QStringLiteral("SizeRootFs")));
    const auto reply =
        m_case.call("GET", QStringLiteral("/internal/v1/containers/%1?size=1").arg(id));
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.json().object().value(QStringLiteral("SizeRootFs")).toDouble() > 0);
    const auto bad =
        m_case.call("GET", QStringLiteral("/internal/v1/containers/%1?size=big").arg(id));
    QCOMPARE(bad.status, 400);
}

void TstBlackboxContainers::inspectUnknownIs404WithMessage() {
    const auto reply =
        m_case.call("GET", QStringLiteral("/internal/v1/containers/sl-no-such-container"));
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(reply.json().object(),
             (QJsonObject{{QStringLiteral("message"),
                           QStringLiteral("No such container: sl-no-such-container")}}));
}

// ---- list -------------------------------------------------------------------------------------

void TstBlackboxContainers::listShowsRunningOnlyUnlessAll() {
    const QString running = m_case.runContainer({QStringLiteral("sleep"), QStringLiteral("60")});
    QVERIFY2(!running.isEmpty(), qPrintable(m_case.lastError()));
    const QString created = m_case.createContainer({QStringLiteral("true")});
    QVERIFY2(!created.isEmpty(), qPrintable(m_case.lastError()));
    const QString label = QStringLiteral("filters=") + m_case.labelFilterQuery();
    QCOMPARE(listedIds(label), QStringList{running});
    QStringList all = listedIds(label + QStringLiteral("&all=1"));
    all.sort();
    QStringList expected{running, created};
    expected.sort();
    QCOMPARE(all, expected);
    // The summary has the contract's fields.
    const auto reply = m_case.call("GET", QStringLiteral("/internal/v1/containers?") + label);
    const QJsonObject summary = reply.json().array().first().toObject();
    for (const char* field : {"Id", "Names", "Image", "ImageID", "Command", "Created", "State",
                              "Status", "Ports", "Labels"})
        QVERIFY2(summary.contains(QLatin1String(field)), field);
    QCOMPARE(summary.value(QStringLiteral("State")).toString(), QStringLiteral("running"));
}

void TstBlackboxContainers::listFiltersAcceptBothShapes() {
    const QString id =
        m_case.createContainer({QStringLiteral("true")},
                               {{QStringLiteral("Labels"),
                                 QJsonObject{{QStringLiteral("shape"), QStringLiteral("yes")}}}});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    QVERIFY2(!m_case.createContainer({QStringLiteral("true")}).isEmpty(),
             qPrintable(m_case.lastError()));
    const QString label = BlackboxCase::labelKey() + u'=' + m_case.labelValue();
    const QJsonObject arrayShape{
        {QStringLiteral("label"), QJsonArray{label, QStringLiteral("shape=yes")}}};
    const QJsonObject mapShape{
        {QStringLiteral("label"), QJsonObject{{label, true}, {QStringLiteral("shape=yes"), true}}}};
    QCOMPARE(listedIds(QStringLiteral("all=1&filters=") + filterQuery(arrayShape)),
             QStringList{id});
    QCOMPARE(listedIds(QStringLiteral("all=true&filters=") + filterQuery(mapShape)),
             QStringList{id});
}

void TstBlackboxContainers::listFiltersByNameAndStatus() {
    const QString name = m_case.uniqueName(QStringLiteral("byname"));
    const QString created = m_case.createContainer({QStringLiteral("true")}, {}, name);
    QVERIFY2(!created.isEmpty(), qPrintable(m_case.lastError()));
    const QString running = m_case.runContainer({QStringLiteral("sleep"), QStringLiteral("60")});
    QVERIFY2(!running.isEmpty(), qPrintable(m_case.lastError()));
    const QString label = BlackboxCase::labelKey() + u'=' + m_case.labelValue();
    const QJsonObject byName{{QStringLiteral("label"), QJsonArray{label}},
                             {QStringLiteral("name"), QJsonArray{name}}};
    QCOMPARE(listedIds(QStringLiteral("all=1&filters=") + filterQuery(byName)),
             QStringList{created});
    const QJsonObject byStatus{{QStringLiteral("label"), QJsonArray{label}},
                               {QStringLiteral("status"), QJsonArray{QStringLiteral("created")}}};
    QCOMPARE(listedIds(QStringLiteral("all=1&filters=") + filterQuery(byStatus)),
             QStringList{created});
    const QJsonObject runningOnly{
        {QStringLiteral("label"), QJsonArray{label}},
        {QStringLiteral("status"), QJsonArray{QStringLiteral("running")}}};
    QCOMPARE(listedIds(QStringLiteral("all=1&filters=") + filterQuery(runningOnly)),
             QStringList{running});
}

void TstBlackboxContainers::listLimitCapsTheAnswer() {
    for (int i = 0; i < 3; ++i)
        QVERIFY2(!m_case.createContainer({QStringLiteral("true")}).isEmpty(),
                 qPrintable(m_case.lastError()));
    const QString label = QStringLiteral("all=1&filters=") + m_case.labelFilterQuery();
    QCOMPARE(listedIds(label).size(), 3);
    QCOMPARE(listedIds(label + QStringLiteral("&limit=2")).size(), 2);
    const auto bad = m_case.call("GET", QStringLiteral("/internal/v1/containers?limit=many"));
    QCOMPARE(bad.status, 400);
}

void TstBlackboxContainers::listBadAllIs400() {
    const auto reply = m_case.call("GET", QStringLiteral("/internal/v1/containers?all=maybe"));
    QCOMPARE(reply.status, 400);
    const QString message = reply.json().object().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QStringLiteral("'all'")), qPrintable(message));
}

void TstBlackboxContainers::listBadFiltersIs400() {
    for (const QString& filters :
         {QStringLiteral("{nope"), QStringLiteral("[1]"), QStringLiteral("{\"label\":3}")}) {
        const auto reply = m_case.call("GET", QStringLiteral("/internal/v1/containers?filters=") +
                                                  encode(filters));
        QCOMPARE(reply.status, 400);
        const QString message = reply.json().object().value(QStringLiteral("message")).toString();
        QVERIFY2(message.contains(QStringLiteral("filters")), qPrintable(message));
    }
}

// ---- start, stop, kill, remove ----------------------------------------------------------------

void TstBlackboxContainers::startIs204ThenSecondStartIs304() {
    const QString id = m_case.createContainer({QStringLiteral("sleep"), QStringLiteral("60")});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    const QString path = QStringLiteral("/internal/v1/containers/%1/start").arg(id);
    const auto first = m_case.call("POST", path);
    QCOMPARE(first.status, 204);
    QVERIFY(engineState(id).value(QStringLiteral("Running")).toBool());
    const auto second = m_case.call("POST", path);
    QCOMPARE(second.status, 304);
    QVERIFY(second.body.isEmpty());
}

void TstBlackboxContainers::stopIs204ThenSecondStopIs304() {
    const QString id = m_case.runContainer({QStringLiteral("sleep"), QStringLiteral("60")});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    const QString path = QStringLiteral("/internal/v1/containers/%1/stop?t=1").arg(id);
    const auto first = m_case.call("POST", path);
    QCOMPARE(first.status, 204);
    QCOMPARE(engineState(id).value(QStringLiteral("Status")).toString(), QStringLiteral("exited"));
    const auto second = m_case.call("POST", path);
    QCOMPARE(second.status, 304);
    QVERIFY(second.body.isEmpty());
    const auto bad =
        m_case.call("POST", QStringLiteral("/internal/v1/containers/%1/stop?t=soon").arg(id));
    QCOMPARE(bad.status, 400);
}

void TstBlackboxContainers::stopWithZeroTimeoutKills() {
    // `sleep` as PID 1 ignores SIGTERM: with t=0 Docker kills at once, exit code 137.
    const QString id = m_case.runContainer({QStringLiteral("sleep"), QStringLiteral("60")});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    QCOMPARE(
        m_case.call("POST", QStringLiteral("/internal/v1/containers/%1/stop?t=0").arg(id)).status,
        204);
    QCOMPARE(engineState(id).value(QStringLiteral("ExitCode")).toInt(), 137);
}

void TstBlackboxContainers::killStoppedContainerIs409() {
    const QString id = m_case.createContainer({QStringLiteral("true")});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    const auto reply =
        m_case.call("POST", QStringLiteral("/internal/v1/containers/%1/kill").arg(id));
    QCOMPARE(reply.status, 409);
    const QString message = reply.json().object().value(QStringLiteral("message")).toString();
    // Docker's own text, as Docker words it (the memory backend has no Docker to ask: there it
    // is Docker's wording for the full id).
    if (m_case.isDocker()) {
        const auto direct = m_case.docker("POST", QStringLiteral("/containers/%1/kill").arg(id));
        QCOMPARE(direct.status, 409);
        QCOMPARE(message, direct.error.message);
    } else {
        QCOMPARE(message,
                 QStringLiteral("Cannot kill container: %1: Container %1 is not running").arg(id));
    }
    QVERIFY2(message.contains(QStringLiteral("is not running")), qPrintable(message));
}

void TstBlackboxContainers::killWithSignalDeliversIt() {
    const QString script = QStringLiteral("trap 'exit 7' USR1; while true; do sleep 0.1; done");
    const QString id = m_case.runContainer({QStringLiteral("sh"), QStringLiteral("-c"), script});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    // The trap is set once the shell runs its first command; retry until the signal lands.
    QDeadlineTimer deadline(20000);
    while (m_case.engineInspect(QStringLiteral("containers"), id)
               .value(QStringLiteral("State"))
               .toObject()
               .value(QStringLiteral("Running"))
               .toBool() &&
           !deadline.hasExpired()) {
        const auto reply = m_case.call(
            "POST", QStringLiteral("/internal/v1/containers/%1/kill?signal=SIGUSR1").arg(id));
        QVERIFY(reply.status == 204 || reply.status == 409);
        QTest::qWait(100);
    }
    QVERIFY(m_case.waitForStatus(id, QStringLiteral("exited")));
    QCOMPARE(engineState(id).value(QStringLiteral("ExitCode")).toInt(), 7);
}

void TstBlackboxContainers::killDefaultsToSigkillExitCode137() {
    const QString id = m_case.runContainer({QStringLiteral("sleep"), QStringLiteral("60")});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    QCOMPARE(m_case.call("POST", QStringLiteral("/internal/v1/containers/%1/kill").arg(id)).status,
             204);
    QVERIFY2(m_case.waitForStatus(id, QStringLiteral("exited")), qPrintable(m_case.lastError()));
    const QJsonObject state = inspect(id).value(QStringLiteral("State")).toObject();
    QCOMPARE(state.value(QStringLiteral("ExitCode")).toInt(), 137);
    QCOMPARE(state.value(QStringLiteral("Running")).toBool(), false);
}

void TstBlackboxContainers::removeRunningIs409ThenForceIs204() {
    const QString id = m_case.runContainer({QStringLiteral("sleep"), QStringLiteral("60")});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    const QString path = QStringLiteral("/internal/v1/containers/%1").arg(id);
    const auto refused = m_case.call("DELETE", path);
    QCOMPARE(refused.status, 409);
    const QString message = refused.json().object().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QStringLiteral("You cannot remove a running container")),
             qPrintable(message));
    QVERIFY(engineState(id).value(QStringLiteral("Running")).toBool());
    QCOMPARE(m_case.call("DELETE", path + QStringLiteral("?force=1")).status, 204);
    QCOMPARE(m_case.engineInspectStatus(QStringLiteral("containers"), id), 404);
    QCOMPARE(m_case.call("GET", path).status, 404);
}

void TstBlackboxContainers::removeWithVolumesRemovesAnonymousVolume() {
    // `Volumes` is passed through as an unknown field: Docker makes an anonymous volume.
    const QString id = m_case.createContainer(
        {QStringLiteral("true")},
        {{QStringLiteral("Volumes"), QJsonObject{{QStringLiteral("/data"), QJsonObject{}}}}});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    const QJsonArray mounts = inspect(id).value(QStringLiteral("Mounts")).toArray();
    QCOMPARE(mounts.size(), 1);
    const QString volume = mounts.first().toObject().value(QStringLiteral("Name")).toString();
    QVERIFY(!volume.isEmpty());
    QCOMPARE(m_case.engineInspectStatus(QStringLiteral("volumes"), volume), 200);
    QCOMPARE(m_case.call("DELETE", QStringLiteral("/internal/v1/containers/%1?v=1").arg(id)).status,
             204);
    QCOMPARE(m_case.engineInspectStatus(QStringLiteral("volumes"), volume), 404);
    const auto bad =
        m_case.call("DELETE", QStringLiteral("/internal/v1/containers/%1?force=perhaps").arg(id));
    QCOMPARE(bad.status, 400);
}

void TstBlackboxContainers::callsOnUnknownContainerAre404() {
    const QString id = QStringLiteral("sl-absent-container");
    const QList<QPair<QByteArray, QString>> calls{
        {"POST", QStringLiteral("/internal/v1/containers/%1/start")},
        {"POST", QStringLiteral("/internal/v1/containers/%1/stop")},
        {"POST", QStringLiteral("/internal/v1/containers/%1/kill")},
        {"DELETE", QStringLiteral("/internal/v1/containers/%1")},
        {"DELETE", QStringLiteral("/internal/v1/containers/%1?force=1")},
    };
    for (const auto& [method, path] : calls) {
        const auto reply = m_case.call(method, path.arg(id));
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.json().object().value(QStringLiteral("message")).toString(),
                 QStringLiteral("No such container: ") + id);
    }
}

// ---- input safety -----------------------------------------------------------------------------

void TstBlackboxContainers::hostileIdsNeverReachAnotherEndpoint() {
    // A running container and a volume that an escaped path could remove or kill.
    const QString victim = m_case.runContainer({QStringLiteral("sleep"), QStringLiteral("60")});
    QVERIFY2(!victim.isEmpty(), qPrintable(m_case.lastError()));
    const QString volume = m_case.uniqueName(QStringLiteral("vol"));
    QCOMPARE(m_case.engineCreate(QStringLiteral("volumes"), {{QStringLiteral("Name"), volume}}),
             volume);
    const QList<QPair<QByteArray, QString>> calls{
        {"DELETE", victim + QStringLiteral("%3Fforce%3D1")},             // victim?force=1
        {"DELETE", victim + QStringLiteral("%23")},                      // victim#
        {"DELETE", QStringLiteral("x%2F..%2F..%2Fvolumes%2F") + volume}, // x/../../volumes/vol
        {"DELETE", QStringLiteral("%2E%2E%2Fvolumes%2F") + volume},      // ../volumes/vol
        {"POST", victim + QStringLiteral("%2Fkill%3Fsignal%3DKILL%23/start")},
        {"POST", victim + QStringLiteral("%2F/kill")}, // victim/ : a redirect
        {"POST", QStringLiteral("a%3Fb/kill")},
        {"POST", QStringLiteral("a%23b/stop")},
    };
    for (const auto& [method, pathId] : calls) {
        QString path = QStringLiteral("/internal/v1/containers/") + pathId;
        const auto reply = m_case.daemon().request(method, path);
        QVERIFY2(reply.status == 400 || reply.status == 404,
                 qPrintable(QStringLiteral("%1 %2 → %3 %4")
                                .arg(QString::fromLatin1(method), path)
                                .arg(reply.status)
                                .arg(QString::fromUtf8(reply.body))));
        QVERIFY(!reply.json().object().value(QStringLiteral("message")).toString().isEmpty());
    }
    QVERIFY(engineState(victim).value(QStringLiteral("Running")).toBool());
    QCOMPARE(m_case.engineInspectStatus(QStringLiteral("volumes"), volume), 200);
    // A name with `?` reaches Docker as that name, and so is not found.
    const auto named =
        m_case.daemon().request("GET", QStringLiteral("/internal/v1/containers/a%3Fb"));
    QCOMPARE(named.json().object().value(QStringLiteral("message")).toString(),
             QStringLiteral("No such container: a?b"));
}

void TstBlackboxContainers::dotAndControlCharacterIdsAre400() {
    const QList<QPair<QByteArray, QString>> calls{
        {"GET", QStringLiteral("/internal/v1/containers/a%2F%2E%2E")},
        {"POST", QStringLiteral("/internal/v1/containers/.%2Fa/start")},
        {"DELETE", QStringLiteral("/internal/v1/containers/a%0Ab")},
        {"POST", QStringLiteral("/internal/v1/containers/a%00b/kill")},
        {"GET", QStringLiteral("/internal/v1/containers/a%7Fb/logs?stdout=1")},
        {"POST", QStringLiteral("/internal/v1/containers/a%2F..%2Fb/wait")},
    };
    for (const auto& [method, path] : calls) {
        const auto reply = m_case.daemon().request(method, path);
        QVERIFY2(reply.status == 400, qPrintable(path + QStringLiteral(" → %1").arg(reply.status)));
        QVERIFY(!reply.json().object().value(QStringLiteral("message")).toString().isEmpty());
    }
}

QTEST_MAIN(TstBlackboxContainers)
#include "tst_blackbox_containers.moc"
