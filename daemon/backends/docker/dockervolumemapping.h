#pragma once

#include "api/result.h"
#include "api/volumetypes.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QString>

// The Docker backend's mapping between the contract's volume types and Docker's JSON
// (`/volumes/...` of the Engine API): a typed pass-through that also smooths what Docker does
// differently from the contract (null lists, the not-found wording).

namespace sockerless::backends {

/// The body of `POST /volumes/create`.
QByteArray toDockerVolumeCreateBody(const api::VolumeCreateRequest& request);

/// Docker's volume (create and inspect answers). A shape the contract cannot read is a 500
/// naming the field (Docker's answer is wrong, not the client's request).
api::Result<api::Volume> fromDockerVolume(const QJsonDocument& document);
/// Docker's list answer; `Volumes: null` and `Warnings: null` become `[]`.
api::Result<api::VolumeList> fromDockerVolumeList(const QJsonDocument& document);

/// Words Docker's 404 (`get x: no such volume`) as the contract does: `No such volume: <name>`.
/// Every other error passes unchanged (the 409 of a volume in use keeps Docker's text).
api::ApiError rewriteVolumeError(const api::ApiError& error, const QString& name);

} // namespace sockerless::backends
