#pragma once

#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QtGlobal>

namespace sockerless::observe {

/// The daemon's structured log on stderr: one line per event, as `key=value` text or a JSON
/// object, with time, level and message. Qt's own messages (qWarning ...) go through it too.
class Log {
public:
    enum class Format { Text, Json };
    enum class Level { Debug, Info, Warning, Error };
    using Fields = QList<QPair<QString, QJsonValue>>;

    /// Sets the format and the lowest level written, and routes Qt's messages here.
    static void configure(Format format, Level minimum);
    /// Parses `text`/`json` and `debug`/`info`/`warn`/`warning`/`error`.
    static bool parseFormat(const QString& text, Format* format);
    static bool parseLevel(const QString& text, Level* level);

    /// Writes one line if `level` is at or above the configured minimum.
    static void write(Level level, const QString& message, const Fields& fields = {});
    /// Shorthands for write() at each level.
    static void debug(const QString& message, const Fields& fields = {}) {
        write(Level::Debug, message, fields);
    }
    static void info(const QString& message, const Fields& fields = {}) {
        write(Level::Info, message, fields);
    }
    static void warning(const QString& message, const Fields& fields = {}) {
        write(Level::Warning, message, fields);
    }
    static void error(const QString& message, const Fields& fields = {}) {
        write(Level::Error, message, fields);
    }

    /// Formats one line without writing it (for tests).
    static QByteArray format(Format format, Level level, const QString& message,
                             const Fields& fields);
};

} // namespace sockerless::observe
