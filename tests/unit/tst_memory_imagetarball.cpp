// The memory backend's `docker save` reading: the tar reader (ustar, pax `x`, GNU `L`), the
// archive reader with Docker's error texts, and images/load through MemoryImages (lines, tags,
// ids, Size, events). Every tarball is built here: no Docker needed.

#include "backends/memory/imagearchive.h"
#include "backends/memory/imagerecord.h"
#include "backends/memory/imagetarball.h"
#include "backends/memory/memoryevents.h"
#include "backends/memory/memoryimages.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace sockerless;
using namespace sockerless::backends;
using namespace sockerless::backends::memory;

namespace {

// One 512-byte ustar header with a valid checksum.
QByteArray tarHeader(const QByteArray& name, qint64 size, char type = '0',
                     const QByteArray& linkName = {}, const QByteArray& prefix = {}) {
    QByteArray header(512, '\0');
    header.replace(0, qMin<qsizetype>(name.size(), 100), name.left(100));
    header.replace(100, 7, "0000644");
    header.replace(108, 7, "0000000");
    header.replace(116, 7, "0000000");
    header.replace(124, 11, QByteArray::number(size, 8).rightJustified(11, '0'));
    header.replace(136, 11, "00000000000");
    header[156] = type;
    header.replace(157, linkName.size(), linkName);
    header.replace(257, 6, QByteArray("ustar\0", 6));
    header.replace(263, 2, "00");
    header.replace(345, prefix.size(), prefix);
    header.replace(148, 8, "        ");
    int sum = 0;
    for (const char c : std::as_const(header))
        sum += static_cast<unsigned char>(c);
    QByteArray checksum = QByteArray::number(sum, 8).rightJustified(6, '0');
    checksum.append('\0');
    header.replace(148, 7, checksum);
    return header;
}

QByteArray padded(const QByteArray& data) {
    QByteArray out = data;
    out.append(QByteArray((512 - data.size() % 512) % 512, '\0'));
    return out;
}

QByteArray member(const QByteArray& name, const QByteArray& data, char type = '0',
                  const QByteArray& linkName = {}) {
    return tarHeader(name, data.size(), type, linkName) + padded(data);
}

// A pax record: `<len> key=value\n`, the length counting itself.
QByteArray paxRecord(const QByteArray& key, const QByteArray& value) {
    const QByteArray body = ' ' + key + '=' + value + '\n';
    qsizetype length = body.size() + 1;
    while (QByteArray::number(length).size() + body.size() != length)
        ++length;
    return QByteArray::number(length) + body;
}

QByteArray endOfArchive() {
    return QByteArray(1024, '\0');
}

// A layer: one file and one symlink (Docker's Size counts the file and the link's target).
QByteArray layerTar() {
    return member("hello.txt", "hello\n") + member("link", {}, '2', "hello.txt") + endOfArchive();
}

QByteArray configBlob(const QString& diffId) {
    const QJsonObject config{
        {QStringLiteral("architecture"), QStringLiteral("amd64")},
        {QStringLiteral("os"), QStringLiteral("linux")},
        {QStringLiteral("created"), QStringLiteral("2026-11-28T12:54:25.542990667Z")},
        {QStringLiteral("comment"), QStringLiteral("Imported from -")},
        {QStringLiteral("docker_version"), QStringLiteral("20.10.24+dfsg1")},
        {QStringLiteral("config"),
         QJsonObject{{QStringLiteral("Env"), QJsonArray{QStringLiteral("PATH=/bin")}},
                     {QStringLiteral("Labels"),
                      QJsonObject{{QStringLiteral("team"), QStringLiteral("a")}}}}},
        {QStringLiteral("rootfs"), QJsonObject{{QStringLiteral("type"), QStringLiteral("layers")},
                                               {QStringLiteral("diff_ids"), QJsonArray{diffId}}}}};
    return QJsonDocument(config).toJson(QJsonDocument::Compact);
}

// What `docker save` writes for one image with `tags` (none: saved by id).
QByteArray savedImage(const QStringList& tags, QByteArray* config = nullptr) {
    const QByteArray layer = layerTar();
    const QByteArray blob = configBlob(sha256Digest(layer));
    if (config)
        *config = blob;
    const QString configName = sha256Digest(blob).mid(7) + QStringLiteral(".json");
    const QJsonArray manifest{
        QJsonObject{{QStringLiteral("Config"), configName},
                    {QStringLiteral("RepoTags"),
                     tags.isEmpty() ? QJsonValue() : QJsonValue(QJsonArray::fromStringList(tags))},
                    {QStringLiteral("Layers"), QJsonArray{QStringLiteral("abc/layer.tar")}}}};
    return member(configName.toLatin1(), blob) + member("abc/", {}, '5') +
           member("abc/VERSION", "1.0") + member("abc/layer.tar", layer) +
           member("manifest.json", QJsonDocument(manifest).toJson(QJsonDocument::Compact)) +
           endOfArchive();
}

// Runs a stream to its end; its messages.
QList<QByteArray> drain(BackendStream* stream) {
    QSignalSpy ended(stream, &BackendStream::ended);
    QSignalSpy messages(stream, &BackendStream::message);
    if (!ended.wait(5000))
        return {};
    QList<QByteArray> lines;
    for (const QList<QVariant>& arguments : std::as_const(messages))
        lines.append(arguments.at(0).toByteArray());
    return lines;
}

QJsonObject jsonOf(const QByteArray& line) {
    return QJsonDocument::fromJson(line).object();
}

} // namespace

