#pragma once

#include "api/filters.h"
#include "api/networktypes.h"
#include "backends/backend.h"

#include <QList>
#include <QString>

namespace sockerless::backends {

/// The networks: create, list, inspect, connect, disconnect, remove, prune.
/// Every call is asynchronous; `context` guards the callback as in Backend: once it is destroyed
/// the work is abandoned (the upstream call aborted) and `done` is never called. `id` is a
/// network id, unique id prefix or name, already checked by the caller (api::checkId). A missing
/// network is a 404 `No such network: <id>`; a missing container (connect, disconnect) is a 404
/// `No such container: <container>`.
class NetworkOps {
public:
    virtual ~NetworkOps() = default;

    /// Creates a network; a name already in use is a 409 (never a second network of that name).
    virtual void create(const api::NetworkCreateRequest& request, QObject* context,
                        Callback<api::NetworkCreateResponse> done) = 0;
    /// The networks matching `filters` (label, name, id, driver, type, scope, dangling).
    virtual void list(const api::Filters& filters, QObject* context,
                      Callback<QList<api::Network>> done) = 0;
    /// One network with its attached `Containers`; `verbose` adds the swarm-scope details.
    virtual void inspect(const QString& id, bool verbose, QObject* context,
                         Callback<api::Network> done) = 0;
    /// Attaches a container to the network.
    virtual void connect(const QString& id, const api::NetworkConnectRequest& request,
                         QObject* context, Callback<Nothing> done) = 0;
    /// Detaches a container from the network.
    virtual void disconnect(const QString& id, const api::NetworkDisconnectRequest& request,
                            QObject* context, Callback<Nothing> done) = 0;
    /// Removes the network; a predefined one (bridge, host, none) is a 403.
    virtual void remove(const QString& id, QObject* context, Callback<Nothing> done) = 0;
    /// Removes the unused networks matching `filters` (label, until) and names them.
    virtual void prune(const api::Filters& filters, QObject* context,
                       Callback<api::NetworkPruneResponse> done) = 0;
};

} // namespace sockerless::backends
