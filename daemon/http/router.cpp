#include "http/router.h"

#include <QSet>
#include <QUrl>

namespace sockerless::http {

namespace {

// Percent-decoding happens only after the path was split, so that `%2F` cannot create a segment.
QString decodeSegment(const QByteArray& encoded) {
    return QUrl::fromPercentEncoding(encoded);
}

// "/a/b/" and "/a/b" are the same resource; the leading "/" is implied by every template.
QByteArrayList splitEncodedPath(const QByteArray& encodedPath) {
    QByteArray path = encodedPath;
    const qsizetype query = path.indexOf('?');
    if (query >= 0)
        path.truncate(query);
    if (path.startsWith('/'))
        path.remove(0, 1);
    if (path.endsWith('/'))
        path.chop(1);
    if (path.isEmpty())
        return {};
    return path.split('/');
}

bool isValidParamName(const QString& name) {
    if (name.isEmpty())
        return false;
    for (const QChar c : name) {
        if (!c.isLetterOrNumber() && c != QLatin1Char('_') && c != QLatin1Char('-'))
            return false;
    }
    return true;
}

} // namespace

bool Router::add(const QByteArray& method, const QString& pathTemplate, int routeIndex) {
    if (method.isEmpty() || !pathTemplate.startsWith(QLatin1Char('/')))
        return false;
    Route route{method.toUpper(), pathTemplate, {}, routeIndex};
    QString body = pathTemplate.mid(1);
    if (body.endsWith(QLatin1Char('/')))
        body.chop(1);
    const QStringList parts = body.isEmpty() ? QStringList{} : body.split(QLatin1Char('/'));
    QSet<QString> names;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString& part = parts.at(i);
        if (part.isEmpty())
            return false; // "//" in a template can never match a split path
        Segment segment;
        const bool opens = part.contains(QLatin1Char('{'));
        const bool closes = part.contains(QLatin1Char('}'));
        if (opens || closes) {
            // A placeholder must be the whole segment: `{id}`, never `x{id}` or `{a}{b}`.
            if (!part.startsWith(QLatin1Char('{')) || !part.endsWith(QLatin1Char('}')) ||
                part.count(QLatin1Char('{')) != 1 || part.count(QLatin1Char('}')) != 1)
                return false;
            QString name = part.mid(1, part.size() - 2);
            if (name.endsWith(QLatin1String("..."))) {
                // Only literal segments may follow a rest placeholder (`{name...}/tag`).
                for (qsizetype j = i + 1; j < parts.size(); ++j) {
                    if (parts.at(j).contains(QLatin1Char('{')) ||
                        parts.at(j).contains(QLatin1Char('}')))
                        return false;
                }
                name.chop(3);
                segment.rest = true;
            }
            if (!isValidParamName(name) || names.contains(name))
                return false;
            names.insert(name);
            segment.param = name;
        } else {
            segment.literal = part;
        }
        route.segments.append(segment);
    }
    m_routes.append(route);
    return true;
}

std::optional<QHash<QString, QString>> Router::matchSegments(const Route& route,
                                                             const QByteArrayList& parts) {
    QHash<QString, QString> params;
    const auto& segments = route.segments;
    qsizetype i = 0;
    for (; i < segments.size(); ++i) {
        const Segment& segment = segments.at(i);
        if (segment.rest) {
            // The rest takes every part but those the trailing literals need.
            const qsizetype literals = segments.size() - i - 1;
            const qsizetype restEnd = parts.size() - literals;
            if (restEnd <= i)
                return std::nullopt;
            for (qsizetype j = 0; j < literals; ++j) {
                if (decodeSegment(parts.at(restEnd + j)) != segments.at(i + 1 + j).literal)
                    return std::nullopt;
            }
            const QString value = decodeSegment(parts.mid(i, restEnd - i).join('/'));
            if (value.isEmpty())
                return std::nullopt;
            params.insert(segment.param, value);
            return params;
        }
        if (i >= parts.size())
            return std::nullopt;
        const QString value = decodeSegment(parts.at(i));
        if (segment.param.isEmpty()) {
            if (value != segment.literal)
                return std::nullopt;
        } else {
            if (value.isEmpty())
                return std::nullopt;
            params.insert(segment.param, value);
        }
    }
    if (i != parts.size())
        return std::nullopt;
    return params;
}

Router::Match Router::match(const QByteArray& method, const QByteArray& encodedPath) const {
    Match result;
    const QByteArrayList parts = splitEncodedPath(encodedPath);
    const QByteArray wanted = method.toUpper();
    for (const Route& route : m_routes) {
        auto params = matchSegments(route, parts);
        if (!params)
            continue;
        if (route.method == "*" || route.method == wanted) {
            result.status = 200;
            result.routeIndex = route.index;
            result.routeTemplate = route.pathTemplate;
            result.params = std::move(*params);
            result.allowedMethods.clear();
            return result;
        }
        if (result.status != 405) {
            result.status = 405;
            result.routeTemplate = route.pathTemplate;
        }
        if (!result.allowedMethods.contains(route.method))
            result.allowedMethods.append(route.method);
    }
    return result;
}

QList<QPair<QByteArray, QString>> Router::routes() const {
    QList<QPair<QByteArray, QString>> out;
    out.reserve(m_routes.size());
    for (const Route& route : m_routes)
        out.append({route.method, route.pathTemplate});
    return out;
}

} // namespace sockerless::http
