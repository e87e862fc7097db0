#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QUrl>
#include <QUrlQuery>

namespace sockerless::docker {

/// One call to the Docker Engine API. `path` is relative to the negotiated version prefix
/// (`/containers/json`, not `/v1.41/containers/json`) and must already be percent-encoded:
/// build it with DockerPath so no id can change the path.
struct DockerRequest {
    QByteArray method = "GET";
    QByteArray path;
    /// The query; add untrusted values with addQueryValue(), never with query.addQueryItem().
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    /// A body held in memory. Implicitly shared: passing a QByteArray here does not copy it.
    QByteArray body;
    /// A body read from a device as it becomes readable and sent with chunked encoding
    /// (for image tarballs). The client does not own it; it must outlive the reply.
    QPointer<QIODevice> bodyDevice;
    /// `Content-Type` of the body (default `application/json` when there is one).
    QByteArray contentType;
    /// Send without the `/vX.Y` prefix (used for `/_ping` before negotiation).
    bool unversioned = false;
    /// Milliseconds until the response headers must have arrived; 0: no limit (streams).
    int headerTimeoutMs = 30000;
    /// Ask Docker to hijack the connection (`Upgrade: tcp`, for exec start / attach).
    bool upgrade = false;
    /// Who the call is made for (the daemon passes the request's context object), handed back
    /// in DockerCallReport so the call lands in that request's log record. Not sent to Docker.
    QPointer<QObject> origin;

    /// Adds `key=value` so that Docker receives exactly `value`. QUrlQuery reads a `%` in a value
    /// as the start of an escape (`%41` would reach Docker as `A`), so the value is stored
    /// percent-encoded; the client decodes and re-encodes every item when it builds the URL.
    void addQueryValue(const QString& key, const QString& value) {
        query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    }
};

} // namespace sockerless::docker
