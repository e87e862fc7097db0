#include "options.h"

#include <QCommandLineParser>
#include <QFile>
#include <QHostAddress>
#include <limits>
#include <optional>

namespace sockerless {

namespace {

struct OptionSpec {
    const char* name;
    const char* valueName; ///< nullptr for a flag (set or not)
    const char* description;
};

// Each option's environment variable is SOCKERLESS_ plus its name in upper case, '-' as '_'.
constexpr OptionSpec kOptions[] = {
    {"listen", "address",
     "Listen on host:port or on a Unix socket path (mode 0660); repeatable. Default "
     "127.0.0.1:3375."},
    {"backend", "kind",
     "docker, memory or auto (Docker when it answers, else memory). Default auto."},
    {"docker-host", "url",
     "The Docker Engine to use: unix:///path or tcp://host:port. Default: DOCKER_HOST, then "
     "unix:///var/run/docker.sock."},
    {"log-format", "format", "text or json. Default text."},
    {"log-level", "level", "debug, info, warn or error. Default info."},
    {"memory-log-limit", "bytes",
     "Memory backend: the most log kept per container, in bytes (suffix K, M or G allowed); the "
     "oldest lines go first. Default 8M."},
    {"request-log-size", "count",
     "Request-log records kept in memory for GET /internal/v1/requests. Default 10000."},
    {"request-log", "file", "Also append every request-log record to this file as a JSON line."},
    {"request-log-max-size", "bytes",
     "Rotate the request-log file when it would grow past this size (suffix K, M or G). "
     "Default 64M."},
    {"request-log-files", "count",
     "Rotated request-log files kept (file.1 is the newest). Default 5."},
    {"token-file", "file",
     "Require 'Authorization: Bearer <token>' on every route but healthz; the token is the "
     "file's content (surrounding whitespace ignored, at least 16 characters). "
     "SOCKERLESS_TOKEN may hold the token itself."},
    {"insecure", nullptr,
     "Allow listening on a non-loopback address without a token. Anyone who reaches the port "
     "gets root on the Docker host."},
    {"tls-cert", "file", "Serve HTTPS/WSS on TCP listeners with this PEM certificate (chain)."},
    {"tls-key", "file", "The PEM private key for --tls-cert."},
    {"read-only", nullptr, "Refuse every call that changes something (403)."},
    {"allow", "groups",
     "Allow only these operation groups (comma-separated, repeatable): containers, exec, images, "
     "auth, networks, volumes, events, admin. Default: all."},
    {"deny", "groups", "Refuse these operation groups (403); wins over --allow."},
    {"max-body", "bytes", "Largest request body, answered 413 beyond. Default 16M."},
    {"max-load-body", "bytes", "Largest body for POST images/load. Default 1G."},
    {"max-header-size", "bytes", "Largest request line plus headers (431 beyond). Default 64K."},
    {"idle-timeout", "seconds",
     "Close a keep-alive connection idle this long (streams are never idle-closed). Default 60."},
    {"max-connections", "count",
     "Most open client connections, streams included; more are answered 503. Default 4096."},
};

constexpr int kMinimumTokenLength = 16;

// `8388608`, `512K`, `8M`, `1G` (powers of 1024); nothing for anything else or for 0.
std::optional<qint64> parseByteSize(const QString& text) {
    static const QString suffixes = QStringLiteral("KMG");
    QString digits = text.trimmed().toUpper();
    int shift = 0;
    if (!digits.isEmpty() && suffixes.contains(digits.back())) {
        shift = 10 * (static_cast<int>(suffixes.indexOf(digits.back())) + 1);
        digits.chop(1);
    }
    bool ok = false;
    const qint64 value = digits.toLongLong(&ok);
    if (!ok || value <= 0 || value > (std::numeric_limits<qint64>::max() >> shift))
        return std::nullopt;
    return value << shift;
}

QString envName(const char* option) {
    return QStringLiteral("SOCKERLESS_") +
           QString::fromLatin1(option).toUpper().replace(QLatin1Char('-'), QLatin1Char('_'));
}

} // namespace

QString Options::backendName(Backend backend) {
    switch (backend) {
    case Backend::Docker:
        return QStringLiteral("docker");
    case Backend::Memory:
        return QStringLiteral("memory");
    case Backend::Auto:
        return QStringLiteral("auto");
    }
    return {};
}

Options::Parsed Options::parse(const QStringList& arguments, const QProcessEnvironment& environment,
                               Options* options) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("sockerlessd serves the sockerless internal API (/internal/v1) on top of a "
                       "Docker Engine or an in-memory backend.\nEvery option can also be set "
                       "with an environment variable SOCKERLESS_<OPTION>, e.g. "
                       "SOCKERLESS_LOG_FORMAT=json; SOCKERLESS_LISTEN takes a comma-separated "
                       "list."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    for (const OptionSpec& spec : kOptions)
        parser.addOption(
            QCommandLineOption(QString::fromLatin1(spec.name),
                               QString::fromLatin1(spec.description) + QStringLiteral(" [env: ") +
                                   envName(spec.name) + QLatin1Char(']'),
                               spec.valueName ? QString::fromLatin1(spec.valueName) : QString()));

    Parsed result;
    if (!parser.parse(arguments)) {
        result.action = Parsed::Action::Fail;
        result.text = parser.errorText();
        return result;
    }
    if (parser.isSet(help)) {
        result.action = Parsed::Action::ShowHelp;
        result.text = parser.helpText();
        return result;
    }
    if (parser.isSet(version)) {
        result.action = Parsed::Action::ShowVersion;
        result.text = QStringLiteral("sockerlessd %1").arg(QStringLiteral(SOCKERLESS_VERSION));
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.action = Parsed::Action::Fail;
        result.text =
            QStringLiteral("unexpected argument: %1").arg(parser.positionalArguments().first());
        return result;
    }

    // The command line wins; the environment fills in what it did not set.
    auto values = [&](const char* name) -> QStringList {
        const QString option = QString::fromLatin1(name);
        if (parser.isSet(option))
            return parser.values(option);
        const QString fromEnv = environment.value(envName(name));
        if (fromEnv.isEmpty())
            return {};
        QStringList list;
        for (const QString& item : fromEnv.split(QLatin1Char(','), Qt::SkipEmptyParts))
            list.append(item.trimmed());
        return list;
    };
    auto fail = [&](const QString& message) {
        result.action = Parsed::Action::Fail;
        result.text = message;
        return result;
    };
    auto single = [&](const char* name, QString* out) -> bool {
        const QStringList list = values(name);
        if (list.size() > 1) {
            fail(QStringLiteral("--%1 may be given only once").arg(QString::fromLatin1(name)));
            return false;
        }
        if (!list.isEmpty())
            *out = list.first();
        return true;
    };

    if (const QStringList listen = values("listen"); !listen.isEmpty())
        options->listen = listen;
    for (const QString& address : std::as_const(options->listen))
        if (address.isEmpty())
            return fail(QStringLiteral("--listen needs host:port or a socket path"));

    QString backend, logFormat, logLevel, memoryLogLimit;
    if (!single("backend", &backend) || !single("docker-host", &options->dockerHost) ||
        !single("log-format", &logFormat) || !single("log-level", &logLevel) ||
        !single("memory-log-limit", &memoryLogLimit))
        return result;
    if (!memoryLogLimit.isEmpty()) {
        const auto bytes = parseByteSize(memoryLogLimit);
        if (!bytes)
            return fail(QStringLiteral("--memory-log-limit must be a positive number of bytes "
                                       "(suffix K, M or G allowed), not '%1'")
                            .arg(memoryLogLimit));
        options->memoryLogLimit = *bytes;
    }
    if (backend == QLatin1String("docker"))
        options->backend = Backend::Docker;
    else if (backend == QLatin1String("memory"))
        options->backend = Backend::Memory;
    else if (backend.isEmpty() || backend == QLatin1String("auto"))
        options->backend = Backend::Auto;
    else
        return fail(
            QStringLiteral("--backend must be docker, memory or auto, not '%1'").arg(backend));
    if (!logFormat.isEmpty() && !observe::Log::parseFormat(logFormat, &options->logFormat))
        return fail(QStringLiteral("--log-format must be text or json, not '%1'").arg(logFormat));
    if (!logLevel.isEmpty() && !observe::Log::parseLevel(logLevel, &options->logLevel))
        return fail(QStringLiteral("--log-level must be debug, info, warn or error, not '%1'")
                        .arg(logLevel));

    // A flag is set on the command line, or by its variable holding 1/true/yes.
    auto flag = [&](const char* name) {
        if (parser.isSet(QString::fromLatin1(name)))
            return true;
        const QString value = environment.value(envName(name)).trimmed().toLower();
        return value == QLatin1String("1") || value == QLatin1String("true") ||
               value == QLatin1String("yes");
    };
    auto byteSize = [&](const char* name, qint64* out) -> bool {
        QString text;
        if (!single(name, &text))
            return false;
        if (text.isEmpty())
            return true;
        const auto bytes = parseByteSize(text);
        if (!bytes) {
            fail(QStringLiteral("--%1 must be a positive number of bytes (suffix K, M or G "
                                "allowed), not '%2'")
                     .arg(QString::fromLatin1(name), text));
            return false;
        }
        *out = *bytes;
        return true;
    };
    auto count = [&](const char* name, int minimum, int* out) -> bool {
        QString text;
        if (!single(name, &text))
            return false;
        if (text.isEmpty())
            return true;
        bool ok = false;
        const int value = text.trimmed().toInt(&ok);
        if (!ok || value < minimum) {
            fail(QStringLiteral("--%1 must be a whole number of at least %2, not '%3'")
                     .arg(QString::fromLatin1(name))
                     .arg(minimum)
                     .arg(text));
            return false;
        }
        *out = value;
        return true;
    };
    auto groups = [&](const char* name, QStringList* out) -> bool {
        for (const QString& item : values(name)) {
            for (const QString& part : item.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                const QString group = part.trimmed().toLower();
                if (!policyGroups().contains(group)) {
                    fail(QStringLiteral("--%1: unknown operation group '%2' (known: %3)")
                             .arg(QString::fromLatin1(name), part.trimmed(),
                                  policyGroups().join(QStringLiteral(", "))));
                    return false;
                }
                if (!out->contains(group))
                    out->append(group);
            }
        }
        return true;
    };

    QString tokenFile;
    if (!count("request-log-size", 1, &options->requestLogSize) ||
        !single("request-log", &options->requestLogFile) ||
        !byteSize("request-log-max-size", &options->requestLogMaxBytes) ||
        !count("request-log-files", 1, &options->requestLogFiles) ||
        !single("token-file", &tokenFile) || !single("tls-cert", &options->tlsCert) ||
        !single("tls-key", &options->tlsKey) || !groups("allow", &options->allow) ||
        !groups("deny", &options->deny) || !byteSize("max-body", &options->maxBody) ||
        !byteSize("max-load-body", &options->maxLoadBody) ||
        !byteSize("max-header-size", &options->maxHeaderBytes) ||
        !count("idle-timeout", 1, &options->idleTimeoutSeconds) ||
        !count("max-connections", 1, &options->maxConnections))
        return result;
    options->insecure = flag("insecure");
    options->readOnly = flag("read-only");

    if (!tokenFile.isEmpty()) {
        QFile file(tokenFile);
        if (!file.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("--token-file %1: %2").arg(tokenFile, file.errorString()));
        options->token = file.read(qint64(64) << 10).trimmed();
    } else {
        options->token = environment.value(QStringLiteral("SOCKERLESS_TOKEN")).toUtf8().trimmed();
    }
    // The token is never echoed: a message naming it would put it in logs and terminals.
    if (!options->token.isEmpty() && options->token.size() < kMinimumTokenLength)
        return fail(QStringLiteral("the token must be at least %1 characters long (it has %2)")
                        .arg(kMinimumTokenLength)
                        .arg(options->token.size()));
    if (!tokenFile.isEmpty() && options->token.isEmpty())
        return fail(QStringLiteral("--token-file %1 is empty").arg(tokenFile));
    if (options->tlsCert.isEmpty() != options->tlsKey.isEmpty())
        return fail(QStringLiteral("--tls-cert and --tls-key go together"));
    if (options->token.isEmpty() && !options->insecure) {
        for (const QString& address : std::as_const(options->listen)) {
            if (!isLoopbackAddress(address))
                return fail(QStringLiteral(
                                "refusing to listen on %1 without a token: anyone who reaches it "
                                "would control Docker. Set --token-file (or SOCKERLESS_TOKEN), "
                                "listen on loopback or a Unix socket, or pass --insecure")
                                .arg(address));
        }
    }
    return result;
}

const QStringList& Options::policyGroups() {
    static const QStringList groups{QStringLiteral("containers"), QStringLiteral("exec"),
                                    QStringLiteral("images"),     QStringLiteral("auth"),
                                    QStringLiteral("networks"),   QStringLiteral("volumes"),
                                    QStringLiteral("events"),     QStringLiteral("admin")};
    return groups;
}

bool Options::isLoopbackAddress(const QString& listenAddress) {
    if (listenAddress.contains(QLatin1Char('/')))
        return true; // a Unix socket: file permissions guard it
    const qsizetype colon = listenAddress.lastIndexOf(QLatin1Char(':'));
    QString host = colon < 0 ? listenAddress : listenAddress.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    if (host == QLatin1String("localhost"))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace sockerless
