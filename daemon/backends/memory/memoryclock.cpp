#include "backends/memory/memoryclock.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <chrono>

namespace sockerless::backends::memory {

QString MemoryClock::newId() {
    quint32 words[8];
    QRandomGenerator::system()->fillRange(words);
    QString id;
    id.reserve(64);
    for (const quint32 word : words)
        id += QStringLiteral("%1").arg(word, 8, 16, QLatin1Char('0'));
    return id;
}

qint64 MemoryClock::nowNanos() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

QString MemoryClock::rfc3339(qint64 nanos) {
    const qint64 seconds = nanos / 1000000000;
    const qint64 fraction = nanos % 1000000000;
    const QDateTime time = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
    return time.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) +
           QStringLiteral(".%1Z").arg(fraction, 9, 10, QLatin1Char('0'));
}

} // namespace sockerless::backends::memory
