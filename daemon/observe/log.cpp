#include "observe/log.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

namespace sockerless::observe {

namespace {

Log::Format g_format = Log::Format::Text;
Log::Level g_minimum = Log::Level::Info;

const char* levelName(Log::Level level) {
    switch (level) {
    case Log::Level::Debug:
        return "debug";
    case Log::Level::Info:
        return "info";
    case Log::Level::Warning:
        return "warn";
    case Log::Level::Error:
        return "error";
    }
    return "info";
}

// Text values are quoted only when they would otherwise be ambiguous to a key=value reader.
QString textValue(const QJsonValue& value) {
    QString text;
    if (value.isString())
        text = value.toString();
    else if (value.isDouble()) {
        const double d = value.toDouble();
        text = (d == static_cast<double>(static_cast<qint64>(d)))
                   ? QString::number(static_cast<qint64>(d))
                   : QString::number(d, 'f', 3);
    } else if (value.isBool())
        text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    else if (value.isNull() || value.isUndefined())
        text = QStringLiteral("null");
    else
        text = QString::fromUtf8(
            (value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject()))
                .toJson(QJsonDocument::Compact));
    const bool needsQuotes = text.isEmpty() || text.contains(QLatin1Char(' ')) ||
                             text.contains(QLatin1Char('"')) || text.contains(QLatin1Char('=')) ||
                             text.contains(QLatin1Char('\n'));
    if (!needsQuotes)
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('"'), QStringLiteral("\\\""))
        .replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

void qtMessageHandler(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    Log::Level level = Log::Level::Info;
    switch (type) {
    case QtDebugMsg:
        level = Log::Level::Debug;
        break;
    case QtInfoMsg:
        level = Log::Level::Info;
        break;
    case QtWarningMsg:
        level = Log::Level::Warning;
        break;
    case QtCriticalMsg:
    case QtFatalMsg:
        level = Log::Level::Error;
        break;
    }
    Log::Fields fields;
    if (context.category && qstrcmp(context.category, "default") != 0)
        fields.append({QStringLiteral("category"), QString::fromUtf8(context.category)});
    Log::write(level, message, fields);
}

} // namespace

void Log::configure(Format format, Level minimum) {
    g_format = format;
    g_minimum = minimum;
    qInstallMessageHandler(qtMessageHandler);
}

bool Log::parseFormat(const QString& text, Format* format) {
    if (text == QLatin1String("text"))
        *format = Format::Text;
    else if (text == QLatin1String("json"))
        *format = Format::Json;
    else
        return false;
    return true;
}

bool Log::parseLevel(const QString& text, Level* level) {
    const QString t = text.toLower();
    if (t == QLatin1String("debug"))
        *level = Level::Debug;
    else if (t == QLatin1String("info"))
        *level = Level::Info;
    else if (t == QLatin1String("warn") || t == QLatin1String("warning"))
        *level = Level::Warning;
    else if (t == QLatin1String("error"))
        *level = Level::Error;
    else
        return false;
    return true;
}

QByteArray Log::format(Format format, Level level, const QString& message, const Fields& fields) {
    const QString time = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    if (format == Format::Json) {
        QJsonObject object{{QStringLiteral("time"), time},
                           {QStringLiteral("level"), QString::fromLatin1(levelName(level))},
                           {QStringLiteral("msg"), message}};
        for (const auto& [key, value] : fields)
            object.insert(key, value);
        return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    }
    QString line = time + QLatin1Char(' ') + QString::fromLatin1(levelName(level)).toUpper() +
                   QLatin1Char(' ') + message;
    for (const auto& [key, value] : fields)
        line += QLatin1Char(' ') + key + QLatin1Char('=') + textValue(value);
    return line.toUtf8() + '\n';
}

void Log::write(Level level, const QString& message, const Fields& fields) {
    if (level < g_minimum)
        return;
    const QByteArray line = format(g_format, level, message, fields);
    std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stderr);
    std::fflush(stderr);
}

} // namespace sockerless::observe
