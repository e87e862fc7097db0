#pragma once

#include "api/apierror.h"

#include <QMap>
#include <QString>
#include <optional>

namespace sockerless::backends::memory {

/// Docker's rules for a local volume: its name (two characters at least,
/// `[a-zA-Z0-9][a-zA-Z0-9_.-]*`) and its driver options.
class VolumeName {
public:
    /// A 400 with Docker's text (`create <name>: ...`) when `name` breaks the rule.
    static std::optional<api::ApiError> check(const QString& name);
    /// A 400 with Docker's text when the local driver refuses `options` (an unknown key, `size`
    /// without quota support, `type` or `device` missing).
    static std::optional<api::ApiError> checkOptions(const QString& name,
                                                     const QMap<QString, QString>& options);

private:
    /// Go's `%q` of a string: quoted, with `"`, `\` and control characters escaped.
    static QString quoted(const QString& text);
};

} // namespace sockerless::backends::memory