class TstMemoryImageTarball : public QObject {
    Q_OBJECT

private slots:
    void readsUstarMembersAndTheirContent();
    void appliesPaxPathAndSize();
    void appliesGnuLongNames();
    void joinsTheUstarPrefix();
    void stopsAtABadChecksumKeepingWhatCameBefore();
    void contentSizeCountsFilesAndLinkTargets();
    void archiveWithoutManifestIsDockersRepositoriesError();
    void archiveMissingALayerNamesIt();
    void loadTagsTheImageAndSaysSo();
    void loadQuietSkipsTheLayerBars();
    void loadOfAnUntaggedImageSaysItsId();
    void loadMovingATagSaysSo();
    void loadOfGarbageIsOneErrorLine();
    void loadPublishesALoadEvent();
    void inspectHasDockersFields();
    void findByIdPrefixAndAmbiguity();
    void tagAddsANameAndAnEvent();
    void tagUnknownIs404();
};

void TstMemoryImageTarball::readsUstarMembersAndTheirContent() {
    const QByteArray archive = member("a.txt", "alpha") + member("dir/", {}, '5') +
                               member("dir/b", "bravo") + endOfArchive();
    QString error;
    const QList<TarEntry> entries = TarReader::read(archive, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(entries.size(), 3);
    QCOMPARE(entries.at(0).name, QStringLiteral("a.txt"));
    QCOMPARE(entries.at(0).data.toByteArray(), QByteArray("alpha"));
    QVERIFY(entries.at(1).isDirectory());
    QCOMPARE(entries.at(2).name, QStringLiteral("dir/b"));
    QCOMPARE(entries.at(2).size, 5);
}

void TstMemoryImageTarball::appliesPaxPathAndSize() {
    const QByteArray longName = QByteArray(150, 'p') + "/file.txt";
    const QByteArray records = paxRecord("path", longName) + paxRecord("mtime", "1.5");
    const QByteArray archive =
        member("PaxHeaders/x", records, 'x') + member("short-name", "content") + endOfArchive();
    const QList<TarEntry> entries = TarReader::read(archive);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.at(0).name, QString::fromLatin1(longName));
    QCOMPARE(entries.at(0).data.toByteArray(), QByteArray("content"));
    // Only the next member takes the records.
    const QByteArray two = member("PaxHeaders/x", records, 'x') + member("one", "1") +
                           member("two", "2") + endOfArchive();
    QCOMPARE(TarReader::read(two).at(1).name, QStringLiteral("two"));
}

void TstMemoryImageTarball::appliesGnuLongNames() {
    const QByteArray longName = QByteArray(200, 'n') + ".json";
    const QByteArray longLink = QByteArray(120, 't');
    const QByteArray archive = member("././@LongLink", longName + '\0', 'L') +
                               member("truncated", "data") +
                               member("././@LongLink", longLink + '\0', 'K') +
                               member("link", {}, '2', "short") + endOfArchive();
    const QList<TarEntry> entries = TarReader::read(archive);
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).name, QString::fromLatin1(longName));
    QCOMPARE(entries.at(1).linkName, QString::fromLatin1(longLink));
}

