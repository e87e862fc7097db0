#pragma once

#include "api/containertypes.h"
#include "backends/memory/memorydirectory.h"
#include "backends/memory/networkrecord.h"
#include "backends/networkops.h"

#include <QJsonObject>
#include <QMap>
#include <map>

namespace sockerless::backends::memory {

class MemoryEvents;

/// The memory backend's networks: Docker's predefined `bridge`, `host` and `none`, the ones
/// clients create, and the containers' endpoints on them.
class MemoryNetworks : public NetworkOps {
public:
    /// At most this many networks (the predefined three included): a client cannot make the
    /// daemon's memory grow without bound. Past it, create is a 403.
    static constexpr int kMaxNetworks = 4096;

    MemoryNetworks(MemoryEvents* events, const ContainerDirectory* containers);
    ~MemoryNetworks() override;

    /// Attaches a container being created (or connected) to `network` (name, id or unique id
    /// prefix) and answers its endpoint as inspect shows it under `NetworkSettings.Networks`.
    /// A missing network is a 404 (`network <name> not found`, Docker's create wording).
    Result<QJsonObject> attach(const QString& network, const ContainerRef& container,
                               const api::EndpointSettings& settings);
    /// Detaches the container from every network (it is being removed).
    void detachAll(const QString& containerId);
    /// The container's endpoints by network name, for inspect's `NetworkSettings.Networks`.
    QMap<QString, QJsonObject> endpointsOf(const QString& containerId) const;
    /// How many networks there are (`info`).
    int count() const;

    /// The container started: it joins its networks as Docker's start does (`connect` events,
    /// its short id added to its aliases on user networks). Optional: without it the first
    /// inspect that sees the container running does the same, without the events.
    void containerStarted(const QString& containerId);
    /// The container stopped: Docker's `disconnect` event for each of its networks.
    void containerStopped(const QString& containerId);

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
    /// The network `ref` names as Docker finds it: full id, then name, then unique id prefix.
    /// Nothing when none matches; a 400 when a prefix matches several.
    Result<NetworkRecord*> find(const QString& ref);
    Result<const NetworkRecord*> find(const QString& ref) const;
    Result<NetworkRecord*> findOr404(const QString& ref);
    bool isRunning(const QString& containerId) const;
    QMap<QString, NetworkEndpoint> runningEndpoints(const NetworkRecord& network) const;
    /// Docker's rules for who may join `network` (host, none, static addresses).
    std::optional<api::ApiError> checkConnect(const NetworkRecord& network,
                                              const QString& containerId,
                                              const api::EndpointSettings& settings) const;
    /// Adds the endpoint, with an address from the network's pool.
    Result<NetworkEndpoint*> join(NetworkRecord& network, const ContainerRef& container,
                                  const api::EndpointSettings& settings);
    void leave(NetworkRecord& network, const QString& containerId);
    /// Marks the endpoint as joined (the container runs on the network) and says so on the bus.
    void markJoined(NetworkRecord& network, NetworkEndpoint& endpoint, bool publish);
    void publish(const QString& action, const NetworkRecord& network,
                 const QString& containerId = {});

    MemoryEvents* m_events;
    const ContainerDirectory* m_containers;
    std::map<QString, NetworkRecord> m_networks; ///< by id
};

} // namespace sockerless::backends::memory
