#pragma once

#include "observe/log.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace sockerless {

/// The daemon's settings. Each option can also be set by `SOCKERLESS_<NAME>` in the environment
/// (`SOCKERLESS_LISTEN`, comma-separated for several); the command line wins over the environment.
struct Options {
    enum class Backend { Docker, Memory, Auto };

    QStringList listen{QStringLiteral("127.0.0.1:3375")}; ///< `host:port` or Unix socket paths
    Backend backend = Backend::Auto;
    QString dockerHost; ///< empty: `DOCKER_HOST`, then `unix:///var/run/docker.sock`
    observe::Log::Format logFormat = observe::Log::Format::Text;
    observe::Log::Level logLevel = observe::Log::Level::Info;
    /// The memory backend keeps at most this many bytes of each container's log (oldest lines
    /// are dropped first), so a chatty container cannot grow the daemon without bound.
    qint64 memoryLogLimit = qint64(8) << 20;

    // Observability
    int requestLogSize = 10000; ///< request-log records kept in memory for `/requests`
    QString requestLogFile;     ///< empty: no file; else JSON lines appended here
    qint64 requestLogMaxBytes = qint64(64) << 20; ///< rotate the file past this size
    int requestLogFiles = 5;                      ///< rotated files kept (`FILE.1` ... `FILE.N`)

    // Access control
    /// The bearer token every route but healthz requires; empty: none. Read from `--token-file`
    /// or `SOCKERLESS_TOKEN`, never from the command line (it would show in `ps`).
    QByteArray token;
    bool insecure = false; ///< allow a non-loopback listener without a token
    QString tlsCert;       ///< PEM certificate (chain) for TCP listeners; empty: plain HTTP
    QString tlsKey;        ///< PEM private key for tlsCert
    bool readOnly = false; ///< only calls that change nothing are allowed
    QStringList allow;     ///< operation groups allowed (empty: all), see policyGroups()
    QStringList deny;      ///< operation groups refused; wins over allow

    // Limits
    qint64 maxBody = qint64(16) << 20;        ///< request body limit (JSON calls)
    qint64 maxLoadBody = qint64(1) << 30;     ///< request body limit for `images/load`
    qint64 maxHeaderBytes = qint64(64) << 10; ///< request line plus headers
    int idleTimeoutSeconds = 60;              ///< idle keep-alive connections close after this
    int maxConnections = 4096;                ///< open client connections, streams included

    /// What parse() decided.
    struct Parsed {
        enum class Action { Run, ShowHelp, ShowVersion, Fail };
        Action action = Action::Run;
        QString text; ///< help or version text, or the error message for Fail
    };

    /// Parses `arguments` (with the program name first) and `environment` into `options`.
    static Parsed parse(const QStringList& arguments, const QProcessEnvironment& environment,
                        Options* options);
    /// The operation groups `--allow`/`--deny` take: containers, exec, images, auth, networks,
    /// volumes, events, admin.
    static const QStringList& policyGroups();
    /// True for a listen address that only this host can reach: a Unix socket path, `localhost`,
    /// 127.0.0.0/8 or ::1.
    static bool isLoopbackAddress(const QString& listenAddress);
    /// `docker`, `memory` or `auto`, as the option spells it.
    static QString backendName(Backend backend);
};

} // namespace sockerless
