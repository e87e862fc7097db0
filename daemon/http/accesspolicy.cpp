#include "http/accesspolicy.h"

namespace sockerless::http {

namespace {

const QString kPrefix = QStringLiteral("/internal/v1/");

// The template's segments after `/internal/v1/`, or empty for a template outside the API.
QStringList apiSegments(const QString& routeTemplate) {
    if (!routeTemplate.startsWith(kPrefix))
        return {};
    return routeTemplate.mid(kPrefix.size()).split(QLatin1Char('/'), Qt::SkipEmptyParts);
}

} // namespace

AccessPolicy::AccessPolicy(bool readOnly, QStringList allow, QStringList deny)
    : m_readOnly(readOnly)
    , m_allow(std::move(allow))
    , m_deny(std::move(deny)) {}

QString AccessPolicy::groupOf(const QString& routeTemplate) {
    const QStringList segments = apiSegments(routeTemplate);
    if (segments.isEmpty())
        return {};
    const QString& first = segments.first();
    if (first == QLatin1String("containers")) {
        // Creating an exec is running a command in the container: it is exec's, not containers'.
        if (segments.size() == 3 && segments.at(2) == QLatin1String("exec"))
            return QStringLiteral("exec");
        return first;
    }
    if (first == QLatin1String("exec") || first == QLatin1String("images") ||
        first == QLatin1String("networks") || first == QLatin1String("volumes"))
        return first;
    if (segments.size() == 1 &&
        (first == QLatin1String("auth") || first == QLatin1String("events")))
        return first;
    if (first == QLatin1String("info") || first == QLatin1String("requests") ||
        first == QLatin1String("metrics"))
        return QStringLiteral("admin");
    return {};
}

bool AccessPolicy::isPublic(const QByteArray& method, const QString& routeTemplate) {
    return method == "GET" && routeTemplate == QLatin1String("/internal/v1/healthz");
}

bool AccessPolicy::changesNothing(const QByteArray& method, const QString& routeTemplate,
                                  bool webSocket) {
    if (webSocket)
        return groupOf(routeTemplate) != QLatin1String("exec");
    return method == "GET";
}

QString AccessPolicy::refusal(const QByteArray& method, const QString& routeTemplate,
                              bool webSocket) const {
    if (isPublic(method, routeTemplate) && !webSocket)
        return {};
    // No policy configured: nothing to judge, also for a route in no group.
    if (!m_readOnly && m_allow.isEmpty() && m_deny.isEmpty())
        return {};
    const QString group = groupOf(routeTemplate);
    const QString call =
        QStringLiteral("%1 %2 (group %3) is forbidden by policy: ")
            .arg(webSocket ? QStringLiteral("WebSocket") : QString::fromLatin1(method),
                 routeTemplate, group.isEmpty() ? QStringLiteral("none") : group);
    if (group.isEmpty())
        return call + QStringLiteral("the route belongs to no operation group");
    if (m_deny.contains(group))
        return call + QStringLiteral("group %1 denied by --deny %2")
                          .arg(group, m_deny.join(QLatin1Char(',')));
    if (!m_allow.isEmpty() && !m_allow.contains(group))
        return call + QStringLiteral("group %1 is not in --allow %2")
                          .arg(group, m_allow.join(QLatin1Char(',')));
    if (m_readOnly && !changesNothing(method, routeTemplate, webSocket))
        return call + QStringLiteral("--read-only");
    return {};
}

} // namespace sockerless::http
