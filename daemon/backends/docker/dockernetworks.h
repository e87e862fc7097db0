#pragma once

#include "backends/networkops.h"

namespace sockerless::docker {
class DockerClient;
}

namespace sockerless::backends {

/// The networks: create, list, inspect, connect, disconnect, remove, prune, passed through to
/// Docker (one buffered call each, aborted when the context goes). The mapping of bodies and
/// answers lives in dockernetworkmapping.h; this class only makes the calls.
class DockerNetworks : public NetworkOps {
public:
    explicit DockerNetworks(docker::DockerClient* client)
        : m_client(client) {}

    void create(const api::NetworkCreateRequest& request, QObject* context,
                Callback<api::NetworkCreateResponse> done) override;
    void list(const api::Filters& filters, QObject* context,
              Callback<QList<api::Network>> done) override;
    void inspect(const QString& id, bool verbose, QObject* context,
                 Callback<api::Network> done) override;
    void connect(const QString& id, const api::NetworkConnectRequest& request, QObject* context,
                 Callback<Nothing> done) override;
    void disconnect(const QString& id, const api::NetworkDisconnectRequest& request,
                    QObject* context, Callback<Nothing> done) override;
    void remove(const QString& id, QObject* context, Callback<Nothing> done) override;
    void prune(const api::Filters& filters, QObject* context,
               Callback<api::NetworkPruneResponse> done) override;

private:
    docker::DockerClient* m_client;
};

} // namespace sockerless::backends
