#include "docker/dockerpath.h"

namespace sockerless::docker {

namespace {

bool isUnreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

} // namespace

QByteArray DockerPath::encodeSegment(const QString& value) {
    if (value == QLatin1String("."))
        return QByteArrayLiteral("%2E");
    if (value == QLatin1String(".."))
        return QByteArrayLiteral("%2E%2E");
    static constexpr char kHex[] = "0123456789ABCDEF";
    const QByteArray utf8 = value.toUtf8();
    QByteArray encoded;
    encoded.reserve(utf8.size() * 3);
    for (const char c : utf8) {
        if (isUnreserved(c)) {
            encoded.append(c);
        } else {
            const auto byte = uchar(c);
            encoded.append('%');
            encoded.append(kHex[byte >> 4]);
            encoded.append(kHex[byte & 0x0F]);
        }
    }
    return encoded;
}

QByteArray DockerPath::build(std::initializer_list<QString> segments) {
    if (segments.size() == 0)
        return QByteArrayLiteral("/");
    QByteArray path;
    for (const QString& segment : segments) {
        path.append('/');
        path.append(encodeSegment(segment));
    }
    return path;
}

} // namespace sockerless::docker
