#pragma once

#include "api/imagetypes.h"
#include "api/result.h"
#include "docker/dockerrequest.h"

#include <QJsonDocument>
#include <QStringList>

// How the image and auth calls of the contract become Docker Engine API calls, and Docker's
// answers become the contract's types. Pure functions: no I/O, tested without Docker.
namespace sockerless::backends {

/// `POST /images/create?fromImage=<name>&tag=<tag or digest>[&platform=]` with the auth as
/// `X-Registry-Auth` unchanged, and no header timeout (a pull may take long before Docker
/// answers). The reference is split as the Docker CLI does (`127.0.0.1:5000/team/app:1.2` →
/// `127.0.0.1:5000/team/app` + `1.2`; no tag → `latest`). A 400 when it is not a reference.
api::Result<docker::DockerRequest> toDockerPullRequest(const api::ImagePullRequest& request);

/// `GET /images/<name, percent-encoded>/json`.
docker::DockerRequest toDockerInspectRequest(const QString& name);

/// `POST /images/load?quiet=` with the tarball as an `application/x-tar` body and no header
/// timeout (Docker answers once it has read the whole tarball).
docker::DockerRequest toDockerLoadRequest(const api::ImageLoadRequest& request);

/// `POST /images/<image, percent-encoded>/tag?repo=&tag=` (tag only when given).
docker::DockerRequest toDockerTagRequest(const api::ImageTagRequest& request);

/// `POST /auth` with Docker's AuthConfig body.
docker::DockerRequest toDockerLoginRequest(const api::AuthConfig& credentials);

/// Docker's image inspect answer as the contract's Image; an answer of the wrong shape is
/// Docker's fault: a 500 naming the field.
api::Result<api::Image> fromDockerInspect(const QJsonDocument& document);

/// Docker's `/auth` answer; `IdentityToken` defaults to empty.
api::Result<api::AuthResponse> fromDockerLogin(const QJsonDocument& document);

/// Docker 20.10 answers a refused login with 500 (`login attempt to http://r/v2/ failed with
/// status: 401 Unauthorized`, `unauthorized: ...`, `... no basic auth credentials`): the
/// contract says 401, with Docker's message kept. Any other error passes unchanged.
api::ApiError loginErrorFromDocker(const api::ApiError& error);

/// `message` with every secret in it replaced by `REDACTED` (secrets shorter than 4 characters
/// are left alone: replacing them would garble the message and they cannot be told apart).
QString redactSecrets(QString message, const QStringList& secrets);

} // namespace sockerless::backends
