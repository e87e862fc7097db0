#include "backends/memory/filtertime.h"

#include <QRegularExpression>

namespace sockerless::backends::memory {

namespace {
constexpr qint64 kNanosPerSecond = 1000000000;
} // namespace

std::optional<qint64> FilterTime::parseDuration(const QString& value) {
    static const QRegularExpression whole(
        QStringLiteral("^[-+]?(?:(?:\\d+\\.?\\d*|\\.\\d+)(?:ns|us|µs|ms|s|m|h))+$"));
    static const QRegularExpression part(
        QStringLiteral("(\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|ms|s|m|h)"));
    if (value == QLatin1String("0"))
        return 0;
    if (!whole.match(value).hasMatch())
        return std::nullopt;
    const QHash<QString, double> unit{{QStringLiteral("ns"), 1.0},  {QStringLiteral("us"), 1e3},
                                      {QStringLiteral("µs"), 1e3},  {QStringLiteral("ms"), 1e6},
                                      {QStringLiteral("s"), 1e9},   {QStringLiteral("m"), 60e9},
                                      {QStringLiteral("h"), 3600e9}};
    double nanos = 0;
    auto parts = part.globalMatch(value);
    while (parts.hasNext()) {
        const auto match = parts.next();
        nanos += match.captured(1).toDouble() * unit.value(match.captured(2));
    }
    return static_cast<qint64>(value.startsWith(u'-') ? -nanos : nanos);
}

std::optional<qint64> FilterTime::parse(const QString& value, const QDateTime& now) {
    if (const auto duration = parseDuration(value))
        return now.toMSecsSinceEpoch() * 1000000 - *duration;
    static const QRegularExpression seconds(QStringLiteral("^(\\d+)(?:\\.(\\d{1,9}))?$"));
    if (const auto match = seconds.match(value); match.hasMatch()) {
        bool ok = false;
        const qint64 whole = match.captured(1).toLongLong(&ok);
        if (!ok)
            return std::nullopt;
        const qint64 fraction = match.captured(2).leftJustified(9, u'0').toLongLong();
        return whole * kNanosPerSecond + fraction;
    }
    QDateTime time = QDateTime::fromString(value, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(value, QStringLiteral("yyyy-MM-dd"));
    if (!time.isValid())
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeSpec(Qt::UTC);
    return time.toMSecsSinceEpoch() * 1000000;
}

} // namespace sockerless::backends::memory
