// The memory backend's network store on its own: Docker 20.10's shapes, statuses and texts, the
// address plan (subnets, gateways, addresses, MACs), endpoints as container inspect shows them,
// filters, and the events of every change.

#include "backends/memory/memoryclock.h"
#include "backends/memory/memoryevents.h"
#include "backends/memory/memorynetworks.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace sockerless;
using namespace Qt::StringLiterals;
using namespace sockerless::backends;
using namespace sockerless::backends::memory;

namespace {

// Containers as the store sees them: found by id, unique id prefix or name.
class FakeDirectory : public ContainerDirectory {
public:
    std::optional<ContainerRef> findContainer(const QString& idOrName) const override {
        for (const ContainerRef& c : containers) {
            if (c.id == idOrName || c.name == idOrName || c.id.startsWith(idOrName))
                return c;
        }
        return std::nullopt;
    }
    ContainerRef& add(const QString& name, bool running) {
        containers.append(ContainerRef{MemoryClock::newId(), name, running});
        return containers.last();
    }
    QList<ContainerRef> containers;
};

// Runs one asynchronous call to its answer, checking that the answer did not come inside it.
template <typename T, typename Call> api::Result<T> run(Call call) {
    QObject context;
    std::optional<api::Result<T>> answer;
    call(&context, [&answer](const api::Result<T>& result) { answer = result; });
    if (answer)
        return api::ApiError::internal(QStringLiteral("answered inside the call"));
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 2000))
        return api::ApiError::internal(QStringLiteral("no answer"));
    return *answer;
}

api::Filters filters(const QString& json) {
    return api::Filters::parse(json).value();
}

} // namespace

class TstMemoryNetworks : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void predefinedNetworksHaveDockersShape();
    void createTakesTheNextDefaultSubnet();
    void createKeepsTheRequestedPool();
    void createRefusalsUseDockersStatusAndText();
    void inspectFindsByIdNameAndPrefix();
    void attachHandsOutAddressesAndMacs();
    void endpointsShowAddressesOnlyWhileRunning();
    void connectAndDisconnectFollowDockersRules();
    void removeRefusesPredefinedAndBusyNetworks();
    void pruneRemovesUnusedMatchingNetworks();
    void listFiltersAsDockerDoes();
    void everyChangeIsAnEvent();
    void abandonedContextGetsNoAnswer();

private:
    api::Result<api::NetworkCreateResponse> create(const QJsonObject& body);
    api::Network inspect(const QString& id);
    QStringList listed(const QString& filterJson);

    MemoryEvents* m_events = nullptr;
    FakeDirectory* m_directory = nullptr;
    MemoryNetworks* m_networks = nullptr;
};

void TstMemoryNetworks::init() {
    m_events = new MemoryEvents;
    m_directory = new FakeDirectory;
    m_networks = new MemoryNetworks(m_events, m_directory);
}

void TstMemoryNetworks::cleanup() {
    delete m_networks;
    delete m_directory;
    delete m_events;
}

api::Result<api::NetworkCreateResponse> TstMemoryNetworks::create(const QJsonObject& body) {
    const auto request = api::NetworkCreateRequest::fromJson(body);
    if (!request.ok())
        return request.error();
    return run<api::NetworkCreateResponse>(
        [&](QObject* context, auto done) { m_networks->create(request.value(), context, done); });
}

api::Network TstMemoryNetworks::inspect(const QString& id) {
    const auto result = run<api::Network>(
        [&](QObject* context, auto done) { m_networks->inspect(id, false, context, done); });
    return result.ok() ? result.value() : api::Network{};
}

QStringList TstMemoryNetworks::listed(const QString& filterJson) {
    const auto result = run<QList<api::Network>>(
        [&](QObject* context, auto done) { m_networks->list(filters(filterJson), context, done); });
    if (!result.ok())
        return {QStringLiteral("<%1 %2>").arg(result.error().status).arg(result.error().message)};
    QStringList names;
    for (const api::Network& network : result.value())
        names.append(*network.name);
    return names;
}

