#pragma once

#include "shellfilesystem.h"
#include "shellio.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <thread>

namespace sockerless::backends::memory::shell {

/// What a ShellProcess runs and with which identity.
struct ProcessSpec {
    QStringList argv; ///< what to run, e.g. {"sh","-c","echo hi"} or {"sleep","60"}
    QStringList env;  ///< KEY=value; PATH etc. as given
    QString hostname;
    QString workingDir; ///< "/" when empty
    /// PID 1 of a container: signals whose default action is to terminate are IGNORED unless
    /// trapped (SIGKILL always kills).
    bool ignoresDefaultSignals = true;
    /// The container's file system, shared by its processes; null: a fresh seeded one of its own.
    std::shared_ptr<ShellFileSystem> fileSystem;
    /// Docker's `User` (`name`, `uid`, `name:group`, `uid:gid`); empty: root.
    QString user;
};

/// One process of the memory backend: its program runs in the built-in shell interpreter on a
/// thread of its own (plus one per extra pipeline stage), never blocking the owner's thread.
/// The object lives on the owner's (caller's) thread; output and the end are signalled there,
/// in order. Output is bounded: once about 256 KiB wait undelivered the process blocks until
/// the owner's event loop has emitted them. Destroying the object kills the process and joins
/// its threads; no thread outlives it.
class ShellProcess : public QObject {
    Q_OBJECT
public:
    /// A process that will run `spec` once start() is called.
    explicit ShellProcess(ProcessSpec spec, QObject* parent = nullptr);
    /// Kills the process (as SIGKILL) and joins its threads; never blocks long.
    ~ShellProcess() override;

    /// Starts the process's thread (once).
    void start();
    /// Thread-safe; the bytes wait until a reader takes them.
    void writeStdin(const QByteArray& data);
    /// End of file for the readers of stdin once what was written is read.
    void closeStdin();
    /// Sends a signal (Linux numbers: HUP 1 INT 2 QUIT 3 KILL 9 USR1 10 USR2 12 PIPE 13 ALRM 14
    /// TERM 15). SIGKILL ends the process at once with 137; a trapped signal runs its handler
    /// after the current foreground command; an untrapped terminating one is ignored when
    /// `ignoresDefaultSignals`, else it ends the process at once with 128+signo.
    void signal(int signo);
    /// The fake process id, unique in this daemon (from 1000 up); also the shell's `$$`.
    qint64 pid() const { return pid_; }

    /// "TERM", "SIGTERM", "15" -> 15; unknown -> nullopt.
    static std::optional<int> signalNumber(const QString& name);

signals:
    /// Output of the process: `stream` 1 = stdout, 2 = stderr, in the order written.
    void output(int stream, const QByteArray& data);
    /// Emitted once, after all output was emitted.
    void finished(int exitCode);

private:
    void run();
    void deliver();

    ProcessSpec spec_;
    qint64 pid_;
    ProcessControl control_;
    StdinStream stdin_;
    OutputQueue queue_;
    OutputQueue::Channel stdout_;
    OutputQueue::Channel stderr_;
    std::thread worker_;
    bool finishedEmitted_ = false;
};

} // namespace sockerless::backends::memory::shell
