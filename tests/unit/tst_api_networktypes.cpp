// The network types of the contract: request bodies read and checked (a wrong type is a 400
// naming the field's path), unknown fields kept, Docker's network shape written back unchanged.

#include "api/networktypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using sockerless::api::Network;
using sockerless::api::NetworkConnectRequest;
using sockerless::api::NetworkCreateRequest;
using sockerless::api::NetworkCreateResponse;
using sockerless::api::NetworkDisconnectRequest;
using sockerless::api::NetworkPruneResponse;

namespace {

QJsonObject parse(const char* json) {
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

template <typename T> QString errorOf(const sockerless::api::Result<T>& result) {
    return result.ok() ? QString() : result.error().message;
}

// A bridge network with one container, as Docker 20.10 inspects it (IPAM.Options is null).
const char* const inspected = R"({
    "Name":"sl-net","Id":"8d3d704cde5a256ffe8d603177c7ef004d0d944251945eeacfa44ab7c6469e07",
    "Created":"2026-11-28T15:20:59.629355483Z","Scope":"local","Driver":"bridge",
    "EnableIPv6":false,"IPAM":{"Driver":"default","Options":null,
    "Config":[{"Subnet":"172.18.0.0/16","Gateway":"172.18.0.1"}]},"Internal":false,
    "Attachable":false,"Ingress":false,"ConfigFrom":{"Network":""},"ConfigOnly":false,
    "Containers":{"ee41":{"Name":"c1","EndpointID":"7de8","MacAddress":"02:42:ac:13:00:02",
    "IPv4Address":"172.19.0.2/16","IPv6Address":""}},
    "Options":{"com.docker.network.bridge.enable_icc":"false"},"Labels":{"team":"a"}})";

} // namespace

class TstApiNetworkTypes : public QObject {
    Q_OBJECT

private slots:
    void createReadsEveryKnownField();
    void createKeepsUnknownFields();
    void createWithoutNameIs400_data();
    void createWithoutNameIs400();
    void createWrongTypeIs400NamingField_data();
    void createWrongTypeIs400NamingField();
    void createToJsonLeavesOutUnsetFields();
    void networkRoundTripsDockerShape();
    void networkReadsContainersTyped();
    void networkWrongNestedTypeNamesPath();
    void createResponseWarningIsAlwaysAString();
    void connectReadsContainerAndEndpointConfig();
    void connectWithoutContainerIs400();
    void connectWrongAliasesTypeNamesPath();
    void disconnectReadsForce();
    void disconnectWrongForceTypeIs400();
    void pruneResponseNullListBecomesEmpty();
};

void TstApiNetworkTypes::createReadsEveryKnownField() {
    const auto result = NetworkCreateRequest::fromJson(parse(R"({
        "Name":"n1","Driver":"bridge","Internal":true,"Attachable":true,"EnableIPv6":false,
        "IPAM":{"Driver":"default","Config":[{"Subnet":"10.9.0.0/24","IPRange":"10.9.0.0/25",
        "Gateway":"10.9.0.1","AuxiliaryAddresses":{"host":"10.9.0.5"}}],"Options":{"o":"1"}},
        "Options":{"com.docker.network.bridge.enable_icc":"false"},"Labels":{"a":"b"}})"));
    QVERIFY2(result.ok(), qPrintable(errorOf(result)));
    const NetworkCreateRequest& r = result.value();
    QCOMPARE(r.name, QStringLiteral("n1"));
    QCOMPARE(r.driver, QStringLiteral("bridge"));
    QCOMPARE(r.internal, true);
    QCOMPARE(r.attachable, true);
    QCOMPARE(r.enableIPv6, false);
    QVERIFY(r.ipam.has_value());
    QCOMPARE(r.ipam->driver, QStringLiteral("default"));
    QCOMPARE(r.ipam->config->size(), 1);
    const auto& pool = r.ipam->config->first();
    QCOMPARE(pool.subnet, QStringLiteral("10.9.0.0/24"));
    QCOMPARE(pool.ipRange, QStringLiteral("10.9.0.0/25"));
    QCOMPARE(pool.gateway, QStringLiteral("10.9.0.1"));
    QCOMPARE(pool.auxiliaryAddresses->value(QStringLiteral("host")), QStringLiteral("10.9.0.5"));
    QCOMPARE(r.ipam->options->value(QStringLiteral("o")), QStringLiteral("1"));
    QCOMPARE(r.options->value(QStringLiteral("com.docker.network.bridge.enable_icc")),
             QStringLiteral("false"));
    QCOMPARE(r.labels->value(QStringLiteral("a")), QStringLiteral("b"));
    QVERIFY(r.extra.isEmpty());
}

