#include "backends/memory/registrymanifest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>

namespace sockerless::backends::memory {

namespace {

const QString kDockerList =
    QStringLiteral("application/vnd.docker.distribution.manifest.list.v2+json");
const QString kOciIndex = QStringLiteral("application/vnd.oci.image.index.v1+json");

// Docker's architecture names for Qt's.
QString dockerArchitecture(const QString& qtArchitecture) {
    if (qtArchitecture == QLatin1String("x86_64"))
        return QStringLiteral("amd64");
    if (qtArchitecture == QLatin1String("i386"))
        return QStringLiteral("386");
    if (qtArchitecture == QLatin1String("arm64"))
        return QStringLiteral("arm64");
    if (qtArchitecture.startsWith(QLatin1String("arm")))
        return QStringLiteral("arm");
    return qtArchitecture;
}

} // namespace

QByteArray RegistryManifest::acceptHeader() {
    return "application/vnd.docker.distribution.manifest.v2+json, "
           "application/vnd.docker.distribution.manifest.list.v2+json, "
           "application/vnd.oci.image.manifest.v1+json, "
           "application/vnd.oci.image.index.v1+json";
}

std::optional<RegistryManifest> RegistryManifest::parse(const QByteArray& body, QString* error) {
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    if (object.isEmpty()) {
        *error = QStringLiteral("the registry sent a manifest that is not JSON");
        return std::nullopt;
    }
    const QString mediaType = object.value(QStringLiteral("mediaType")).toString();
    RegistryManifest manifest;
    if (object.contains(QStringLiteral("manifests")) || mediaType == kDockerList ||
        mediaType == kOciIndex) {
        manifest.isList = true;
        for (const auto& value : object.value(QStringLiteral("manifests")).toArray()) {
            const QJsonObject entry = value.toObject();
            const QJsonObject platform = entry.value(QStringLiteral("platform")).toObject();
            manifest.entries.append({entry.value(QStringLiteral("digest")).toString(),
                                     platform.value(QStringLiteral("os")).toString(),
                                     platform.value(QStringLiteral("architecture")).toString(),
                                     platform.value(QStringLiteral("variant")).toString()});
        }
        return manifest;
    }
    if (object.value(QStringLiteral("schemaVersion")).toInt() != 2 ||
        !object.value(QStringLiteral("config")).isObject()) {
        *error = QStringLiteral("unsupported manifest format (schema %1, media type '%2')")
                     .arg(object.value(QStringLiteral("schemaVersion")).toInt())
                     .arg(mediaType);
        return std::nullopt;
    }
    manifest.configDigest = object.value(QStringLiteral("config"))
                                .toObject()
                                .value(QStringLiteral("digest"))
                                .toString();
    for (const auto& value : object.value(QStringLiteral("layers")).toArray()) {
        const QJsonObject layer = value.toObject();
        manifest.layers.append({layer.value(QStringLiteral("digest")).toString(),
                                layer.value(QStringLiteral("size")).toInteger()});
    }
    return manifest;
}

std::optional<RegistryManifest::Platform> RegistryManifest::choose(const QString& platform) const {
    const QStringList wanted = (platform.isEmpty() ? hostPlatform() : platform).split(u'/');
    const QString os = wanted.value(0);
    const QString architecture =
        wanted.size() > 1 ? wanted.at(1) : hostPlatform().section(u'/', 1, 1);
    const QString variant = wanted.value(2);
    std::optional<Platform> fallback;
    for (const Platform& entry : entries) {
        if (entry.os != os || entry.architecture != architecture)
            continue;
        if (variant.isEmpty() || entry.variant == variant)
            return entry;
        // Docker treats arm64 without a variant as v8.
        if (!fallback && entry.variant.isEmpty() && variant == QLatin1String("v8"))
            fallback = entry;
    }
    return fallback;
}

QString RegistryManifest::hostPlatform() {
    const QString architecture = dockerArchitecture(QSysInfo::currentCpuArchitecture());
    QString platform = QStringLiteral("linux/") + architecture;
    if (architecture == QLatin1String("arm64"))
        platform += QStringLiteral("/v8");
    return platform;
}

} // namespace sockerless::backends::memory
