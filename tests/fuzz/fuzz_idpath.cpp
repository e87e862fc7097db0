// Fuzzes how ids and paths are handled: checkId and image names (shared/api/ids.h,
// imagereference.h), the percent-encoding of upstream paths (shared/docker/dockerpath.h), the
// daemon's Router (daemon/http/router.h) and the request log's redactPath.
//
// Invariants: no value can change the upstream path or query (an encoded segment is made of
// unreserved characters and `%XX` only, and decodes back to the value); an accepted id has no
// dot segment or control character; a parsed image reference prints to text that parses to the
// same reference; a route match is stable when its values are encoded again; the request log
// never keeps a credential's value.

#include "api/ids.h"
#include "api/imagereference.h"
#include "docker/dockerpath.h"
#include "fuzzcheck.h"
#include "http/requestrecorder.h"
#include "http/router.h"

#include <QStringList>
#include <QUrlQuery>
#include <algorithm>
#include <cstdint>

using sockerless::api::checkId;
using sockerless::api::checkImageName;
using sockerless::api::ImageReference;
using sockerless::api::isValidImageTag;
using sockerless::docker::DockerPath;
using sockerless::http::RequestRecorder;
using sockerless::http::Router;

namespace {

bool isUnreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

bool isUpperHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
}

/// The one rule that keeps an id inside its segment of the upstream path.
void checkEncodedSegment(const QString& value) {
    const QByteArray encoded = DockerPath::encodeSegment(value);
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        const char c = encoded.at(i);
        if (c == '%') {
            FUZZ_CHECK(i + 2 < encoded.size() && isUpperHex(encoded.at(i + 1)) &&
                           isUpperHex(encoded.at(i + 2)),
                       "a '%' in an encoded segment is not followed by two upper-case hex digits");
            i += 2;
            continue;
        }
        FUZZ_CHECK(isUnreserved(c), QStringLiteral("encoded segment keeps the byte 0x%1")
                                        .arg(uchar(c), 2, 16, QLatin1Char('0')));
    }
    FUZZ_CHECK(encoded != "." && encoded != "..", "an encoded segment is a dot segment");
    FUZZ_CHECK(value.isEmpty() == encoded.isEmpty(), "only the empty value may encode to nothing");
    FUZZ_CHECK(QByteArray::fromPercentEncoding(encoded) == value.toUtf8(),
               "an encoded segment does not decode back to its value");

    const QByteArray path =
        DockerPath::build({QStringLiteral("containers"), value, QStringLiteral("json")});
    FUZZ_CHECK(
        path.startsWith("/containers/") && path.endsWith("/json") && path.count('/') == 3 &&
            !path.contains('?') && !path.contains('#'),
        QStringLiteral("a value changed the upstream path: %1").arg(QString::fromUtf8(path)));
}

bool hasDotSegment(const QString& id) {
    const QStringList segments = id.split(u'/');
    return segments.contains(QStringLiteral(".")) || segments.contains(QStringLiteral(".."));
}

bool hasControl(const QString& id) {
    return std::any_of(id.begin(), id.end(),
                       [](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; });
}

void fuzzIds(const QString& text) {
    checkEncodedSegment(text);
    if (const auto error = checkId(QStringLiteral("container"), text)) {
        FUZZ_CHECK(error->status == 400, "checkId refused with another status than 400");
    } else {
        FUZZ_CHECK(!text.isEmpty() && !hasDotSegment(text) && !hasControl(text),
                   "checkId accepted an empty id, a dot segment or a control character");
    }
    if (!checkImageName(text))
        FUZZ_CHECK(!checkId(QStringLiteral("image"), text),
                   "checkImageName accepted what checkId refuses");

    const auto parsed = ImageReference::parse(text);
    if (!parsed.ok()) {
        FUZZ_CHECK(parsed.error().status == 400, "ImageReference::parse refused without a 400");
        return;
    }
    const ImageReference& ref = parsed.value();
    FUZZ_CHECK(!ref.name.isEmpty(), "a parsed reference without a name");
    FUZZ_CHECK(ref.tag.isEmpty() || isValidImageTag(ref.tag),
               "a parsed reference's tag is invalid");
    FUZZ_CHECK(ref.name.startsWith(ref.domain()), "the domain is not the start of the name");
    FUZZ_CHECK(!ref.pullTag().isEmpty(), "an empty pull tag would pull every tag");
    const auto again = ImageReference::parse(ref.toString());
    FUZZ_CHECK(
        again.ok(),
        QStringLiteral("'%1' printed as '%2', which does not parse").arg(text, ref.toString()));
    FUZZ_CHECK(
        again.value().name == ref.name && again.value().tag == ref.tag &&
            again.value().digest == ref.digest,
        QStringLiteral("'%1' printed as '%2', which parses differently").arg(text, ref.toString()));
}