void TstMemoryNetworks::predefinedNetworksHaveDockersShape() {
    QCOMPARE(listed({}), (QStringList{u"bridge"_s, u"host"_s, u"none"_s}));
    QCOMPARE(m_networks->count(), 3);
    QJsonObject bridge = inspect(QStringLiteral("bridge")).toJson();
    QCOMPARE(bridge.take(QStringLiteral("Id")).toString().size(), 64);
    QVERIFY(bridge.take(QStringLiteral("Created")).toString().endsWith(u'Z'));
    // dockerd 20.10's answer, Id and Created aside.
    const QJsonObject docker = QJsonDocument::fromJson(R"({"Name":"bridge","Scope":"local",
        "Driver":"bridge","EnableIPv6":false,"IPAM":{"Driver":"default","Options":null,
        "Config":[{"Subnet":"172.17.0.0/16","Gateway":"172.17.0.1"}]},"Internal":false,
        "Attachable":false,"Ingress":false,"ConfigFrom":{"Network":""},"ConfigOnly":false,
        "Containers":{},"Options":{"com.docker.network.bridge.default_bridge":"true",
        "com.docker.network.bridge.enable_icc":"true",
        "com.docker.network.bridge.enable_ip_masquerade":"true",
        "com.docker.network.bridge.host_binding_ipv4":"0.0.0.0",
        "com.docker.network.bridge.name":"docker0","com.docker.network.driver.mtu":"1500"},
        "Labels":{}})")
                                   .object();
    QCOMPARE(bridge, docker);
    const QJsonObject none = inspect(QStringLiteral("none")).toJson();
    QCOMPARE(none.value(QStringLiteral("Driver")).toString(), QStringLiteral("null"));
    QCOMPARE(none.value(QStringLiteral("IPAM")).toObject().value(QStringLiteral("Config")),
             QJsonValue(QJsonArray()));
    QCOMPARE(none.value(QStringLiteral("Options")), QJsonValue(QJsonObject()));
}

void TstMemoryNetworks::createTakesTheNextDefaultSubnet() {
    const auto first = create({{QStringLiteral("Name"), QStringLiteral("a")}});
    QVERIFY(first.ok());
    QCOMPARE(first.value().id.size(), 64);
    QCOMPARE(first.value().toJson().value(QStringLiteral("Warning")).toString(), QString());
    QVERIFY(create({{QStringLiteral("Name"), QStringLiteral("b")}}).ok());
    const QJsonObject a = inspect(QStringLiteral("a")).toJson();
    QCOMPARE(a.value(QStringLiteral("IPAM")).toObject().value(QStringLiteral("Config")),
             QJsonValue(QJsonArray{QJsonObject{{QStringLiteral("Subnet"), u"172.18.0.0/16"_s},
                                               {QStringLiteral("Gateway"), u"172.18.0.1"_s}}}));
    QCOMPARE(a.value(QStringLiteral("Options")), QJsonValue(QJsonObject()));
    QCOMPARE(a.value(QStringLiteral("Labels")), QJsonValue(QJsonObject()));
    QCOMPARE(a.value(QStringLiteral("Driver")).toString(), QStringLiteral("bridge"));
    const auto b = inspect(QStringLiteral("b"));
    QCOMPARE(*b.ipam->config->first().subnet, QStringLiteral("172.19.0.0/16"));
    // A freed subnet is taken again.
    QVERIFY(run<Nothing>([&](QObject* c, auto done) {
                m_networks->remove(QStringLiteral("a"), c, done);
            }).ok());
    QVERIFY(create({{QStringLiteral("Name"), QStringLiteral("c")}}).ok());
    QCOMPARE(*inspect(QStringLiteral("c")).ipam->config->first().subnet,
             QStringLiteral("172.18.0.0/16"));
}

