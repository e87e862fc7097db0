#pragma once

#include "api/exectypes.h"

#include <QByteArray>
#include <QJsonObject>

namespace sockerless::backends {

/// The media type of an attached exec's output: multiplexed frames without a TTY, raw bytes
/// with one. Docker 20.10 (API 1.41) announces `raw-stream` for both on the hijacked
/// connection, so the exec's own `tty` decides, never Docker's Content-Type header.
QByteArray execStreamContentType(bool tty);

/// The body of Docker's `POST /containers/{id}/exec`: the contract's fields are Docker's, so
/// this is the request with its unknown fields, as the client sent them.
QJsonObject toDockerExecCreateBody(const api::ExecCreateRequest& request);

/// The id in Docker's `201 {"Id": ...}`, or a 500 naming what is wrong with the answer.
api::Result<QString> fromDockerExecCreated(const QJsonObject& answer);

/// Docker's `GET /exec/{id}/json` as the contract's inspect; fields this daemon does not know
/// are kept. A malformed answer is a 500 (Docker broke its contract, not the client).
api::Result<api::ExecInspect> fromDockerExecInspect(const QJsonObject& inspect);

/// The body of Docker's `POST /exec/{id}/start`. `tty` must be the exec's own setting: Docker
/// sizes and frames the stream by it.
QJsonObject toDockerExecStartBody(bool detach, bool tty);

} // namespace sockerless::backends
