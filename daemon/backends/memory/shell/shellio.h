#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>

namespace sockerless::backends::memory::shell {

/// Thrown from every blocking point of a process once it was killed: it unwinds each of the
/// process's threads without running anything more.
struct ProcessKilled {};

/// Thrown by a write into a pipe whose reader has ended: the writing pipeline stage ends with
/// status 141, as a process killed by SIGPIPE would.
struct BrokenPipe {};

/// What one process shares between its threads and its owner: the kill flag, the trap
/// dispositions that the owner consults when a signal arrives, the trapped signals waiting to be
/// handled, and the one mutex and condition variable that every blocking wait of the process
/// uses, so that a kill wakes all of them at once.
class ProcessControl {
public:
    /// How the main shell treats a signal.
    enum class Disposition { Default, Ignore, Trap };

    /// Lock and wake-up shared by the process's streams and sleeps.
    std::mutex mutex;
    std::condition_variable changed;

    /// Ends the process with `exitCode` (the first kill wins) and wakes every waiter.
    void kill(int exitCode);
    /// True once kill() was called.
    bool killed() const { return killed_.load(); }
    /// The exit code given to the first kill().
    int killCode() const { return killCode_.load(); }
    /// Throws ProcessKilled once killed.
    void checkKilled() const {
        if (killed())
            throw ProcessKilled{};
    }
    /// Waits on `changed` (with `lock` held on `mutex`) until `ready()`; throws ProcessKilled.
    template <typename Ready> void wait(std::unique_lock<std::mutex>& lock, Ready ready) {
        changed.wait(lock, [&] { return killed() || ready(); });
        checkKilled();
    }
    /// Sleeps `seconds` (negative: forever) unless killed first; throws ProcessKilled.
    void sleep(double seconds);

    /// Records how the main shell handles `signo` (the `trap` builtin calls this).
    void setDisposition(int signo, Disposition disposition);
    /// Acts on a signal sent to the process: SIGKILL kills with 137; a trapped signal is queued
    /// for the shell; an untrapped signal whose default action terminates kills with
    /// 128+signo unless `ignoresDefault` (PID 1 of a container) or it is ignored.
    void raise(int signo, bool ignoresDefault);
    /// The trapped signals received since the last call, in arrival order.
    QList<int> takePendingTraps();
    /// True when takePendingTraps() would return something (cheap, lock-free).
    bool hasPendingTraps() const { return hasPending_.load(); }

    /// `TERM`, `SIGTERM`, `term` or `15` -> 15 (Linux numbers, 1..64); unknown -> nullopt.
    static std::optional<int> signalNumber(const QString& name);
    /// 15 -> `TERM`; a number without a name -> the number as text.
    static QString signalName(int signo);
    /// True when the default action of `signo` ends the process (SIGCHLD, SIGCONT, SIGWINCH,
    /// SIGURG and the stop signals do not).
    static bool terminatesByDefault(int signo);

private:
    std::atomic<bool> killed_{false};
    std::atomic<int> killCode_{0};
    std::atomic<bool> hasPending_{false};
    QList<int> pending_;
    Disposition dispositions_[65] = {};
};

/// One end of a file descriptor: what the builtins read from and write to. The defaults make a
/// stream that is at end of file and discards writes (`/dev/null`).
class Stream {
public:
    virtual ~Stream() = default;
    /// Blocks until some bytes (at most `max`) or end of file (an empty result) are there.
    /// Throws ProcessKilled.
    virtual QByteArray read(qsizetype max);
    /// Writes all of `data`, blocking while the reader is behind. Throws ProcessKilled and
    /// BrokenPipe.
    virtual void write(const QByteArray& data);
};

/// `/dev/null`: end of file at once, writes discarded (but a killed process stops writing).
class NullStream : public Stream {
public:
    /// Discards output for the process governed by `control`.
    explicit NullStream(ProcessControl& control)
        : control_(control) {}
    void write(const QByteArray& data) override;

private:
    ProcessControl& control_;
};

/// Collects output in memory, for command substitution.
class BufferStream : public Stream {
public:
    /// Collects output of the process governed by `control`.
    explicit BufferStream(ProcessControl& control)
        : control_(control) {}
    void write(const QByteArray& data) override;
    /// Everything written so far.
    const QByteArray& data() const { return data_; }

private:
    ProcessControl& control_;
    QByteArray data_;
};

/// A bounded pipe between two pipeline stages: the writer blocks while it is full, the reader
/// while it is empty; when the reader closes its end, every write fails with BrokenPipe.
class Pipe : public Stream {
public:
    /// A pipe of the process governed by `control`, holding at most `capacity` bytes.
    explicit Pipe(ProcessControl& control, qsizetype capacity = qsizetype{64} * 1024)
        : control_(control)
        , capacity_(capacity) {}
    QByteArray read(qsizetype max) override;
    void write(const QByteArray& data) override;
    /// The writer is done: the reader sees end of file once the buffer is drained.
    void closeWrite();
    /// The reader is done: pending and future writes fail.
    void closeRead();

private:
    ProcessControl& control_;
    qsizetype capacity_;
    QByteArray buffer_;
    bool writeClosed_ = false;
    bool readClosed_ = false;
};

/// The process's standard input: bytes the owner hands in with append(), end of file after
/// close().
class StdinStream : public Stream {
public:
    /// The standard input of the process governed by `control`.
    explicit StdinStream(ProcessControl& control)
        : control_(control) {}
    QByteArray read(qsizetype max) override;
    /// Adds bytes for readers (thread-safe).
    void append(const QByteArray& data);
    /// Marks end of input (thread-safe).
    void close();

private:
    ProcessControl& control_;
    QByteArray buffer_;
    bool closed_ = false;
};

/// The process's stdout and stderr on their way to the owner's thread: writes are queued in
/// order, adjacent writes to one stream are joined, and a writer blocks while more than `limit`
/// bytes wait, until the owner has taken them (so a fast writer cannot eat memory).
class OutputQueue {
public:
    /// One queued piece of output.
    struct Chunk {
        int stream = 1;
        QByteArray data;
    };
    /// `notify` is called (on the writing thread, without the lock) when the queue turns
    /// non-empty, to schedule a take() on the owner's thread.
    OutputQueue(ProcessControl& control, std::function<void()> notify, qsizetype limit);
    /// Queues `data` for `stream` (1 or 2). Throws ProcessKilled.
    void write(int stream, const QByteArray& data);
    /// Marks the end of output with the process's exit code (nothing may be written after).
    void close(int exitCode);
    /// Takes every queued chunk; the writers stay blocked until delivered() is called. Sets
    /// `*exitCode` when the queue was closed: these chunks are the last.
    QList<Chunk> take(qsizetype* bytes, std::optional<int>* exitCode);
    /// Reports that `bytes` taken earlier were handed on, releasing blocked writers.
    void delivered(qsizetype bytes);

    /// A Stream that writes into one of the queue's streams.
    class Channel : public Stream {
    public:
        /// Writes go to `stream` of `queue`.
        Channel(OutputQueue& queue, int stream)
            : queue_(queue)
            , stream_(stream) {}
        void write(const QByteArray& data) override { queue_.write(stream_, data); }

    private:
        OutputQueue& queue_;
        int stream_;
    };

private:
    ProcessControl& control_;
    std::function<void()> notify_;
    qsizetype limit_;
    std::deque<Chunk> chunks_;
    qsizetype undelivered_ = 0; ///< queued plus taken-but-not-delivered bytes
    bool notified_ = false;
    std::optional<int> exitCode_;
};

} // namespace sockerless::backends::memory::shell