void TstMemoryNetworks::createKeepsTheRequestedPool() {
    const QJsonObject ipam{
        {QStringLiteral("Config"),
         QJsonArray{QJsonObject{{QStringLiteral("Subnet"), u"10.231.7.0/24"_s}}}},
        {QStringLiteral("Options"), QJsonObject{{u"x"_s, u"y"_s}}}};
    QVERIFY(create({{QStringLiteral("Name"), QStringLiteral("p")},
                    {QStringLiteral("IPAM"), ipam},
                    {QStringLiteral("Internal"), true},
                    {QStringLiteral("Labels"), QJsonObject{{u"team"_s, u"a"_s}}}})
                .ok());
    const QJsonObject p = inspect(QStringLiteral("p")).toJson();
    // As asked: no gateway shown when none was given (Docker's answer).
    QCOMPARE(
        p.value(QStringLiteral("IPAM")).toObject(),
        (QJsonObject{{QStringLiteral("Driver"), u"default"_s},
                     {QStringLiteral("Options"), QJsonObject{{u"x"_s, u"y"_s}}},
                     {QStringLiteral("Config"),
                      QJsonArray{QJsonObject{{QStringLiteral("Subnet"), u"10.231.7.0/24"_s}}}}}));
    QCOMPARE(p.value(QStringLiteral("Internal")).toBool(), true);
    QCOMPARE(p.value(QStringLiteral("Labels")), QJsonValue(QJsonObject{{u"team"_s, u"a"_s}}));
    // Its addresses start after the implicit gateway.
    const ContainerRef c = m_directory->add(QStringLiteral("c"), true);
    const auto endpoint = m_networks->attach(QStringLiteral("p"), c, {});
    QVERIFY(endpoint.ok());
    QCOMPARE(endpoint.value().value(QStringLiteral("IPAddress")).toString(), u"10.231.7.2"_s);
    QCOMPARE(endpoint.value().value(QStringLiteral("Gateway")).toString(), u"10.231.7.1"_s);
    QCOMPARE(endpoint.value().value(QStringLiteral("IPPrefixLen")).toInt(), 24);
}

void TstMemoryNetworks::createRefusalsUseDockersStatusAndText() {
    QVERIFY(create({{QStringLiteral("Name"), QStringLiteral("dup")}}).ok());
    const struct {
        QJsonObject body;
        int status;
        QString message;
    } cases[] = {
        {{{u"Name"_s, u"dup"_s}}, 409, u"network with name dup already exists"_s},
        {{{u"Name"_s, u"bridge"_s}},
         403,
         u"operation is not permitted on predefined bridge network "_s},
        {{{u"Name"_s, u"x"_s}, {u"Driver"_s, u"bogus"_s}}, 404, u"plugin \"bogus\" not found"_s},
        {{{u"Name"_s, u"x"_s}, {u"Driver"_s, u"host"_s}},
         403,
         u"only one instance of \"host\" network is allowed"_s},
        {{{u"Name"_s, u"x"_s}, {u"IPAM"_s, QJsonObject{{u"Driver"_s, u"foo"_s}}}},
         404,
         u"plugin \"foo\" not found"_s},
        {{{u"Name"_s, u"x"_s},
          {u"IPAM"_s, QJsonObject{{u"Config"_s, QJsonArray{QJsonObject{{u"Subnet"_s, u"zz"_s}}}}}}},
         500,
         u"Invalid subnet zz : invalid CIDR address: zz"_s},
        {{{u"Name"_s, u"x"_s},
          {u"IPAM"_s,
           QJsonObject{{u"Config"_s, QJsonArray{QJsonObject{{u"Subnet"_s, u"172.17.5.0/24"_s}}}}}}},
         403,
         u"Pool overlaps with other one on this address space"_s},
        {{{u"Name"_s, u"x"_s},
          {u"IPAM"_s,
           QJsonObject{{u"Config"_s, QJsonArray{QJsonObject{{u"Subnet"_s, u"10.1.0.0/24"_s},
                                                            {u"Gateway"_s, u"10.2.0.1"_s}}}}}}},
         500,
         u"failed to allocate gateway (10.2.0.1): Requested address is out of range"_s},
    };
    for (const auto& c : cases) {
        const auto result = create(c.body);
        QVERIFY2(!result.ok(), qPrintable(c.message));
        QCOMPARE(result.error().status, c.status);
        QCOMPARE(result.error().message, c.message);
    }
    QCOMPARE(m_networks->count(), 4);
}

