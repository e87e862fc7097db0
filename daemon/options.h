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

    /// What parse() decided.
    struct Parsed {
        enum class Action { Run, ShowHelp, ShowVersion, Fail };
        Action action = Action::Run;
        QString text; ///< help or version text, or the error message for Fail
    };

    /// Parses `arguments` (with the program name first) and `environment` into `options`.
    static Parsed parse(const QStringList& arguments, const QProcessEnvironment& environment,
                        Options* options);
    /// `docker`, `memory` or `auto`, as the option spells it.
    static QString backendName(Backend backend);
};

} // namespace sockerless
