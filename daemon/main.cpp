// sockerlessd: the sockerless internal API daemon.

#include "daemon.h"
#include "filelimit.h"
#include "observe/log.h"
#include "options.h"
#include "signalwatcher.h"

#include <QCoreApplication>
#include <QTimer>
#include <cstdio>
#include <cstring>

namespace {

// Streams get this long to close after SIGTERM; the process exits 0 well within 5 s.
constexpr int kShutdownTimeoutMs = 4000;

// A limit as a log value: RLIM_INFINITY does not fit a JSON number.
QJsonValue limitValue(rlim_t limit) {
    if (limit == RLIM_INFINITY)
        return QStringLiteral("unlimited");
    return static_cast<qint64>(limit);
}

// Every stream holds two descriptors (client and Docker): 1000 streams need more than the usual
// soft limit of 1024, so take what the hard limit allows.
void raiseFileLimit() {
    using sockerless::observe::Log;
    const auto outcome = sockerless::FileLimit::raiseToHardLimit();
    const Log::Fields fields{{QStringLiteral("before"), limitValue(outcome.before)},
                             {QStringLiteral("soft"), limitValue(outcome.after)},
                             {QStringLiteral("hard"), limitValue(outcome.hard)}};
    if (outcome.error != 0) {
        Log::warning(QStringLiteral("cannot raise the open-file limit: %1")
                         .arg(QString::fromLocal8Bit(std::strerror(outcome.error))),
                     fields);
        return;
    }
    Log::debug(QStringLiteral("open-file limit"), fields);
}

} // namespace

int main(int argc, char* argv[]) {
    // Qt's own event dispatcher instead of GLib's: the daemon uses no GLib sources, and GLib's
    // wakeups cost each proxied request 7 more system calls (19 instead of 12, strace over a
    // keep-alive inspect loop; bench/harness/analysis.md). Qt reads the variable when the
    // application is constructed.
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sockerlessd"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SOCKERLESS_VERSION));

    using sockerless::Options;
    using sockerless::observe::Log;
    Options options;
    const Options::Parsed parsed = Options::parse(
        QCoreApplication::arguments(), QProcessEnvironment::systemEnvironment(), &options);
    switch (parsed.action) {
    case Options::Parsed::Action::ShowHelp:
    case Options::Parsed::Action::ShowVersion:
        std::fputs(qPrintable(parsed.text + QLatin1Char('\n')), stdout);
        return 0;
    case Options::Parsed::Action::Fail:
        std::fprintf(stderr, "sockerlessd: %s\nTry 'sockerlessd --help'.\n",
                     qPrintable(parsed.text));
        return 2;
    case Options::Parsed::Action::Run:
        break;
    }
    Log::configure(options.logFormat, options.logLevel);
    raiseFileLimit();

    sockerless::Daemon daemon(options);
    sockerless::SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &sockerless::SignalWatcher::terminationRequested, &daemon,
                     [&daemon](int signalNumber, int count) {
                         if (count > 1) {
                             Log::warning(QStringLiteral("second signal: exiting now"));
                             QCoreApplication::exit(0);
                             return;
                         }
                         Log::info(QStringLiteral("signal received"),
                                   {{QStringLiteral("signal"), signalNumber}});
                         daemon.stop(kShutdownTimeoutMs);
                     });
    QObject::connect(&daemon, &sockerless::Daemon::startFailed, &app, [](const QString& message) {
        Log::error(QStringLiteral("cannot start: ") + message);
        QCoreApplication::exit(1);
    });
    QObject::connect(&daemon, &sockerless::Daemon::stopped, &app, [] {
        Log::info(QStringLiteral("stopped"));
        QCoreApplication::exit(0);
    });
    QTimer::singleShot(0, &daemon, &sockerless::Daemon::start);
    return QCoreApplication::exec();
}
