#pragma once

#include "api/result.h"
#include "backends/memory/networkipv4.h"

#include <QSet>
#include <optional>

namespace sockerless::backends::memory {

/// The IPv4 addresses of one network: its gateway and the endpoints' addresses, handed out as
/// Docker's default IPAM does (the lowest free address of the range, never the network address,
/// the broadcast address or the gateway).
class NetworkAddressPool {
public:
    /// `range` is where dynamic addresses come from (the subnet, or the pool's `IPRange`).
    NetworkAddressPool(const Ipv4Subnet& subnet, const Ipv4Subnet& range, quint32 gateway);

    const Ipv4Subnet& subnet() const { return m_subnet; }
    quint32 gateway() const { return m_gateway; }

    /// The lowest free address of the range; a 503 when the range is full (Docker's text).
    api::Result<quint32> allocate(const QString& networkName, const QString& networkId);
    /// A static address asked for by an endpoint (`IPAMConfig.IPv4Address`): 400 outside the
    /// subnet, 403 already taken, as Docker's IPAM answers.
    std::optional<api::ApiError> reserve(quint32 address);
    void release(quint32 address);

private:
    bool usable(quint32 address) const;

    Ipv4Subnet m_subnet;
    Ipv4Subnet m_range;
    quint32 m_gateway;
    QSet<quint32> m_used;
    // Every address of the range below this one is taken: allocate() starts its search here, so
    // handing out n addresses in a row costs O(n), not O(n²).
    quint32 m_lowestFree;
};

} // namespace sockerless::backends::memory