void TstMemoryNetworks::inspectFindsByIdNameAndPrefix() {
    const QString id = create({{QStringLiteral("Name"), QStringLiteral("n")}}).value().id;
    for (const QString& ref : {id, QStringLiteral("n"), id.left(12), id.left(1)}) {
        if (ref.size() == 1 && listed(QStringLiteral("{\"id\":[\"^%1\"]}").arg(ref)).size() > 1)
            continue; // another network's id starts the same way
        QCOMPARE(*inspect(ref).id, id);
    }
    const auto missing = run<api::Network>([&](QObject* c, auto done) {
        m_networks->inspect(QStringLiteral("gone"), false, c, done);
    });
    QCOMPARE(missing.error().status, 404);
    QCOMPARE(missing.error().message, QStringLiteral("No such network: gone"));
}

void TstMemoryNetworks::attachHandsOutAddressesAndMacs() {
    const ContainerRef one = m_directory->add(QStringLiteral("one"), true);
    const ContainerRef two = m_directory->add(QStringLiteral("two"), true);
    const QJsonObject first = m_networks->attach(QStringLiteral("bridge"), one, {}).value();
    const QJsonObject second = m_networks->attach(QStringLiteral("bridge"), two, {}).value();
    QCOMPARE(first.value(QStringLiteral("IPAddress")).toString(), QStringLiteral("172.17.0.2"));
    QCOMPARE(first.value(QStringLiteral("MacAddress")).toString(),
             QStringLiteral("02:42:ac:11:00:02"));
    QCOMPARE(second.value(QStringLiteral("IPAddress")).toString(), QStringLiteral("172.17.0.3"));
    QCOMPARE(first.value(QStringLiteral("EndpointID")).toString().size(), 64);
    QCOMPARE(first.value(QStringLiteral("NetworkID")).toString(),
             *inspect(QStringLiteral("bridge")).id);
    // The whole endpoint, as container inspect shows it; no short id alias on the bridge.
    for (const char* field : {"IPAMConfig", "Links", "Aliases", "DriverOpts"})
        QVERIFY2(first.value(QLatin1String(field)).isNull(), field);
    QCOMPARE(first.value(QStringLiteral("IPPrefixLen")).toInt(), 16);
    QCOMPARE(first.value(QStringLiteral("GlobalIPv6Address")).toString(), QString());
    // The network lists both, keyed by id.
    const auto containers = *inspect(QStringLiteral("bridge")).containers;
    QCOMPARE(containers.size(), 2);
    QCOMPARE(*containers.value(one.id).ipv4Address, QStringLiteral("172.17.0.2/16"));
    QCOMPARE(*containers.value(one.id).name, QStringLiteral("one"));
    QCOMPARE(*containers.value(one.id).ipv6Address, QString());
    // A freed address is the next one given.
    m_networks->detachAll(one.id);
    const ContainerRef three = m_directory->add(QStringLiteral("three"), true);
    QCOMPARE(m_networks->attach(QStringLiteral("bridge"), three, {})
                 .value()
                 .value(QStringLiteral("IPAddress"))
                 .toString(),
             QStringLiteral("172.17.0.2"));
    QVERIFY(m_networks->endpointsOf(one.id).isEmpty());
    const auto missing = m_networks->attach(QStringLiteral("nope"), three, {});
    QCOMPARE(missing.error().status, 404);
    QCOMPARE(missing.error().message, QStringLiteral("network nope not found"));
}

