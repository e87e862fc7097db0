// The memory backend's volume store on its own: Docker 20.10's shapes (null versus empty maps,
// the mountpoint, the creation time to the second), its name and option rules with their texts,
// filters, the in-use rule that even force does not override, and the events of every change.

#include "backends/memory/memoryevents.h"
#include "backends/memory/memoryvolumes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace sockerless;
using namespace sockerless::backends;
using namespace sockerless::backends::memory;
using namespace Qt::StringLiterals;

namespace {

// Runs one asynchronous call to its answer, checking that the answer did not come inside it.
template <typename T, typename Call> api::Result<T> run(Call call) {
    QObject context;
    std::optional<api::Result<T>> answer;
    call(&context, [&answer](const api::Result<T>& result) { answer = result; });
    if (answer)
        return api::ApiError::internal(u"answered inside the call"_s);
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 2000))
        return api::ApiError::internal(u"no answer"_s);
    return *answer;
}

} // namespace

class TstMemoryVolumes : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void createAnswersDockersShape();
    void createWithoutNameGeneratesOne();
    void createOfAnExistingNameAnswersIt();
    void createRefusalsUseDockersStatusAndText();
    void listFiltersAsDockerDoes();
    void inspectAndRemoveUnknownAre404();
    void removeInUseIs409EvenWithForce();
    void releaseRemovesAnonymousVolumesOnlyWhenAsked();
    void everyChangeIsAnEvent();

private:
    api::Result<api::Volume> create(const QString& json);
    QStringList listed(const QString& filterJson);
    api::Result<Nothing> remove(const QString& name, bool force = false);

    MemoryEvents* m_events = nullptr;
    MemoryVolumes* m_volumes = nullptr;
};

void TstMemoryVolumes::init() {
    m_events = new MemoryEvents;
    m_volumes = new MemoryVolumes(m_events);
}

void TstMemoryVolumes::cleanup() {
    delete m_volumes;
    delete m_events;
}

api::Result<api::Volume> TstMemoryVolumes::create(const QString& json) {
    const auto request =
        api::VolumeCreateRequest::fromJson(QJsonDocument::fromJson(json.toUtf8()).object());
    if (!request.ok())
        return request.error();
    return run<api::Volume>(
        [&](QObject* c, auto done) { m_volumes->create(request.value(), c, done); });
}

QStringList TstMemoryVolumes::listed(const QString& filterJson) {
    const auto result = run<api::VolumeList>([&](QObject* c, auto done) {
        m_volumes->list(api::Filters::parse(filterJson).value(), c, done);
    });
    if (!result.ok())
        return {u"<%1 %2>"_s.arg(result.error().status).arg(result.error().message)};
    QStringList names;
    for (const api::Volume& volume : result.value().volumes)
        names.append(*volume.name);
    return names;
}

api::Result<Nothing> TstMemoryVolumes::remove(const QString& name, bool force) {
    return run<Nothing>([&](QObject* c, auto done) { m_volumes->remove(name, force, c, done); });
}

void TstMemoryVolumes::createAnswersDockersShape() {
    const auto plain = create(uR"({"Name":"plain"})"_s);
    QVERIFY(plain.ok());
    QJsonObject json = plain.value().toJson();
    const QString created = json.take(u"CreatedAt"_s).toString();
    QVERIFY2(QRegularExpression(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"_s)
                 .match(created)
                 .hasMatch(),
             qPrintable(created));
    // dockerd 20.10's answer, CreatedAt aside: maps it never got are null.
    QCOMPARE(json, QJsonDocument::fromJson(R"({"Driver":"local","Labels":null,
        "Mountpoint":"/var/lib/docker/volumes/plain/_data","Name":"plain","Options":null,
        "Scope":"local"})")
                       .object());
    const auto full = create(uR"({"Name":"full","Driver":"local","Labels":{"a":"b"},
             "DriverOpts":{"type":"tmpfs","device":"tmpfs","o":"size=1m"}})"_s);
    QCOMPARE(full.value().toJson().value(u"Labels"_s), QJsonValue(QJsonObject{{u"a"_s, u"b"_s}}));
    QCOMPARE(full.value().toJson().value(u"Options"_s).toObject().size(), 3);
    const auto empty = create(uR"({"Name":"empty","Labels":{},"DriverOpts":{}})"_s);
    QCOMPARE(empty.value().toJson().value(u"Labels"_s), QJsonValue(QJsonObject()));
    QCOMPARE(empty.value().toJson().value(u"Options"_s), QJsonValue(QJsonObject()));
    QCOMPARE(m_volumes->count(), 3);
}

