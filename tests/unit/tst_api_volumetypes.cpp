// The volume types of the contract: the create body read and checked (a wrong type is a 400
// naming the field), unknown fields kept, Docker's volume shape written back unchanged, and the
// list's arrays never null.

#include "api/volumetypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using sockerless::api::Volume;
using sockerless::api::VolumeCreateRequest;
using sockerless::api::VolumeList;

namespace {

QJsonObject parse(const char* json) {
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

template <typename T> QString errorOf(const sockerless::api::Result<T>& result) {
    return result.ok() ? QString() : result.error().message;
}

// A local volume as Docker 20.10 answers it, with a driver's Status.
const char* const inspected = R"({"CreatedAt":"2026-11-28T15:21:29Z","Driver":"local",
    "Labels":{"h4":"1"},"Mountpoint":"/var/lib/docker/volumes/v1/_data","Name":"v1",
    "Options":{"device":"tmpfs","o":"size=1m","type":"tmpfs"},"Scope":"local",
    "Status":{"hello":"world"}})";

} // namespace

class TstApiVolumeTypes : public QObject {
    Q_OBJECT

private slots:
    void volumeReadsEveryKnownField();
    void volumeRoundTripsDockerShape();
    void volumeNullOptionsStayNull();
    void createReadsEveryKnownField();
    void createEmptyBodyIsValid();
    void createKeepsUnknownFields();
    void createWrongTypeIs400NamingField_data();
    void createWrongTypeIs400NamingField();
    void listNullArraysBecomeEmpty();
    void listWrongVolumeNamesItsIndex();
};

void TstApiVolumeTypes::volumeReadsEveryKnownField() {
    const auto result = Volume::fromJson(parse(inspected));
    QVERIFY2(result.ok(), qPrintable(errorOf(result)));
    const Volume& v = result.value();
    QCOMPARE(v.name, QStringLiteral("v1"));
    QCOMPARE(v.driver, QStringLiteral("local"));
    QCOMPARE(v.mountpoint, QStringLiteral("/var/lib/docker/volumes/v1/_data"));
    QCOMPARE(v.createdAt, QStringLiteral("2026-11-28T15:21:29Z"));
    QCOMPARE(v.scope, QStringLiteral("local"));
    QCOMPARE(v.labels->value(QStringLiteral("h4")), QStringLiteral("1"));
    QCOMPARE(v.options->value(QStringLiteral("type")), QStringLiteral("tmpfs"));
    QCOMPARE(v.extra.keys(), QStringList{QStringLiteral("Status")});
}

void TstApiVolumeTypes::volumeRoundTripsDockerShape() {
    const QJsonObject docker = parse(inspected);
    const auto result = Volume::fromJson(docker);
    QVERIFY2(result.ok(), qPrintable(errorOf(result)));
    QCOMPARE(result.value().toJson(), docker);
}

void TstApiVolumeTypes::volumeNullOptionsStayNull() {
    const QJsonObject docker = parse(R"({"Name":"v","Driver":"local","Options":null,
        "Labels":null,"Scope":"local","Mountpoint":"/m","CreatedAt":"t"})");
    const auto result = Volume::fromJson(docker);
    QVERIFY2(result.ok(), qPrintable(errorOf(result)));
    QVERIFY(!result.value().options.has_value());
    QCOMPARE(result.value().toJson(), docker);
}

void TstApiVolumeTypes::createReadsEveryKnownField() {
    const auto result = VolumeCreateRequest::fromJson(parse(
        R"({"Name":"v1","Driver":"local","DriverOpts":{"type":"tmpfs"},"Labels":{"a":"b"}})"));
    QVERIFY2(result.ok(), qPrintable(errorOf(result)));
    QCOMPARE(result.value().name, QStringLiteral("v1"));
    QCOMPARE(result.value().driver, QStringLiteral("local"));
    QCOMPARE(result.value().driverOpts->value(QStringLiteral("type")), QStringLiteral("tmpfs"));
    QCOMPARE(result.value().labels->value(QStringLiteral("a")), QStringLiteral("b"));
    QVERIFY(result.value().extra.isEmpty());
}

void TstApiVolumeTypes::createEmptyBodyIsValid() {
    const auto result = VolumeCreateRequest::fromJson(QJsonObject());
    QVERIFY2(result.ok(), qPrintable(errorOf(result)));
    QVERIFY(!result.value().name.has_value());
    QCOMPARE(result.value().toJson(), QJsonObject());
}

void TstApiVolumeTypes::createKeepsUnknownFields() {
    const QJsonObject body =
        parse(R"({"Name":"v1","ClusterVolumeSpec":{"Group":"g"},"DriverOpts":null})");
    const auto result = VolumeCreateRequest::fromJson(body);
    QVERIFY2(result.ok(), qPrintable(errorOf(result)));
    QCOMPARE(result.value().toJson(), body);
}

void TstApiVolumeTypes::createWrongTypeIs400NamingField_data() {
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("field");
    QTest::newRow("Name") << QStringLiteral(R"({"Name":5})") << QStringLiteral("Name");
    QTest::newRow("Driver") << QStringLiteral(R"({"Driver":true})") << QStringLiteral("Driver");
    QTest::newRow("DriverOpts") << QStringLiteral(R"({"DriverOpts":{"size":1}})")
                                << QStringLiteral("DriverOpts");
    QTest::newRow("Labels") << QStringLiteral(R"({"Labels":["a=b"]})") << QStringLiteral("Labels");
}

void TstApiVolumeTypes::createWrongTypeIs400NamingField() {
    QFETCH(QString, body);
    QFETCH(QString, field);
    const auto result = VolumeCreateRequest::fromJson(parse(body.toUtf8().constData()));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().status, 400);
    QVERIFY2(result.error().message.startsWith(QStringLiteral("invalid field '%1':").arg(field)),
             qPrintable(result.error().message));
}

void TstApiVolumeTypes::listNullArraysBecomeEmpty() {
    const auto result = VolumeList::fromJson(parse(R"({"Volumes":null,"Warnings":null})"));
    QVERIFY2(result.ok(), qPrintable(errorOf(result)));
    QCOMPARE(result.value().toJson(), parse(R"({"Volumes":[],"Warnings":[]})"));
    const auto absent = VolumeList::fromJson(QJsonObject());
    QCOMPARE(absent.value().toJson(), parse(R"({"Volumes":[],"Warnings":[]})"));
}

void TstApiVolumeTypes::listWrongVolumeNamesItsIndex() {
    const auto result =
        VolumeList::fromJson(parse(R"({"Volumes":[{"Name":"a"},{"Name":"b","Labels":7}]})"));
    QVERIFY(!result.ok());
    QVERIFY2(
        result.error().message.startsWith(QStringLiteral("invalid field 'Volumes[1].Labels':")),
        qPrintable(result.error().message));
    const auto notObject = VolumeList::fromJson(parse(R"({"Volumes":["a"]})"));
    QVERIFY(!notObject.ok());
    QVERIFY(notObject.error().message.contains(QStringLiteral("'Volumes[0]'")));
}

QTEST_GUILESS_MAIN(TstApiVolumeTypes)
#include "tst_api_volumetypes.moc"
