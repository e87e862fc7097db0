#include "backends/memory/memorycontainerfilters.h"

#include "backends/memory/memorycontainer.h"

#include <QRegularExpression>

namespace sockerless::backends::memory {

namespace {

const QStringList& knownKeys() {
    static const QStringList keys{
        QStringLiteral("ancestor"),  QStringLiteral("before"),  QStringLiteral("expose"),
        QStringLiteral("exited"),    QStringLiteral("health"),  QStringLiteral("id"),
        QStringLiteral("isolation"), QStringLiteral("is-task"), QStringLiteral("label"),
        QStringLiteral("name"),      QStringLiteral("network"), QStringLiteral("publish"),
        QStringLiteral("since"),     QStringLiteral("status"),  QStringLiteral("volume")};
    return keys;
}

const QStringList& knownStatuses() {
    static const QStringList statuses{QStringLiteral("created"), QStringLiteral("restarting"),
                                      QStringLiteral("running"), QStringLiteral("removing"),
                                      QStringLiteral("paused"),  QStringLiteral("exited"),
                                      QStringLiteral("dead")};
    return statuses;
}

// Docker matches `name` as an unanchored regular expression against the name with its `/`.
bool nameMatches(const QStringList& patterns, const QString& name) {
    const QString withSlash = u'/' + name;
    for (const QString& pattern : patterns) {
        const QRegularExpression expression(pattern);
        if (expression.isValid() ? expression.match(withSlash).hasMatch()
                                 : withSlash.contains(pattern))
            return true;
    }
    return false;
}

bool anyPrefix(const QStringList& prefixes, const QString& id) {
    return std::any_of(prefixes.begin(), prefixes.end(),
                       [&id](const QString& prefix) { return id.startsWith(prefix); });
}

} // namespace

api::Result<MemoryContainerFilters> MemoryContainerFilters::make(const api::Filters& filters,
                                                                 const Finder& find,
                                                                 const ImageResolver& resolve) {
    MemoryContainerFilters out;
    out.m_filters = filters;
    for (const QString& key : filters.keys()) {
        if (!knownKeys().contains(key))
            return api::ApiError::badRequest(QStringLiteral("Invalid filter '%1'").arg(key));
    }
    for (const QString& status : filters.values(QStringLiteral("status"))) {
        if (!knownStatuses().contains(status))
            return api::ApiError::badRequest(
                QStringLiteral("Invalid filter 'status=%1'").arg(status));
    }
    for (const QString& code : filters.values(QStringLiteral("exited"))) {
        bool ok = false;
        [[maybe_unused]] const int parsed = code.toInt(&ok); // only its validity matters here
        if (!ok)
            return api::ApiError::badRequest(
                QStringLiteral("invalid filter 'exited=%1'").arg(code));
    }
    for (const char* key : {"before", "since"}) {
        for (const QString& value : filters.values(QLatin1String(key))) {
            const MemoryContainer* container = find(value);
            if (!container)
                return api::ApiError::notFound(QStringLiteral("container"), value);
            (QLatin1String(key) == QLatin1String("before") ? out.m_beforeNanos : out.m_sinceNanos) =
                container->setup().createdNanos;
        }
    }
    for (const QString& ancestor : filters.values(QStringLiteral("ancestor"))) {
        const QString id = resolve(ancestor);
        out.m_ancestorIds.append(id.isEmpty() ? ancestor : id);
    }
    return out;
}

bool MemoryContainerFilters::matches(const MemoryContainer& c,
                                     const QMap<QString, QJsonObject>& endpoints) const {
    const ContainerSetup& setup = c.setup();
    const api::Filters& f = m_filters;
    if (!f.matchesLabels(setup.config.labels.value_or(QMap<QString, QString>{})))
        return false;
    if (f.has(QStringLiteral("name")) && !nameMatches(f.values(QStringLiteral("name")), setup.name))
        return false;
    if (f.has(QStringLiteral("id")) && !anyPrefix(f.values(QStringLiteral("id")), setup.id))
        return false;
    if (f.has(QStringLiteral("status")) && !f.values(QStringLiteral("status")).contains(c.status()))
        return false;
    if (f.has(QStringLiteral("exited"))) {
        if (c.status() != QLatin1String("exited") || !c.hasRun() ||
            !f.values(QStringLiteral("exited")).contains(QString::number(c.exitCode())))
            return false;
    }
    if (m_beforeNanos != 0 && setup.createdNanos >= m_beforeNanos)
        return false;
    if (m_sinceNanos != 0 && setup.createdNanos <= m_sinceNanos)
        return false;
    if (!m_ancestorIds.isEmpty()) {
        const QString image = setup.config.image.value_or(QString());
        const bool any =
            std::any_of(m_ancestorIds.begin(), m_ancestorIds.end(), [&](const QString& wanted) {
                return wanted == setup.imageId || wanted == image;
            });
        if (!any)
            return false;
    }
    if (f.has(QStringLiteral("network"))) {
        const QStringList wanted = f.values(QStringLiteral("network"));
        bool any = false;
        for (auto it = endpoints.begin(); it != endpoints.end() && !any; ++it) {
            const QString networkId = it.value().value(QStringLiteral("NetworkID")).toString();
            any = wanted.contains(it.key()) || anyPrefix(wanted, networkId);
        }
        if (!any)
            return false;
    }
    if (f.has(QStringLiteral("volume"))) {
        const QStringList wanted = f.values(QStringLiteral("volume"));
        const bool any = std::any_of(
            setup.mounts.begin(), setup.mounts.end(), [&wanted](const api::MountPoint& mount) {
                return wanted.contains(mount.name.value_or(QString())) ||
                       wanted.contains(mount.destination.value_or(QString()));
            });
        if (!any)
            return false;
    }
    return true;
}

} // namespace sockerless::backends::memory