void TstMemoryVolumes::createWithoutNameGeneratesOne() {
    const auto volume = create(u"{}"_s);
    QVERIFY(volume.ok());
    QVERIFY(QRegularExpression(u"^[0-9a-f]{64}$"_s).match(*volume.value().name).hasMatch());
    QCOMPARE(*volume.value().mountpoint,
             u"/var/lib/docker/volumes/%1/_data"_s.arg(*volume.value().name));
}

void TstMemoryVolumes::createOfAnExistingNameAnswersIt() {
    QVERIFY(create(uR"({"Name":"same"})"_s).ok());
    const auto again = create(uR"({"Name":"same","Labels":{"new":"x"}})"_s);
    QVERIFY(again.ok());
    QVERIFY(again.value().toJson().value(u"Labels"_s).isNull()); // unchanged, as Docker does
    QCOMPARE(m_volumes->count(), 1);
}

void TstMemoryVolumes::createRefusalsUseDockersStatusAndText() {
    const struct {
        QString body;
        int status;
        QString message;
    } cases[] = {
        {uR"({"Name":"a/b"})"_s, 400,
         uR"(create a/b: "a/b" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path)"_s},
        {uR"({"Name":"a"})"_s, 400,
         u"create a: volume name is too short, names should be at least two alphanumeric characters"_s},
        {uR"({"Name":"v1","Driver":"other"})"_s, 404,
         uR"(create v1: error looking up volume plugin other: plugin "other" not found)"_s},
        {uR"({"Name":"v2","DriverOpts":{"foo":"bar"}})"_s, 400,
         uR"(create v2: invalid option: "foo")"_s},
        {uR"({"Name":"v3","DriverOpts":{"type":"tmpfs"}})"_s, 400,
         uR"(create v3: missing required option: "device")"_s},
        {uR"({"Name":"v4","DriverOpts":{"size":"1m"}})"_s, 400,
         u"create v4: quota size requested but no quota support"_s},
    };
    for (const auto& c : cases) {
        const auto result = create(c.body);
        QVERIFY2(!result.ok(), qPrintable(c.body));
        QCOMPARE(result.error().status, c.status);
        QCOMPARE(result.error().message, c.message);
    }
    QCOMPARE(m_volumes->count(), 0);
}

void TstMemoryVolumes::listFiltersAsDockerDoes() {
    QVERIFY(create(uR"({"Name":"alpha","Labels":{"k":"v"}})"_s).ok());
    QVERIFY(create(uR"({"Name":"beta"})"_s).ok());
    QVERIFY(m_volumes->mountFor(u"busy"_s, u"c1"_s).ok());
    QCOMPARE(listed({}), (QStringList{u"alpha"_s, u"beta"_s, u"busy"_s}));
    QCOMPARE(listed(uR"({"label":["k=v"]})"_s), QStringList{u"alpha"_s});
    QCOMPARE(listed(uR"({"label":{"k":true}})"_s), QStringList{u"alpha"_s});
    QCOMPARE(listed(uR"({"name":["et"]})"_s), QStringList{u"beta"_s});
    QCOMPARE(listed(uR"({"driver":["local"]})"_s).size(), 3);
    QCOMPARE(listed(uR"({"driver":["loc"]})"_s), QStringList());
    QCOMPARE(listed(uR"({"dangling":["false"]})"_s), QStringList{u"busy"_s});
    QCOMPARE(listed(uR"({"dangling":["1"]})"_s), (QStringList{u"alpha"_s, u"beta"_s}));
    QCOMPARE(listed(uR"({"bogus":["x"]})"_s), QStringList{u"<400 Invalid filter 'bogus'>"_s});
    QCOMPARE(listed(uR"({"dangling":["maybe"]})"_s),
             QStringList{u"<400 Invalid filter 'dangling=[maybe]'>"_s});
    // Nothing matches: an empty list and empty warnings, never null.
    const auto none = run<api::VolumeList>([&](QObject* c, auto done) {
        m_volumes->list(api::Filters::parse(uR"({"name":["zzz"]})"_s).value(), c, done);
    });
    QCOMPARE(none.value().toJson(),
             (QJsonObject{{u"Volumes"_s, QJsonArray()}, {u"Warnings"_s, QJsonArray()}}));
}

