#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <optional>

namespace sockerless::http {

/// Matches request paths against route templates (`/internal/v1/containers/{id}/start`,
/// `/internal/v1/images/{name...}`, `/internal/v1/images/{name...}/tag`: a rest placeholder takes
/// every segment but those of the literals after it), per method. Matching works on the
/// still-encoded path split at
/// `/`, so `%2F` inside an id stays in its segment; placeholder values are then decoded.
/// Tells a 404 (no template matches the path) from a 405 (the path exists for other methods).
class Router {
public:
    struct Match {
        int routeIndex = -1;   ///< index given to add(), valid when status == 200
        int status = 404;      ///< 200 match, 404 unknown path, 405 wrong method
        QString routeTemplate; ///< the matching template (also for 405)
        QHash<QString, QString> params;
        QByteArrayList allowedMethods; ///< for 405: the methods the path does accept
    };

    /// Adds a route; returns false when the template is malformed (`{` without `}`, `{x...}` not
    /// last). `method` is upper case; `*` matches any method.
    bool add(const QByteArray& method, const QString& pathTemplate, int routeIndex);
    /// Matches a percent-encoded path. Routes are tried in the order they were added.
    Match match(const QByteArray& method, const QByteArray& encodedPath) const;
    /// Every route added, as (method, template), in registration order.
    QList<QPair<QByteArray, QString>> routes() const;

private:
    struct Segment {
        QString literal;
        QString param;
        bool rest = false;
    };
    struct Route {
        QByteArray method;
        QString pathTemplate;
        QList<Segment> segments;
        int index;
    };
    static std::optional<QHash<QString, QString>> matchSegments(const Route& route,
                                                                const QByteArrayList& parts);
    QList<Route> m_routes;
};

} // namespace sockerless::http