void TstMemoryNetworks::endpointsShowAddressesOnlyWhileRunning() {
    QVERIFY(create({{QStringLiteral("Name"), QStringLiteral("user")}}).ok());
    ContainerRef& created = m_directory->add(QStringLiteral("created"), false);
    api::EndpointSettings settings;
    settings.aliases = QStringList{QStringLiteral("db")};
    const QJsonObject before =
        m_networks->attach(QStringLiteral("user"), created, settings).value();
    // Docker before the first start: everything blank but the aliases asked for.
    QCOMPARE(before.value(QStringLiteral("NetworkID")).toString(), QString());
    QCOMPARE(before.value(QStringLiteral("IPAddress")).toString(), QString());
    QCOMPARE(before.value(QStringLiteral("Aliases")), QJsonValue(QJsonArray{u"db"_s}));
    QVERIFY(inspect(QStringLiteral("user")).containers->isEmpty());

    created.running = true;
    const QJsonObject running = m_networks->endpointsOf(created.id).value(QStringLiteral("user"));
    QCOMPARE(running.value(QStringLiteral("IPAddress")).toString(), QStringLiteral("172.18.0.2"));
    QCOMPARE(running.value(QStringLiteral("Aliases")),
             QJsonValue(QJsonArray{u"db"_s, created.id.left(12)}));
    QCOMPARE(inspect(QStringLiteral("user")).containers->size(), 1);

    created.running = false;
    const QJsonObject stopped = m_networks->endpointsOf(created.id).value(QStringLiteral("user"));
    QCOMPARE(stopped.value(QStringLiteral("NetworkID")).toString(),
             *inspect(QStringLiteral("user")).id);
    QCOMPARE(stopped.value(QStringLiteral("EndpointID")).toString(), QString());
    QCOMPARE(stopped.value(QStringLiteral("MacAddress")).toString(), QString());
}

void TstMemoryNetworks::connectAndDisconnectFollowDockersRules() {
    QVERIFY(create({{QStringLiteral("Name"), QStringLiteral("net")}}).ok());
    const ContainerRef web = m_directory->add(QStringLiteral("web"), true);
    const auto connect = [&](const QString& network, const QJsonObject& body) {
        const auto request = api::NetworkConnectRequest::fromJson(body).value();
        return run<Nothing>(
            [&](QObject* c, auto done) { m_networks->connect(network, request, c, done); });
    };
    const auto disconnect = [&](const QString& network, const QString& container) {
        api::NetworkDisconnectRequest request;
        request.container = container;
        return run<Nothing>(
            [&](QObject* c, auto done) { m_networks->disconnect(network, request, c, done); });
    };
    QVERIFY(connect(QStringLiteral("net"),
                    {{u"Container"_s, u"web"_s},
                     {u"EndpointConfig"_s, QJsonObject{{u"Aliases"_s, QJsonArray{u"w"_s}}}}})
                .ok());
    QCOMPARE(m_networks->endpointsOf(web.id).value(QStringLiteral("net")).value(u"Aliases"_s),
             QJsonValue(QJsonArray{u"w"_s, web.id.left(12)}));
    const auto again = connect(QStringLiteral("net"), {{u"Container"_s, web.id}});
    QCOMPARE(again.error().status, 403);
    QCOMPARE(again.error().message,
             QStringLiteral("endpoint with name web already exists in network net"));
    const auto ghost = connect(QStringLiteral("net"), {{u"Container"_s, u"ghost"_s}});
    QCOMPARE(ghost.error().status, 404);
    QCOMPARE(ghost.error().message, QStringLiteral("No such container: ghost"));
    const auto noNet = connect(QStringLiteral("nonet"), {{u"Container"_s, u"web"_s}});
    QCOMPARE(noNet.error().message, QStringLiteral("No such network: nonet"));
    QCOMPARE(connect(QStringLiteral("host"), {{u"Container"_s, u"web"_s}}).error().status, 400);
    QCOMPARE(connect(QStringLiteral("none"), {{u"Container"_s, u"web"_s}}).error().message,
             QStringLiteral("container cannot be connected to multiple networks with one of the "
                            "networks in private (none) mode"));
    const auto staticOnBridge = connect(
        QStringLiteral("bridge"),
        {{u"Container"_s, u"web"_s},
         {u"EndpointConfig"_s,
          QJsonObject{{u"IPAMConfig"_s, QJsonObject{{u"IPv4Address"_s, u"172.17.0.9"_s}}}}}});
    QCOMPARE(
        staticOnBridge.error().message,
        QStringLiteral("user specified IP address is supported on user defined networks only"));

    QVERIFY(disconnect(QStringLiteral("net"), QStringLiteral("web")).ok());
    QVERIFY(m_networks->endpointsOf(web.id).isEmpty());
    const auto notConnected = disconnect(QStringLiteral("net"), QStringLiteral("web"));
    QCOMPARE(notConnected.error().status, 500);
    QCOMPARE(notConnected.error().message,
             QStringLiteral("container %1 is not connected to network net").arg(web.id));
    const ContainerRef idle = m_directory->add(QStringLiteral("idle"), false);
    QCOMPARE(disconnect(QStringLiteral("net"), idle.id).error().message,
             QStringLiteral("container %1 is not connected to the network net").arg(idle.id));
    QCOMPARE(disconnect(QStringLiteral("net"), QStringLiteral("ghost")).error().status, 404);
}

