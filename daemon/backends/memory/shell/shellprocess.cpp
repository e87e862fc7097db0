#include "shellprocess.h"

#include "shellinterpreter.h"

#include <QMetaObject>
#include <QPointer>

#include <atomic>

namespace sockerless::backends::memory::shell {

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype outputLimit = qsizetype{256} * 1024;
constexpr int statusKilled = 128 + 9;
constexpr int statusBrokenPipe = 141;

std::atomic<qint64> nextPid{1000};

} // namespace

ShellProcess::ShellProcess(ProcessSpec spec, QObject* parent)
    : QObject(parent)
    , spec_(std::move(spec))
    , pid_(nextPid.fetch_add(1))
    , stdin_(control_)
    , queue_(
          control_,
          [this] {
              // Called on the worker's thread: delivery happens on the owner's.
              QMetaObject::invokeMethod(this, &ShellProcess::deliver, Qt::QueuedConnection);
          },
          outputLimit)
    , stdout_(queue_, 1)
    , stderr_(queue_, 2) {}

ShellProcess::~ShellProcess() {
    control_.kill(statusKilled);
    if (worker_.joinable())
        worker_.join();
}

std::optional<int> ShellProcess::signalNumber(const QString& name) {
    return ProcessControl::signalNumber(name);
}

void ShellProcess::start() {
    if (worker_.joinable())
        return;
    worker_ = std::thread([this] { run(); });
}

void ShellProcess::writeStdin(const QByteArray& data) {
    stdin_.append(data);
}

void ShellProcess::closeStdin() {
    stdin_.close();
}

void ShellProcess::signal(int signo) {
    control_.raise(signo, spec_.ignoresDefaultSignals);
}

void ShellProcess::run() {
    int status = 0;
    try {
        ShellState state;
        state.hostname = spec_.hostname;
        state.workingDir = spec_.workingDir.isEmpty() ? u"/"_s : spec_.workingDir;
        state.pid = pid_;
        state.fileSystem =
            spec_.fileSystem ? spec_.fileSystem : std::make_shared<ShellFileSystem>(spec_.hostname);
        state.user = spec_.user;
        ShellInterpreter shell(control_, std::move(state), true,
                               {{0, &stdin_}, {1, &stdout_}, {2, &stderr_}});
        for (const QString& entry : spec_.env) {
            const qsizetype equals = entry.indexOf(u'=');
            const QString name = equals < 0 ? entry : entry.left(equals);
            shell.setVariable(name, equals < 0 ? QString() : entry.mid(equals + 1));
            shell.exportVariable(name);
        }
        status = shell.runProgram(spec_.argv);
    } catch (const ProcessKilled&) {
        // The exit code is the kill's, below.
    } catch (const BrokenPipe&) {
        status = statusBrokenPipe;
    }
    queue_.close(control_.killed() ? control_.killCode() : status);
}

void ShellProcess::deliver() {
    qsizetype bytes = 0;
    std::optional<int> exitCode;
    const QList<OutputQueue::Chunk> chunks = queue_.take(&bytes, &exitCode);
    const QPointer<ShellProcess> self(this);
    for (const OutputQueue::Chunk& chunk : chunks) {
        emit output(chunk.stream, chunk.data);
        if (!self) // a receiver deleted us
            return;
    }
    queue_.delivered(bytes);
    if (exitCode && !finishedEmitted_) {
        finishedEmitted_ = true;
        emit finished(*exitCode);
    }
}

} // namespace sockerless::backends::memory::shell
