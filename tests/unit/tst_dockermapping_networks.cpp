// The Docker backend's network mapping: the bodies sent to Docker, Docker's answers read
// (recorded from dockerd 20.10 / API 1.41) and the errors worded as the contract says.

#include "backends/docker/dockernetworkmapping.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace sockerless::backends;
using sockerless::api::ApiError;
using sockerless::api::NetworkConnectRequest;
using sockerless::api::NetworkCreateRequest;
using sockerless::api::NetworkDisconnectRequest;

namespace {

QJsonObject parse(const char* json) {
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

QJsonDocument document(const char* json) {
    return QJsonDocument::fromJson(QByteArray(json));
}

QJsonObject bodyOf(const QByteArray& body) {
    return QJsonDocument::fromJson(body).object();
}

template <typename T> QString errorOf(const sockerless::api::Result<T>& result) {
    return result.ok() ? QString() : result.error().message;
}

// GET /v1.41/networks?filters={"label":["h4"]} on dockerd 20.10.24.
const char* const listed = R"([{"Name":"h4probe",
    "Id":"8d3d704cde5a256ffe8d603177c7ef004d0d944251945eeacfa44ab7c6469e07",
    "Created":"2026-11-28T15:20:59.629355483Z","Scope":"local","Driver":"bridge",
    "EnableIPv6":false,"IPAM":{"Driver":"default","Options":null,
    "Config":[{"Subnet":"172.18.0.0/16","Gateway":"172.18.0.1"}]},"Internal":false,
    "Attachable":false,"Ingress":false,"ConfigFrom":{"Network":""},"ConfigOnly":false,
    "Containers":{},"Options":{"com.docker.network.bridge.enable_icc":"false"},
    "Labels":{"h4":"1"}},
   {"Name":"none","Id":"c0f8","Created":"2026-11-28T10:00:00Z","Scope":"local","Driver":"null",
    "EnableIPv6":false,"IPAM":{"Driver":"default","Options":null,"Config":[]},"Internal":false,
    "Attachable":false,"Ingress":false,"ConfigFrom":{"Network":""},"ConfigOnly":false,
    "Containers":{},"Options":{},"Labels":{}}])";

} // namespace

class TstDockerMappingNetworks : public QObject {
    Q_OBJECT

private slots:
    void createBodyAlwaysChecksDuplicates();
    void createBodyPassesEveryFieldThrough();
    void connectBodyCarriesEndpointConfig();
    void disconnectBodyCarriesForce();
    void createdAnswerWarningNullBecomesEmpty();
    void inspectAnswerIsKeptWhole();
    void listAnswerMapsEveryNetwork();
    void listAnswerNullIsEmpty();
    void unexpectedDockerShapeIs500NamingField();
    void pruneAnswerNullBecomesEmptyList();
    void pruneAnswerNamesDeletedNetworks();
    void networkNotFoundIsWordedAsContract();
    void containerNotFoundPassesUnchanged();
    void otherErrorsPassUnchanged_data();
    void otherErrorsPassUnchanged();
};

void TstDockerMappingNetworks::createBodyAlwaysChecksDuplicates() {
    for (const char* json : {R"({"Name":"n1"})", R"({"Name":"n1","CheckDuplicate":false})"}) {
        const auto request = NetworkCreateRequest::fromJson(parse(json));
        QVERIFY2(request.ok(), qPrintable(errorOf(request)));
        const QJsonObject body = bodyOf(toDockerNetworkCreateBody(request.value()));
        QCOMPARE(body.value(QStringLiteral("CheckDuplicate")), QJsonValue(true));
        QCOMPARE(body.value(QStringLiteral("Name")).toString(), QStringLiteral("n1"));
    }
}

void TstDockerMappingNetworks::createBodyPassesEveryFieldThrough() {
    const QJsonObject sent = parse(R"({"Name":"n1","Driver":"bridge","Internal":true,
        "Attachable":true,"EnableIPv6":false,"IPAM":{"Driver":"default",
        "Config":[{"Subnet":"10.9.0.0/24","Gateway":"10.9.0.1"}]},
        "Options":{"com.docker.network.bridge.enable_icc":"false"},"Labels":{"a":"b"},
        "Ingress":false,"Scope":"local"})");
    const auto request = NetworkCreateRequest::fromJson(sent);
    QVERIFY2(request.ok(), qPrintable(errorOf(request)));
    QJsonObject expected = sent;
    expected.insert(QStringLiteral("CheckDuplicate"), true);
    QCOMPARE(bodyOf(toDockerNetworkCreateBody(request.value())), expected);
}

void TstDockerMappingNetworks::connectBodyCarriesEndpointConfig() {
    const QJsonObject sent = parse(R"({"Container":"c1","EndpointConfig":{"Aliases":["web"],
        "IPAMConfig":{"IPv4Address":"10.9.0.7"}}})");
    const auto request = NetworkConnectRequest::fromJson(sent);
    QVERIFY2(request.ok(), qPrintable(errorOf(request)));
    QCOMPARE(bodyOf(toDockerNetworkConnectBody(request.value())), sent);
}

void TstDockerMappingNetworks::disconnectBodyCarriesForce() {
    const auto request =
        NetworkDisconnectRequest::fromJson(parse(R"({"Container":"c1","Force":true})"));
    QVERIFY2(request.ok(), qPrintable(errorOf(request)));
    QCOMPARE(bodyOf(toDockerNetworkDisconnectBody(request.value())),
             parse(R"({"Container":"c1","Force":true})"));
}

