// The volume routes of the real sockerlessd on the backend under test: every call checked against
// the engine itself (Docker, for the Docker backend: the volume exists with what was asked, it is
// gone), every error row of the contract (404 worded `No such volume`, 409 in use with Docker's
// text), and names that try to leave their path segment.

#include "blackboxcase.h"
#include "testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrl>

using sockerless::test::BlackboxCase;
using sockerless::test::DaemonProcess;

class TstBlackboxVolumes : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void createVolumeReachesDockerWithLabelsAndDriverOpts();
    void createVolumeWithoutNameGetsGeneratedName();
    void createVolumeMalformedJsonIs400();
    void createVolumeWrongFieldTypeIs400NamingField();
    void createVolumeInvalidNameIsDockers400();
    void listVolumesByLabelReturnsOnlyOursWithEmptyWarnings();
    void listVolumesWithBadFiltersIs400();
    void inspectVolumeMatchesDocker();
    void inspectUnknownVolumeIs404NoSuchVolume();
    void removeVolumeIs204AndDockerNoLongerHasIt();
    void removeUnknownVolumeIs404NoSuchVolume();
    void removeVolumeBadForceValueIs400();
    void removeVolumeInUseIs409UntilContainerIsRemoved();
    void volumeNamesThatEscapeThePathAreRefused();
    void volumeNameCannotReachAnotherDockerEndpoint();

private:
    // Creates a volume labelled for this run through the daemon (`extra` merged into the body);
    // the answer's volume, or empty when the create did not answer 201.
    QJsonObject createVolume(const QString& name, const QJsonObject& extra = {});
    // The names of the volumes the daemon lists for `filters` (a JSON filter text), sorted.
    QStringList listedNames(const QString& filters);
    // A request with a path sent byte for byte (no client-side normalisation).
    static QString messageOf(const DaemonProcess::Reply& reply) {
        return reply.json().object().value(QStringLiteral("message")).toString();
    }

    BlackboxCase m_case;
};

void TstBlackboxVolumes::init() {
    SOCKERLESS_REQUIRE_DOCKER();
    QString error;
    QVERIFY2(m_case.start(&error), qPrintable(error));
}

void TstBlackboxVolumes::cleanup() {
    m_case.finish();
}

QJsonObject TstBlackboxVolumes::createVolume(const QString& name, const QJsonObject& extra) {
    QJsonObject body = extra;
    if (!name.isEmpty())
        body.insert(QStringLiteral("Name"), name);
    QJsonObject labels = body.value(QStringLiteral("Labels")).toObject();
    labels.insert(BlackboxCase::labelKey(), m_case.labelValue());
    body.insert(QStringLiteral("Labels"), labels);
    const auto reply = m_case.call("POST", QStringLiteral("/internal/v1/volumes"), body);
    if (reply.status != 201) {
        qWarning("volume create answered %d: %s", reply.status, reply.body.constData());
        return {};
    }
    return reply.json().object();
}

QStringList TstBlackboxVolumes::listedNames(const QString& filters) {
    const auto reply =
        m_case.call("GET", QStringLiteral("/internal/v1/volumes?filters=") +
                               QString::fromLatin1(QUrl::toPercentEncoding(filters)));
    if (reply.status != 200)
        return {QStringLiteral("<status %1>").arg(reply.status)};
    QStringList names;
    for (const QJsonValue& volume :
         reply.json().object().value(QStringLiteral("Volumes")).toArray())
        names.append(volume.toObject().value(QStringLiteral("Name")).toString());
    names.sort();
    return names;
}

void TstBlackboxVolumes::createVolumeReachesDockerWithLabelsAndDriverOpts() {
    const QString name = m_case.uniqueName(QStringLiteral("vol"));
    const QJsonObject opts{{QStringLiteral("type"), QStringLiteral("tmpfs")},
                           {QStringLiteral("device"), QStringLiteral("tmpfs")},
                           {QStringLiteral("o"), QStringLiteral("size=1m")}};
    const QJsonObject answer = createVolume(
        name,
        {{QStringLiteral("Driver"), QStringLiteral("local")},
         {QStringLiteral("DriverOpts"), opts},
         {QStringLiteral("Labels"), QJsonObject{{QStringLiteral("team"), QStringLiteral("a")}}}});
    QVERIFY(!answer.isEmpty());
    for (const char* field :
         {"Name", "Driver", "Mountpoint", "CreatedAt", "Labels", "Scope", "Options"})
        QVERIFY2(answer.contains(QLatin1String(field)), field);
    QCOMPARE(answer.value(QStringLiteral("Name")).toString(), name);

    const QJsonObject engine = m_case.engineInspect(QStringLiteral("volumes"), name);
    QCOMPARE(engine.value(QStringLiteral("Driver")).toString(), QStringLiteral("local"));
    QCOMPARE(engine.value(QStringLiteral("Options")).toObject(), opts);
    const QJsonObject labels = engine.value(QStringLiteral("Labels")).toObject();
    QCOMPARE(labels.value(QStringLiteral("team")).toString(), QStringLiteral("a"));
    QCOMPARE(labels.value(BlackboxCase::labelKey()).toString(), m_case.labelValue());
    // The answer is the volume as Docker has it.
    QCOMPARE(answer, engine);
}

