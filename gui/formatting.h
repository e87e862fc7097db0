#pragma once

#include <QJsonArray>
#include <QString>

namespace sockerless::gui::Formatting {

/// The first 12 hex digits of an id, without a `sha256:` prefix.
QString shortId(const QString& id);
/// A Unix time (seconds) as local `yyyy-MM-dd HH:mm:ss`.
QString unixTime(qint64 seconds);
/// An RFC 3339 time (Docker's `CreatedAt`, `StartedAt`) as local `yyyy-MM-dd HH:mm:ss`.
QString isoTime(const QString& rfc3339);
/// A byte count as `512 B`, `1.5 KiB`, `3.2 MiB` ...
QString bytes(qint64 count);
/// A container summary's `Ports` as `0.0.0.0:8080→80/tcp, 443/tcp`.
QString ports(const QJsonArray& ports);
/// A container summary's first name, without the leading `/`.
QString containerName(const QJsonArray& names);

} // namespace sockerless::gui::Formatting
