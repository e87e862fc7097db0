#pragma once

#include "api/networktypes.h"
#include "api/result.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QString>

// The Docker backend's mapping between the contract's network types and Docker's JSON
// (`/networks/...` of the Engine API). Docker's field names are the contract's, so the mapping is
// mostly a typed pass-through; what it adds is what Docker does differently from the contract.

namespace sockerless::backends {

/// The body of `POST /networks/create`. `CheckDuplicate` is always true: Docker 20.10 creates a
/// second network of the same name without it, and the contract says a name in use is a 409.
QByteArray toDockerNetworkCreateBody(const api::NetworkCreateRequest& request);
/// The body of `POST /networks/{id}/connect`.
QByteArray toDockerNetworkConnectBody(const api::NetworkConnectRequest& request);
/// The body of `POST /networks/{id}/disconnect`.
QByteArray toDockerNetworkDisconnectBody(const api::NetworkDisconnectRequest& request);

/// Docker's create answer; a missing or null `Warning` becomes "".
api::Result<api::NetworkCreateResponse> fromDockerNetworkCreated(const QJsonDocument& document);
/// One network of Docker's inspect or list answer. A shape the contract cannot read is a 500
/// naming the field (Docker's answer is wrong, not the client's request).
api::Result<api::Network> fromDockerNetwork(const QJsonDocument& document);
/// Docker's list answer (an array; null reads as empty).
api::Result<QList<api::Network>> fromDockerNetworkList(const QJsonDocument& document);
/// Docker's prune answer; `NetworksDeleted: null` (nothing removed) becomes `[]`.
api::Result<api::NetworkPruneResponse> fromDockerNetworkPrune(const QJsonDocument& document);

/// Words Docker's "network not found" 404 (`network x not found`) as the contract does:
/// `No such network: <id>`. A 404 about the container of a connect or disconnect
/// (`No such container: c`) and every other error pass unchanged.
api::ApiError rewriteNetworkError(const api::ApiError& error, const QString& id);

} // namespace sockerless::backends