void TstApiNetworkTypes::createKeepsUnknownFields() {
    const QJsonObject body = parse(R"({"Name":"n1","Scope":"local","ConfigFrom":{"Network":"x"},
        "IPAM":{"Config":[{"Subnet":"10.9.0.0/24","Future":1}],"Future":[1]},"Labels":null})");
    const auto result = NetworkCreateRequest::fromJson(body);
    QVERIFY2(result.ok(), qPrintable(errorOf(result)));
    QCOMPARE(result.value().extra.value(QStringLiteral("Scope")).toString(),
             QStringLiteral("local"));
    QVERIFY(!result.value().labels.has_value());
    // Written back as it came: nothing dropped, the null Labels still null.
    QCOMPARE(result.value().toJson(), body);
}

void TstApiNetworkTypes::createWithoutNameIs400_data() {
    QTest::addColumn<QString>("body");
    QTest::newRow("absent") << QStringLiteral(R"({"Driver":"bridge"})");
    QTest::newRow("empty") << QStringLiteral(R"({"Name":""})");
    QTest::newRow("null") << QStringLiteral(R"({"Name":null})");
}

void TstApiNetworkTypes::createWithoutNameIs400() {
    QFETCH(QString, body);
    const auto result = NetworkCreateRequest::fromJson(parse(body.toUtf8().constData()));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().status, 400);
    QCOMPARE(result.error().message, QStringLiteral("missing required field 'Name'"));
}

void TstApiNetworkTypes::createWrongTypeIs400NamingField_data() {
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("field");
    QTest::newRow("Name") << QStringLiteral(R"({"Name":5})") << QStringLiteral("Name");
    QTest::newRow("Internal") << QStringLiteral(R"({"Name":"n","Internal":"yes"})")
                              << QStringLiteral("Internal");
    QTest::newRow("Labels") << QStringLiteral(R"({"Name":"n","Labels":{"a":1}})")
                            << QStringLiteral("Labels");
    QTest::newRow("Options") << QStringLiteral(R"({"Name":"n","Options":["a"]})")
                             << QStringLiteral("Options");
    QTest::newRow("IPAM") << QStringLiteral(R"({"Name":"n","IPAM":"default"})")
                          << QStringLiteral("IPAM");
    QTest::newRow("IPAM.Config") << QStringLiteral(R"({"Name":"n","IPAM":{"Config":{}}})")
                                 << QStringLiteral("IPAM.Config");
    QTest::newRow("IPAM.Config[1]") << QStringLiteral(R"({"Name":"n","IPAM":{"Config":[{},"x"]}})")
                                    << QStringLiteral("IPAM.Config[1]");
    QTest::newRow("IPAM.Config[0].Subnet")
        << QStringLiteral(R"({"Name":"n","IPAM":{"Config":[{"Subnet":10}]}})")
        << QStringLiteral("IPAM.Config[0].Subnet");
}

void TstApiNetworkTypes::createWrongTypeIs400NamingField() {
    QFETCH(QString, body);
    QFETCH(QString, field);
    const auto result = NetworkCreateRequest::fromJson(parse(body.toUtf8().constData()));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().status, 400);
    QVERIFY2(result.error().message.startsWith(QStringLiteral("invalid field '%1':").arg(field)),
             qPrintable(result.error().message));
}

void TstApiNetworkTypes::createToJsonLeavesOutUnsetFields() {
    NetworkCreateRequest request;
    request.name = QStringLiteral("n1");
    request.internal = true;
    QCOMPARE(request.toJson(), parse(R"({"Name":"n1","Internal":true})"));
}

void TstApiNetworkTypes::networkRoundTripsDockerShape() {
    const QJsonObject docker = parse(inspected);
    const auto result = Network::fromJson(docker);
    QVERIFY2(result.ok(), qPrintable(errorOf(result)));
    QCOMPARE(result.value().toJson(), docker);
    QCOMPARE(result.value().extra.value(QStringLiteral("ConfigOnly")), QJsonValue(false));
}

void TstApiNetworkTypes::networkReadsContainersTyped() {
    const auto result = Network::fromJson(parse(inspected));
    QVERIFY2(result.ok(), qPrintable(errorOf(result)));
    const Network& network = result.value();
    QCOMPARE(network.name, QStringLiteral("sl-net"));
    QCOMPARE(network.driver, QStringLiteral("bridge"));
    QCOMPARE(network.internal, false);
    QCOMPARE(network.labels->value(QStringLiteral("team")), QStringLiteral("a"));
    QCOMPARE(network.ipam->config->first().subnet, QStringLiteral("172.18.0.0/16"));
    QVERIFY(!network.ipam->options.has_value()); // null: unset, kept as null in extra
    QCOMPARE(network.containers->size(), 1);
    const auto& attached = network.containers->value(QStringLiteral("ee41"));
    QCOMPARE(attached.name, QStringLiteral("c1"));
    QCOMPARE(attached.ipv4Address, QStringLiteral("172.19.0.2/16"));
}

