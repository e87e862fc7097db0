#include "backends/memory/networkfilters.h"

#include "backends/memory/filtertime.h"

#include <QDateTime>
#include <QRegularExpression>

namespace sockerless::backends::memory {

namespace {

std::optional<api::ApiError> unknownKey(const api::Filters& filters, const QStringList& accepted) {
    for (const QString& key : filters.keys()) {
        if (!accepted.contains(key))
            return api::ApiError::badRequest(QStringLiteral("Invalid filter '%1'").arg(key));
    }
    return std::nullopt;
}

// Docker's Args.Match: any value, as a regular expression, found in `text`; no values at all
// matches everything.
bool matchesAnyPattern(const QStringList& patterns, const QString& text) {
    if (patterns.isEmpty())
        return true;
    for (const QString& pattern : patterns) {
        const QRegularExpression expression(pattern);
        if (expression.isValid() && expression.match(text).hasMatch())
            return true;
    }
    return false;
}

bool matchesAnyExactly(const QStringList& values, const QString& text) {
    return values.isEmpty() || values.contains(text);
}

bool isTrue(const QString& value) {
    return value == QLatin1String("true") || value == QLatin1String("1");
}

bool isBoolean(const QString& value) {
    return isTrue(value) || value == QLatin1String("false") || value == QLatin1String("0");
}

} // namespace

std::optional<api::ApiError> NetworkFilters::checkList(const api::Filters& filters) {
    if (auto error = unknownKey(filters, {QStringLiteral("dangling"), QStringLiteral("driver"),
                                          QStringLiteral("id"), QStringLiteral("label"),
                                          QStringLiteral("name"), QStringLiteral("scope"),
                                          QStringLiteral("type")}))
        return error;
    for (const QString& value : filters.values(QStringLiteral("dangling"))) {
        if (!isBoolean(value))
            return api::ApiError::badRequest(
                QStringLiteral("invalid value for filter 'dangling', must be \"true\" (or \"1\"), "
                               "or \"false\" (or \"0\")"));
    }
    for (const QString& value : filters.values(QStringLiteral("type"))) {
        if (value != QLatin1String("custom") && value != QLatin1String("builtin"))
            return api::ApiError::internal(
                QStringLiteral("invalid filter: 'type'='%1'").arg(value));
    }
    return std::nullopt;
}

bool NetworkFilters::matchesList(const NetworkRecord& network, const api::Filters& filters) {
    if (!matchesAnyPattern(filters.values(QStringLiteral("name")), network.name) ||
        !matchesAnyPattern(filters.values(QStringLiteral("id")), network.id) ||
        !matchesAnyExactly(filters.values(QStringLiteral("driver")), network.driver) ||
        !matchesAnyExactly(filters.values(QStringLiteral("scope")), QStringLiteral("local")) ||
        !filters.matchesLabels(network.labels))
        return false;
    const QStringList types = filters.values(QStringLiteral("type"));
    if (!types.isEmpty() &&
        !types.contains(network.isCustom() ? QStringLiteral("custom") : QStringLiteral("builtin")))
        return false;
    const QStringList dangling = filters.values(QStringLiteral("dangling"));
    if (!dangling.isEmpty()) {
        // Docker 20.10 decides on the listed object, whose `Containers` is always empty: every
        // custom network is dangling, every predefined one is not.
        if (isTrue(dangling.first()) != network.isCustom())
            return false;
    }
    return true;
}

std::optional<api::ApiError> NetworkFilters::checkPrune(const api::Filters& filters,
                                                        std::optional<qint64>* until) {
    if (auto error = unknownKey(
            filters, {QStringLiteral("label"), QStringLiteral("label!"), QStringLiteral("until")}))
        return error;
    *until = std::nullopt;
    for (const QString& value : filters.values(QStringLiteral("until"))) {
        auto nanos = FilterTime::parse(value, QDateTime::currentDateTimeUtc());
        if (!nanos)
            return api::ApiError::internal(
                QStringLiteral("failed to parse value as time or duration: \"%1\"").arg(value));
        *until = nanos;
    }
    return std::nullopt;
}

bool NetworkFilters::matchesPrune(const NetworkRecord& network, const api::Filters& filters,
                                  std::optional<qint64> until) {
    if (!filters.matchesLabels(network.labels))
        return false;
    // `label!`: none of the given labels (key, or key=value) may be on the network.
    for (const QString& unwanted : filters.values(QStringLiteral("label!"))) {
        api::Filters one;
        one.add(QStringLiteral("label"), unwanted);
        if (one.matchesLabels(network.labels))
            return false;
    }
    return !until || network.createdNanos < *until;
}

} // namespace sockerless::backends::memory
