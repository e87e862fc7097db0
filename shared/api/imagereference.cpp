#include "api/imagereference.h"

#include "api/ids.h"

#include <QRegularExpression>
#include <QStringList>

namespace sockerless::api {

namespace {

// Docker's grammar (distribution/reference, regexp.go), written out once.
const QString kNameComponent = QStringLiteral("[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*");
const QString kDomainComponent =
    QStringLiteral("(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])");
const QString kDomain = kDomainComponent + QStringLiteral("(?:\\.") + kDomainComponent +
                        QStringLiteral(")*(?::[0-9]+)?");
const QString kTag = QStringLiteral("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
const QString kDigest =
    QStringLiteral("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
const QString kName = QStringLiteral("(?:") + kDomain + QStringLiteral("/)?") + kNameComponent +
                      QStringLiteral("(?:/") + kNameComponent + QStringLiteral(")*");

const QRegularExpression& referencePattern() {
    static const QRegularExpression pattern(
        QStringLiteral("^(") + kName + QStringLiteral(")(?::(") + kTag +
        QStringLiteral("))?(?:@(") + kDigest + QStringLiteral("))?$"));
    return pattern;
}

constexpr qsizetype kNameTotalLengthMax = 255;

// Docker accepts only digests of a known algorithm with an encoded part of the right length.
std::optional<ApiError> checkDigest(const QString& digest) {
    const qsizetype colon = digest.indexOf(u':');
    const QString algorithm = digest.left(colon);
    const QString encoded = digest.mid(colon + 1);
    qsizetype length = 0;
    if (algorithm == QLatin1String("sha256"))
        length = 64;
    else if (algorithm == QLatin1String("sha384"))
        length = 96;
    else if (algorithm == QLatin1String("sha512"))
        length = 128;
    else
        return ApiError::badRequest(QStringLiteral("unsupported digest algorithm"));
    static const QRegularExpression lowerHex(QStringLiteral("^[a-f0-9]+$"));
    if (encoded.size() != length || !lowerHex.match(encoded).hasMatch())
        return ApiError::badRequest(QStringLiteral("invalid checksum digest length"));
    return std::nullopt;
}

} // namespace

Result<ImageReference> ImageReference::parse(const QString& text) {
    if (text.isEmpty())
        return ApiError::badRequest(
            QStringLiteral("invalid reference format: repository name must have at least one "
                           "component"));
    const QRegularExpressionMatch match = referencePattern().match(text);
    if (!match.hasMatch()) {
        if (referencePattern().match(text.toLower()).hasMatch())
            return ApiError::badRequest(
                QStringLiteral("invalid reference format: repository name must be lowercase"));
        return ApiError::badRequest(QStringLiteral("invalid reference format"));
    }
    ImageReference reference;
    reference.name = match.captured(1);
    reference.tag = match.captured(2);
    reference.digest = match.captured(3);
    if (reference.name.size() > kNameTotalLengthMax)
        return ApiError::badRequest(
            QStringLiteral("repository name must not be more than %1 characters")
                .arg(kNameTotalLengthMax));
    static const QRegularExpression hexId(QStringLiteral("^[a-f0-9]{64}$"));
    if (hexId.match(reference.name).hasMatch())
        return ApiError::badRequest(QStringLiteral("invalid repository name (%1), cannot specify "
                                                   "64-byte hexadecimal strings")
                                        .arg(reference.name));
    if (!reference.digest.isEmpty()) {
        if (auto error = checkDigest(reference.digest))
            return *error;
    }
    return reference;
}

QString ImageReference::pullTag() const {
    if (!digest.isEmpty())
        return digest;
    return tag.isEmpty() ? QStringLiteral("latest") : tag;
}

QString ImageReference::domain() const {
    const qsizetype slash = name.indexOf(u'/');
    if (slash < 0)
        return {};
    const QString first = name.left(slash);
    const bool isDomain = first.contains(u'.') || first.contains(u':') ||
                          first == QLatin1String("localhost") || first.toLower() != first;
    return isDomain ? first : QString();
}

QString ImageReference::toString() const {
    QString text = name;
    if (!tag.isEmpty())
        text += u':' + tag;
    if (!digest.isEmpty())
        text += u'@' + digest;
    return text;
}

bool isValidImageTag(const QString& tag) {
    static const QRegularExpression pattern(QStringLiteral("^") + kTag + QStringLiteral("$"));
    return pattern.match(tag).hasMatch();
}

std::optional<ApiError> checkImageName(const QString& name) {
    if (auto error = checkId(QStringLiteral("image"), name))
        return error;
    const QStringList segments = name.split(u'/');
    for (const QString& segment : segments) {
        if (segment.isEmpty() || segment == QLatin1String(".") || segment == QLatin1String(".."))
            return ApiError::badRequest(
                QStringLiteral("invalid image id or name: '%1' has an empty, '.' or '..' segment")
                    .arg(name));
    }
    return std::nullopt;
}

} // namespace sockerless::api
