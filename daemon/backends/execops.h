#pragma once

#include "api/exectypes.h"
#include "backends/backend.h"

namespace sockerless::backends {

/// The exec instances: create, inspect, start (interactive or detached).
/// Every call is asynchronous; `context` guards the callback as in Backend: when it is
/// destroyed the backend abandons the work (aborting the upstream call) and never calls `done`.
/// Errors are the contract's: `No such container: <id>` / `No such exec instance: <id>` (404),
/// the engine's own text for a container that is not running or an exec already started (409).
class ExecOps {
public:
    virtual ~ExecOps() = default;

    /// Creates an exec instance in the container `containerId` (id, unique prefix or name);
    /// `done` gets the new exec's id.
    virtual void create(const QString& containerId, const api::ExecCreateRequest& request,
                        QObject* context, Callback<QString> done) = 0;

    /// The exec instance's state: running, exit code once ended, process config.
    virtual void inspect(const QString& id, QObject* context, Callback<api::ExecInspect> done) = 0;

    /// Starts the process detached: `done` once it runs; its output goes nowhere and its exit
    /// code shows in inspect() when it ends.
    virtual void startDetached(const QString& id, QObject* context, Callback<Nothing> done) = 0;

    /// Starts the process attached, returning a stream parented to `context`. Its content type,
    /// set by `opened`, says how the output is framed whatever the engine announced:
    /// `application/vnd.docker.multiplexed-stream` (Docker's 8-byte frame headers, stream 1 =
    /// stdout, 2 = stderr) for an exec without a TTY, `application/vnd.docker.raw-stream` with
    /// one. Messages are pieces of that output in any size (not whole frames). write() feeds the
    /// process's stdin (when created with AttachStdin), closeWrite() gives it EOF; both may be
    /// called before `opened` and take effect once the process runs. `ended` comes when the
    /// process has ended and its output is all delivered: inspect() then shows the exit code.
    /// `failed` before `opened` carries the 404/409 of a start that was refused. Destroying the
    /// stream closes the upstream connection at once (the process sees stdin EOF).
    virtual BackendStream* startAttached(const QString& id, QObject* context) = 0;
};

} // namespace sockerless::backends
