#pragma once

#include "api/containertypes.h"
#include "api/result.h"
#include "backends/memory/memorylogbuffer.h"

#include <QMap>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

class QTimer;

namespace sockerless::backends::memory {

class MemoryEvents;
namespace shell {
class ShellProcess;
class ShellFileSystem;
} // namespace shell

/// What a container is made of, fixed at create.
struct ContainerSetup {
    QString id;
    QString name; ///< without the leading `/`
    qint64 createdNanos = 0;
    api::ContainerConfig config; ///< the request's config merged with the image's
    api::HostConfig hostConfig;  ///< with Docker's defaults filled in
    QString imageId;             ///< `sha256:...`
    qint64 imageSize = 0;        ///< the image's size: the container's `SizeRootFs`
    QStringList command;         ///< Entrypoint + Cmd: `Path` and `Args` of inspect
    QList<api::MountPoint> mounts;
    qint64 logLimit = 0;
};

/// One container of the memory backend: its state machine (created, running, restarting,
/// exited), the process running its command, its log, and the events of its life.
class MemoryContainer : public QObject {
    Q_OBJECT
public:
    MemoryContainer(ContainerSetup setup, MemoryEvents* events, QObject* parent = nullptr);
    ~MemoryContainer() override;

    const ContainerSetup& setup() const { return m_setup; }
    const QString& id() const { return m_setup.id; }
    const QString& name() const { return m_setup.name; }

    /// `created`, `running`, `restarting`, `removing` or `exited`.
    QString status() const { return m_status; }
    bool isRunning() const { return m_status == QLatin1String("running"); }
    /// Whether it ever ran (a created container never did).
    bool hasRun() const { return m_startedNanos != 0; }
    int exitCode() const { return m_exitCode; }
    qint64 pid() const { return m_pid; }
    qint64 startedNanos() const { return m_startedNanos; }
    qint64 finishedNanos() const { return m_finishedNanos; }
    int restartCount() const { return m_restartCount; }
    QString error() const { return m_error; }
    const MemoryLogBuffer& logs() const { return m_logs; }

    /// Starts the command; a 304 when it already runs.
    api::Result<api::Nothing> start();
    /// Sends signal `signo` to the process (a 409 when it does not run).
    api::Result<api::Nothing> kill(int signo);
    /// Docker's stop: `signo`, then SIGKILL after `timeoutSeconds` (negative: wait for ever);
    /// `done` once the process has ended. A 304 when it does not run.
    api::Result<api::Nothing> stop(int signo, qint64 timeoutSeconds,
                                   const std::function<void()>& done);
    /// A forced remove: ends the process at once as SIGKILL would (exit 137, `kill` and `die`
    /// events, waiters answered) and never restarts it.
    void killNow();
    /// The container is going away: ends the process without events or restarts.
    void terminate();
    /// Announces the removal (`destroy` event, removed()).
    void markRemoved();

    /// The container's file system, shared by its main process and its execs; created (seeded
    /// with the hostname) on first use and kept across restarts, as Docker keeps the writable
    /// layer.
    std::shared_ptr<shell::ShellFileSystem> fileSystem();

    /// The attributes Docker puts on a container's events: `image`, `name` and the labels.
    QMap<QString, QString> eventAttributes() const;

signals:
    /// The process is about to run (before the `start` event, as Docker joins the networks
    /// first).
    void starting();
    /// New lines in the log.
    void logAppended();
    /// The process ended with `exitCode` (after its output is in the log).
    void exited(int exitCode);
    /// `HostConfig.AutoRemove` asks for removal now that the process ended.
    void autoRemoveDue();
    /// The container was removed.
    void removed();

private:
    void launch();
    void onOutput(int stream, const QByteArray& data);
    void onFinished(int exitCode);
    /// The process is gone with `exitCode`: the state, the `die` event, the waiters.
    void recordExit(int exitCode);
    bool restartWanted(int exitCode) const;
    void publish(const QString& action, const QMap<QString, QString>& extra = {});

    ContainerSetup m_setup;
    MemoryEvents* m_events;
    MemoryLogBuffer m_logs;
    shell::ShellProcess* m_process = nullptr;
    std::shared_ptr<shell::ShellFileSystem> m_fileSystem;
    QTimer* m_killTimer = nullptr;
    QList<std::function<void()>> m_stopWaiters;
    QString m_status = QStringLiteral("created");
    QString m_error;
    int m_exitCode = 0;
    qint64 m_pid = 0;
    qint64 m_startedNanos = 0;
    qint64 m_finishedNanos = 0;
    int m_restartCount = 0;
    bool m_stoppedByUser = false;
};

} // namespace sockerless::backends::memory