void TstMemoryImageTarball::joinsTheUstarPrefix() {
    const QByteArray archive =
        tarHeader("name.txt", 1, '0', {}, "some/prefix") + padded("x") + endOfArchive();
    QCOMPARE(TarReader::read(archive).at(0).name, QStringLiteral("some/prefix/name.txt"));
}

void TstMemoryImageTarball::stopsAtABadChecksumKeepingWhatCameBefore() {
    QByteArray bad = member("b", "2");
    bad[150] = '7'; // the checksum no longer holds
    QString error;
    const QList<TarEntry> entries = TarReader::read(QByteArray(member("a", "1") + bad), &error);
    QCOMPARE(entries.size(), 1);
    QVERIFY(!error.isEmpty());
    TarReader::read("this is not a tarball", &error);
    QVERIFY(!error.isEmpty());
}

void TstMemoryImageTarball::contentSizeCountsFilesAndLinkTargets() {
    QCOMPARE(TarReader::contentSize(layerTar()), std::optional<qint64>(6 + 9));
    QCOMPARE(TarReader::contentSize("\x1f\x8b not a tar"), std::nullopt);
}

void TstMemoryImageTarball::archiveWithoutManifestIsDockersRepositoriesError() {
    QString error;
    QVERIFY(!ImageArchive::read("this is not a tarball", &error));
    QVERIFY2(error.startsWith(QStringLiteral("open /var/lib/docker/tmp/docker-import-")),
             qPrintable(error));
    QVERIFY2(error.endsWith(QStringLiteral("/repositories: no such file or directory")),
             qPrintable(error));
}

void TstMemoryImageTarball::archiveMissingALayerNamesIt() {
    QByteArray saved = savedImage({QStringLiteral("a:b")});
    // Drop the layer member by renaming it.
    const qsizetype at = saved.indexOf("abc/layer.tar");
    QVERIFY(at >= 0);
    QByteArray renamed = tarHeader("abc/other.tar", layerTar().size()) + padded(layerTar());
    saved.replace(at, renamed.size(), renamed);
    QString error;
    QVERIFY(!ImageArchive::read(saved, &error));
    QVERIFY2(error.endsWith(QStringLiteral("/abc/layer.tar: no such file or directory")),
             qPrintable(error));
}

void TstMemoryImageTarball::loadTagsTheImageAndSaysSo() {
    MemoryEvents events;
    MemoryImages images(&events);
    QObject context;
    QByteArray config;
    const QList<QByteArray> lines = drain(images.load(
        {savedImage({QStringLiteral("sockerless/saved:v1")}, &config), false}, &context));
    QVERIFY(!lines.isEmpty());
    for (const QByteArray& line : lines)
        QVERIFY(line.endsWith('\n'));
    QCOMPARE(jsonOf(lines.first()).value(QStringLiteral("status")).toString(),
             QStringLiteral("Loading layer"));
    QCOMPARE(jsonOf(lines.last()).value(QStringLiteral("stream")).toString(),
             QStringLiteral("Loaded image: sockerless/saved:v1\n"));
    const auto image = images.find(QStringLiteral("sockerless/saved:v1"));
    QVERIFY(image);
    QCOMPARE(image->id, sha256Digest(config));
    QCOMPARE(image->repoTags, QStringList{QStringLiteral("sockerless/saved:v1")});
    QCOMPARE(image->size, 15);
    QVERIFY(images.find(QStringLiteral("docker.io/sockerless/saved:v1")));
    QVERIFY(!images.find(QStringLiteral("sockerless/saved")));
    QCOMPARE(images.count(), 1);
}