void TstMemoryNetworks::removeRefusesPredefinedAndBusyNetworks() {
    const auto remove = [&](const QString& id) {
        return run<Nothing>([&](QObject* c, auto done) { m_networks->remove(id, c, done); });
    };
    for (const QString& name :
         {QStringLiteral("bridge"), QStringLiteral("host"), QStringLiteral("none")}) {
        const auto refused = remove(name);
        QCOMPARE(refused.error().status, 403);
        QCOMPARE(refused.error().message,
                 QStringLiteral("%1 is a pre-defined network and cannot be removed").arg(name));
    }
    const QString id = create({{QStringLiteral("Name"), QStringLiteral("busy")}}).value().id;
    ContainerRef& user = m_directory->add(QStringLiteral("user"), true);
    QVERIFY(m_networks->attach(QStringLiteral("busy"), user, {}).ok());
    const auto busy = remove(QStringLiteral("busy"));
    QCOMPARE(busy.error().status, 403);
    QCOMPARE(busy.error().message,
             QStringLiteral("error while removing network: network busy id %1 has active endpoints")
                 .arg(id));
    // A stopped container's endpoint does not hold the network (Docker's rule).
    user.running = false;
    QVERIFY(remove(id.left(10)).ok());
    QCOMPARE(remove(QStringLiteral("busy")).error().message,
             QStringLiteral("No such network: busy"));
    QVERIFY(m_networks->endpointsOf(user.id).contains(QStringLiteral("bridge")) == false);
}

void TstMemoryNetworks::pruneRemovesUnusedMatchingNetworks() {
    const QJsonObject marked{{QStringLiteral("Labels"), QJsonObject{{u"p"_s, u"1"_s}}}};
    for (const char* name : {"pa", "pb", "used"}) {
        QJsonObject body = marked;
        body.insert(QStringLiteral("Name"), QLatin1String(name));
        QVERIFY(create(body).ok());
    }
    QVERIFY(create({{QStringLiteral("Name"), QStringLiteral("kept")}}).ok());
    QVERIFY(m_networks->attach(QStringLiteral("used"), m_directory->add(u"c"_s, true), {}).ok());
    const auto prune = [&](const QString& json) {
        return run<api::NetworkPruneResponse>(
            [&](QObject* c, auto done) { m_networks->prune(filters(json), c, done); });
    };
    QStringList pruned = prune(QStringLiteral("{\"label\":[\"p=1\"]}")).value().networksDeleted;
    pruned.sort();
    QCOMPARE(pruned, (QStringList{u"pa"_s, u"pb"_s}));
    const auto none = prune(QStringLiteral("{\"label\":[\"p=1\"]}"));
    QCOMPARE(none.value().toJson().value(QStringLiteral("NetworksDeleted")),
             QJsonValue(QJsonArray()));
    QCOMPARE(prune(QStringLiteral("{\"until\":[\"1\"]}")).value().networksDeleted, QStringList());
    QCOMPARE(prune(QStringLiteral("{\"until\":[\"zz\"]}")).error().message,
             QStringLiteral("failed to parse value as time or duration: \"zz\""));
    QCOMPARE(prune(QStringLiteral("{\"name\":[\"x\"]}")).error().message,
             QStringLiteral("Invalid filter 'name'"));
    QCOMPARE(prune(QStringLiteral("{\"label!\":[\"p\"]}")).value().networksDeleted,
             QStringList{u"kept"_s});
    QCOMPARE(listed({}), (QStringList{u"bridge"_s, u"host"_s, u"none"_s, u"used"_s}));
}

