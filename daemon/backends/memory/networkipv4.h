#pragma once

#include <QString>
#include <QtGlobal>
#include <optional>

namespace sockerless::backends::memory {

/// An IPv4 network in CIDR form (`172.18.0.0/16`), as the memory networks hand out addresses
/// from it. Addresses are host-order 32-bit numbers.
struct Ipv4Subnet {
    quint32 base = 0; ///< the network address (host bits cleared)
    int prefix = 0;   ///< 0..32

    /// `a.b.c.d/n`; host bits may be set (`10.0.0.5/24` is `10.0.0.0/24`, as Docker reads it).
    static std::optional<Ipv4Subnet> parse(const QString& cidr);
    /// A dotted quad, nothing for anything else (IPv6, garbage, leading zeros accepted).
    static std::optional<quint32> parseAddress(const QString& text);
    static QString formatAddress(quint32 address);

    quint32 mask() const { return prefix == 0 ? 0U : ~0U << (32 - prefix); }
    quint32 last() const { return base | ~mask(); }
    bool contains(quint32 address) const { return (address & mask()) == base; }
    bool overlaps(const Ipv4Subnet& other) const {
        return contains(other.base) || other.contains(base);
    }
    /// `a.b.c.d/n` with the host bits cleared.
    QString toString() const;
};

} // namespace sockerless::backends::memory