void TstMemoryVolumes::inspectAndRemoveUnknownAre404() {
    const auto inspected =
        run<api::Volume>([&](QObject* c, auto done) { m_volumes->inspect(u"gone"_s, c, done); });
    QCOMPARE(inspected.error().status, 404);
    QCOMPARE(inspected.error().message, u"No such volume: gone"_s);
    QCOMPARE(remove(u"gone"_s).error().message, u"No such volume: gone"_s);
    QVERIFY(remove(u"gone"_s, true).ok()); // Docker ignores a missing volume with force
}

void TstMemoryVolumes::removeInUseIs409EvenWithForce() {
    QVERIFY(create(uR"({"Name":"busy"})"_s).ok());
    QVERIFY(m_volumes->mountFor(u"busy"_s, u"bbb"_s).ok());
    QVERIFY(m_volumes->mountFor(u"busy"_s, u"aaa"_s).ok());
    for (const bool force : {false, true}) {
        const auto refused = remove(u"busy"_s, force);
        QCOMPARE(refused.error().status, 409);
        QCOMPARE(refused.error().message, u"remove busy: volume is in use - [aaa bbb]"_s);
    }
    m_volumes->release(u"aaa"_s, true);
    m_volumes->release(u"bbb"_s, true); // named: v=1 keeps it
    QVERIFY(remove(u"busy"_s).ok());
    QCOMPARE(m_volumes->count(), 0);
}

void TstMemoryVolumes::releaseRemovesAnonymousVolumesOnlyWhenAsked() {
    const auto first = m_volumes->mountFor({}, u"c1"_s);
    const auto second = m_volumes->mountFor({}, u"c2"_s);
    QVERIFY(first.ok() && second.ok());
    QCOMPARE(first.value().name->size(), 64);
    QVERIFY(*first.value().name != *second.value().name);
    QVERIFY(m_volumes->mountFor(u"named"_s, u"c1"_s).ok()); // made on the fly, as Docker does
    QCOMPARE(m_volumes->count(), 3);
    m_volumes->release(u"c1"_s, true);
    QStringList expected{u"named"_s, *second.value().name};
    expected.sort();
    QCOMPARE(listed({}), expected);
    m_volumes->release(u"c2"_s, false);
    QCOMPARE(m_volumes->count(), 2);
    QCOMPARE(listed(uR"({"dangling":["true"]})"_s).size(), 2);
}

void TstMemoryVolumes::everyChangeIsAnEvent() {
    QVERIFY(create(uR"({"Name":"ev"})"_s).ok());
    QVERIFY(create(uR"({"Name":"ev"})"_s).ok()); // Docker announces it again
    QVERIFY(remove(u"ev"_s).ok());
    QStringList actions;
    for (const MemoryEvent& event : m_events->history()) {
        QCOMPARE(event.type, u"volume"_s);
        QCOMPARE(event.actorId, u"ev"_s);
        QCOMPARE(event.attributes, (QMap<QString, QString>{{u"driver"_s, u"local"_s}}));
        actions.append(event.action);
    }
    QCOMPARE(actions, (QStringList{u"create"_s, u"create"_s, u"destroy"_s}));
}

QTEST_GUILESS_MAIN(TstMemoryVolumes)
#include "tst_memory_volumes.moc"
