// The network routes of the real sockerlessd on the backend under test: every call checked
// against the engine itself (Docker, for the Docker backend: the network exists with what was
// asked, the container is attached, the network is gone), every error row of the contract, and ids
// that try to leave their path segment.

#include "blackboxcase.h"
#include "testenv.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrl>

using sockerless::test::BlackboxCase;
using sockerless::test::DaemonProcess;

class TstBlackboxNetworks : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void createNetworkReachesDockerWithLabelsDriverInternalOptions();
    void createNetworkAnswersIdAndEmptyWarning();
    void createNetworkWithIpamReachesDocker();
    void createDuplicateNetworkNameIs409();
    void createNetworkWithoutNameIs400();
    void createNetworkMalformedJsonIs400();
    void createNetworkWrongFieldTypeIs400NamingField();
    void listNetworksByLabelReturnsOnlyOursInBothFilterShapes();
    void listNetworksWithBadFiltersIs400();
    void inspectNetworkByIdAndByNameMatchesDocker();
    void inspectNetworkBadVerboseValueIs400();
    void inspectUnknownNetworkIs404NoSuchNetwork();
    void connectRunningContainerShowsInInspectAndDocker();
    void disconnectContainerRemovesItFromInspectAndDocker();
    void connectUnknownContainerIs404NoSuchContainer();
    void connectToUnknownNetworkIs404NoSuchNetwork();
    void connectWithoutContainerIs400();
    void removeNetworkIs204AndDockerNoLongerHasIt();
    void removeBridgeIs403WithDockerText();
    void removeUnknownNetworkIs404NoSuchNetwork();
    void pruneByLabelDeletesOnlyOursAndNamesThem();
    void pruneWithNothingToDeleteGivesEmptyList();
    void networkIdsThatEscapeThePathAreRefused();
    void networkIdCannotReachAnotherDockerEndpoint();

private:
    // Creates a network labelled for this run through the daemon; `extra` is merged into the
    // body. Returns its id, or empty (and fails the test) when the create did not answer 201.
    QString createNetwork(const QString& name, const QJsonObject& extra = {});
    // The names of the networks the daemon lists for `filters` (a JSON filter text).
    QStringList listedNames(const QString& filters);
    // POST /networks/prune with `filters`. Docker answers 409 `a prune operation is already
    // running` while another prune (another test's) runs: that one is retried until a deadline.
    DaemonProcess::Reply prune(const QString& filters);
    // A request with a path sent byte for byte (no client-side normalisation of `..` or
    // percent-escapes): the status and body of the answer.

    BlackboxCase m_case;
};

void TstBlackboxNetworks::init() {
    SOCKERLESS_REQUIRE_DOCKER();
    QString error;
    QVERIFY2(m_case.start(&error), qPrintable(error));
}

void TstBlackboxNetworks::cleanup() {
    m_case.finish();
}

QString TstBlackboxNetworks::createNetwork(const QString& name, const QJsonObject& extra) {
    QJsonObject body = extra;
    body.insert(QStringLiteral("Name"), name);
    QJsonObject labels = body.value(QStringLiteral("Labels")).toObject();
    labels.insert(BlackboxCase::labelKey(), m_case.labelValue());
    body.insert(QStringLiteral("Labels"), labels);
    const auto reply = m_case.call("POST", QStringLiteral("/internal/v1/networks"), body);
    if (reply.status != 201) {
        qWarning("network create answered %d: %s", reply.status, reply.body.constData());
        return {};
    }
    return reply.json().object().value(QStringLiteral("Id")).toString();
}

QStringList TstBlackboxNetworks::listedNames(const QString& filters) {
    const auto reply =
        m_case.call("GET", QStringLiteral("/internal/v1/networks?filters=") +
                               QString::fromLatin1(QUrl::toPercentEncoding(filters)));
    if (reply.status != 200)
        return {QStringLiteral("<status %1>").arg(reply.status)};
    QStringList names;
    for (const QJsonValue& network : reply.json().array())
        names.append(network.toObject().value(QStringLiteral("Name")).toString());
    names.sort();
    return names;
}

