#include "backends/memory/imageprogress.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace sockerless::backends::memory {

namespace {
QByteArray line(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}
} // namespace

QByteArray ImageProgress::status(const QString& text, const QString& id, bool detail) {
    QJsonObject object{{QStringLiteral("status"), text}};
    if (detail)
        object.insert(QStringLiteral("progressDetail"), QJsonObject());
    if (!id.isEmpty())
        object.insert(QStringLiteral("id"), id);
    return line(object);
}

QByteArray ImageProgress::stream(const QString& text) {
    return line(QJsonObject{{QStringLiteral("stream"), QString(text + u'\n')}});
}

QByteArray ImageProgress::error(const QString& message) {
    return line(QJsonObject{
        {QStringLiteral("errorDetail"), QJsonObject{{QStringLiteral("message"), message}}},
        {QStringLiteral("error"), message}});
}

QByteArray ImageProgress::done(const QString& text, const QString& id, qint64 total) {
    constexpr int kBarWidth = 50;
    const QString size = humanSize(total);
    const QString progress = QString(u'[' + QString(kBarWidth, u'=') + QStringLiteral(">] ") +
                                     QStringLiteral("%1/%2").arg(size, 8).arg(size));
    return line(QJsonObject{
        {QStringLiteral("status"), text},
        {QStringLiteral("progressDetail"),
         QJsonObject{{QStringLiteral("current"), total}, {QStringLiteral("total"), total}}},
        {QStringLiteral("progress"), progress},
        {QStringLiteral("id"), id}});
}

QString ImageProgress::humanSize(qint64 bytes) {
    static const char* const units[] = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (value >= 1000.0 && unit < 6) {
        value /= 1000.0;
        ++unit;
    }
    return QString::number(value, 'g', 4) + QLatin1String(units[unit]);
}

QString ImageProgress::shortId(const QString& digest) {
    const qsizetype colon = digest.indexOf(u':');
    return digest.mid(colon + 1, 12);
}

} // namespace sockerless::backends::memory
