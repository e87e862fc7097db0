#pragma once

#include "api/networktypes.h"
#include "backends/memory/networkrecord.h"

#include <QList>

namespace sockerless::backends::memory {

/// Turns a create request into a network as Docker's bridge driver and default IPAM would:
/// the requested pools checked (Docker's texts and statuses for a bad subnet or gateway, an
/// overlap, an unknown driver), or the next free default pool (172.18.0.0/16, 172.19 ...
/// 172.31, then 192.168.0.0/20, 192.168.16.0/20 ...). Name checks are the store's job.
class NetworkBuilder {
public:
    /// `taken` are the subnets of the networks that exist.
    static api::Result<NetworkRecord> build(const api::NetworkCreateRequest& request,
                                            const QList<Ipv4Subnet>& taken);

private:
    static std::optional<api::ApiError> checkDriver(const api::NetworkCreateRequest& request);
    static std::optional<api::ApiError> addPool(NetworkRecord& record,
                                                const api::NetworkIpamConfig& config,
                                                const QList<Ipv4Subnet>& taken);
    static std::optional<api::ApiError> addDefaultPool(NetworkRecord& record,
                                                       const QList<Ipv4Subnet>& taken);
};

} // namespace sockerless::backends::memory