DaemonProcess::Reply TstBlackboxNetworks::prune(const QString& filters) {
    const QString path = QStringLiteral("/internal/v1/networks/prune?filters=") +
                         QString::fromLatin1(QUrl::toPercentEncoding(filters));
    QDeadlineTimer deadline(20000);
    DaemonProcess::Reply reply = m_case.call("POST", path);
    while (reply.status == 409 && reply.body.contains("prune operation is already running") &&
           !deadline.hasExpired()) {
        QTest::qWait(100);
        reply = m_case.call("POST", path);
    }
    return reply;
}

void TstBlackboxNetworks::createNetworkReachesDockerWithLabelsDriverInternalOptions() {
    const QString name = m_case.uniqueName(QStringLiteral("net"));
    const QString id = createNetwork(
        name,
        {{QStringLiteral("Driver"), QStringLiteral("bridge")},
         {QStringLiteral("Internal"), true},
         {QStringLiteral("Attachable"), true},
         {QStringLiteral("Labels"), QJsonObject{{QStringLiteral("team"), QStringLiteral("a")}}},
         {QStringLiteral("Options"),
          QJsonObject{
              {QStringLiteral("com.docker.network.bridge.enable_icc"), QStringLiteral("false")}}}});
    QVERIFY(!id.isEmpty());

    const QJsonObject engine = m_case.engineInspect(QStringLiteral("networks"), id);
    QCOMPARE(engine.value(QStringLiteral("Name")).toString(), name);
    QCOMPARE(engine.value(QStringLiteral("Driver")).toString(), QStringLiteral("bridge"));
    QCOMPARE(engine.value(QStringLiteral("Internal")).toBool(), true);
    QCOMPARE(engine.value(QStringLiteral("Attachable")).toBool(), true);
    const QJsonObject labels = engine.value(QStringLiteral("Labels")).toObject();
    QCOMPARE(labels.value(QStringLiteral("team")).toString(), QStringLiteral("a"));
    QCOMPARE(labels.value(BlackboxCase::labelKey()).toString(), m_case.labelValue());
    QCOMPARE(engine.value(QStringLiteral("Options"))
                 .toObject()
                 .value(QStringLiteral("com.docker.network.bridge.enable_icc"))
                 .toString(),
             QStringLiteral("false"));
}

void TstBlackboxNetworks::createNetworkAnswersIdAndEmptyWarning() {
    const QJsonObject body{{QStringLiteral("Name"), m_case.uniqueName(QStringLiteral("net"))},
                           {QStringLiteral("Labels"), m_case.labels()}};
    const auto reply = m_case.call("POST", QStringLiteral("/internal/v1/networks"), body);
    QCOMPARE(reply.status, 201);
    QVERIFY(reply.header("Content-Type").startsWith("application/json"));
    const QJsonObject answer = reply.json().object();
    QCOMPARE(answer.value(QStringLiteral("Id")).toString().size(), 64);
    QVERIFY(answer.value(QStringLiteral("Warning")).isString());
    QCOMPARE(answer.value(QStringLiteral("Warning")).toString(), QString());
}

void TstBlackboxNetworks::createNetworkWithIpamReachesDocker() {
    const QJsonObject ipam{
        {QStringLiteral("Driver"), QStringLiteral("default")},
        {QStringLiteral("Config"),
         QJsonArray{QJsonObject{{QStringLiteral("Subnet"), QStringLiteral("10.231.7.0/24")},
                                {QStringLiteral("Gateway"), QStringLiteral("10.231.7.1")}}}}};
    const QString id =
        createNetwork(m_case.uniqueName(QStringLiteral("ipam")), {{QStringLiteral("IPAM"), ipam}});
    QVERIFY(!id.isEmpty());
    const QJsonObject engine = m_case.engineInspect(QStringLiteral("networks"), id);
    const QJsonObject pool = engine.value(QStringLiteral("IPAM"))
                                 .toObject()
                                 .value(QStringLiteral("Config"))
                                 .toArray()
                                 .first()
                                 .toObject();
    QCOMPARE(pool.value(QStringLiteral("Subnet")).toString(), QStringLiteral("10.231.7.0/24"));
    QCOMPARE(pool.value(QStringLiteral("Gateway")).toString(), QStringLiteral("10.231.7.1"));
}