void TstBlackboxVolumes::createVolumeWithoutNameGetsGeneratedName() {
    const QJsonObject answer = createVolume(QString());
    QVERIFY(!answer.isEmpty());
    const QString name = answer.value(QStringLiteral("Name")).toString();
    QCOMPARE(name.size(), 64);
    QCOMPARE(m_case.engineInspect(QStringLiteral("volumes"), name)
                 .value(QStringLiteral("Labels"))
                 .toObject()
                 .value(BlackboxCase::labelKey())
                 .toString(),
             m_case.labelValue());
}

void TstBlackboxVolumes::createVolumeMalformedJsonIs400() {
    const auto reply = m_case.daemon().request("POST", QStringLiteral("/internal/v1/volumes"),
                                               QByteArray(R"({"Name":"x")"));
    QCOMPARE(reply.status, 400);
    QVERIFY2(messageOf(reply).startsWith(QStringLiteral("malformed JSON")), reply.body.constData());
    const auto notObject = m_case.daemon().request("POST", QStringLiteral("/internal/v1/volumes"),
                                                   QByteArray("\"x\""));
    QCOMPARE(notObject.status, 400);
}

void TstBlackboxVolumes::createVolumeWrongFieldTypeIs400NamingField() {
    const QString name = m_case.uniqueName(QStringLiteral("wrong"));
    const auto reply =
        m_case.call("POST", QStringLiteral("/internal/v1/volumes"),
                    {{QStringLiteral("Name"), name},
                     {QStringLiteral("DriverOpts"), QJsonObject{{QStringLiteral("size"), 1}}},
                     {QStringLiteral("Labels"), m_case.labels()}});
    QCOMPARE(reply.status, 400);
    QCOMPARE(messageOf(reply),
             QStringLiteral("invalid field 'DriverOpts': expected an object of strings"));
    QVERIFY(m_case.engineInspect(QStringLiteral("volumes"), name).isEmpty());
}

void TstBlackboxVolumes::createVolumeInvalidNameIsDockers400() {
    const auto reply = m_case.call("POST", QStringLiteral("/internal/v1/volumes"),
                                   {{QStringLiteral("Name"), QStringLiteral("a/b")},
                                    {QStringLiteral("Labels"), m_case.labels()}});
    QCOMPARE(reply.status, 400);
    QVERIFY2(messageOf(reply).contains(QStringLiteral("includes invalid characters")),
             reply.body.constData());
}

void TstBlackboxVolumes::listVolumesByLabelReturnsOnlyOursWithEmptyWarnings() {
    const QString marker = m_case.uniqueName(QStringLiteral("mark"));
    const QString a = m_case.uniqueName(QStringLiteral("a"));
    const QString b = m_case.uniqueName(QStringLiteral("b"));
    const QJsonObject marked{
        {QStringLiteral("Labels"), QJsonObject{{QStringLiteral("mark"), marker}}}};
    QVERIFY(!createVolume(a, marked).isEmpty());
    QVERIFY(!createVolume(b, marked).isEmpty());
    QVERIFY(!createVolume(m_case.uniqueName(QStringLiteral("other"))).isEmpty());

    const QStringList expected{a, b};
    QCOMPARE(listedNames(QStringLiteral("{\"label\":[\"mark=%1\"]}").arg(marker)), expected);
    QCOMPARE(listedNames(QStringLiteral("{\"label\":{\"mark=%1\":true}}").arg(marker)), expected);

    const auto reply =
        m_case.call("GET", QStringLiteral("/internal/v1/volumes?filters=") +
                               QString::fromLatin1(QUrl::toPercentEncoding(
                                   QStringLiteral("{\"label\":[\"mark=%1\"]}").arg(marker))));
    const QJsonObject body = reply.json().object();
    QCOMPARE(body.value(QStringLiteral("Warnings")), QJsonValue(QJsonArray())); // Docker: null
    // Nothing matches: both lists empty, neither null.
    const auto none =
        m_case.call("GET", QStringLiteral("/internal/v1/volumes?filters=") +
                               QString::fromLatin1(QUrl::toPercentEncoding(
                                   QStringLiteral("{\"label\":[\"mark=%1-none\"]}").arg(marker))));
    QCOMPARE(none.status, 200);
    QCOMPARE(none.json().object().value(QStringLiteral("Volumes")), QJsonValue(QJsonArray()));
    QCOMPARE(none.json().object().value(QStringLiteral("Warnings")), QJsonValue(QJsonArray()));
}

