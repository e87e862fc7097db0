#pragma once

#include "api/imagereference.h"

#include <QString>
#include <optional>

namespace sockerless::backends::memory {

/// An image reference in Docker's normalised form: the repository with its registry
/// (`docker.io/library/busybox`, `127.0.0.1:5000/team/app`), and a tag or a digest.
struct ImageName {
    QString repository; ///< normalised: always with a domain, `library/` for Docker Hub
    QString tag;        ///< empty when `digest` is set and no tag was named
    QString digest;     ///< `sha256:...`, or empty

    /// Parses and normalises `text` as Docker's ParseNormalizedNamed does; `latest` when neither
    /// tag nor digest is given (and `defaultTag` is set). Nothing when it is no reference.
    static std::optional<ImageName> parse(const QString& text, bool defaultTag = true);

    /// The registry part of `repository` (`docker.io`, `127.0.0.1:5000`).
    QString domain() const;
    /// `repository` without the registry (`library/busybox`): the path the registry serves.
    QString path() const;
    /// `repository:tag` in full.
    QString taggedName() const { return repository + u':' + tag; }
    /// `repository@digest` in full.
    QString digestedName() const { return repository + u'@' + digest; }
    /// What Docker shows for the reference: `busybox:latest`, `127.0.0.1:5000/a/b@sha256:...`.
    QString familiar() const;

    /// `docker.io/library/busybox` → `busybox`, `docker.io/team/app` → `team/app`; other
    /// registries keep their domain.
    static QString familiarRepository(const QString& repository);
    /// Any normalised `repo:tag` or `repo@digest` in its familiar form.
    static QString familiarReference(const QString& reference);
};

} // namespace sockerless::backends::memory