void TstBlackboxNetworks::createDuplicateNetworkNameIs409() {
    const QString name = m_case.uniqueName(QStringLiteral("dup"));
    QVERIFY(!createNetwork(name).isEmpty());
    const QJsonObject body{{QStringLiteral("Name"), name},
                           {QStringLiteral("Labels"), m_case.labels()}};
    const auto reply = m_case.call("POST", QStringLiteral("/internal/v1/networks"), body);
    QCOMPARE(reply.status, 409);
    QCOMPARE(reply.json().object().value(QStringLiteral("message")).toString(),
             QStringLiteral("network with name %1 already exists").arg(name));
    // The engine really holds one network of that name, not two.
    int sameName = 0;
    const QString label = BlackboxCase::labelKey() + u'=' + m_case.labelValue();
    for (const QJsonValue& network : m_case.engineList(
             QStringLiteral("networks"), {{QStringLiteral("label"), QJsonArray{label}}}))
        sameName += network.toObject().value(QStringLiteral("Name")).toString() == name;
    QCOMPARE(sameName, 1);
}

void TstBlackboxNetworks::createNetworkWithoutNameIs400() {
    for (const QJsonObject& body : {QJsonObject{{QStringLiteral("Labels"), m_case.labels()}},
                                    QJsonObject{{QStringLiteral("Name"), QString()},
                                                {QStringLiteral("Labels"), m_case.labels()}}}) {
        const auto reply = m_case.call("POST", QStringLiteral("/internal/v1/networks"), body);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json().object().value(QStringLiteral("message")).toString(),
                 QStringLiteral("missing required field 'Name'"));
    }
}

void TstBlackboxNetworks::createNetworkMalformedJsonIs400() {
    const auto reply = m_case.daemon().request("POST", QStringLiteral("/internal/v1/networks"),
                                               QByteArray(R"({"Name": "x",)"));
    QCOMPARE(reply.status, 400);
    QVERIFY2(reply.json()
                 .object()
                 .value(QStringLiteral("message"))
                 .toString()
                 .startsWith(QStringLiteral("malformed JSON")),
             reply.body.constData());
    const auto array = m_case.daemon().request("POST", QStringLiteral("/internal/v1/networks"),
                                               QByteArray(R"(["x"])"));
    QCOMPARE(array.status, 400);
}

void TstBlackboxNetworks::createNetworkWrongFieldTypeIs400NamingField() {
    const QString name = m_case.uniqueName(QStringLiteral("wrong"));
    const auto reply = m_case.call("POST", QStringLiteral("/internal/v1/networks"),
                                   {{QStringLiteral("Name"), name},
                                    {QStringLiteral("Internal"), QStringLiteral("yes")},
                                    {QStringLiteral("Labels"), m_case.labels()}});
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json().object().value(QStringLiteral("message")).toString(),
             QStringLiteral("invalid field 'Internal': expected a boolean"));
    const auto nested =
        m_case.call("POST", QStringLiteral("/internal/v1/networks"),
                    {{QStringLiteral("Name"), name},
                     {QStringLiteral("IPAM"),
                      QJsonObject{{QStringLiteral("Config"),
                                   QJsonArray{QJsonObject{{QStringLiteral("Subnet"), 10}}}}}}});
    QCOMPARE(nested.status, 400);
    QVERIFY2(nested.body.contains("'IPAM.Config[0].Subnet'"), nested.body.constData());
    // Nothing reached Docker.
    QVERIFY(m_case.engineInspect(QStringLiteral("networks"), name).isEmpty());
}