void TstDockerMappingNetworks::createdAnswerWarningNullBecomesEmpty() {
    const auto recorded = fromDockerNetworkCreated(document(
        R"({"Id":"8d3d704cde5a256ffe8d603177c7ef004d0d944251945eeacfa44ab7c6469e07","Warning":""})"));
    QVERIFY2(recorded.ok(), qPrintable(errorOf(recorded)));
    QCOMPARE(recorded.value().id,
             QStringLiteral("8d3d704cde5a256ffe8d603177c7ef004d0d944251945eeacfa44ab7c6469e07"));
    // Newer engines leave Warning out when empty; the contract always has it.
    const auto newer = fromDockerNetworkCreated(document(R"({"Id":"abc"})"));
    QCOMPARE(newer.value().toJson(), parse(R"({"Id":"abc","Warning":""})"));
}

void TstDockerMappingNetworks::inspectAnswerIsKeptWhole() {
    const QJsonObject docker = QJsonDocument::fromJson(listed).array().first().toObject();
    const auto network = fromDockerNetwork(QJsonDocument(docker));
    QVERIFY2(network.ok(), qPrintable(errorOf(network)));
    QCOMPARE(network.value().toJson(), docker);
}

void TstDockerMappingNetworks::listAnswerMapsEveryNetwork() {
    const auto networks = fromDockerNetworkList(document(listed));
    QVERIFY2(networks.ok(), qPrintable(errorOf(networks)));
    QCOMPARE(networks.value().size(), 2);
    QCOMPARE(networks.value().at(0).name, QStringLiteral("h4probe"));
    QCOMPARE(networks.value().at(1).driver, QStringLiteral("null"));
    QCOMPARE(networks.value().at(1).toJson(),
             QJsonDocument::fromJson(listed).array().at(1).toObject());
}

void TstDockerMappingNetworks::listAnswerNullIsEmpty() {
    const auto networks = fromDockerNetworkList(QJsonDocument());
    QVERIFY2(networks.ok(), qPrintable(errorOf(networks)));
    QVERIFY(networks.value().isEmpty());
}

void TstDockerMappingNetworks::unexpectedDockerShapeIs500NamingField() {
    const auto network = fromDockerNetwork(document(R"({"Name":"n","Labels":5})"));
    QVERIFY(!network.ok());
    QCOMPARE(network.error().status, 500);
    QVERIFY2(network.error().message.contains(QStringLiteral("'Labels'")),
             qPrintable(network.error().message));
    const auto list = fromDockerNetworkList(document(R"([{"Name":"a"},{"Internal":"no"}])"));
    QVERIFY(!list.ok());
    QCOMPARE(list.error().status, 500);
    QVERIFY2(list.error().message.contains(QStringLiteral("'[1].Internal'")),
             qPrintable(list.error().message));
    QCOMPARE(fromDockerNetworkList(document(R"({"a":1})")).error().status, 500);
}

void TstDockerMappingNetworks::pruneAnswerNullBecomesEmptyList() {
    const auto pruned = fromDockerNetworkPrune(document(R"({"NetworksDeleted":null})"));
    QVERIFY2(pruned.ok(), qPrintable(errorOf(pruned)));
    QCOMPARE(pruned.value().toJson(), parse(R"({"NetworksDeleted":[]})"));
}

void TstDockerMappingNetworks::pruneAnswerNamesDeletedNetworks() {
    const auto pruned = fromDockerNetworkPrune(document(R"({"NetworksDeleted":["a","b"]})"));
    QVERIFY2(pruned.ok(), qPrintable(errorOf(pruned)));
    QCOMPARE(pruned.value().networksDeleted,
             (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
}

void TstDockerMappingNetworks::networkNotFoundIsWordedAsContract() {
    const ApiError docker{404, QStringLiteral("network nope not found")};
    const ApiError rewritten = rewriteNetworkError(docker, QStringLiteral("nope"));
    QCOMPARE(rewritten.status, 404);
    QCOMPARE(rewritten.message, QStringLiteral("No such network: nope"));
    // The id as the client sent it, even when Docker words it otherwise.
    QCOMPARE(
        rewriteNetworkError({404, QStringLiteral("network a/b not found")}, QStringLiteral("a/b"))
            .message,
        QStringLiteral("No such network: a/b"));
}

void TstDockerMappingNetworks::containerNotFoundPassesUnchanged() {
    const ApiError docker{404, QStringLiteral("No such container: c9")};
    const ApiError kept = rewriteNetworkError(docker, QStringLiteral("n1"));
    QCOMPARE(kept.status, 404);
    QCOMPARE(kept.message, docker.message);
}

void TstDockerMappingNetworks::otherErrorsPassUnchanged_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    QTest::newRow("403 predefined")
        << 403 << QStringLiteral("bridge is a pre-defined network and cannot be removed");
    QTest::newRow("403 endpoints")
        << 403
        << QStringLiteral("error while removing network: network n id 8d3d has active endpoints");
    QTest::newRow("409") << 409 << QStringLiteral("network with name n1 already exists");
    QTest::newRow("500") << 500 << QStringLiteral("container c is not connected to network n1");
    QTest::newRow("503") << 503
                         << QStringLiteral("Docker daemon unreachable at unix:///x: refused");
}

void TstDockerMappingNetworks::otherErrorsPassUnchanged() {
    QFETCH(int, status);
    QFETCH(QString, message);
    const ApiError kept = rewriteNetworkError({status, message}, QStringLiteral("n1"));
    QCOMPARE(kept.status, status);
    QCOMPARE(kept.message, message);
}

QTEST_GUILESS_MAIN(TstDockerMappingNetworks)
#include "tst_dockermapping_networks.moc"
