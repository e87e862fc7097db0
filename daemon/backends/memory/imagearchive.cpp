#include "backends/memory/imagearchive.h"

#include "backends/memory/imagetarball.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

namespace sockerless::backends::memory {

namespace {

// Docker unpacks the tarball into a folder of this shape before reading it; its errors name it.
QString importFolder() {
    return QStringLiteral("/var/lib/docker/tmp/docker-import-%1")
        .arg(QRandomGenerator::global()->bounded(2147483647));
}

QString notFound(const QString& folder, const QString& path) {
    return QStringLiteral("open %1/%2: no such file or directory").arg(folder, path);
}

} // namespace

std::optional<QList<ArchiveImage>> ImageArchive::read(const QByteArray& tarball, QString* error) {
    // A cut or garbled tarball is read as far as it goes: Docker then fails on the first file
    // it misses, not on the tar itself.
    const QList<TarEntry> entries = TarReader::read(tarball);
    QHash<QString, QByteArrayView> files;
    QStringList folders;
    for (const TarEntry& entry : entries) {
        QString name = entry.name;
        if (entry.isDirectory()) {
            if (name.endsWith(u'/'))
                name.chop(1);
            if (!name.contains(u'/'))
                folders.append(name);
        } else if (entry.isFile()) {
            files.insert(name, entry.data);
        }
    }
    const QString folder = importFolder();
    const auto manifestFile = files.constFind(QStringLiteral("manifest.json"));
    if (manifestFile == files.constEnd()) {
        // Docker falls back to the legacy layout: each top folder's `json`, then `repositories`.
        folders.sort();
        for (const QString& name : std::as_const(folders)) {
            if (!files.contains(name + QStringLiteral("/json"))) {
                *error = notFound(folder, name + QStringLiteral("/json"));
                return std::nullopt;
            }
        }
        *error = files.contains(QStringLiteral("repositories"))
                     ? QStringLiteral("legacy image tarballs (without manifest.json) are not "
                                      "supported by the memory backend")
                     : notFound(folder, QStringLiteral("repositories"));
        return std::nullopt;
    }
    QJsonParseError parseError{};
    const QJsonDocument manifest =
        QJsonDocument::fromJson(manifestFile.value().toByteArray(), &parseError);
    if (!manifest.isArray()) {
        *error = QStringLiteral("json: cannot unmarshal manifest.json: %1")
                     .arg(parseError.errorString());
        return std::nullopt;
    }
    QList<ArchiveImage> images;
    for (const auto& value : manifest.array()) {
        const QJsonObject item = value.toObject();
        const QString configPath = item.value(QStringLiteral("Config")).toString();
        const auto config = files.constFind(configPath);
        if (config == files.constEnd()) {
            *error = notFound(folder, configPath);
            return std::nullopt;
        }
        ArchiveImage image;
        image.config = config.value().toByteArray();
        const QJsonDocument configJson = QJsonDocument::fromJson(image.config);
        if (!configJson.isObject()) {
            *error = QStringLiteral("invalid image JSON, no RootFS key");
            return std::nullopt;
        }
        const QJsonArray diffIds = configJson.object()
                                       .value(QStringLiteral("rootfs"))
                                       .toObject()
                                       .value(QStringLiteral("diff_ids"))
                                       .toArray();
        const QJsonArray layers = item.value(QStringLiteral("Layers")).toArray();
        if (layers.size() != diffIds.size()) {
            *error = QStringLiteral("invalid manifest, layers length mismatch: expected %1, got %2")
                         .arg(layers.size())
                         .arg(diffIds.size());
            return std::nullopt;
        }
        for (const auto& layerPath : layers) {
            const auto layer = files.constFind(layerPath.toString());
            if (layer == files.constEnd()) {
                *error = notFound(folder, layerPath.toString());
                return std::nullopt;
            }
            image.layerTarSizes.append(layer.value().size());
            // Docker's Size is what the layer holds unpacked; a compressed layer (which
            // docker save never writes) counts as its file size.
            image.size += TarReader::contentSize(layer.value()).value_or(layer.value().size());
        }
        for (const auto& tag : item.value(QStringLiteral("RepoTags")).toArray())
            image.repoTags.append(tag.toString());
        images.append(image);
    }
    return images;
}

} // namespace sockerless::backends::memory