void TstBlackboxVolumes::listVolumesWithBadFiltersIs400() {
    const auto malformed =
        m_case.call("GET", QStringLiteral("/internal/v1/volumes?filters=%7Bbad"));
    QCOMPARE(malformed.status, 400);
    QVERIFY2(messageOf(malformed).startsWith(QStringLiteral("invalid filters")),
             malformed.body.constData());
    const auto unknown = m_case.call(
        "GET", QStringLiteral("/internal/v1/volumes?filters=%7B%22bogus%22%3A%5B%22x%22%5D%7D"));
    QCOMPARE(unknown.status, 400);
    QCOMPARE(messageOf(unknown), QStringLiteral("Invalid filter 'bogus'"));
}

void TstBlackboxVolumes::inspectVolumeMatchesDocker() {
    const QString name = m_case.uniqueName(QStringLiteral("insp"));
    QVERIFY(!createVolume(name).isEmpty());
    const auto reply = m_case.call("GET", QStringLiteral("/internal/v1/volumes/%1").arg(name));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().object(), m_case.engineInspect(QStringLiteral("volumes"), name));
}

void TstBlackboxVolumes::inspectUnknownVolumeIs404NoSuchVolume() {
    const QString name = m_case.uniqueName(QStringLiteral("absent"));
    const auto reply = m_case.call("GET", QStringLiteral("/internal/v1/volumes/%1").arg(name));
    QCOMPARE(reply.status, 404);
    QVERIFY(reply.header("Content-Type").startsWith("application/json"));
    QCOMPARE(messageOf(reply), QStringLiteral("No such volume: %1").arg(name));
}

void TstBlackboxVolumes::removeVolumeIs204AndDockerNoLongerHasIt() {
    const QString name = m_case.uniqueName(QStringLiteral("rm"));
    QVERIFY(!createVolume(name).isEmpty());
    const auto reply = m_case.call("DELETE", QStringLiteral("/internal/v1/volumes/%1").arg(name));
    QCOMPARE(reply.status, 204);
    QVERIFY(reply.body.isEmpty());
    QCOMPARE(m_case.engineInspectStatus(QStringLiteral("volumes"), name), 404);
}

void TstBlackboxVolumes::removeUnknownVolumeIs404NoSuchVolume() {
    const QString name = m_case.uniqueName(QStringLiteral("gone"));
    const auto reply = m_case.call("DELETE", QStringLiteral("/internal/v1/volumes/%1").arg(name));
    QCOMPARE(reply.status, 404);
    QCOMPARE(messageOf(reply), QStringLiteral("No such volume: %1").arg(name));
    // With force, Docker ignores a missing volume; so does the contract (Docker's behaviour).
    // Docker answers for the memory backend too: it is the reference here, not the engine.
    const auto forced =
        m_case.call("DELETE", QStringLiteral("/internal/v1/volumes/%1?force=1").arg(name));
    QCOMPARE(forced.status,
             m_case.docker("DELETE", QStringLiteral("/volumes/%1?force=1").arg(name)).status);
}

void TstBlackboxVolumes::removeVolumeBadForceValueIs400() {
    const QString name = m_case.uniqueName(QStringLiteral("force"));
    QVERIFY(!createVolume(name).isEmpty());
    const auto reply =
        m_case.call("DELETE", QStringLiteral("/internal/v1/volumes/%1?force=yes").arg(name));
    QCOMPARE(reply.status, 400);
    QVERIFY2(messageOf(reply).contains(QStringLiteral("force")), reply.body.constData());
    QVERIFY(!m_case.engineInspect(QStringLiteral("volumes"), name).isEmpty());
}

