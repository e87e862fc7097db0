#include "shellio.h"

#include <QStringList>

#include <chrono>
#include <cmath>

namespace sockerless::backends::memory::shell {

namespace {

constexpr int sigKill = 9;

/// Linux signal names by number (index 0 unused).
const QStringList& signalNames() {
    static const QStringList names = {QString(),
                                      QStringLiteral("HUP"),
                                      QStringLiteral("INT"),
                                      QStringLiteral("QUIT"),
                                      QStringLiteral("ILL"),
                                      QStringLiteral("TRAP"),
                                      QStringLiteral("ABRT"),
                                      QStringLiteral("BUS"),
                                      QStringLiteral("FPE"),
                                      QStringLiteral("KILL"),
                                      QStringLiteral("USR1"),
                                      QStringLiteral("SEGV"),
                                      QStringLiteral("USR2"),
                                      QStringLiteral("PIPE"),
                                      QStringLiteral("ALRM"),
                                      QStringLiteral("TERM"),
                                      QStringLiteral("STKFLT"),
                                      QStringLiteral("CHLD"),
                                      QStringLiteral("CONT"),
                                      QStringLiteral("STOP"),
                                      QStringLiteral("TSTP"),
                                      QStringLiteral("TTIN"),
                                      QStringLiteral("TTOU"),
                                      QStringLiteral("URG"),
                                      QStringLiteral("XCPU"),
                                      QStringLiteral("XFSZ"),
                                      QStringLiteral("VTALRM"),
                                      QStringLiteral("PROF"),
                                      QStringLiteral("WINCH"),
                                      QStringLiteral("IO"),
                                      QStringLiteral("PWR"),
                                      QStringLiteral("SYS")};
    return names;
}

} // namespace

std::optional<int> ProcessControl::signalNumber(const QString& name) {
    bool ok = false;
    const int number = name.toInt(&ok);
    if (ok)
        return number >= 1 && number <= 64 ? std::optional<int>(number) : std::nullopt;
    QString upper = name.toUpper();
    if (upper.startsWith(QStringLiteral("SIG")))
        upper.remove(0, 3);
    if (upper == QStringLiteral("CLD"))
        upper = QStringLiteral("CHLD");
    if (upper == QStringLiteral("POLL"))
        upper = QStringLiteral("IO");
    const qsizetype index = signalNames().indexOf(upper);
    return index > 0 ? std::optional<int>(static_cast<int>(index)) : std::nullopt;
}

QString ProcessControl::signalName(int signo) {
    return signo > 0 && signo < signalNames().size() ? signalNames()[signo]
                                                     : QString::number(signo);
}

void ProcessControl::kill(int exitCode) {
    {
        const std::lock_guard lock(mutex);
        if (killed_.load())
            return;
        killCode_.store(exitCode);
        killed_.store(true);
    }
    changed.notify_all();
}

void ProcessControl::sleep(double seconds) {
    std::unique_lock lock(mutex);
    if (seconds < 0 || !std::isfinite(seconds)) {
        wait(lock, [] { return false; });
        return;
    }
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                              std::chrono::duration<double>(std::min(seconds, 1e9)));
    changed.wait_until(lock, deadline, [&] { return killed(); });
    checkKilled();
}

void ProcessControl::setDisposition(int signo, Disposition disposition) {
    if (signo < 0 || signo >= 65)
        return;
    const std::lock_guard lock(mutex);
    dispositions_[signo] = disposition;
}

bool ProcessControl::terminatesByDefault(int signo) {
    switch (signo) {
    case 17: // CHLD
    case 18: // CONT
    case 19: // STOP
    case 20: // TSTP
    case 21: // TTIN
    case 22: // TTOU
    case 23: // URG
    case 28: // WINCH
        return false;
    default:
        return signo > 0 && signo < 65;
    }
}

void ProcessControl::raise(int signo, bool ignoresDefault) {
    if (signo == sigKill) {
        kill(128 + sigKill);
        return;
    }
    if (signo <= 0 || signo >= 65)
        return;
    Disposition disposition = Disposition::Default;
    {
        const std::lock_guard lock(mutex);
        disposition = dispositions_[signo];
        if (disposition == Disposition::Trap) {
            pending_.append(signo);
            hasPending_.store(true);
        }
    }
    if (disposition == Disposition::Trap)
        changed.notify_all();
    else if (disposition == Disposition::Default && !ignoresDefault && terminatesByDefault(signo))
        kill(128 + signo);
}

