#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace sockerless::api {

/// An error as the internal API reports it: an HTTP status and a human-readable message.
/// Serialized as `{"message": ...}`; a 304 carries no body.
struct ApiError {
    int status = 500;
    QString message;

    /// 400: malformed input; the message says which field and why.
    static ApiError badRequest(const QString& message) { return {400, message}; }
    /// 404 with Docker's wording, e.g. `No such container: abc`.
    static ApiError notFound(const QString& kind, const QString& id);
    /// 405: the path exists but not for this method.
    static ApiError methodNotAllowed(const QString& method, const QString& path);
    /// 500: an unexpected failure; the message names the cause, never a stack trace.
    static ApiError internal(const QString& message) { return {500, message}; }
    /// 503: the container engine cannot be reached.
    static ApiError unavailable(const QString& message) { return {503, message}; }

    /// The JSON body `{"message": ...}`.
    QJsonObject toJson() const;
    /// The JSON body as compact bytes, ready to send.
    QByteArray toJsonBytes() const;
};

} // namespace sockerless::api
