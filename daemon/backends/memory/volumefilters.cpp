#include "backends/memory/volumefilters.h"

namespace sockerless::backends::memory {

namespace {

bool isTrue(const QString& value) {
    return value == QLatin1String("true") || value == QLatin1String("1");
}

bool isBoolean(const QString& value) {
    return isTrue(value) || value == QLatin1String("false") || value == QLatin1String("0");
}

} // namespace

std::optional<api::ApiError> VolumeFilters::check(const api::Filters& filters) {
    const QStringList accepted{QStringLiteral("dangling"), QStringLiteral("driver"),
                               QStringLiteral("label"), QStringLiteral("name")};
    for (const QString& key : filters.keys()) {
        if (!accepted.contains(key))
            return api::ApiError::badRequest(QStringLiteral("Invalid filter '%1'").arg(key));
    }
    for (const QString& value : filters.values(QStringLiteral("dangling"))) {
        if (!isBoolean(value))
            return api::ApiError::badRequest(
                QStringLiteral("Invalid filter 'dangling=[%1]'").arg(value));
    }
    return std::nullopt;
}

bool VolumeFilters::matches(const VolumeRecord& volume, const api::Filters& filters) {
    const QStringList names = filters.values(QStringLiteral("name"));
    if (!names.isEmpty() && std::none_of(names.begin(), names.end(), [&](const QString& name) {
            return volume.name.contains(name);
        }))
        return false;
    const QStringList drivers = filters.values(QStringLiteral("driver"));
    if (!drivers.isEmpty() && !drivers.contains(QStringLiteral("local")))
        return false;
    if (!filters.matchesLabels(volume.labels.value_or(QMap<QString, QString>())))
        return false;
    const QStringList dangling = filters.values(QStringLiteral("dangling"));
    if (!dangling.isEmpty() && isTrue(dangling.first()) != volume.users.isEmpty())
        return false;
    return true;
}

} // namespace sockerless::backends::memory
