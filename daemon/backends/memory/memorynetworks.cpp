#include "backends/memory/memorynetworks.h"

#include "backends/memory/memoryanswer.h"

#include "backends/memory/memoryclock.h"
#include "backends/memory/memoryevents.h"
#include "backends/memory/networkbuilder.h"
#include "backends/memory/networkfilters.h"

#include <QTimer>

namespace sockerless::backends::memory {

namespace {

const QString kHost = QStringLiteral("host");
const QString kNone = QStringLiteral("none");

api::ApiError hostRule() {
    return api::ApiError::badRequest(QStringLiteral(
        "container cannot be disconnected from host network or connected to host network"));
}

api::ApiError noneRule() {
    return api::ApiError::badRequest(QStringLiteral("container cannot be connected to multiple "
                                                    "networks with one of the networks in "
                                                    "private (none) mode"));
}

// Docker adds the short id alias and allows static addresses on user networks only.
bool isUserNetwork(const NetworkRecord& network) {
    return !network.predefined;
}

} // namespace

MemoryNetworks::MemoryNetworks(MemoryEvents* events, const ContainerDirectory* containers)
    : m_events(events)
    , m_containers(containers) {
    for (NetworkRecord record : {NetworkRecord::predefinedBridge(), NetworkRecord::predefinedHost(),
                                 NetworkRecord::predefinedNone()})
        m_networks.emplace(record.id, std::move(record));
}

MemoryNetworks::~MemoryNetworks() = default;

Result<NetworkRecord*> MemoryNetworks::find(const QString& ref) {
    auto found = std::as_const(*this).find(ref);
    if (!found.ok())
        return found.error();
    return const_cast<NetworkRecord*>(found.value());
}

Result<const NetworkRecord*> MemoryNetworks::find(const QString& ref) const {
    const NetworkRecord* byName = nullptr;
    QList<const NetworkRecord*> byPrefix;
    for (const auto& [id, network] : m_networks) {
        if (id == ref)
            return &network;
        if (network.name == ref)
            byName = &network;
        else if (!ref.isEmpty() && id.startsWith(ref))
            byPrefix.append(&network);
    }
    if (byName)
        return byName;
    if (byPrefix.size() > 1)
        return api::ApiError::badRequest(
            QStringLiteral("network %1 is ambiguous (%2 matches found based on ID prefix)")
                .arg(ref)
                .arg(byPrefix.size()));
    return byPrefix.isEmpty() ? nullptr : byPrefix.first();
}

Result<NetworkRecord*> MemoryNetworks::findOr404(const QString& ref) {
    auto found = find(ref);
    if (found.ok() && !found.value())
        return api::ApiError::notFound(QStringLiteral("network"), ref);
    return found;
}

bool MemoryNetworks::isRunning(const QString& containerId) const {
    const auto container = m_containers ? m_containers->findContainer(containerId) : std::nullopt;
    return container && container->running;
}

QMap<QString, NetworkEndpoint>
MemoryNetworks::runningEndpoints(const NetworkRecord& network) const {
    QMap<QString, NetworkEndpoint> running;
    for (const NetworkEndpoint& endpoint : network.endpoints) {
        if (isRunning(endpoint.containerId)) {
            endpoint.joined = true;
            endpoint.shortIdAlias = endpoint.shortIdAlias || isUserNetwork(network);
            running.insert(endpoint.containerId, endpoint);
        }
    }
    return running;
}

std::optional<api::ApiError>
MemoryNetworks::checkConnect(const NetworkRecord& network, const QString& containerId,
                             const api::EndpointSettings& settings) const {
    bool onHost = false;
    bool onNone = false;
    bool onAny = false;
    for (const auto& [id, other] : m_networks) {
        if (!other.endpoints.contains(containerId))
            continue;
        onAny = true;
        onHost = onHost || (other.predefined && other.name == kHost);
        onNone = onNone || (other.predefined && other.name == kNone);
    }
    if (onHost || (network.predefined && network.name == kHost))
        return hostRule();
    if (onNone || (network.predefined && network.name == kNone && onAny))
        return noneRule();
    const bool staticAddress = settings.ipamConfig && (settings.ipamConfig->ipv4Address ||
                                                       settings.ipamConfig->ipv6Address);
    if (staticAddress && !isUserNetwork(network))
        return api::ApiError::badRequest(
            QStringLiteral("user specified IP address is supported on user defined networks only"));
    if (staticAddress && network.ipamConfig.isEmpty())
        return api::ApiError::badRequest(
            QStringLiteral("user specified IP address is supported only when connecting to "
                           "networks with user configured subnets"));
    return std::nullopt;
}

Result<NetworkEndpoint*> MemoryNetworks::join(NetworkRecord& network, const ContainerRef& container,
                                              const api::EndpointSettings& settings) {
    NetworkEndpoint endpoint;
    endpoint.containerId = container.id;
    endpoint.containerName = container.name;
    endpoint.endpointId = MemoryClock::newId();
    endpoint.settings = settings;
    if (network.pool) {
        const QString wanted =
            settings.ipamConfig ? settings.ipamConfig->ipv4Address.value_or(QString()) : QString();
        if (!wanted.isEmpty()) {
            const auto address = Ipv4Subnet::parseAddress(wanted);
            if (!address)
                return api::ApiError::badRequest(
                    QStringLiteral("invalid IPv4 address: %1").arg(wanted));
            if (auto error = network.pool->reserve(*address))
                return *error;
            endpoint.address = *address;
        } else {
            auto address = network.pool->allocate(network.name, network.id);
            if (!address.ok())
                return address.error();
            endpoint.address = address.value();
        }
    }
    return &*network.endpoints.insert(container.id, endpoint);
}

void MemoryNetworks::leave(NetworkRecord& network, const QString& containerId) {
    const auto it = network.endpoints.constFind(containerId);
    if (it == network.endpoints.constEnd())
        return;
    if (network.pool && it->address)
        network.pool->release(*it->address);
    network.endpoints.erase(it);
}

void MemoryNetworks::markJoined(NetworkRecord& network, NetworkEndpoint& endpoint, bool announce) {
    endpoint.joined = true;
    endpoint.shortIdAlias = endpoint.shortIdAlias || isUserNetwork(network);
    if (announce)
        publish(QStringLiteral("connect"), network, endpoint.containerId);
}

void MemoryNetworks::publish(const QString& action, const NetworkRecord& network,
                             const QString& containerId) {
    if (!m_events)
        return;
    QMap<QString, QString> attributes{{QStringLiteral("name"), network.name},
                                      {QStringLiteral("type"), network.driver}};
    if (!containerId.isEmpty())
        attributes.insert(QStringLiteral("container"), containerId);
    m_events->publish(QStringLiteral("network"), action, network.id, attributes);
}

Result<QJsonObject> MemoryNetworks::attach(const QString& network, const ContainerRef& container,
                                           const api::EndpointSettings& settings) {
    auto found = find(network);
    if (!found.ok())
        return found.error();
    if (!found.value())
        return api::ApiError{404, QStringLiteral("network %1 not found").arg(network)};
    NetworkRecord& record = *found.value();
    // The same network named twice at create (NetworkMode and an EndpointsConfig entry): one
    // endpoint, with the settings of the entry that has them.
    if (auto existing = record.endpoints.find(container.id); existing != record.endpoints.end()) {
        if (settings.aliases || settings.ipamConfig || !settings.extra.isEmpty())
            existing->settings = settings;
        return record.endpointJson(*existing, container.running);
    }
    const bool staticAddress = settings.ipamConfig && settings.ipamConfig->ipv4Address;
    if (staticAddress) {
        if (auto error = checkConnect(record, container.id, settings))
            return *error;
    }
    auto endpoint = join(record, container, settings);
    if (!endpoint.ok())
        return endpoint.error();
    if (container.running)
        markJoined(record, *endpoint.value(), true);
    return record.endpointJson(*endpoint.value(), container.running);
}

void MemoryNetworks::detachAll(const QString& containerId) {
    const bool running = isRunning(containerId);
    for (auto& [id, network] : m_networks) {
        if (!network.endpoints.contains(containerId))
            continue;
        if (running)
            publish(QStringLiteral("disconnect"), network, containerId);
        leave(network, containerId);
    }
}

QMap<QString, QJsonObject> MemoryNetworks::endpointsOf(const QString& containerId) const {
    QMap<QString, QJsonObject> endpoints;
    const bool running = isRunning(containerId);
    for (const auto& [id, network] : m_networks) {
        const auto it = network.endpoints.constFind(containerId);
        if (it == network.endpoints.constEnd())
            continue;
        if (running) {
            it->joined = true;
            it->shortIdAlias = it->shortIdAlias || isUserNetwork(network);
        }
        endpoints.insert(network.name, network.endpointJson(*it, running));
    }
    return endpoints;
}

int MemoryNetworks::count() const {
    return static_cast<int>(m_networks.size());
}

void MemoryNetworks::containerStarted(const QString& containerId) {
    for (auto& [id, network] : m_networks) {
        const auto it = network.endpoints.find(containerId);
        if (it != network.endpoints.end())
            markJoined(network, *it, true);
    }
}

void MemoryNetworks::containerStopped(const QString& containerId) {
    for (auto& [id, network] : m_networks) {
        if (network.endpoints.contains(containerId))
            publish(QStringLiteral("disconnect"), network, containerId);
    }
}

void MemoryNetworks::create(const api::NetworkCreateRequest& request, QObject* context,
                            Callback<api::NetworkCreateResponse> done) {
    const auto result = [&]() -> Result<api::NetworkCreateResponse> {
        QList<Ipv4Subnet> taken;
        for (const auto& [id, network] : m_networks) {
            if (network.predefined && network.name == request.name)
                return api::ApiError{
                    403, QStringLiteral("operation is not permitted on predefined %1 network ")
                             .arg(request.name)};
            if (network.name == request.name)
                return api::ApiError{
                    409, QStringLiteral("network with name %1 already exists").arg(request.name)};
            if (network.pool)
                taken.append(network.pool->subnet());
        }
        if (count() >= kMaxNetworks)
            return api::ApiError{403, QStringLiteral("the memory backend holds at most %1 "
                                                     "networks")
                                          .arg(kMaxNetworks)};
        auto record = NetworkBuilder::build(request, taken);
        if (!record.ok())
            return record.error();
        const QString id = record.value().id;
        const auto& stored = m_networks.emplace(id, std::move(record.value())).first->second;
        publish(QStringLiteral("create"), stored);
        api::NetworkCreateResponse response;
        response.id = id;
        return response;
    }();
    answerLater(context, done, result);
}

void MemoryNetworks::list(const api::Filters& filters, QObject* context,
                          Callback<QList<api::Network>> done) {
    if (auto error = NetworkFilters::checkList(filters))
        return answerLater<QList<api::Network>>(context, done, *error);
    QList<api::Network> networks;
    for (const auto& [id, network] : m_networks) {
        // Docker 20.10 lists every network with an empty `Containers`.
        if (NetworkFilters::matchesList(network, filters))
            networks.append(network.toApi({}));
    }
    std::sort(networks.begin(), networks.end(),
              [](const api::Network& a, const api::Network& b) { return a.name < b.name; });
    answerLater<QList<api::Network>>(context, done, networks);
}

void MemoryNetworks::inspect(const QString& id, bool verbose, QObject* context,
                             Callback<api::Network> done) {
    Q_UNUSED(verbose); // local networks have no swarm details to add
    const auto found = findOr404(id);
    if (!found.ok())
        return answerLater<api::Network>(context, done, found.error());
    const NetworkRecord& network = *found.value();
    answerLater<api::Network>(context, done, network.toApi(runningEndpoints(network)));
}

void MemoryNetworks::connect(const QString& id, const api::NetworkConnectRequest& request,
                             QObject* context, Callback<Nothing> done) {
    const auto result = [&]() -> Result<Nothing> {
        const auto container =
            m_containers ? m_containers->findContainer(request.container) : std::nullopt;
        if (!container)
            return api::ApiError::notFound(QStringLiteral("container"), request.container);
        const auto found = findOr404(id);
        if (!found.ok())
            return found.error();
        NetworkRecord& network = *found.value();
        if (network.endpoints.contains(container->id))
            return api::ApiError{403, QStringLiteral("endpoint with name %1 already exists in "
                                                     "network %2")
                                          .arg(container->name, network.name)};
        const api::EndpointSettings settings =
            request.endpointConfig.value_or(api::EndpointSettings());
        if (auto error = checkConnect(network, container->id, settings))
            return *error;
        auto endpoint = join(network, *container, settings);
        if (!endpoint.ok())
            return endpoint.error();
        // Docker adds the short id alias on connect even to a container that is not running.
        endpoint.value()->shortIdAlias = isUserNetwork(network);
        if (container->running)
            markJoined(network, *endpoint.value(), true);
        return Nothing{};
    }();
    answerLater(context, done, result);
}

void MemoryNetworks::disconnect(const QString& id, const api::NetworkDisconnectRequest& request,
                                QObject* context, Callback<Nothing> done) {
    const auto result = [&]() -> Result<Nothing> {
        const auto container =
            m_containers ? m_containers->findContainer(request.container) : std::nullopt;
        if (!container)
            return api::ApiError::notFound(QStringLiteral("container"), request.container);
        const auto found = find(id);
        if (!found.ok())
            return found.error();
        NetworkRecord* network = found.value();
        const bool connected = network && network->endpoints.contains(container->id);
        // Docker's texts: a stopped container is looked up in its own settings (a 500 even for
        // a network that does not exist); a running one in the network.
        if (!container->running && !connected)
            return api::ApiError::internal(
                QStringLiteral("container %1 is not connected to the network %2")
                    .arg(container->id, id));
        if (!network)
            return api::ApiError::notFound(QStringLiteral("network"), id);
        if (!connected)
            return api::ApiError::internal(
                QStringLiteral("container %1 is not connected to network %2")
                    .arg(container->id, network->name));
        if (container->running && network->predefined && network->name == kHost)
            return hostRule();
        publish(QStringLiteral("disconnect"), *network, container->id);
        leave(*network, container->id);
        return Nothing{};
    }();
    answerLater(context, done, result);
}

void MemoryNetworks::remove(const QString& id, QObject* context, Callback<Nothing> done) {
    const auto result = [&]() -> Result<Nothing> {
        const auto found = findOr404(id);
        if (!found.ok())
            return found.error();
        NetworkRecord& network = *found.value();
        if (network.predefined)
            return api::ApiError{403,
                                 QStringLiteral("%1 is a pre-defined network and cannot be removed")
                                     .arg(network.name)};
        if (!runningEndpoints(network).isEmpty())
            return api::ApiError{403, QStringLiteral("error while removing network: network %1 "
                                                     "id %2 has active endpoints")
                                          .arg(network.name, network.id)};
        publish(QStringLiteral("destroy"), network);
        m_networks.erase(network.id);
        return Nothing{};
    }();
    answerLater(context, done, result);
}

void MemoryNetworks::prune(const api::Filters& filters, QObject* context,
                           Callback<api::NetworkPruneResponse> done) {
    std::optional<qint64> until;
    if (auto error = NetworkFilters::checkPrune(filters, &until))
        return answerLater<api::NetworkPruneResponse>(context, done, *error);
    api::NetworkPruneResponse response;
    for (auto it = m_networks.begin(); it != m_networks.end();) {
        const NetworkRecord& network = it->second;
        // Like Docker, a network used only by stopped containers counts as unused.
        if (network.isCustom() && runningEndpoints(network).isEmpty() &&
            NetworkFilters::matchesPrune(network, filters, until)) {
            response.networksDeleted.append(network.name);
            publish(QStringLiteral("destroy"), network);
            it = m_networks.erase(it);
        } else {
            ++it;
        }
    }
    answerLater<api::NetworkPruneResponse>(context, done, response);
}

} // namespace sockerless::backends::memory
