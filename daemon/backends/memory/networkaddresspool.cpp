#include "backends/memory/networkaddresspool.h"

#include <algorithm>

namespace sockerless::backends::memory {

NetworkAddressPool::NetworkAddressPool(const Ipv4Subnet& subnet, const Ipv4Subnet& range,
                                       quint32 gateway)
    : m_subnet(subnet)
    , m_range(range)
    , m_gateway(gateway)
    , m_lowestFree(range.base) {}

bool NetworkAddressPool::usable(quint32 address) const {
    // /31 and /32 have no network or broadcast address to skip.
    const bool tiny = m_subnet.prefix >= 31;
    return address != m_gateway && !m_used.contains(address) &&
           (tiny || (address != m_subnet.base && address != m_subnet.last()));
}

api::Result<quint32> NetworkAddressPool::allocate(const QString& networkName,
                                                  const QString& networkId) {
    for (quint64 address = m_lowestFree; address <= m_range.last(); ++address) {
        if (usable(static_cast<quint32>(address))) {
            m_lowestFree = static_cast<quint32>(address);
            m_used.insert(m_lowestFree);
            return m_lowestFree;
        }
    }
    m_lowestFree = m_range.last();
    return api::ApiError{503,
                         QStringLiteral("no available IPv4 addresses on this network's address "
                                        "pools: %1 (%2)")
                             .arg(networkName, networkId)};
}

std::optional<api::ApiError> NetworkAddressPool::reserve(quint32 address) {
    if (!m_subnet.contains(address))
        return api::ApiError::badRequest(QStringLiteral("Requested address is out of range"));
    if (!usable(address))
        return api::ApiError{403, QStringLiteral("Address already in use")};
    m_used.insert(address);
    return std::nullopt;
}

void NetworkAddressPool::release(quint32 address) {
    if (m_used.remove(address) && m_range.contains(address))
        m_lowestFree = std::min(m_lowestFree, address);
}

} // namespace sockerless::backends::memory
