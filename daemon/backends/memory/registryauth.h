#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

namespace sockerless::backends::memory {

/// One challenge of a `WWW-Authenticate` header: `Basic realm="x"` or
/// `Bearer realm="https://auth/token",service="registry",scope="repository:a/b:pull"`.
struct AuthChallenge {
    QString scheme;                ///< lower case: `basic`, `bearer`
    QMap<QString, QString> params; ///< keys in lower case, values unquoted

    /// Every challenge in `header` (several may share one header, comma-separated, as HTTP
    /// allows and as Qt joins repeated headers).
    static QList<AuthChallenge> parse(const QByteArray& header);
};

/// What a registry's error body says, worded as Docker's registry client words it:
/// `manifest unknown: manifest unknown`, `unauthorized: authentication required`. Empty when the
/// body is no registry error.
QString registryErrorText(const QByteArray& body);

/// Go's `http.StatusText` with the code: `401 Unauthorized`.
QString httpStatusText(int status);

} // namespace sockerless::backends::memory