void TstMemoryImageTarball::loadQuietSkipsTheLayerBars() {
    MemoryEvents events;
    MemoryImages images(&events);
    QObject context;
    const QList<QByteArray> lines =
        drain(images.load({savedImage({QStringLiteral("busybox:latest")}), true}, &context));
    QCOMPARE(lines.size(), 1);
    QCOMPARE(jsonOf(lines.first()).value(QStringLiteral("stream")).toString(),
             QStringLiteral("Loaded image: busybox:latest\n"));
    QVERIFY(images.find(QStringLiteral("busybox")));
    QVERIFY(images.find(QStringLiteral("docker.io/library/busybox:latest")));
}

void TstMemoryImageTarball::loadOfAnUntaggedImageSaysItsId() {
    MemoryEvents events;
    MemoryImages images(&events);
    QObject context;
    QByteArray config;
    const QList<QByteArray> lines = drain(images.load({savedImage({}, &config), true}, &context));
    QCOMPARE(lines.size(), 1);
    QCOMPARE(jsonOf(lines.first()).value(QStringLiteral("stream")).toString(),
             QStringLiteral("Loaded image ID: %1\n").arg(sha256Digest(config)));
}

void TstMemoryImageTarball::loadMovingATagSaysSo() {
    MemoryEvents events;
    MemoryImages images(&events);
    QObject context;
    QByteArray config;
    drain(images.load({savedImage({}, &config), true}, &context));
    const QString oldId = sha256Digest(config);
    QVERIFY(images.find(oldId));
    // Another image (another layer, so another config) under the same tag.
    QByteArray saved = savedImage({QStringLiteral("app:1")});
    drain(images.load({saved, true}, &context));
    QVERIFY(images.find(QStringLiteral("app:1")));
    // Now a different config: the same tag moves.
    QByteArray other = saved;
    other.replace("Imported from -", "Imported from +");
    // The config member's name no longer matches its digest, which Docker does not check.
    const QList<QByteArray> lines = drain(images.load({other, true}, &context));
    QVERIFY(lines.size() >= 2);
    QVERIFY2(jsonOf(lines.first())
                 .value(QStringLiteral("stream"))
                 .toString()
                 .startsWith(QStringLiteral("The image app:1 already exists, renaming the old "
                                            "one with ID sha256:")),
             lines.first().constData());
    QCOMPARE(images.count(), 2);
    QVERIFY(images.find(oldId)->repoTags.isEmpty());
}

void TstMemoryImageTarball::loadOfGarbageIsOneErrorLine() {
    MemoryEvents events;
    MemoryImages images(&events);
    QObject context;
    const QList<QByteArray> lines =
        drain(images.load({QByteArray("this is not a tarball"), false}, &context));
    QCOMPARE(lines.size(), 1);
    const QJsonObject line = jsonOf(lines.first());
    QVERIFY(
        line.value(QStringLiteral("error")).toString().contains(QStringLiteral("repositories")));
    QVERIFY(line.value(QStringLiteral("errorDetail")).isObject());
    QCOMPARE(images.count(), 0);
}

void TstMemoryImageTarball::loadPublishesALoadEvent() {
    MemoryEvents events;
    MemoryImages images(&events);
    QObject context;
    QByteArray config;
    drain(images.load({savedImage({QStringLiteral("a:b")}, &config), true}, &context));
    QCOMPARE(events.history().size(), size_t(1));
    const MemoryEvent& event = events.history().front();
    QCOMPARE(event.type, QStringLiteral("image"));
    QCOMPARE(event.action, QStringLiteral("load"));
    QCOMPARE(event.actorId, sha256Digest(config));
    QCOMPARE(event.attributes.value(QStringLiteral("name")), sha256Digest(config));
    QCOMPARE(event.attributes.value(QStringLiteral("team")), QStringLiteral("a"));
}