QList<int> ProcessControl::takePendingTraps() {
    const std::lock_guard lock(mutex);
    hasPending_.store(false);
    return std::exchange(pending_, {});
}

QByteArray Stream::read(qsizetype) {
    return {};
}

void Stream::write(const QByteArray&) {}

void NullStream::write(const QByteArray&) {
    control_.checkKilled();
}

void BufferStream::write(const QByteArray& data) {
    control_.checkKilled();
    data_ += data;
}

QByteArray Pipe::read(qsizetype max) {
    std::unique_lock lock(control_.mutex);
    control_.wait(lock, [&] { return !buffer_.isEmpty() || writeClosed_; });
    QByteArray out = buffer_.left(max);
    buffer_.remove(0, out.size());
    lock.unlock();
    control_.changed.notify_all();
    return out;
}

void Pipe::write(const QByteArray& data) {
    qsizetype done = 0;
    while (done < data.size()) {
        std::unique_lock lock(control_.mutex);
        control_.wait(lock, [&] { return buffer_.size() < capacity_ || readClosed_; });
        if (readClosed_)
            throw BrokenPipe{};
        const qsizetype room = std::min(capacity_ - buffer_.size(), data.size() - done);
        buffer_.append(data.constData() + done, room);
        done += room;
        lock.unlock();
        control_.changed.notify_all();
    }
}

void Pipe::closeWrite() {
    {
        const std::lock_guard lock(control_.mutex);
        writeClosed_ = true;
    }
    control_.changed.notify_all();
}

void Pipe::closeRead() {
    {
        const std::lock_guard lock(control_.mutex);
        readClosed_ = true;
        buffer_.clear();
    }
    control_.changed.notify_all();
}

QByteArray StdinStream::read(qsizetype max) {
    std::unique_lock lock(control_.mutex);
    control_.wait(lock, [&] { return !buffer_.isEmpty() || closed_; });
    QByteArray out = buffer_.left(max);
    buffer_.remove(0, out.size());
    return out;
}

void StdinStream::append(const QByteArray& data) {
    {
        const std::lock_guard lock(control_.mutex);
        if (closed_)
            return;
        buffer_ += data;
    }
    control_.changed.notify_all();
}

void StdinStream::close() {
    {
        const std::lock_guard lock(control_.mutex);
        closed_ = true;
    }
    control_.changed.notify_all();
}

OutputQueue::OutputQueue(ProcessControl& control, std::function<void()> notify, qsizetype limit)
    : control_(control)
    , notify_(std::move(notify))
    , limit_(limit) {}

void OutputQueue::write(int stream, const QByteArray& data) {
    if (data.isEmpty())
        return;
    bool wake = false;
    {
        std::unique_lock lock(control_.mutex);
        control_.wait(lock, [&] { return undelivered_ <= limit_; });
        if (!chunks_.empty() && chunks_.back().stream == stream)
            chunks_.back().data += data;
        else
            chunks_.push_back({stream, data});
        undelivered_ += data.size();
        wake = !std::exchange(notified_, true);
    }
    if (wake)
        notify_();
}

void OutputQueue::close(int exitCode) {
    bool wake = false;
    {
        const std::lock_guard lock(control_.mutex);
        exitCode_ = exitCode;
        wake = !std::exchange(notified_, true);
    }
    if (wake)
        notify_();
}

QList<OutputQueue::Chunk> OutputQueue::take(qsizetype* bytes, std::optional<int>* exitCode) {
    const std::lock_guard lock(control_.mutex);
    *exitCode = exitCode_;
    QList<Chunk> out;
    *bytes = 0;
    for (Chunk& chunk : chunks_) {
        *bytes += chunk.data.size();
        out.append(std::move(chunk));
    }
    chunks_.clear();
    notified_ = false;
    return out;
}

void OutputQueue::delivered(qsizetype bytes) {
    {
        const std::lock_guard lock(control_.mutex);
        undelivered_ -= bytes;
    }
    control_.changed.notify_all();
}

} // namespace sockerless::backends::memory::shell
