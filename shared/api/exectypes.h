#pragma once

#include "api/result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace sockerless::api {

/// The body of `POST /internal/v1/containers/{id}/exec`: what to run in the container and which
/// of its streams the caller will attach to. Field names are Docker's (`Cmd`, `AttachStdin` ...).
/// Fields this daemon does not know (`ConsoleSize` of newer APIs ...) are kept in `extra` and
/// written back out, so a newer client loses nothing on the way to Docker.
struct ExecCreateRequest {
    QStringList cmd; ///< required, non-empty: the program and its arguments
    QStringList env; ///< `KEY=value` entries added to the container's environment
    QString workingDir;
    QString user; ///< `user`, `user:group`, `uid` or `uid:gid`; empty: the container's user
    bool tty = false;
    bool privileged = false;
    bool attachStdin = false;
    bool attachStdout = false;
    bool attachStderr = false;
    QString detachKeys; ///< Docker's key sequence, e.g. `ctrl-p,ctrl-q`; empty: the default
    QJsonObject extra;  ///< unknown fields, passed on unchanged

    /// Reads and checks a request body: a field of the wrong type is a 400 naming it, a missing
    /// or empty `Cmd` is a 400 naming `Cmd` (Docker itself says only "No exec command specified").
    static Result<ExecCreateRequest> fromJson(const QJsonObject& object);
    /// The body again, unknown fields included; empty strings and lists are left out (Docker
    /// reads an absent field and an empty one alike).
    QJsonObject toJson() const;
};

/// What an exec instance runs, as Docker reports it (lower-case keys, as Docker writes them).
struct ExecProcessConfig {
    bool tty = false;
    QString entrypoint;    ///< the program: the first element of `Cmd`
    QStringList arguments; ///< the rest of `Cmd`
    bool privileged = false;
    QString user;
    QJsonObject extra; ///< fields this daemon does not know

    /// Reads Docker's `ProcessConfig`; a field of the wrong type is a 400 naming
    /// `ProcessConfig.<field>`.
    static Result<ExecProcessConfig> fromJson(const QJsonObject& object);
    /// Always writes the five known keys (`user` too when empty, so the shape is stable).
    QJsonObject toJson() const;
};

/// The answer of `GET /internal/v1/exec/{id}`: the exec instance's state. `exitCode` is empty
/// until the process has ended (Docker sends `null` before that, and so do we).
struct ExecInspect {
    QString id;
    QString containerId;
    bool running = false;
    std::optional<int> exitCode;
    qint64 pid = 0;
    bool openStdin = false;
    bool openStdout = false;
    bool openStderr = false;
    bool canRemove = false;
    QString detachKeys;
    ExecProcessConfig processConfig;
    QJsonObject extra; ///< fields this daemon does not know, kept

    /// Reads an exec inspect object (`ID`, `ContainerID`, `Running` ...); a field of the wrong
    /// type is a 400 naming it. A missing `ID` is a 400 too: nothing can be said about an exec
    /// without it.
    static Result<ExecInspect> fromJson(const QJsonObject& object);
    QJsonObject toJson() const;
};

/// The body of `POST /internal/v1/exec/{id}/start`. `Tty` is accepted for Docker compatibility
/// but the exec's own setting (from create) decides how output is framed.
struct ExecStartRequest {
    bool detach = false;
    bool tty = false;
    QJsonObject extra; ///< unknown fields (`ConsoleSize` ...), kept

    /// Reads a start body; an empty body is `{}` (attached). Wrong types are a 400 naming them.
    static Result<ExecStartRequest> fromJson(const QJsonObject& object);
    QJsonObject toJson() const;
};

} // namespace sockerless::api