/// The daemon's own templates (a sample of every shape: literals, `{id}`, `{name...}` with and
/// without trailing literals, `*`).
const Router& router() {
    static const Router instance = [] {
        Router r;
        int index = 0;
        const QList<QPair<QByteArray, QString>> routes{
            {"GET", QStringLiteral("/internal/v1/containers")},
            {"POST", QStringLiteral("/internal/v1/containers")},
            {"GET", QStringLiteral("/internal/v1/containers/{id}")},
            {"DELETE", QStringLiteral("/internal/v1/containers/{id}")},
            {"POST", QStringLiteral("/internal/v1/containers/{id}/start")},
            {"POST", QStringLiteral("/internal/v1/containers/{id}/exec")},
            {"POST", QStringLiteral("/internal/v1/exec/{id}/start")},
            {"GET", QStringLiteral("/internal/v1/images/{name...}")},
            {"DELETE", QStringLiteral("/internal/v1/images/{name...}")},
            {"POST", QStringLiteral("/internal/v1/images/{name...}/tag")},
            {"POST", QStringLiteral("/internal/v1/images/pull")},
            {"GET", QStringLiteral("/internal/v1/volumes/{name}")},
            {"POST", QStringLiteral("/internal/v1/networks/{id}/connect")},
            {"*", QStringLiteral("/internal/v1/events")},
        };
        for (const auto& [method, pathTemplate] : routes)
            FUZZ_CHECK(r.add(method, pathTemplate, index++), "a daemon template was refused");
        return r;
    }();
    return instance;
}

/// Fills `pathTemplate`'s placeholders with `params`, each encoded as one segment.
QByteArray fill(const QString& pathTemplate, const QHash<QString, QString>& params) {
    QByteArray path;
    for (const QString& part : pathTemplate.mid(1).split(u'/')) {
        path += '/';
        if (part.startsWith(u'{')) {
            QString name = part.mid(1, part.size() - 2);
            if (name.endsWith(QLatin1String("...")))
                name.chop(3);
            path += DockerPath::encodeSegment(params.value(name));
        } else {
            path += part.toUtf8();
        }
    }
    return path;
}

void fuzzRouter(const QByteArray& method, const QByteArray& path) {
    const Router::Match match = router().match(method, path);
    FUZZ_CHECK(match.status == 200 || match.status == 404 || match.status == 405,
               "the router answered something else than 200, 404 or 405");
    if (match.status == 404) {
        FUZZ_CHECK(match.routeIndex == -1 && match.params.isEmpty(), "a 404 with a route");
        return;
    }
    FUZZ_CHECK(!match.routeTemplate.isEmpty(), "a match without its template");
    if (match.status == 405) {
        FUZZ_CHECK(!match.allowedMethods.isEmpty() &&
                       !match.allowedMethods.contains(method.toUpper()),
                   "a 405 without allowed methods, or allowing the method it refused");
        return;
    }
    for (auto it = match.params.begin(); it != match.params.end(); ++it) {
        FUZZ_CHECK(!it.value().isEmpty(), "a route matched with an empty placeholder");
        checkEncodedSegment(it.value());
    }
    // The same values, encoded as the daemon encodes them, lead to the same route and values.
    const Router::Match again = router().match(method, fill(match.routeTemplate, match.params));
    FUZZ_CHECK(again.status == 200 && again.routeIndex == match.routeIndex &&
                   again.params == match.params,
               "re-encoding a match's values changed the match");
}

void fuzzRedaction(const QString& pathAndQuery) {
    const QString redacted = RequestRecorder::redactPath(pathAndQuery);
    const qsizetype mark = pathAndQuery.indexOf(u'?');
    if (mark < 0) {
        FUZZ_CHECK(redacted == pathAndQuery, "a path without a query was changed");
        return;
    }
    FUZZ_CHECK(redacted.left(mark + 1) == pathAndQuery.left(mark + 1),
               "redaction changed the path before the query");
    const QStringList before = pathAndQuery.mid(mark + 1).split(u'&');
    const QStringList after = redacted.mid(mark + 1).split(u'&');
    FUZZ_CHECK(before.size() == after.size(), "redaction changed the number of query items");
    for (qsizetype i = 0; i < before.size(); ++i) {
        const QString key = before.at(i).section(u'=', 0, 0);
        if (RequestRecorder::isCredentialKey(key))
            FUZZ_CHECK(after.at(i) == key + QStringLiteral("=REDACTED"),
                       "a credential's value survived redaction");
        else
            FUZZ_CHECK(after.at(i) == before.at(i), "redaction changed a harmless query item");
    }
    // The daemon reads queries with QUrlQuery: no item it sees as a credential keeps a value.
    const QUrlQuery query(redacted.mid(mark + 1));
    for (const auto& [key, value] : query.queryItems(QUrl::FullyEncoded)) {
        if (RequestRecorder::isCredentialKey(key))
            FUZZ_CHECK(value == QLatin1String("REDACTED"),
                       QStringLiteral("QUrlQuery reads credential '%1' as '%2' after redaction")
                           .arg(key, value));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const QString text = QString::fromUtf8(bytes);
    fuzzIds(text);
    static const QByteArray kMethods[] = {"GET", "POST", "delete", "PUT"};
    fuzzRouter(kMethods[size % 4], bytes);
    fuzzRedaction(text);
    return 0;
}