void TstBlackboxNetworks::listNetworksByLabelReturnsOnlyOursInBothFilterShapes() {
    const QString marker = m_case.uniqueName(QStringLiteral("mark"));
    const QString a = m_case.uniqueName(QStringLiteral("a"));
    const QString b = m_case.uniqueName(QStringLiteral("b"));
    const QString other = m_case.uniqueName(QStringLiteral("other"));
    const QJsonObject marked{
        {QStringLiteral("Labels"), QJsonObject{{QStringLiteral("mark"), marker}}}};
    QVERIFY(!createNetwork(a, marked).isEmpty());
    QVERIFY(!createNetwork(b, marked).isEmpty());
    QVERIFY(!createNetwork(other).isEmpty());

    const QStringList expected{a, b};
    QCOMPARE(listedNames(QStringLiteral("{\"label\":[\"mark=%1\"]}").arg(marker)), expected);
    QCOMPARE(listedNames(QStringLiteral("{\"label\":{\"mark=%1\":true}}").arg(marker)), expected);
    // The whole object, as Docker lists it.
    const auto reply =
        m_case.call("GET", QStringLiteral("/internal/v1/networks?filters=") +
                               QString::fromLatin1(QUrl::toPercentEncoding(
                                   QStringLiteral("{\"label\":[\"mark=%1\"]}").arg(marker))));
    const QJsonObject first = reply.json().array().first().toObject();
    for (const char* field : {"Id", "Name", "Driver", "Scope", "IPAM", "Labels", "Containers"})
        QVERIFY2(first.contains(QLatin1String(field)), field);
}

void TstBlackboxNetworks::listNetworksWithBadFiltersIs400() {
    const auto malformed =
        m_case.call("GET", QStringLiteral("/internal/v1/networks?filters=%7Bbad"));
    QCOMPARE(malformed.status, 400);
    QVERIFY2(malformed.body.contains("invalid filters"), malformed.body.constData());
    const auto wrongShape =
        m_case.call("GET", QStringLiteral("/internal/v1/networks?filters=%7B%22label%22%3A5%7D"));
    QCOMPARE(wrongShape.status, 400);
    // A filter Docker does not know: Docker's own 400 and text.
    const auto unknown = m_case.call(
        "GET", QStringLiteral("/internal/v1/networks?filters=%7B%22bogus%22%3A%5B%22x%22%5D%7D"));
    QCOMPARE(unknown.status, 400);
    QCOMPARE(unknown.json().object().value(QStringLiteral("message")).toString(),
             QStringLiteral("Invalid filter 'bogus'"));
}

void TstBlackboxNetworks::inspectNetworkByIdAndByNameMatchesDocker() {
    const QString name = m_case.uniqueName(QStringLiteral("insp"));
    const QString id = createNetwork(name);
    QVERIFY(!id.isEmpty());
    const QJsonObject engine = m_case.engineInspect(QStringLiteral("networks"), id);
    for (const QString& ref : {id, name, id.left(12)}) {
        const auto reply = m_case.call("GET", QStringLiteral("/internal/v1/networks/%1").arg(ref));
        QCOMPARE(reply.status, 200);
        // Every field Docker sends, with Docker's values: nothing dropped or changed.
        QCOMPARE(reply.json().object(), engine);
    }
    const auto verbose =
        m_case.call("GET", QStringLiteral("/internal/v1/networks/%1?verbose=true").arg(name));
    QCOMPARE(verbose.status, 200);
    QCOMPARE(verbose.json().object().value(QStringLiteral("Id")).toString(), id);
}

void TstBlackboxNetworks::inspectNetworkBadVerboseValueIs400() {
    const auto reply =
        m_case.call("GET", QStringLiteral("/internal/v1/networks/bridge?verbose=maybe"));
    QCOMPARE(reply.status, 400);
    QVERIFY2(reply.body.contains("verbose"), reply.body.constData());
}

void TstBlackboxNetworks::inspectUnknownNetworkIs404NoSuchNetwork() {
    const QString name = m_case.uniqueName(QStringLiteral("absent"));
    const auto reply = m_case.call("GET", QStringLiteral("/internal/v1/networks/%1").arg(name));
    QCOMPARE(reply.status, 404);
    QVERIFY(reply.header("Content-Type").startsWith("application/json"));
    QCOMPARE(reply.json().object().value(QStringLiteral("message")).toString(),
             QStringLiteral("No such network: %1").arg(name));
}

