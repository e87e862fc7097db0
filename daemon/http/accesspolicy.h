#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace sockerless::http {

/// Per-operation access policy, like docker-socket-proxy: every route belongs to one operation
/// group (Options::policyGroups()), derived here and only here from its template:
///
/// | group | routes under `/internal/v1/` |
/// |---|---|
/// | containers | `containers`, `containers/{id}/...` except exec create |
/// | exec | `POST containers/{id}/exec`, `exec/...` (WS exec start too) |
/// | images | `images/...` |
/// | auth | `POST auth` |
/// | networks, volumes | `networks/...`, `volumes/...` |
/// | events | `WS events` |
/// | admin | `info`, `requests`, `requests/stream`, `metrics` |
///
/// `healthz` is public: no token, no policy (probes and load balancers must reach it).
/// Once any policy option is set, a route in no group is refused (fail closed); without one
/// everything is allowed. The unit test tst_accesspolicy checks that every registered route has
/// a group.
///
/// `--deny` wins over `--allow` (empty: all groups), and `--read-only` lets through only calls
/// that change nothing: HTTP GET, and every WebSocket but exec start (it runs a process and
/// writes its stdin).
class AccessPolicy {
public:
    /// Allows everything.
    AccessPolicy() = default;
    /// `allow` and `deny` are group names (already validated by Options).
    AccessPolicy(bool readOnly, QStringList allow, QStringList deny);

    /// The group of a route template (`/internal/v1/containers/{id}/exec` → `exec`), or empty
    /// for a route in no group (and for healthz, see isPublic()).
    static QString groupOf(const QString& routeTemplate);
    /// True for the routes anyone may call: `GET /internal/v1/healthz`.
    static bool isPublic(const QByteArray& method, const QString& routeTemplate);
    /// True for a call that changes nothing (what `--read-only` lets through).
    static bool changesNothing(const QByteArray& method, const QString& routeTemplate,
                               bool webSocket);

    /// Why the call is refused, as a 403 message naming the policy and the group (`POST
    /// /internal/v1/containers/{id}/exec (group exec) is forbidden by policy: group exec denied
    /// by --deny exec`), or empty when it is allowed.
    QString refusal(const QByteArray& method, const QString& routeTemplate, bool webSocket) const;

private:
    bool m_readOnly = false;
    QStringList m_allow;
    QStringList m_deny;
};

} // namespace sockerless::http
