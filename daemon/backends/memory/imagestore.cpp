#include "backends/memory/imagestore.h"

#include "backends/memory/imagename.h"

#include <QRegularExpression>

namespace sockerless::backends::memory {

namespace {
const QString kSha256 = QStringLiteral("sha256:");
} // namespace

const ImageRecord* ImageStore::byId(const QString& id) const {
    const auto it = m_images.constFind(id);
    return it == m_images.constEnd() ? nullptr : &it.value();
}

const ImageRecord* ImageStore::find(const QString& name) const {
    static const QRegularExpression fullId(QStringLiteral("^(sha256:)?[a-f0-9]{64}$"));
    if (fullId.match(name).hasMatch())
        return byId(name.startsWith(kSha256) ? name : kSha256 + name);
    // A name first (Docker reads `abc` as `docker.io/library/abc:latest` before as an id).
    if (const auto parsed = ImageName::parse(name)) {
        const QString key =
            parsed->digest.isEmpty() ? parsed->taggedName() : parsed->digestedName();
        const auto it = m_names.constFind(key);
        if (it != m_names.constEnd())
            return byId(it.value());
    }
    static const QRegularExpression hexPrefix(QStringLiteral("^[a-f0-9]+$"));
    const QString prefix = name.startsWith(kSha256) ? name.mid(kSha256.size()) : name;
    if (!hexPrefix.match(prefix).hasMatch())
        return nullptr;
    const ImageRecord* found = nullptr;
    for (const ImageRecord& record : m_images) {
        if (!record.id.mid(kSha256.size()).startsWith(prefix))
            continue;
        if (found)
            return nullptr; // ambiguous
        found = &record;
    }
    return found;
}

void ImageStore::add(const ImageRecord& record) {
    if (!m_images.contains(record.id)) {
        ImageRecord fresh = record;
        fresh.tags.clear();
        fresh.digests.clear();
        m_images.insert(record.id, fresh);
    }
}

QString ImageStore::setTag(const QString& taggedName, const QString& id) {
    QString previous = m_names.value(taggedName);
    if (previous == id)
        return previous;
    if (auto it = m_images.find(previous); it != m_images.end())
        it->tags.removeAll(taggedName);
    m_names.insert(taggedName, id);
    if (auto it = m_images.find(id); it != m_images.end())
        it->tags.append(taggedName);
    return previous;
}

void ImageStore::addDigest(const QString& digestedName, const QString& id) {
    const QString previous = m_names.value(digestedName);
    if (previous == id)
        return;
    if (auto it = m_images.find(previous); it != m_images.end())
        it->digests.removeAll(digestedName);
    m_names.insert(digestedName, id);
    if (auto it = m_images.find(id); it != m_images.end())
        it->digests.append(digestedName);
}

void ImageStore::touchTagTime(const QString& id, const QString& time) {
    if (auto it = m_images.find(id); it != m_images.end())
        it->lastTagTime = time;
}

bool ImageStore::hasLayer(const QString& diffId) const {
    for (const ImageRecord& record : m_images) {
        if (record.diffIds().contains(diffId))
            return true;
    }
    return false;
}

} // namespace sockerless::backends::memory
