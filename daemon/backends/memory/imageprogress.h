#pragma once

#include <QByteArray>
#include <QString>

namespace sockerless::backends::memory {

/// The JSON lines of pull and load progress, each one object ending in `\n`, worded and shaped
/// as dockerd writes them (its streamformatter).
class ImageProgress {
public:
    /// `{"status":...}`, with `"id"` when given; `detail` adds Docker's `"progressDetail":{}`
    /// (per-layer lines carry it, the summary lines do not).
    static QByteArray status(const QString& text, const QString& id = {}, bool detail = false);
    /// `{"stream":"<text>\n"}`: what `docker load` prints.
    static QByteArray stream(const QString& text);
    /// `{"errorDetail":{"message":...},"error":...}`: a failure part-way.
    static QByteArray error(const QString& message);
    /// A finished progress bar: `{"status":..,"progressDetail":{"current":n,"total":n},
    /// "progress":"[=====>]  10.24kB/10.24kB","id":..}`.
    static QByteArray done(const QString& text, const QString& id, qint64 total);
    /// Docker's HumanSize: decimal units, 4 significant digits (`10.24kB`, `2.13MB`).
    static QString humanSize(qint64 bytes);
    /// The 12-digit short form of a digest or id (`sha256:` dropped).
    static QString shortId(const QString& digest);
};

} // namespace sockerless::backends::memory
