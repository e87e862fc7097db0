#pragma once

#include "api/apierror.h"
#include "api/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QUrlQuery>
#include <functional>

namespace sockerless::backends {

using api::Nothing;
using api::Result;

/// The callback of an asynchronous backend call: a value or an error, called once.
template <typename T> using Callback = std::function<void(const Result<T>&)>;

class ContainerOps;
class ExecOps;
class ImageOps;
class NetworkOps;
class VolumeOps;

/// A long-lived answer (events, wait, logs, exec, pull and load progress): `opened` once, a
/// sequence of messages, then either `ended` or `failed`, each exactly once (`failed` may come
/// without `opened` when the upstream refused the call). Destroying the stream (or its parent,
/// the context it was opened for) cancels the upstream work at once.
///
/// Byte streams (logs, exec) pass Docker's bytes as they come, in pieces of any size; line
/// streams (events, progress) emit one message per JSON line.
class BackendStream : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    /// Leaves its parent first: the stream's connections may hold the last reference to what
    /// owns the parent (an HTTP exchange and its lifetime() object), whose destruction would
    /// otherwise delete this stream a second time while it is being destroyed.
    ~BackendStream() override { setParent(nullptr); }

    /// The media type of the payload once `opened` (`application/vnd.docker.raw-stream`,
    /// `application/vnd.docker.multiplexed-stream`, `application/json` ...).
    QByteArray contentType() const { return m_contentType; }

    /// Stop producing messages until resume() (a slow reader: backpressure reaches the upstream).
    virtual void pause() {}
    virtual void resume() {}
    /// Interactive streams (exec start): bytes for the process's stdin, and stdin EOF.
    virtual void write(const QByteArray& data) { Q_UNUSED(data); }
    virtual void closeWrite() {}

signals:
    /// The stream is established (upstream accepted it); messages follow.
    void opened();
    /// One message, as the upstream sends it (one Docker event as JSON, a piece of a log ...).
    void message(const QByteArray& payload);
    void ended();
    void failed(const sockerless::api::ApiError& error);

protected:
    void setContentType(const QByteArray& contentType) { m_contentType = contentType; }

private:
    QByteArray m_contentType;
};

/// What `healthz` reports.
struct Health {
    bool ok = false;
    QString reason;      ///< why not ok
    QJsonObject details; ///< backend-specific facts (`endpoint`, `apiVersion`)
};

/// The operations of the internal API, served by one backend (Docker pass-through, or memory).
///
/// Every call is asynchronous and never blocks the event loop. `context` is the object the
/// answer is for (the client's connection): when it is destroyed, the backend abandons the work
/// (aborting any upstream request) and never calls `done`. The HTTP layer never sees a concrete
/// backend; a backend never sees QHttpServer.
class Backend : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    /// `docker` or `memory`.
    virtual QString kind() const = 0;

    /// Whether the backend can serve calls now (the Docker backend pings Docker).
    virtual void health(QObject* context, std::function<void(const Health&)> done) = 0;

    /// Backend kind, versions (the negotiated Docker API version) and object counts.
    virtual void info(QObject* context, Callback<QJsonObject> done) = 0;

    /// Events as they happen; `query` carries `filters`, `since`, `until` as the client sent them.
    /// The stream is parented to `context`.
    virtual BackendStream* events(const QUrlQuery& query, QObject* context) = 0;

    /// The operations per resource; each lives as long as the backend.
    virtual ContainerOps& containers() = 0;
    virtual ExecOps& exec() = 0;
    virtual ImageOps& images() = 0;
    virtual NetworkOps& networks() = 0;
    virtual VolumeOps& volumes() = 0;
};

} // namespace sockerless::backends
