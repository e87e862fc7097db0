#pragma once

#include <QString>
#include <optional>

namespace sockerless::docker {

/// Where the Docker Engine listens, parsed from a `DOCKER_HOST`-style URL
/// (`unix:///var/run/docker.sock`, `tcp://host:2376`), with TLS settings read the way Docker's CLI
/// reads them (`DOCKER_TLS_VERIFY`, `DOCKER_CERT_PATH`).
struct DockerEndpoint {
    enum class Kind { Unix, Tcp };

    Kind kind = Kind::Unix;
    QString socketPath; ///< Kind::Unix: the socket's file path.
    QString host;       ///< Kind::Tcp: host name or address.
    quint16 port = 0;   ///< Kind::Tcp: port (2375 plain, 2376 TLS when the URL has none).
    bool tls = false;   ///< Kind::Tcp: speak TLS.
    bool tlsVerify = false; ///< Verify the server against `ca.pem` and present `cert.pem`/`key.pem`.
    QString certPath;       ///< Folder with `ca.pem`, `cert.pem`, `key.pem`.

    /// The default: `DOCKER_HOST` when set, else `unix:///var/run/docker.sock`; TLS from
    /// `DOCKER_TLS_VERIFY` and `DOCKER_CERT_PATH` (default `~/.docker`).
    static DockerEndpoint fromEnvironment();
    /// Parses `url`; TLS settings come from the environment as for fromEnvironment().
    /// Returns nullopt and sets `error` when the URL is not a supported Docker host.
    static std::optional<DockerEndpoint> parse(const QString& url, QString* error = nullptr);

    /// The URL form, as used in error messages: `unix:///var/run/docker.sock`, `tcp://h:2376`.
    QString toString() const;
};

} // namespace sockerless::docker
