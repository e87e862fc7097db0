#include "options.h"

#include <QCommandLineParser>
#include <limits>
#include <optional>

namespace sockerless {

namespace {

struct OptionSpec {
    const char* name;
    const char* valueName;
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
};

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
        parser.addOption(QCommandLineOption(QString::fromLatin1(spec.name),
                                            QString::fromLatin1(spec.description) +
                                                QStringLiteral(" [env: ") + envName(spec.name) +
                                                QLatin1Char(']'),
                                            QString::fromLatin1(spec.valueName)));

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
    return result;
}

} // namespace sockerless
