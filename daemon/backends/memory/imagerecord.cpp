#include "backends/memory/imagerecord.h"

#include "backends/memory/imagename.h"
#include "backends/memory/memoryclock.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace sockerless::backends::memory {

namespace {

// Docker shows a zero container config (every field, null lists) when the config blob has none.
QJsonObject emptyContainerConfig() {
    return QJsonObject{
        {QStringLiteral("Hostname"), QString()},
        {QStringLiteral("Domainname"), QString()},
        {QStringLiteral("User"), QString()},
        {QStringLiteral("AttachStdin"), false},
        {QStringLiteral("AttachStdout"), false},
        {QStringLiteral("AttachStderr"), false},
        {QStringLiteral("Tty"), false},
        {QStringLiteral("OpenStdin"), false},
        {QStringLiteral("StdinOnce"), false},
        {QStringLiteral("Env"), QJsonValue()},
        {QStringLiteral("Cmd"), QJsonValue()},
        {QStringLiteral("Image"), QString()},
        {QStringLiteral("Volumes"), QJsonValue()},
        {QStringLiteral("WorkingDir"), QString()},
        {QStringLiteral("Entrypoint"), QJsonValue()},
        {QStringLiteral("OnBuild"), QJsonValue()},
        {QStringLiteral("Labels"), QJsonValue()},
    };
}

QString stringField(const QJsonObject& object, const char* name) {
    return object.value(QLatin1String(name)).toString();
}

// Docker sorts both lists by their familiar form.
QStringList familiarSorted(const QStringList& names) {
    QStringList familiar;
    for (const QString& name : names)
        familiar.append(ImageName::familiarReference(name));
    std::sort(familiar.begin(), familiar.end());
    return familiar;
}

} // namespace

QString sha256Digest(const QByteArray& bytes) {
    return QStringLiteral("sha256:") +
           QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

std::optional<ImageRecord> ImageRecord::fromConfig(const QByteArray& configBlob, qint64 size) {
    const QJsonDocument document = QJsonDocument::fromJson(configBlob);
    if (!document.isObject())
        return std::nullopt;
    ImageRecord record;
    record.id = sha256Digest(configBlob);
    record.config = document.object();
    record.size = size;
    record.lastTagTime = MemoryClock::zeroTime();
    return record;
}

QStringList ImageRecord::diffIds() const {
    QStringList ids;
    const QJsonArray array = config.value(QStringLiteral("rootfs"))
                                 .toObject()
                                 .value(QStringLiteral("diff_ids"))
                                 .toArray();
    for (const auto& value : array)
        ids.append(value.toString());
    return ids;
}

api::Image ImageRecord::toApi() const {
    api::Image image;
    image.id = id;
    image.repoTags = familiarSorted(tags);
    image.repoDigests = familiarSorted(digests);
    const QString created = stringField(config, "created");
    image.created = created.isEmpty() ? MemoryClock::zeroTime() : created;
    image.size = size;
    const QJsonValue containerConfig = config.value(QStringLiteral("config"));
    if (containerConfig.isObject())
        image.config = containerConfig.toObject();
    image.os = stringField(config, "os");
    image.architecture = stringField(config, "architecture");
    const QJsonObject rootfs = config.value(QStringLiteral("rootfs")).toObject();
    image.rootFS.type = stringField(rootfs, "type");
    image.rootFS.layers = diffIds();

    QJsonObject& extra = image.extra;
    extra.insert(QStringLiteral("Parent"), stringField(config, "parent"));
    extra.insert(QStringLiteral("Comment"), stringField(config, "comment"));
    extra.insert(QStringLiteral("Container"), stringField(config, "container"));
    const QJsonValue oldConfig = config.value(QStringLiteral("container_config"));
    extra.insert(QStringLiteral("ContainerConfig"),
                 oldConfig.isObject() ? oldConfig.toObject() : emptyContainerConfig());
    extra.insert(QStringLiteral("DockerVersion"), stringField(config, "docker_version"));
    extra.insert(QStringLiteral("Author"), stringField(config, "author"));
    extra.insert(QStringLiteral("VirtualSize"), size);
    // No layer is unpacked anywhere: Docker's shape for a driver without directories.
    extra.insert(QStringLiteral("GraphDriver"),
                 QJsonObject{{QStringLiteral("Data"), QJsonValue()},
                             {QStringLiteral("Name"), QStringLiteral("vfs")}});
    extra.insert(QStringLiteral("Metadata"),
                 QJsonObject{{QStringLiteral("LastTagTime"), lastTagTime}});
    // Set only when the config has them, as Docker's `omitempty` does.
    const QString variant = stringField(config, "variant");
    if (!variant.isEmpty())
        extra.insert(QStringLiteral("Variant"), variant);
    const QString osVersion = stringField(config, "os.version");
    if (!osVersion.isEmpty())
        extra.insert(QStringLiteral("OsVersion"), osVersion);
    return image;
}

} // namespace sockerless::backends::memory
