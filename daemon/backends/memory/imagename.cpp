#include "backends/memory/imagename.h"

namespace sockerless::backends::memory {

namespace {
const QString kHub = QStringLiteral("docker.io");
const QString kHubLibrary = QStringLiteral("docker.io/library/");
} // namespace

std::optional<ImageName> ImageName::parse(const QString& text, bool defaultTag) {
    const auto parsed = api::ImageReference::parse(text);
    if (!parsed.ok())
        return std::nullopt;
    const api::ImageReference& reference = parsed.value();
    ImageName name;
    const QString domain = reference.domain();
    if (domain.isEmpty()) {
        name.repository = kHub + u'/' +
                          (reference.name.contains(u'/') ? QString() : QStringLiteral("library/")) +
                          reference.name;
    } else if (domain == QLatin1String("index.docker.io")) {
        name.repository = kHub + reference.name.mid(domain.size());
    } else {
        name.repository = reference.name;
    }
    // An upper-case domain is Docker's (it reads such a first component as a domain); the rest
    // was checked to be lower case by the grammar.
    if (name.repository.startsWith(kHub + u'/') &&
        !name.repository.mid(kHub.size() + 1).contains(u'/'))
        name.repository = kHubLibrary + name.repository.mid(kHub.size() + 1);
    name.tag = reference.tag;
    name.digest = reference.digest;
    if (defaultTag && name.tag.isEmpty() && name.digest.isEmpty())
        name.tag = QStringLiteral("latest");
    return name;
}

QString ImageName::domain() const {
    return repository.section(u'/', 0, 0);
}

QString ImageName::path() const {
    return repository.section(u'/', 1);
}

QString ImageName::familiar() const {
    QString text = familiarRepository(repository);
    if (!tag.isEmpty())
        text += u':' + tag;
    if (!digest.isEmpty())
        text += u'@' + digest;
    return text;
}

QString ImageName::familiarRepository(const QString& repository) {
    if (repository.startsWith(kHubLibrary) && !repository.mid(kHubLibrary.size()).contains(u'/'))
        return repository.mid(kHubLibrary.size());
    if (repository.startsWith(kHub + u'/'))
        return repository.mid(kHub.size() + 1);
    return repository;
}

QString ImageName::familiarReference(const QString& reference) {
    const auto name = parse(reference, false);
    return name ? name->familiar() : reference;
}

} // namespace sockerless::backends::memory
