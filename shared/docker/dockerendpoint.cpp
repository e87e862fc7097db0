#include "docker/dockerendpoint.h"

#include <QDir>
#include <QHostAddress>
#include <QLoggingCategory>

namespace sockerless::docker {

namespace {

Q_LOGGING_CATEGORY(lcEndpoint, "sockerless.docker.endpoint")

constexpr quint16 kPlainPort = 2375;
constexpr quint16 kTlsPort = 2376;

std::optional<DockerEndpoint> fail(QString* error, const QString& why) {
    if (error)
        *error = why;
    return std::nullopt;
}

/// A DNS name or IPv4 address: letters, digits, `-`, `.`, `_`. Anything else (blanks, `@`, `/`,
/// `%` ...) would let a value smuggle more into the URL or the `Host` header.
bool isPlainHostName(const QString& host) {
    for (const QChar ch : host) {
        const char16_t c = ch.unicode();
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') ||
                        (c >= u'0' && c <= u'9') || c == u'-' || c == u'.' || c == u'_';
        if (!ok)
            return false;
    }
    return !host.isEmpty();
}

std::optional<quint16> parsePort(const QString& text) {
    if (text.isEmpty() || text.size() > 5)
        return std::nullopt;
    for (const QChar ch : text) {
        if (ch < u'0' || ch > u'9')
            return std::nullopt;
    }
    const int port = text.toInt();
    if (port < 1 || port > 65535)
        return std::nullopt;
    return quint16(port);
}

std::optional<DockerEndpoint> parseTcp(const QString& url, QString rest, QString* error) {
    if (rest.endsWith(u'/'))
        rest.chop(1);
    if (rest.contains(u'/') || rest.contains(u'?') || rest.contains(u'#'))
        return fail(
            error, QStringLiteral("%1: a TCP Docker host has no path, query or fragment").arg(url));
    if (rest.contains(u'@'))
        return fail(error, QStringLiteral("%1: user info is not supported").arg(url));
    if (rest.isEmpty())
        return fail(error, QStringLiteral("%1: missing host").arg(url));

    DockerEndpoint endpoint;
    endpoint.kind = DockerEndpoint::Kind::Tcp;
    QString portText;
    bool hasPort = false;
    if (rest.startsWith(u'[')) {
        const qsizetype close = rest.indexOf(u']');
        if (close < 0)
            return fail(error, QStringLiteral("%1: missing ']' after the IPv6 address").arg(url));
        endpoint.host = rest.mid(1, close - 1);
        const QString after = rest.mid(close + 1);
        if (!after.isEmpty()) {
            if (!after.startsWith(u':'))
                return fail(error, QStringLiteral("%1: unexpected text after ']'").arg(url));
            hasPort = true;
            portText = after.mid(1);
        }
        QHostAddress address;
        if (endpoint.host.isEmpty() || !address.setAddress(endpoint.host) ||
            address.protocol() != QAbstractSocket::IPv6Protocol)
            return fail(error,
                        QStringLiteral("%1: '%2' is not an IPv6 address").arg(url, endpoint.host));
    } else {
        const qsizetype colon = rest.indexOf(u':');
        if (colon >= 0 && rest.indexOf(u':', colon + 1) >= 0)
            return fail(
                error,
                QStringLiteral("%1: write an IPv6 address in brackets, as [::1]:2375").arg(url));
        endpoint.host = colon >= 0 ? rest.left(colon) : rest;
        if (colon >= 0) {
            hasPort = true;
            portText = rest.mid(colon + 1);
        }
        if (endpoint.host.isEmpty())
            return fail(error, QStringLiteral("%1: missing host").arg(url));
        if (!isPlainHostName(endpoint.host))
            return fail(error,
                        QStringLiteral("%1: invalid host name '%2'").arg(url, endpoint.host));
    }
    if (hasPort) {
        const auto port = parsePort(portText);
        if (!port)
            return fail(error,
                        QStringLiteral("%1: invalid port '%2' (1-65535)").arg(url, portText));
        endpoint.port = *port;
    }
    return endpoint;
}

} // namespace

DockerEndpoint DockerEndpoint::fromEnvironment() {
    QString error;
    if (auto endpoint = fromEnvironment(QProcessEnvironment::systemEnvironment(), &error))
        return *endpoint;
    qCWarning(lcEndpoint).noquote()
        << "ignoring DOCKER_HOST:" << error << "- using" << defaultUrl();
    return *parse(defaultUrl());
}

std::optional<DockerEndpoint> DockerEndpoint::fromEnvironment(const QProcessEnvironment& env,
                                                              QString* error) {
    const QString host = env.value(QStringLiteral("DOCKER_HOST")).trimmed();
    return parse(host.isEmpty() ? defaultUrl() : host, env, error);
}

std::optional<DockerEndpoint> DockerEndpoint::parse(const QString& url, QString* error) {
    return parse(url, QProcessEnvironment::systemEnvironment(), error);
}

std::optional<DockerEndpoint>
DockerEndpoint::parse(const QString& rawUrl, const QProcessEnvironment& env, QString* error) {
    const QString url = rawUrl.trimmed();
    if (url.isEmpty())
        return fail(error, QStringLiteral("empty Docker host"));
    const qsizetype schemeEnd = url.indexOf(QLatin1String("://"));
    if (schemeEnd <= 0)
        return fail(
            error,
            QStringLiteral("%1: missing scheme (use unix:///path or tcp://host:port)").arg(url));
    const QString scheme = url.left(schemeEnd).toLower();
    const QString rest = url.mid(schemeEnd + 3);

    std::optional<DockerEndpoint> endpoint;
    if (scheme == QLatin1String("unix")) {
        if (rest.isEmpty())
            return fail(error, QStringLiteral("%1: missing socket path").arg(url));
        if (!rest.startsWith(u'/'))
            return fail(
                error,
                QStringLiteral("%1: the socket path must be absolute (unix:///path)").arg(url));
        endpoint = DockerEndpoint{};
        endpoint->kind = Kind::Unix;
        endpoint->socketPath = rest;
    } else if (scheme == QLatin1String("tcp")) {
        endpoint = parseTcp(url, rest, error);
        if (!endpoint)
            return std::nullopt;
    } else {
        return fail(error,
                    QStringLiteral("%1: unsupported scheme '%2' (supported: unix://, tcp://)")
                        .arg(url, scheme));
    }

    // As Docker's CLI: any non-empty value switches the setting on.
    const bool verify = !env.value(QStringLiteral("DOCKER_TLS_VERIFY")).isEmpty();
    const bool tls = verify || !env.value(QStringLiteral("DOCKER_TLS")).isEmpty();
    QString certPath = env.value(QStringLiteral("DOCKER_CERT_PATH"));
    if (certPath.isEmpty()) {
        QString home = env.value(QStringLiteral("HOME"));
        if (home.isEmpty())
            home = QDir::homePath();
        certPath = home + QStringLiteral("/.docker");
    }
    endpoint->certPath = certPath;
    if (endpoint->kind == Kind::Tcp) {
        endpoint->tls = tls;
        endpoint->tlsVerify = verify;
        if (endpoint->port == 0)
            endpoint->port = tls ? kTlsPort : kPlainPort;
    }
    return endpoint;
}

QString DockerEndpoint::toString() const {
    if (kind == Kind::Unix)
        return QStringLiteral("unix://") + socketPath;
    const QString shownHost =
        host.contains(u':') ? QStringLiteral("[") + host + QStringLiteral("]") : host;
    return QStringLiteral("tcp://") + shownHost + u':' + QString::number(port);
}

} // namespace sockerless::docker
