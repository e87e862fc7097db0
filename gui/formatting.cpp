#include "formatting.h"

#include <QDateTime>
#include <QJsonObject>
#include <QLocale>
#include <QStringList>

namespace sockerless::gui::Formatting {

QString shortId(const QString& id) {
    QString bare = id;
    if (bare.startsWith(QLatin1String("sha256:")))
        bare = bare.mid(7);
    return bare.left(12);
}

QString unixTime(qint64 seconds) {
    if (seconds <= 0)
        return {};
    return QDateTime::fromSecsSinceEpoch(seconds).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString isoTime(const QString& rfc3339) {
    const QDateTime time = QDateTime::fromString(rfc3339, Qt::ISODateWithMs);
    if (!time.isValid())
        return rfc3339;
    return time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString bytes(qint64 count) {
    return QLocale::system().formattedDataSize(count, 1, QLocale::DataSizeIecFormat);
}

QString ports(const QJsonArray& ports) {
    QStringList parts;
    for (const auto& value : ports) {
        const QJsonObject port = value.toObject();
        const QString inner = QString::number(port.value(QStringLiteral("PrivatePort")).toInt()) +
                              QLatin1Char('/') + port.value(QStringLiteral("Type")).toString();
        const int published = port.value(QStringLiteral("PublicPort")).toInt();
        if (published == 0) {
            parts.append(inner);
            continue;
        }
        const QString ip = port.value(QStringLiteral("IP")).toString();
        // Docker lists a published port once per address family: show each mapping once.
        const QString text = (ip.isEmpty() ? QString() : ip + QLatin1Char(':')) +
                             QString::number(published) + QStringLiteral("→") + inner;
        if (!ip.contains(QLatin1Char(':')))
            parts.append(text);
    }
    parts.removeDuplicates();
    return parts.join(QStringLiteral(", "));
}

QString containerName(const QJsonArray& names) {
    QString name = names.isEmpty() ? QString() : names.first().toString();
    if (name.startsWith(QLatin1Char('/')))
        name.remove(0, 1);
    return name;
}

} // namespace sockerless::gui::Formatting
