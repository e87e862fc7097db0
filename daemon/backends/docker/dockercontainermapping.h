#pragma once

#include "api/containertypes.h"
#include "docker/dockerrequest.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>

// The Docker backend's translation of the container operations: contract types → Docker Engine
// requests, and Docker's answers → contract types. Kept apart from the calls themselves so that
// every shape can be unit-tested against recorded Docker JSON. (A namespace of their own: the
// other resources have their own fromDockerInspect.) Every id goes through DockerPath
// and every query value through addQueryValue, so nothing a client sends can change the path.

namespace sockerless::backends::containermapping {

/// Docker's create body: the config at the top level plus `HostConfig` and `NetworkingConfig`;
/// the name is not part of it (it travels as `?name=`).
QJsonObject toDockerCreateBody(const api::ContainerCreateRequest& request);

/// `POST /containers/create?name=` with the body above.
docker::DockerRequest toDockerCreateRequest(const api::ContainerCreateRequest& request);
/// `GET /containers/json` with `all`, `limit`, `size` and the filters in the map shape.
docker::DockerRequest toDockerListRequest(const api::ContainerListOptions& options);
/// `GET /containers/{id}/json` (`size=1` when asked).
docker::DockerRequest toDockerInspectRequest(const QString& id, bool size);
/// `POST /containers/{id}/start`.
docker::DockerRequest toDockerStartRequest(const QString& id);
/// `POST /containers/{id}/stop` with `t` and `signal` when given.
docker::DockerRequest toDockerStopRequest(const QString& id,
                                          const api::ContainerStopOptions& options);
/// `POST /containers/{id}/kill?signal=` (`SIGKILL` when empty).
docker::DockerRequest toDockerKillRequest(const QString& id, const QString& signal);
/// `DELETE /containers/{id}` with `force` and `v`.
docker::DockerRequest toDockerRemoveRequest(const QString& id,
                                            const api::ContainerRemoveOptions& options);
/// `POST /containers/{id}/wait?condition=`: no header timeout (Docker answers at once, but the
/// body may take as long as the container runs).
docker::DockerRequest toDockerWaitRequest(const QString& id, api::WaitCondition condition);
/// `GET /containers/{id}/logs` with the options; no header timeout when following.
docker::DockerRequest toDockerLogsRequest(const QString& id,
                                          const api::ContainerLogsOptions& options);

/// Docker's create answer; a null `Warnings` becomes `[]`.
api::Result<api::ContainerCreated> fromDockerCreated(const QJsonDocument& document);
/// Docker's inspect object; everything the contract does not name is kept.
api::Result<api::ContainerInspect> fromDockerInspect(const QJsonDocument& document);
/// Docker's list answer.
api::Result<QList<api::ContainerSummary>> fromDockerList(const QJsonDocument& document);

/// The media type of a container's log: raw for a TTY, multiplexed frames otherwise (API 1.41
/// sends no Content-Type for logs, so it is decided from the container's `Config.Tty`).
QByteArray logsContentType(bool tty);

} // namespace sockerless::backends::containermapping
