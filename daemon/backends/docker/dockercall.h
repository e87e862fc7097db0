#pragma once

#include "api/result.h"
#include "docker/dockerrequest.h"

#include <QJsonDocument>
#include <functional>

class QObject;

namespace sockerless::docker {
class DockerClient;
struct DockerError;
} // namespace sockerless::docker

namespace sockerless::backends {

/// Rewrites a mapped Docker error before it reaches the client (for example a 404 whose text
/// the contract words differently). Identity when empty.
using ErrorRewrite = std::function<api::ApiError(const api::ApiError&)>;

/// A buffered call whose answer is JSON: `done` gets the document (null for an empty body, as
/// for 204) or the mapped error, only while `context` lives. Destroying `context` aborts the
/// call, which closes its connection at once.
void callDockerJson(docker::DockerClient* client, const docker::DockerRequest& request,
                    QObject* context,
                    const std::function<void(const api::Result<QJsonDocument>&)>& done,
                    const ErrorRewrite& rewrite = {});

/// A buffered call whose answer is only a status: `done` gets it (204, 201, 200 ...) or the
/// mapped error (304 included, as an ApiError with status 304).
void callDockerStatus(docker::DockerClient* client, const docker::DockerRequest& request,
                      QObject* context, const std::function<void(const api::Result<int>&)>& done,
                      const ErrorRewrite& rewrite = {});

/// An ErrorRewrite that words Docker's 404 as the contract does: `No such <kind>: <id>`.
ErrorRewrite notFoundAs(const QString& kind, const QString& id);

} // namespace sockerless::backends
