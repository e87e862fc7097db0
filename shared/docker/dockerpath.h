#pragma once

#include <QByteArray>
#include <QString>
#include <initializer_list>

namespace sockerless::docker {

/// Builds an upstream path from literal segments and untrusted values: every value is
/// percent-encoded, so `/`, `..`, `?`, `#` and `%` inside an id stay inside its segment.
/// Example: DockerPath::build({"containers", id, "json"}) → `/containers/<encoded id>/json`.
///
/// Every segment is encoded, literal ones too (they come from code and are plain words, so they
/// stay as they are): a literal with a `/` must be split into segments.
///
/// What encoding cannot do: an empty value gives an empty segment (`/containers//json`), and
/// Docker (Go) decodes `%2E%2E` back to `..` before cleaning the path, answering
/// `301 Moved Permanently` instead of routing. Neither reaches another endpoint, but callers
/// should refuse empty, `.` and `..` ids with a 400 of their own.
struct DockerPath {
    /// `/` followed by the encoded segments joined with `/`; `/` for no segments.
    static QByteArray build(std::initializer_list<QString> segments);
    /// Percent-encodes everything but the unreserved characters `A-Z a-z 0-9 - . _ ~` (of the
    /// UTF-8 form, upper-case hex), and the dot segments `.` and `..` as `%2E` and `%2E%2E` so
    /// that no normalisation can make them climb.
    static QByteArray encodeSegment(const QString& value);
};

} // namespace sockerless::docker
