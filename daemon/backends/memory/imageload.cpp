#include "backends/memory/imageload.h"

#include "backends/memory/imagearchive.h"
#include "backends/memory/imageevents.h"
#include "backends/memory/imagename.h"
#include "backends/memory/imageprogress.h"
#include "backends/memory/imagestore.h"

#include <QSet>

namespace sockerless::backends::memory {

QList<QByteArray> loadImages(ImageStore& store, MemoryEvents* events,
                             const api::ImageLoadRequest& request) {
    QString error;
    const auto images = ImageArchive::read(request.tarball, &error);
    if (!images)
        return {ImageProgress::error(error)};
    QList<QByteArray> lines;
    QSet<QString> seenLayers;
    for (const ArchiveImage& image : *images) {
        auto record = ImageRecord::fromConfig(image.config, image.size);
        if (!record) {
            lines.append(ImageProgress::error(QStringLiteral("invalid image JSON, no RootFS key")));
            return lines;
        }
        // Every tag must be `name:tag` before anything is stored, as Docker checks them.
        QList<ImageName> names;
        for (const QString& tag : image.repoTags) {
            const auto name = ImageName::parse(tag, false);
            if (!name || name->tag.isEmpty() || !name->digest.isEmpty()) {
                lines.append(ImageProgress::error(QStringLiteral("invalid tag \"%1\"").arg(tag)));
                return lines;
            }
            names.append(*name);
        }
        const QStringList diffIds = record->diffIds();
        for (qsizetype i = 0; i < diffIds.size(); ++i) {
            const QString& diffId = diffIds.at(i);
            if (store.hasLayer(diffId) || seenLayers.contains(diffId))
                continue;
            seenLayers.insert(diffId);
            if (request.quiet)
                continue;
            // Docker reports the bar as it reads and once more at the end.
            const QByteArray bar =
                ImageProgress::done(QStringLiteral("Loading layer"), ImageProgress::shortId(diffId),
                                    image.layerTarSizes.value(i));
            lines.append(bar);
            lines.append(bar);
        }
        store.add(*record);
        for (const ImageName& name : std::as_const(names)) {
            const QString previous = store.setTag(name.taggedName(), record->id);
            if (!previous.isEmpty() && previous != record->id)
                lines.append(ImageProgress::stream(
                    QStringLiteral("The image %1 already exists, renaming the old one with ID %2 "
                                   "to empty string")
                        .arg(name.familiar(), previous)));
            lines.append(ImageProgress::stream(QStringLiteral("Loaded image: ") + name.familiar()));
        }
        if (names.isEmpty())
            lines.append(ImageProgress::stream(QStringLiteral("Loaded image ID: ") + record->id));
        publishImageEvent(events, QStringLiteral("load"), record->id, record->id,
                          *store.byId(record->id));
    }
    return lines;
}

} // namespace sockerless::backends::memory