void TstMemoryImageTarball::inspectHasDockersFields() {
    MemoryEvents events;
    MemoryImages images(&events);
    QObject context;
    drain(images.load({savedImage({QStringLiteral("a:b")}), true}, &context));
    std::optional<api::Image> found;
    images.inspect(QStringLiteral("a:b"), &context,
                   [&found](const Result<api::Image>& result) { found = result.value(); });
    QVERIFY(!found); // never inside the call
    QTRY_VERIFY(found);
    const QJsonObject json = found->toJson();
    for (const char* key :
         {"Id", "RepoTags", "RepoDigests", "Parent", "Comment", "Created", "Container",
          "ContainerConfig", "DockerVersion", "Author", "Config", "Architecture", "Os", "Size",
          "VirtualSize", "GraphDriver", "RootFS", "Metadata"})
        QVERIFY2(json.contains(QLatin1String(key)), key);
    QCOMPARE(json.value(QStringLiteral("Created")).toString(),
             QStringLiteral("2026-11-28T12:54:25.542990667Z"));
    QCOMPARE(json.value(QStringLiteral("Comment")).toString(), QStringLiteral("Imported from -"));
    QCOMPARE(json.value(QStringLiteral("RootFS")).toObject().value(QStringLiteral("Layers")),
             QJsonValue(QJsonArray{sha256Digest(layerTar())}));
    QCOMPARE(json.value(QStringLiteral("Metadata"))
                 .toObject()
                 .value(QStringLiteral("LastTagTime"))
                 .toString(),
             QStringLiteral("0001-01-01T00:00:00Z"));
}

void TstMemoryImageTarball::findByIdPrefixAndAmbiguity() {
    MemoryEvents events;
    MemoryImages images(&events);
    QObject context;
    QByteArray config;
    drain(images.load({savedImage({}, &config), true}, &context));
    const QString id = sha256Digest(config);
    QVERIFY(images.find(id));
    QVERIFY(images.find(id.mid(7)));
    QVERIFY(images.find(id.mid(7, 12)));
    QVERIFY(images.find(id.mid(7, 1)));
    QVERIFY(images.find(id.left(11)));
    QVERIFY(!images.find(QStringLiteral("sha256:")));
    QVERIFY(!images.find(QStringLiteral("nothere")));
    // A second image: a one-digit prefix may now be ambiguous, the full ids never are.
    QByteArray other = savedImage({});
    other.replace("Imported from -", "Imported from +");
    drain(images.load({other, true}, &context));
    QCOMPARE(images.count(), 2);
    QVERIFY(images.find(id));
}

void TstMemoryImageTarball::tagAddsANameAndAnEvent() {
    MemoryEvents events;
    MemoryImages images(&events);
    QObject context;
    QByteArray config;
    drain(images.load({savedImage({QStringLiteral("a:b")}, &config), true}, &context));
    const QString id = sha256Digest(config);
    std::optional<Result<Nothing>> answer;
    api::ImageTagRequest request{QStringLiteral("a:b"), QStringLiteral("127.0.0.1:5000/x/y"),
                                 QStringLiteral("v1.2")};
    images.tag(request, &context, [&answer](const Result<Nothing>& result) { answer = result; });
    QTRY_VERIFY(answer);
    QVERIFY(answer->ok());
    const auto image = images.find(QStringLiteral("127.0.0.1:5000/x/y:v1.2"));
    QVERIFY(image);
    QCOMPARE(image->id, id);
    QCOMPARE(image->repoTags,
             (QStringList{QStringLiteral("127.0.0.1:5000/x/y:v1.2"), QStringLiteral("a:b")}));
    QVERIFY(image->extra.value(QStringLiteral("Metadata"))
                .toObject()
                .value(QStringLiteral("LastTagTime")) !=
            QJsonValue(QStringLiteral("0001-01-01T00:00:00Z")));
    const MemoryEvent& event = events.history().back();
    QCOMPARE(event.action, QStringLiteral("tag"));
    QCOMPARE(event.actorId, id);
    QCOMPARE(event.attributes.value(QStringLiteral("name")),
             QStringLiteral("127.0.0.1:5000/x/y:v1.2"));
}

void TstMemoryImageTarball::tagUnknownIs404() {
    MemoryEvents events;
    MemoryImages images(&events);
    QObject context;
    std::optional<Result<Nothing>> answer;
    images.tag({QStringLiteral("nothere"), QStringLiteral("x"), QString()}, &context,
               [&answer](const Result<Nothing>& result) { answer = result; });
    QTRY_VERIFY(answer);
    QCOMPARE(answer->error().status, 404);
    QCOMPARE(answer->error().message, QStringLiteral("No such image: nothere"));
}

QTEST_MAIN(TstMemoryImageTarball)
#include "tst_memory_imagetarball.moc"
