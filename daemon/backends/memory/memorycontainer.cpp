#include "backends/memory/memorycontainer.h"

#include "backends/memory/memoryclock.h"
#include "backends/memory/memoryevents.h"
#include "backends/memory/shell/shellfilesystem.h"
#include "backends/memory/shell/shellprocess.h"

#include <QTimer>

namespace sockerless::backends::memory {

namespace {

constexpr int kSigKill = 9;
// Docker's first restart delay; later ones double (Docker's backoff), up to a minute.
constexpr int kRestartDelayMs = 100;

} // namespace

MemoryContainer::MemoryContainer(ContainerSetup setup, MemoryEvents* events, QObject* parent)
    : QObject(parent)
    , m_setup(std::move(setup))
    , m_events(events)
    , m_logs(m_setup.logLimit) {}

MemoryContainer::~MemoryContainer() {
    terminate();
}

std::shared_ptr<shell::ShellFileSystem> MemoryContainer::fileSystem() {
    if (!m_fileSystem)
        m_fileSystem = std::make_shared<shell::ShellFileSystem>(
            m_setup.config.hostname.value_or(m_setup.id.left(12)));
    return m_fileSystem;
}

QMap<QString, QString> MemoryContainer::eventAttributes() const {
    QMap<QString, QString> attributes = m_setup.config.labels.value_or(QMap<QString, QString>{});
    attributes.insert(QStringLiteral("image"), m_setup.config.image.value_or(QString()));
    attributes.insert(QStringLiteral("name"), m_setup.name);
    return attributes;
}

void MemoryContainer::publish(const QString& action, const QMap<QString, QString>& extra) {
    QMap<QString, QString> attributes = eventAttributes();
    attributes.insert(extra);
    m_events->publish(QStringLiteral("container"), action, m_setup.id, attributes);
}

api::Result<api::Nothing> MemoryContainer::start() {
    if (isRunning() || m_status == QLatin1String("restarting"))
        return api::ApiError{304, {}};
    m_stoppedByUser = false;
    launch();
    return api::Nothing{};
}

void MemoryContainer::launch() {
    shell::ProcessSpec spec;
    spec.argv = m_setup.command;
    spec.env = m_setup.config.env.value_or(QStringList{});
    spec.hostname = m_setup.config.hostname.value_or(m_setup.id.left(12));
    spec.workingDir = m_setup.config.workingDir.value_or(QString());
    // PID 1 ignores the signals it does not handle, unless an init runs in front of it.
    spec.ignoresDefaultSignals = !m_setup.hostConfig.init.value_or(false);
    spec.fileSystem = fileSystem();
    spec.user = m_setup.config.user.value_or(QString());
    m_process = new shell::ShellProcess(spec, this);
    connect(m_process, &shell::ShellProcess::output, this, &MemoryContainer::onOutput);
    connect(m_process, &shell::ShellProcess::finished, this, &MemoryContainer::onFinished);
    emit starting();
    m_status = QStringLiteral("running");
    m_error.clear();
    m_exitCode = 0;
    m_startedNanos = MemoryClock::nowNanos();
    m_process->start();
    m_pid = m_process->pid();
    // Without OpenStdin the process's stdin is /dev/null, as with Docker.
    if (!m_setup.config.openStdin.value_or(false))
        m_process->closeStdin();
    publish(QStringLiteral("start"));
}

void MemoryContainer::onOutput(int stream, const QByteArray& data) {
    if (m_setup.config.tty.value_or(false)) {
        // A terminal has one stream and turns each newline into CR LF.
        QByteArray translated = data;
        translated.replace("\n", "\r\n");
        m_logs.append(1, translated);
    } else {
        m_logs.append(stream, data);
    }
    emit logAppended();
}

void MemoryContainer::onFinished(int exitCode) {
    m_process->deleteLater();
    m_process = nullptr;
    const bool stoppedByUser = m_stoppedByUser;
    recordExit(exitCode);
    if (!stoppedByUser && restartWanted(exitCode)) {
        m_status = QStringLiteral("restarting");
        const int delay = kRestartDelayMs << std::min(m_restartCount, 9);
        QTimer::singleShot(std::min(delay, 60000), this, [this] {
            if (m_status != QLatin1String("restarting"))
                return;
            ++m_restartCount;
            launch();
        });
        return;
    }
    if (m_setup.hostConfig.autoRemove.value_or(false))
        emit autoRemoveDue();
}

void MemoryContainer::killNow() {
    if (!m_process) {
        m_stoppedByUser = true;
        if (m_status == QLatin1String("restarting"))
            m_status = QStringLiteral("exited");
        return;
    }
    m_stoppedByUser = true;
    publish(QStringLiteral("kill"), {{QStringLiteral("signal"), QString::number(kSigKill)}});
    m_process->disconnect(this);
    delete m_process; // kills and joins the interpreter's threads
    m_process = nullptr;
    recordExit(128 + kSigKill);
}

void MemoryContainer::recordExit(int exitCode) {
    if (m_killTimer) {
        m_killTimer->deleteLater();
        m_killTimer = nullptr;
    }
    m_logs.flush();
    emit logAppended();
    m_exitCode = exitCode;
    m_pid = 0;
    m_finishedNanos = MemoryClock::nowNanos();
    m_status = QStringLiteral("exited");
    publish(QStringLiteral("die"), {{QStringLiteral("exitCode"), QString::number(exitCode)}});
    const auto waiters = std::exchange(m_stopWaiters, {});
    if (!waiters.isEmpty())
        publish(QStringLiteral("stop"));
    emit exited(exitCode);
    for (const auto& done : waiters)
        done();
}

bool MemoryContainer::restartWanted(int exitCode) const {
    const api::RestartPolicy policy =
        m_setup.hostConfig.restartPolicy.value_or(api::RestartPolicy{});
    const QString name = policy.name.value_or(QString());
    if (name == QLatin1String("always") || name == QLatin1String("unless-stopped"))
        return true;
    if (name == QLatin1String("on-failure")) {
        const qint64 maximum = policy.maximumRetryCount.value_or(0);
        return exitCode != 0 && (maximum <= 0 || m_restartCount < maximum);
    }
    return false;
}

api::Result<api::Nothing> MemoryContainer::kill(int signo) {
    if (m_status == QLatin1String("restarting")) {
        // Docker's kill of a restarting container stops the restart loop.
        m_status = QStringLiteral("exited");
        return api::Nothing{};
    }
    if (!isRunning())
        return api::ApiError{409, QStringLiteral("Container %1 is not running").arg(m_setup.id)};
    publish(QStringLiteral("kill"), {{QStringLiteral("signal"), QString::number(signo)}});
    m_process->signal(signo);
    return api::Nothing{};
}

api::Result<api::Nothing> MemoryContainer::stop(int signo, qint64 timeoutSeconds,
                                                const std::function<void()>& done) {
    if (m_status == QLatin1String("restarting")) {
        m_status = QStringLiteral("exited");
        m_stoppedByUser = true;
        publish(QStringLiteral("stop"));
        QTimer::singleShot(0, this, done);
        return api::Nothing{};
    }
    if (!isRunning())
        return api::ApiError{304, {}};
    m_stoppedByUser = true;
    m_stopWaiters.append(done);
    if (m_stopWaiters.size() > 1)
        return api::Nothing{}; // a stop is under way: this one waits for the same end
    if (timeoutSeconds != 0) {
        publish(QStringLiteral("kill"), {{QStringLiteral("signal"), QString::number(signo)}});
        m_process->signal(signo);
    }
    if (timeoutSeconds < 0)
        return api::Nothing{};
    m_killTimer = new QTimer(this);
    m_killTimer->setSingleShot(true);
    connect(m_killTimer, &QTimer::timeout, this, [this] {
        if (!m_process)
            return;
        publish(QStringLiteral("kill"), {{QStringLiteral("signal"), QString::number(kSigKill)}});
        m_process->signal(kSigKill);
    });
    m_killTimer->start(std::chrono::milliseconds(timeoutSeconds * 1000));
    return api::Nothing{};
}

void MemoryContainer::terminate() {
    if (m_process) {
        m_process->disconnect(this);
        delete m_process; // kills and joins the interpreter's threads
        m_process = nullptr;
    }
    if (isRunning() || m_status == QLatin1String("restarting"))
        m_status = QStringLiteral("exited");
}

void MemoryContainer::markRemoved() {
    terminate();
    m_status = QStringLiteral("removing");
    publish(QStringLiteral("destroy"));
    emit removed();
}

} // namespace sockerless::backends::memory
