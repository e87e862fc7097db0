#pragma once

#include "api/containertypes.h"
#include "backends/backend.h"

#include <QList>
#include <QString>

namespace sockerless::backends {

/// The containers: create, list, inspect, start, stop, kill, remove, wait, logs.
///
/// Every call is asynchronous; `context` guards the callback as in Backend: when it is
/// destroyed the work is abandoned (the upstream call aborted) and `done` is never called.
/// `id` is a container id (full or a unique prefix) or name, already checked by the caller
/// (api::checkId). Errors follow the contract: 404 `No such container: <id>`, 409
/// with the engine's text, 304 (an ApiError with status 304) for start/stop that change nothing.
class ContainerOps {
public:
    virtual ~ContainerOps() = default;

    /// Creates a container; the answer carries its id and the engine's warnings.
    virtual void create(const api::ContainerCreateRequest& request, QObject* context,
                        Callback<api::ContainerCreated> done) = 0;
    /// The containers matching `options` (running only unless `all`).
    virtual void list(const api::ContainerListOptions& options, QObject* context,
                      Callback<QList<api::ContainerSummary>> done) = 0;
    /// The whole container; `size` asks for `SizeRw` / `SizeRootFs`.
    virtual void inspect(const QString& id, bool size, QObject* context,
                         Callback<api::ContainerInspect> done) = 0;
    virtual void start(const QString& id, QObject* context, Callback<Nothing> done) = 0;
    virtual void stop(const QString& id, const api::ContainerStopOptions& options, QObject* context,
                      Callback<Nothing> done) = 0;
    /// Sends `signal` (`SIGKILL` when empty); 409 when the container is not running.
    virtual void kill(const QString& id, const QString& signal, QObject* context,
                      Callback<Nothing> done) = 0;
    virtual void remove(const QString& id, const api::ContainerRemoveOptions& options,
                        QObject* context, Callback<Nothing> done) = 0;

    /// Waits for `condition`. The stream opens as soon as the wait is registered (so a client
    /// can start the container after that), then carries the answer `{"StatusCode":N,
    /// "Error":null}` (possibly in pieces) and ends; it fails before opening for an unknown
    /// container. Parented to `context`.
    virtual BackendStream* wait(const QString& id, api::WaitCondition condition,
                                QObject* context) = 0;
    /// The container's log as the engine streams it: content type
    /// `application/vnd.docker.multiplexed-stream` (8-byte frame headers) or
    /// `application/vnd.docker.raw-stream` for a TTY container, in pieces of any size. With
    /// `follow` it ends when the container stops. Fails before opening for an unknown container.
    /// Parented to `context`.
    virtual BackendStream* logs(const QString& id, const api::ContainerLogsOptions& options,
                                QObject* context) = 0;
};

} // namespace sockerless::backends