void TstApiNetworkTypes::networkWrongNestedTypeNamesPath() {
    const auto result = Network::fromJson(parse(R"({"Name":"n","Containers":{"abc":{"Name":7}}})"),
                                          QStringLiteral("[3]"));
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.startsWith(
                 QStringLiteral("invalid field '[3].Containers.abc.Name':")),
             qPrintable(result.error().message));
}

void TstApiNetworkTypes::createResponseWarningIsAlwaysAString() {
    for (const char* json : {R"({"Id":"abc"})", R"({"Id":"abc","Warning":null})"}) {
        const auto result = NetworkCreateResponse::fromJson(parse(json));
        QVERIFY2(result.ok(), qPrintable(errorOf(result)));
        QCOMPARE(result.value().toJson(), parse(R"({"Id":"abc","Warning":""})"));
    }
    const auto warned = NetworkCreateResponse::fromJson(parse(R"({"Id":"a","Warning":"w"})"));
    QCOMPARE(warned.value().warning, QStringLiteral("w"));
}

void TstApiNetworkTypes::connectReadsContainerAndEndpointConfig() {
    const QJsonObject body = parse(R"({"Container":"c1","EndpointConfig":{"Aliases":["web"],
        "IPAMConfig":{"IPv4Address":"10.9.0.7"},"Links":["db:db"]}})");
    const auto result = NetworkConnectRequest::fromJson(body);
    QVERIFY2(result.ok(), qPrintable(errorOf(result)));
    QCOMPARE(result.value().container, QStringLiteral("c1"));
    QCOMPARE(result.value().endpointConfig->aliases, QStringList{QStringLiteral("web")});
    QCOMPARE(result.value().endpointConfig->ipamConfig->ipv4Address, QStringLiteral("10.9.0.7"));
    QCOMPARE(result.value().toJson(), body);
}

void TstApiNetworkTypes::connectWithoutContainerIs400() {
    for (const char* json : {"{}", R"({"Container":""})", R"({"EndpointConfig":{}})"}) {
        const auto result = NetworkConnectRequest::fromJson(parse(json));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().status, 400);
        QCOMPARE(result.error().message, QStringLiteral("missing required field 'Container'"));
    }
    const auto wrong = NetworkConnectRequest::fromJson(parse(R"({"Container":5})"));
    QVERIFY(!wrong.ok());
    QVERIFY(wrong.error().message.startsWith(QStringLiteral("invalid field 'Container':")));
}

void TstApiNetworkTypes::connectWrongAliasesTypeNamesPath() {
    const auto result = NetworkConnectRequest::fromJson(
        parse(R"({"Container":"c","EndpointConfig":{"Aliases":"x"}})"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().status, 400);
    QVERIFY2(result.error().message.startsWith(
                 QStringLiteral("invalid field 'EndpointConfig.Aliases':")),
             qPrintable(result.error().message));
}

void TstApiNetworkTypes::disconnectReadsForce() {
    const auto result =
        NetworkDisconnectRequest::fromJson(parse(R"({"Container":"c1","Force":true,"X":1})"));
    QVERIFY2(result.ok(), qPrintable(errorOf(result)));
    QCOMPARE(result.value().container, QStringLiteral("c1"));
    QCOMPARE(result.value().force, true);
    QCOMPARE(result.value().toJson(), parse(R"({"Container":"c1","Force":true,"X":1})"));
}

void TstApiNetworkTypes::disconnectWrongForceTypeIs400() {
    const auto result =
        NetworkDisconnectRequest::fromJson(parse(R"({"Container":"c1","Force":"yes"})"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().status, 400);
    QVERIFY(result.error().message.startsWith(QStringLiteral("invalid field 'Force':")));
}

void TstApiNetworkTypes::pruneResponseNullListBecomesEmpty() {
    const auto none = NetworkPruneResponse::fromJson(parse(R"({"NetworksDeleted":null})"));
    QVERIFY2(none.ok(), qPrintable(errorOf(none)));
    QCOMPARE(none.value().toJson(), parse(R"({"NetworksDeleted":[]})"));
    const auto some = NetworkPruneResponse::fromJson(parse(R"({"NetworksDeleted":["a","b"]})"));
    QCOMPARE(some.value().networksDeleted, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
}

QTEST_GUILESS_MAIN(TstApiNetworkTypes)
#include "tst_api_networktypes.moc"
