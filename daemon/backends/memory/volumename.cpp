#include "backends/memory/volumename.h"

#include <QRegularExpression>

namespace sockerless::backends::memory {

QString VolumeName::quoted(const QString& text) {
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        if (c == u'"' || c == u'\\')
            out += u'\\' + QString(c);
        else if (c == u'\n')
            out += QStringLiteral("\\n");
        else if (c == u'\t')
            out += QStringLiteral("\\t");
        else if (c == u'\r')
            out += QStringLiteral("\\r");
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out + u'"';
}

std::optional<api::ApiError> VolumeName::check(const QString& name) {
    static const QRegularExpression allowed(QStringLiteral("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$"));
    if (name.size() == 1)
        return api::ApiError::badRequest(
            QStringLiteral("create %1: volume name is too short, names should be at least two "
                           "alphanumeric characters")
                .arg(name));
    if (!allowed.match(name).hasMatch())
        return api::ApiError::badRequest(
            QStringLiteral("create %1: %2 includes invalid characters for a local volume name, "
                           "only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to "
                           "pass a host directory, use absolute path")
                .arg(name, quoted(name)));
    return std::nullopt;
}

std::optional<api::ApiError> VolumeName::checkOptions(const QString& name,
                                                      const QMap<QString, QString>& options) {
    if (options.isEmpty())
        return std::nullopt;
    const auto refuse = [&name](const QString& why) {
        return api::ApiError::badRequest(QStringLiteral("create %1: %2").arg(name, why));
    };
    for (auto it = options.keyBegin(); it != options.keyEnd(); ++it) {
        if (*it != QLatin1String("type") && *it != QLatin1String("o") &&
            *it != QLatin1String("device") && *it != QLatin1String("size"))
            return refuse(QStringLiteral("invalid option: %1").arg(quoted(*it)));
    }
    if (options.contains(QStringLiteral("size")))
        return refuse(QStringLiteral("quota size requested but no quota support"));
    for (const QString& required : {QStringLiteral("device"), QStringLiteral("type")}) {
        if (!options.contains(required))
            return refuse(QStringLiteral("missing required option: %1").arg(quoted(required)));
    }
    return std::nullopt;
}

} // namespace sockerless::backends::memory