void TstBlackboxVolumes::removeVolumeInUseIs409UntilContainerIsRemoved() {
    const QString name = m_case.uniqueName(QStringLiteral("busy"));
    QVERIFY(!createVolume(name).isEmpty());
    const QJsonObject hostConfig{
        {QStringLiteral("Binds"), QJsonArray{QString(name + QStringLiteral(":/data"))}}};
    const QString container = m_case.createContainer({QStringLiteral("true")},
                                                     {{QStringLiteral("HostConfig"), hostConfig}});
    QVERIFY2(!container.isEmpty(), qPrintable(m_case.lastError()));

    const auto reply = m_case.call("DELETE", QStringLiteral("/internal/v1/volumes/%1").arg(name));
    QCOMPARE(reply.status, 409);
    QCOMPARE(messageOf(reply),
             QStringLiteral("remove %1: volume is in use - [%2]").arg(name, container));
    // force does not override "in use" (Docker's behaviour): still 409, the volume stays.
    const auto forced =
        m_case.call("DELETE", QStringLiteral("/internal/v1/volumes/%1?force=true").arg(name));
    QCOMPARE(forced.status, 409);
    QVERIFY(!m_case.engineInspect(QStringLiteral("volumes"), name).isEmpty());

    QCOMPARE(
        m_case.call("DELETE", QStringLiteral("/internal/v1/containers/%1").arg(container)).status,
        204);
    const auto freed = m_case.call("DELETE", QStringLiteral("/internal/v1/volumes/%1").arg(name));
    QCOMPARE(freed.status, 204);
    QVERIFY(m_case.engineInspect(QStringLiteral("volumes"), name).isEmpty());
}

void TstBlackboxVolumes::volumeNamesThatEscapeThePathAreRefused() {
    for (const QByteArray& path :
         {QByteArray("/internal/v1/volumes/.."), QByteArray("/internal/v1/volumes/%2E%2E"),
          QByteArray("/internal/v1/volumes/."), QByteArray("/internal/v1/volumes/a%0Ab")}) {
        const auto reply = m_case.daemon().rawRequest("GET", path);
        QCOMPARE(reply.status, 400);
        QVERIFY2(reply.body.contains("volume"), reply.body.constData());
    }
    const struct {
        const char* path;
        const char* name;
    } cases[] = {{"/internal/v1/volumes/a%2Fb", "a/b"},
                 {"/internal/v1/volumes/a%3Fb", "a?b"},
                 {"/internal/v1/volumes/a%23b", "a#b"},
                 {"/internal/v1/volumes/a%252Fb", "a%2Fb"}};
    for (const auto& c : cases) {
        const auto reply = m_case.daemon().rawRequest("GET", QByteArray(c.path));
        QCOMPARE(reply.status, 404);
        QCOMPARE(QJsonDocument::fromJson(reply.body)
                     .object()
                     .value(QStringLiteral("message"))
                     .toString(),
                 QStringLiteral("No such volume: %1").arg(QLatin1String(c.name)));
    }
}

void TstBlackboxVolumes::volumeNameCannotReachAnotherDockerEndpoint() {
    const QString victim = m_case.uniqueName(QStringLiteral("victim"));
    QVERIFY(!createVolume(victim).isEmpty());
    // Unencoded, `../volumes/<victim>` would be cleaned by Docker into the victim's own path:
    // a dot segment is refused before any call.
    const QByteArray encoded = victim.toLatin1();
    QCOMPARE(m_case.daemon()
                 .rawRequest("DELETE", "/internal/v1/volumes/..%2Fvolumes%2F" + encoded)
                 .status,
             400);
    QCOMPARE(
        m_case.daemon().rawRequest("DELETE", "/internal/v1/volumes/x%2F..%2F" + encoded).status,
        400);
    // Unencoded, `<victim>?force=1x` would add a query parameter; encoded, it is one name.
    const auto query =
        m_case.daemon().rawRequest("DELETE", "/internal/v1/volumes/" + encoded + "%3Fforce%3D1");
    QCOMPARE(query.status, 404);
    QCOMPARE(
        QJsonDocument::fromJson(query.body).object().value(QStringLiteral("message")).toString(),
        QStringLiteral("No such volume: %1?force=1").arg(victim));
    QCOMPARE(m_case.engineInspect(QStringLiteral("volumes"), victim)
                 .value(QStringLiteral("Name"))
                 .toString(),
             victim);
}

QTEST_MAIN(TstBlackboxVolumes)
#include "tst_blackbox_volumes.moc"
