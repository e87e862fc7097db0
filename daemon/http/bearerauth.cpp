#include "http/bearerauth.h"

#include <QCryptographicHash>
#include <QList>

namespace sockerless::http {

namespace {

QByteArray sha256(const QByteArray& data) {
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}

// Equal-length digests, every byte visited whatever the earlier ones were.
bool digestsEqual(const QByteArray& a, const QByteArray& b) {
    if (a.size() != b.size())
        return false; // never for two SHA-256 digests; says nothing about the tokens
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0;
}

} // namespace

BearerAuth::BearerAuth(const QByteArray& token) {
    if (!token.isEmpty())
        m_digest = sha256(token);
}

bool BearerAuth::constantTimeEquals(const QByteArray& a, const QByteArray& b) {
    return digestsEqual(sha256(a), sha256(b));
}

QByteArray BearerAuth::tokenFromAuthorization(const QByteArray& authorization) {
    const QByteArray value = authorization.trimmed();
    const qsizetype space = value.indexOf(' ');
    if (space <= 0 || value.left(space).compare("Bearer", Qt::CaseInsensitive) != 0)
        return {};
    return value.mid(space + 1).trimmed();
}

QByteArray BearerAuth::tokenFromSubprotocols(const QByteArray& subprotocols) {
    // The header may repeat; Qt joins repeated headers with ", ".
    static const QByteArray prefix = QByteArrayLiteral("bearer.");
    const QList<QByteArray> protocols = subprotocols.split(',');
    for (const QByteArray& entry : protocols) {
        const QByteArray protocol = entry.trimmed();
        if (protocol.size() > prefix.size() &&
            protocol.left(prefix.size()).compare(prefix, Qt::CaseInsensitive) == 0)
            return protocol.mid(prefix.size());
    }
    return {};
}

BearerAuth::Result BearerAuth::check(const QByteArray& presented) const {
    if (!enabled())
        return Result::Accepted;
    if (presented.isEmpty())
        return Result::Missing;
    return digestsEqual(sha256(presented), m_digest) ? Result::Accepted : Result::Wrong;
}

BearerAuth::Result BearerAuth::checkAuthorization(const QByteArray& authorization) const {
    return check(tokenFromAuthorization(authorization));
}

BearerAuth::Result BearerAuth::checkWebSocket(const QByteArray& authorization,
                                              const QByteArray& subprotocols) const {
    QByteArray presented = tokenFromAuthorization(authorization);
    if (presented.isEmpty())
        presented = tokenFromSubprotocols(subprotocols);
    return check(presented);
}

} // namespace sockerless::http
