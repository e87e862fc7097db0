#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <optional>

namespace sockerless::docker {

/// Where the Docker Engine listens, parsed from a `DOCKER_HOST`-style URL
/// (`unix:///var/run/docker.sock`, `tcp://host:2376`), with TLS settings read the way Docker's CLI
/// reads them (`DOCKER_TLS_VERIFY`, `DOCKER_CERT_PATH`).
///
/// Accepted: `unix:///absolute/path`, `tcp://host`, `tcp://host:port`, `tcp://[v6addr]:port`
/// (an optional trailing `/`; surrounding blanks are ignored). Everything else is refused with a
/// reason: other schemes (`http`, `ssh`, `npipe`, `fd` ...), a relative socket path, a missing
/// host, a port that is not 1-65535, user info, a path, query or fragment after a TCP host.
struct DockerEndpoint {
    enum class Kind { Unix, Tcp };

    Kind kind = Kind::Unix;
    QString socketPath; ///< Kind::Unix: the socket's file path.
    QString host;       ///< Kind::Tcp: host name or address.
    quint16 port = 0;   ///< Kind::Tcp: port (2375 plain, 2376 TLS when the URL has none).
    bool tls = false;   ///< Kind::Tcp: speak TLS.
    bool tlsVerify =
        false;        ///< Verify the server against `ca.pem` and present `cert.pem`/`key.pem`.
    QString certPath; ///< Folder with `ca.pem`, `cert.pem`, `key.pem`.

    /// The default: `DOCKER_HOST` when set, else `unix:///var/run/docker.sock`; TLS from
    /// `DOCKER_TLS_VERIFY` and `DOCKER_CERT_PATH` (default `~/.docker`). An invalid `DOCKER_HOST`
    /// is reported with a warning and the default socket is used: callers that must refuse it use
    /// the overload that takes an environment.
    static DockerEndpoint fromEnvironment();
    /// As fromEnvironment(), from the given environment (tests drive it without touching the
    /// process environment). Returns nullopt and sets `error` when `DOCKER_HOST` is set but
    /// invalid.
    static std::optional<DockerEndpoint> fromEnvironment(const QProcessEnvironment& env,
                                                         QString* error = nullptr);
    /// Parses `url`; TLS settings come from the environment as for fromEnvironment().
    /// Returns nullopt and sets `error` when the URL is not a supported Docker host.
    static std::optional<DockerEndpoint> parse(const QString& url, QString* error = nullptr);
    /// Parses `url` with TLS settings from `env`: `DOCKER_TLS_VERIFY` non-empty means TLS with
    /// verification, `DOCKER_TLS` non-empty TLS without; `DOCKER_CERT_PATH` (default
    /// `$HOME/.docker`) holds the certificates. TLS applies to `tcp://` only.
    static std::optional<DockerEndpoint> parse(const QString& url, const QProcessEnvironment& env,
                                               QString* error = nullptr);

    /// The socket Docker listens on by default.
    static QString defaultUrl() { return QStringLiteral("unix:///var/run/docker.sock"); }

    /// The URL form, as used in error messages: `unix:///var/run/docker.sock`, `tcp://h:2376`.
    QString toString() const;
};

} // namespace sockerless::docker
