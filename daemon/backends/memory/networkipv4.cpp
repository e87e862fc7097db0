#include "backends/memory/networkipv4.h"

#include <QStringList>

namespace sockerless::backends::memory {

std::optional<quint32> Ipv4Subnet::parseAddress(const QString& text) {
    const QStringList parts = text.split(u'.');
    if (parts.size() != 4)
        return std::nullopt;
    quint32 address = 0;
    for (const QString& part : parts) {
        bool ok = false;
        const uint byte = part.toUInt(&ok, 10);
        // toUInt accepts a sign and spaces; Go's parser (Docker's) does not.
        if (!ok || byte > 255 || part.isEmpty() || part.size() > 3 || !part.front().isDigit())
            return std::nullopt;
        address = (address << 8) | byte;
    }
    return address;
}

std::optional<Ipv4Subnet> Ipv4Subnet::parse(const QString& cidr) {
    const qsizetype slash = cidr.indexOf(u'/');
    if (slash < 0)
        return std::nullopt;
    const auto address = parseAddress(cidr.left(slash));
    bool ok = false;
    const QString bits = cidr.mid(slash + 1);
    const int prefix = bits.toInt(&ok, 10);
    if (!address || !ok || prefix < 0 || prefix > 32 || bits.isEmpty() || !bits.front().isDigit())
        return std::nullopt;
    Ipv4Subnet subnet;
    subnet.prefix = prefix;
    subnet.base = *address & subnet.mask();
    return subnet;
}

QString Ipv4Subnet::formatAddress(quint32 address) {
    return QStringLiteral("%1.%2.%3.%4")
        .arg(address >> 24)
        .arg((address >> 16) & 0xff)
        .arg((address >> 8) & 0xff)
        .arg(address & 0xff);
}

QString Ipv4Subnet::toString() const {
    return QStringLiteral("%1/%2").arg(formatAddress(base)).arg(prefix);
}

} // namespace sockerless::backends::memory
