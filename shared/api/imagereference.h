#pragma once

#include "api/result.h"

#include <QString>
#include <optional>

namespace sockerless::api {

/// An image reference as Docker reads it: `[domain[:port]/]path[:tag][@digest]`
/// (`127.0.0.1:5000/team/app:1.2`, `busybox@sha256:...`). Parsing follows Docker's grammar
/// (distribution's `reference` package), so that a pull can be split into Docker's `fromImage`
/// and `tag` the way the Docker CLI does it, and a port colon is never mistaken for a tag.
struct ImageReference {
    QString name;   ///< the repository with its domain: `127.0.0.1:5000/team/app`
    QString tag;    ///< `1.2`, or empty
    QString digest; ///< `sha256:<hex>`, or empty

    /// Parses `text`; a 400 with Docker's wording (`invalid reference format`, `... repository
    /// name must be lowercase`) when it is not a reference.
    static Result<ImageReference> parse(const QString& text);

    /// What Docker's `POST /images/create` takes as `tag`: the digest when there is one, else the
    /// tag, else `latest` (an empty tag would make Docker pull every tag of the repository).
    QString pullTag() const;
    /// The domain part of `name` when Docker would read its first component as a registry (it
    /// has a `.` or `:`, or is `localhost`), else empty.
    QString domain() const;
    /// `name[:tag][@digest]`.
    QString toString() const;
};

/// Whether `tag` is a valid tag (`[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`).
bool isValidImageTag(const QString& tag);

/// Checks an image name or id taken from a request path (`checkId` plus what Docker would answer
/// with a redirect instead of routing: an empty, `.` or `..` segment between slashes). Any other
/// name goes to Docker, percent-encoded, and Docker judges it.
std::optional<ApiError> checkImageName(const QString& name);

} // namespace sockerless::api