void TstMemoryNetworks::listFiltersAsDockerDoes() {
    QVERIFY(create({{u"Name"_s, u"alpha"_s}, {u"Labels"_s, QJsonObject{{u"k"_s, u"v"_s}}}}).ok());
    const QString betaId = create({{u"Name"_s, u"beta"_s}}).value().id;
    QCOMPARE(listed(QStringLiteral("{\"label\":{\"k=v\":true}}")), QStringList{u"alpha"_s});
    QCOMPARE(listed(QStringLiteral("{\"label\":[\"k\"]}")), QStringList{u"alpha"_s});
    QCOMPARE(listed(QStringLiteral("{\"name\":[\"^alph\"]}")), QStringList{u"alpha"_s});
    QCOMPARE(listed(QStringLiteral("{\"name\":[\"ta\"]}")), QStringList{u"beta"_s});
    QCOMPARE(listed(QStringLiteral("{\"id\":[\"%1\"]}").arg(betaId.left(10))),
             QStringList{u"beta"_s});
    QCOMPARE(listed(QStringLiteral("{\"driver\":[\"null\"]}")), QStringList{u"none"_s});
    QCOMPARE(listed(QStringLiteral("{\"driver\":[\"brid\"]}")), QStringList());
    QCOMPARE(listed(QStringLiteral("{\"type\":[\"custom\"]}")),
             (QStringList{u"alpha"_s, u"beta"_s}));
    QCOMPARE(listed(QStringLiteral("{\"type\":[\"builtin\"]}")),
             (QStringList{u"bridge"_s, u"host"_s, u"none"_s}));
    QCOMPARE(listed(QStringLiteral("{\"scope\":[\"swarm\"]}")), QStringList());
    QCOMPARE(listed(QStringLiteral("{\"dangling\":[\"true\"]}")),
             (QStringList{u"alpha"_s, u"beta"_s}));
    QCOMPARE(listed(QStringLiteral("{\"bogus\":[\"x\"]}")),
             QStringList{u"<400 Invalid filter 'bogus'>"_s});
    QCOMPARE(listed(QStringLiteral("{\"type\":[\"odd\"]}")),
             QStringList{u"<500 invalid filter: 'type'='odd'>"_s});
    QVERIFY(listed(QStringLiteral("{\"dangling\":[\"maybe\"]}")).first().startsWith(u"<400 "_s));
}

void TstMemoryNetworks::everyChangeIsAnEvent() {
    const QString id = create({{u"Name"_s, u"ev"_s}}).value().id;
    const ContainerRef c = m_directory->add(QStringLiteral("c"), true);
    api::NetworkConnectRequest connect;
    connect.container = c.id;
    QVERIFY(run<Nothing>([&](QObject* ctx, auto done) {
                m_networks->connect(id, connect, ctx, done);
            }).ok());
    api::NetworkDisconnectRequest disconnect;
    disconnect.container = c.id;
    QVERIFY(run<Nothing>([&](QObject* ctx, auto done) {
                m_networks->disconnect(id, disconnect, ctx, done);
            }).ok());
    QVERIFY(run<Nothing>([&](QObject* ctx, auto done) { m_networks->remove(id, ctx, done); }).ok());
    QStringList actions;
    for (const MemoryEvent& event : m_events->history()) {
        QCOMPARE(event.type, QStringLiteral("network"));
        QCOMPARE(event.actorId, id);
        QCOMPARE(event.attributes.value(QStringLiteral("name")), QStringLiteral("ev"));
        QCOMPARE(event.attributes.value(QStringLiteral("type")), QStringLiteral("bridge"));
        actions.append(event.action);
        if (event.action.endsWith(QLatin1String("connect")))
            QCOMPARE(event.attributes.value(QStringLiteral("container")), c.id);
    }
    QCOMPARE(actions, (QStringList{u"create"_s, u"connect"_s, u"disconnect"_s, u"destroy"_s}));
}

void TstMemoryNetworks::abandonedContextGetsNoAnswer() {
    bool called = false;
    {
        QObject context;
        m_networks->list({}, &context, [&called](const auto&) { called = true; });
    }
    QTest::qWait(20);
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TstMemoryNetworks)
#include "tst_memory_networks.moc"