void TstBlackboxNetworks::connectRunningContainerShowsInInspectAndDocker() {
    const QString name = m_case.uniqueName(QStringLiteral("conn"));
    const QString network = createNetwork(name);
    QVERIFY(!network.isEmpty());
    const QString container = m_case.runContainer({QStringLiteral("sleep"), QStringLiteral("300")});
    QVERIFY2(!container.isEmpty(), qPrintable(m_case.lastError()));

    const QJsonObject body{
        {QStringLiteral("Container"), container},
        {QStringLiteral("EndpointConfig"),
         QJsonObject{{QStringLiteral("Aliases"), QJsonArray{QStringLiteral("web")}}}}};
    const auto reply =
        m_case.call("POST", QStringLiteral("/internal/v1/networks/%1/connect").arg(name), body);
    QCOMPARE(reply.status, 200);

    const auto inspected = m_case.call("GET", QStringLiteral("/internal/v1/networks/%1").arg(name));
    const QJsonObject attached = inspected.json()
                                     .object()
                                     .value(QStringLiteral("Containers"))
                                     .toObject()
                                     .value(container)
                                     .toObject();
    QVERIFY2(!attached.isEmpty(), inspected.body.constData());
    QVERIFY(!attached.value(QStringLiteral("EndpointID")).toString().isEmpty());
    // Docker agrees, from the container's side, with the alias asked for.
    const QJsonObject endpoint = m_case.engineInspect(QStringLiteral("containers"), container)
                                     .value(QStringLiteral("NetworkSettings"))
                                     .toObject()
                                     .value(QStringLiteral("Networks"))
                                     .toObject()
                                     .value(name)
                                     .toObject();
    QCOMPARE(endpoint.value(QStringLiteral("NetworkID")).toString(), network);
    QVERIFY(endpoint.value(QStringLiteral("Aliases")).toArray().contains(QStringLiteral("web")));
}

void TstBlackboxNetworks::disconnectContainerRemovesItFromInspectAndDocker() {
    const QString name = m_case.uniqueName(QStringLiteral("disc"));
    QVERIFY(!createNetwork(name).isEmpty());
    const QString container = m_case.runContainer({QStringLiteral("sleep"), QStringLiteral("300")});
    QVERIFY2(!container.isEmpty(), qPrintable(m_case.lastError()));
    QCOMPARE(m_case
                 .call("POST", QStringLiteral("/internal/v1/networks/%1/connect").arg(name),
                       {{QStringLiteral("Container"), container}})
                 .status,
             200);

    const auto reply =
        m_case.call("POST", QStringLiteral("/internal/v1/networks/%1/disconnect").arg(name),
                    {{QStringLiteral("Container"), container}, {QStringLiteral("Force"), false}});
    QCOMPARE(reply.status, 200);
    const auto inspected = m_case.call("GET", QStringLiteral("/internal/v1/networks/%1").arg(name));
    QVERIFY(inspected.json().object().value(QStringLiteral("Containers")).toObject().isEmpty());
    QVERIFY(!m_case.engineInspect(QStringLiteral("containers"), container)
                 .value(QStringLiteral("NetworkSettings"))
                 .toObject()
                 .value(QStringLiteral("Networks"))
                 .toObject()
                 .contains(name));
}

void TstBlackboxNetworks::connectUnknownContainerIs404NoSuchContainer() {
    const QString name = m_case.uniqueName(QStringLiteral("noc"));
    QVERIFY(!createNetwork(name).isEmpty());
    const QString container = m_case.uniqueName(QStringLiteral("ghost"));
    for (const char* action : {"connect", "disconnect"}) {
        const auto reply = m_case.call(
            "POST", QStringLiteral("/internal/v1/networks/%1/%2").arg(name, QLatin1String(action)),
            {{QStringLiteral("Container"), container}});
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.json().object().value(QStringLiteral("message")).toString(),
                 QStringLiteral("No such container: %1").arg(container));
    }
}

void TstBlackboxNetworks::connectToUnknownNetworkIs404NoSuchNetwork() {
    const QString container = m_case.runContainer({QStringLiteral("sleep"), QStringLiteral("300")});
    QVERIFY2(!container.isEmpty(), qPrintable(m_case.lastError()));
    const QString name = m_case.uniqueName(QStringLiteral("nonet"));
    const auto reply =
        m_case.call("POST", QStringLiteral("/internal/v1/networks/%1/connect").arg(name),
                    {{QStringLiteral("Container"), container}});
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.json().object().value(QStringLiteral("message")).toString(),
             QStringLiteral("No such network: %1").arg(name));
}

