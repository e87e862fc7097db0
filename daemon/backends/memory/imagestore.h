#pragma once

#include "backends/memory/imagerecord.h"

#include <QHash>
#include <QString>

namespace sockerless::backends::memory {

/// The images and the names that point at them, as Docker's image and reference stores keep
/// them: a tag names one image at a time, and moving it leaves the old image with fewer tags.
class ImageStore {
public:
    /// The image `name` refers to: `sha256:<64hex>` or a bare 64-hex id, `name[:tag]`,
    /// `name@digest`, or a unique id prefix (of any length, `sha256:` optional). An ambiguous
    /// prefix finds nothing, as in Docker.
    const ImageRecord* find(const QString& name) const;
    const ImageRecord* byId(const QString& id) const;

    /// Adds `record` (its tags and digests are set with setTag()/addDigest()); an image with the
    /// same id keeps what it had.
    void add(const ImageRecord& record);
    /// Points the normalised `repo:tag` at image `id`. The id it named before (empty when none).
    QString setTag(const QString& taggedName, const QString& id);
    /// Records the normalised `repo@digest` for image `id`.
    void addDigest(const QString& digestedName, const QString& id);
    /// Sets `Metadata.LastTagTime` of image `id`.
    void touchTagTime(const QString& id, const QString& time);
    /// Whether any image has the layer `diffId`.
    bool hasLayer(const QString& diffId) const;

    int count() const { return static_cast<int>(m_images.size()); }

private:
    QHash<QString, ImageRecord> m_images; ///< by id
    QHash<QString, QString> m_names;      ///< normalised `repo:tag` or `repo@digest` → id
};

} // namespace sockerless::backends::memory
