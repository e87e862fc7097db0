// The Docker backend's volume mapping: the create body, Docker's answers read (recorded from
// dockerd 20.10 / API 1.41, nulls included) and the errors worded as the contract says.

#include "backends/docker/dockervolumemapping.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace sockerless::backends;
using sockerless::api::ApiError;
using sockerless::api::VolumeCreateRequest;

namespace {

QJsonObject parse(const char* json) {
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

template <typename T> QString errorOf(const sockerless::api::Result<T>& result) {
    return result.ok() ? QString() : result.error().message;
}

// GET /v1.41/volumes?filters={"label":["h4"]} on dockerd 20.10.24: a named volume with driver
// options and a generated one (Options null), Warnings null.
const char* const listed = R"({"Volumes":[{"CreatedAt":"2026-11-28T15:21:29Z","Driver":"local",
    "Labels":{"h4":"1"},"Mountpoint":"/var/lib/docker/volumes/h4vol/_data","Name":"h4vol",
    "Options":{"device":"tmpfs","o":"size=1m","type":"tmpfs"},"Scope":"local"},
   {"CreatedAt":"2026-11-28T15:21:29Z","Driver":"local","Labels":{"h4":"1"},
    "Mountpoint":"/var/lib/docker/volumes/9064/_data","Name":"9064","Options":null,
    "Scope":"local"}],"Warnings":null})";

} // namespace

class TstDockerMappingVolumes : public QObject {
    Q_OBJECT

private slots:
    void createBodyPassesEveryFieldThrough();
    void createBodyWithoutNameLetsDockerGenerateOne();
    void volumeAnswerIsKeptWhole();
    void listAnswerMapsEveryVolumeAndNullWarnings();
    void listAnswerNullVolumesBecomesEmpty();
    void unexpectedDockerShapeIs500NamingField();
    void notFoundIsWordedAsContract();
    void inUseConflictKeepsDockerText();
};

void TstDockerMappingVolumes::createBodyPassesEveryFieldThrough() {
    const QJsonObject sent = parse(R"({"Name":"v1","Driver":"local",
        "DriverOpts":{"type":"tmpfs","device":"tmpfs","o":"size=1m"},"Labels":{"a":"b"},
        "ClusterVolumeSpec":{"Group":"g"}})");
    const auto request = VolumeCreateRequest::fromJson(sent);
    QVERIFY2(request.ok(), qPrintable(errorOf(request)));
    QCOMPARE(QJsonDocument::fromJson(toDockerVolumeCreateBody(request.value())).object(), sent);
}

void TstDockerMappingVolumes::createBodyWithoutNameLetsDockerGenerateOne() {
    const auto request = VolumeCreateRequest::fromJson(parse(R"({"Labels":{"a":"b"}})"));
    QVERIFY2(request.ok(), qPrintable(errorOf(request)));
    const QJsonObject body =
        QJsonDocument::fromJson(toDockerVolumeCreateBody(request.value())).object();
    QVERIFY(!body.contains(QStringLiteral("Name")));
}

void TstDockerMappingVolumes::volumeAnswerIsKeptWhole() {
    const QJsonObject docker = QJsonDocument::fromJson(listed)
                                   .object()
                                   .value(QStringLiteral("Volumes"))
                                   .toArray()
                                   .at(1)
                                   .toObject();
    const auto volume = fromDockerVolume(QJsonDocument(docker));
    QVERIFY2(volume.ok(), qPrintable(errorOf(volume)));
    QCOMPARE(volume.value().toJson(), docker);
    QCOMPARE(volume.value().name, QStringLiteral("9064"));
}

void TstDockerMappingVolumes::listAnswerMapsEveryVolumeAndNullWarnings() {
    const auto list = fromDockerVolumeList(QJsonDocument::fromJson(listed));
    QVERIFY2(list.ok(), qPrintable(errorOf(list)));
    QCOMPARE(list.value().volumes.size(), 2);
    QCOMPARE(list.value().volumes.first().name, QStringLiteral("h4vol"));
    const QJsonObject out = list.value().toJson();
    QCOMPARE(out.value(QStringLiteral("Warnings")), QJsonValue(QJsonArray()));
    QCOMPARE(out.value(QStringLiteral("Volumes")),
             QJsonDocument::fromJson(listed).object().value(QStringLiteral("Volumes")));
}

void TstDockerMappingVolumes::listAnswerNullVolumesBecomesEmpty() {
    const auto list =
        fromDockerVolumeList(QJsonDocument(parse(R"({"Volumes":null,"Warnings":null})")));
    QVERIFY2(list.ok(), qPrintable(errorOf(list)));
    QCOMPARE(list.value().toJson(), parse(R"({"Volumes":[],"Warnings":[]})"));
}

void TstDockerMappingVolumes::unexpectedDockerShapeIs500NamingField() {
    const auto volume = fromDockerVolume(QJsonDocument(parse(R"({"Name":"v","Options":[1]})")));
    QVERIFY(!volume.ok());
    QCOMPARE(volume.error().status, 500);
    QVERIFY2(volume.error().message.contains(QStringLiteral("'Options'")),
             qPrintable(volume.error().message));
    const auto list = fromDockerVolumeList(QJsonDocument(QJsonArray()));
    QVERIFY(!list.ok());
    QCOMPARE(list.error().status, 500);
}

void TstDockerMappingVolumes::notFoundIsWordedAsContract() {
    const ApiError rewritten = rewriteVolumeError({404, QStringLiteral("get nope: no such volume")},
                                                  QStringLiteral("nope"));
    QCOMPARE(rewritten.status, 404);
    QCOMPARE(rewritten.message, QStringLiteral("No such volume: nope"));
}

void TstDockerMappingVolumes::inUseConflictKeepsDockerText() {
    const ApiError docker{409, QStringLiteral("remove v1: volume is in use - [a1be]")};
    const ApiError kept = rewriteVolumeError(docker, QStringLiteral("v1"));
    QCOMPARE(kept.status, 409);
    QCOMPARE(kept.message, docker.message);
}

QTEST_GUILESS_MAIN(TstDockerMappingVolumes)
#include "tst_dockermapping_volumes.moc"