void TstBlackboxNetworks::connectWithoutContainerIs400() {
    const auto missing = m_case.call("POST", QStringLiteral("/internal/v1/networks/bridge/connect"),
                                     {{QStringLiteral("EndpointConfig"), QJsonObject()}});
    QCOMPARE(missing.status, 400);
    QCOMPARE(missing.json().object().value(QStringLiteral("message")).toString(),
             QStringLiteral("missing required field 'Container'"));
    const auto wrong =
        m_case.call("POST", QStringLiteral("/internal/v1/networks/bridge/disconnect"),
                    {{QStringLiteral("Container"), 5}});
    QCOMPARE(wrong.status, 400);
    QVERIFY2(wrong.body.contains("'Container'"), wrong.body.constData());
    const auto empty =
        m_case.daemon().request("POST", QStringLiteral("/internal/v1/networks/bridge/connect"));
    QCOMPARE(empty.status, 400);
}

void TstBlackboxNetworks::removeNetworkIs204AndDockerNoLongerHasIt() {
    const QString name = m_case.uniqueName(QStringLiteral("rm"));
    const QString id = createNetwork(name);
    QVERIFY(!id.isEmpty());
    const auto reply = m_case.call("DELETE", QStringLiteral("/internal/v1/networks/%1").arg(name));
    QCOMPARE(reply.status, 204);
    QVERIFY(reply.body.isEmpty());
    QCOMPARE(m_case.engineInspectStatus(QStringLiteral("networks"), id), 404);
}

void TstBlackboxNetworks::removeBridgeIs403WithDockerText() {
    const auto reply = m_case.call("DELETE", QStringLiteral("/internal/v1/networks/bridge"));
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.json().object().value(QStringLiteral("message")).toString(),
             QStringLiteral("bridge is a pre-defined network and cannot be removed"));
    QCOMPARE(m_case.engineInspectStatus(QStringLiteral("networks"), QStringLiteral("bridge")), 200);
}

void TstBlackboxNetworks::removeUnknownNetworkIs404NoSuchNetwork() {
    const QString name = m_case.uniqueName(QStringLiteral("gone"));
    const auto reply = m_case.call("DELETE", QStringLiteral("/internal/v1/networks/%1").arg(name));
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.json().object().value(QStringLiteral("message")).toString(),
             QStringLiteral("No such network: %1").arg(name));
}

void TstBlackboxNetworks::pruneByLabelDeletesOnlyOursAndNamesThem() {
    const QString marker = m_case.uniqueName(QStringLiteral("prune"));
    const QString a = m_case.uniqueName(QStringLiteral("pa"));
    const QString b = m_case.uniqueName(QStringLiteral("pb"));
    const QString kept = m_case.uniqueName(QStringLiteral("kept"));
    const QJsonObject marked{
        {QStringLiteral("Labels"), QJsonObject{{QStringLiteral("prune"), marker}}}};
    QVERIFY(!createNetwork(a, marked).isEmpty());
    QVERIFY(!createNetwork(b, marked).isEmpty());
    const QString keptId = createNetwork(kept);
    QVERIFY(!keptId.isEmpty());

    const QString filters = QStringLiteral("{\"label\":{\"prune=%1\":true}}").arg(marker);
    const auto reply = prune(filters);
    QCOMPARE(reply.status, 200);
    QStringList deleted;
    for (const QJsonValue& value :
         reply.json().object().value(QStringLiteral("NetworksDeleted")).toArray())
        deleted.append(value.toString());
    deleted.sort();
    QCOMPARE(deleted, (QStringList{a, b}));
    QVERIFY(m_case.engineInspect(QStringLiteral("networks"), a).isEmpty());
    QVERIFY(m_case.engineInspect(QStringLiteral("networks"), b).isEmpty());
    QCOMPARE(m_case.engineInspect(QStringLiteral("networks"), kept)
                 .value(QStringLiteral("Id"))
                 .toString(),
             keptId);
}

void TstBlackboxNetworks::pruneWithNothingToDeleteGivesEmptyList() {
    const QString filters =
        QStringLiteral("{\"label\":[\"nothing=%1\"]}").arg(m_case.uniqueName(QStringLiteral("n")));
    const auto reply = prune(filters);
    QCOMPARE(reply.status, 200);
    const QJsonValue deleted = reply.json().object().value(QStringLiteral("NetworksDeleted"));
    QVERIFY2(deleted.isArray(), reply.body.constData()); // Docker itself sends null here
    QVERIFY(deleted.toArray().isEmpty());
    const auto bad =
        m_case.call("POST", QStringLiteral("/internal/v1/networks/prune?filters=%5B%5D"));
    QCOMPARE(bad.status, 400);
}

void TstBlackboxNetworks::networkIdsThatEscapeThePathAreRefused() {
    // A dot segment anywhere (Docker decodes the path and Go cleans `..`) or a control character
    // is refused before any call to Docker.
    for (const QByteArray& path :
         {QByteArray("/internal/v1/networks/.."), QByteArray("/internal/v1/networks/%2E%2E"),
          QByteArray("/internal/v1/networks/."), QByteArray("/internal/v1/networks/..%2Fbridge"),
          QByteArray("/internal/v1/networks/a%00b")}) {
        const auto reply = m_case.daemon().rawRequest("GET", path);
        QCOMPARE(reply.status, 400);
        QVERIFY2(reply.body.contains("network"), reply.body.constData());
    }
    // Anything else goes to Docker percent-encoded, as one name that does not exist.
    const struct {
        const char* path;
        const char* name;
    } cases[] = {{"/internal/v1/networks/a%2Fb", "a/b"},
                 {"/internal/v1/networks/bridge%3Fverbose%3D1", "bridge?verbose=1"},
                 {"/internal/v1/networks/bridge%23x", "bridge#x"},
                 {"/internal/v1/networks/bridge%252F", "bridge%2F"}};
    for (const auto& c : cases) {
        const auto reply = m_case.daemon().rawRequest("GET", QByteArray(c.path));
        QCOMPARE(reply.status, 404);
        QCOMPARE(QJsonDocument::fromJson(reply.body)
                     .object()
                     .value(QStringLiteral("message"))
                     .toString(),
                 QStringLiteral("No such network: %1").arg(QLatin1String(c.name)));
    }
}

void TstBlackboxNetworks::networkIdCannotReachAnotherDockerEndpoint() {
    // Unencoded, DELETE /networks/../volumes/<v> would be cleaned by Docker into a volume
    // removal, and /networks/<net>?x would carry a query: neither may touch the victims.
    const QString volume = m_case.uniqueName(QStringLiteral("victim"));
    const auto created = m_case.call(
        "POST", QStringLiteral("/internal/v1/volumes"),
        {{QStringLiteral("Name"), volume}, {QStringLiteral("Labels"), m_case.labels()}});
    QCOMPARE(created.status, 201);
    const QString network = m_case.uniqueName(QStringLiteral("victim"));
    QVERIFY(!createNetwork(network).isEmpty());

    QCOMPARE(m_case.daemon()
                 .rawRequest("DELETE", "/internal/v1/networks/..%2Fvolumes%2F" + volume.toLatin1())
                 .status,
             400);
    QCOMPARE(m_case.daemon()
                 .rawRequest("DELETE", "/internal/v1/networks/x%2F..%2F" + network.toLatin1())
                 .status,
             400);
    const auto query = m_case.daemon().rawRequest("DELETE", "/internal/v1/networks/" +
                                                                network.toLatin1() + "%3Fx%3D1");
    QCOMPARE(query.status, 404);
    QCOMPARE(
        QJsonDocument::fromJson(query.body).object().value(QStringLiteral("message")).toString(),
        QStringLiteral("No such network: %1?x=1").arg(network));

    QCOMPARE(m_case.engineInspect(QStringLiteral("volumes"), volume)
                 .value(QStringLiteral("Name"))
                 .toString(),
             volume);
    QCOMPARE(m_case.engineInspect(QStringLiteral("networks"), network)
                 .value(QStringLiteral("Name"))
                 .toString(),
             network);
}

QTEST_MAIN(TstBlackboxNetworks)
#include "tst_blackbox_networks.moc"
