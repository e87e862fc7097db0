#include "backends/memory/memorycontainerstreams.h"

#include "backends/memory/memoryclock.h"
#include "backends/memory/memorycontainer.h"

#include <QTimer>
#include <QtEndian>

namespace sockerless::backends::memory {

namespace {

// `1700000000` or `1700000000.5` in nanoseconds; 0 for unset (the query was checked).
qint64 timestampNanos(const QString& text) {
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    return ok ? static_cast<qint64>(seconds * 1e9) : 0;
}

constexpr qsizetype kChunkBytes = qsizetype(64) * 1024;

} // namespace

MemoryWaitStream::MemoryWaitStream(MemoryContainer* container, api::WaitCondition condition,
                                   QObject* parent)
    : BackendStream(parent)
    , m_container(container)
    , m_condition(condition) {
    setContentType("application/json");
    // Registered now, so that an exit between this call and the event loop is not missed.
    if (m_condition == api::WaitCondition::Removed) {
        connect(container, &MemoryContainer::removed, this,
                [this] { answer(m_container ? m_container->exitCode() : 0); });
    } else {
        connect(container, &MemoryContainer::exited, this, &MemoryWaitStream::answer);
        connect(container, &MemoryContainer::removed, this,
                [this] { answer(m_container ? m_container->exitCode() : 0); });
    }
    QTimer::singleShot(0, this, &MemoryWaitStream::begin);
}

void MemoryWaitStream::begin() {
    emit opened();
    if (m_condition == api::WaitCondition::NotRunning && m_container && !m_container->isRunning() &&
        m_container->status() != QLatin1String("restarting"))
        answer(m_container->exitCode());
}

void MemoryWaitStream::answer(int statusCode) {
    if (m_answered)
        return;
    m_answered = true;
    disconnect(m_container, nullptr, this, nullptr);
    // After `opened`, even when the condition held at once.
    QTimer::singleShot(0, this, [this, statusCode] {
        emit message(
            QStringLiteral("{\"Error\":null,\"StatusCode\":%1}\n").arg(statusCode).toUtf8());
        emit ended();
    });
}

MemoryLogStream::MemoryLogStream(MemoryContainer* container,
                                 const api::ContainerLogsOptions& options, QObject* parent)
    : BackendStream(parent)
    , m_container(container)
    , m_options(options)
    , m_raw(container->setup().config.tty.value_or(false))
    , m_sinceNanos(timestampNanos(options.since))
    , m_untilNanos(timestampNanos(options.until)) {
    setContentType(m_raw ? "application/vnd.docker.raw-stream"
                         : "application/vnd.docker.multiplexed-stream");
    const auto& lines = container->logs().lines();
    m_cursor = lines.empty() ? container->logs().nextSequence() : lines.front().sequence;
    bool ok = false;
    const qint64 tail = options.tail.toLongLong(&ok);
    if (ok && tail >= 0 && static_cast<std::size_t>(tail) < lines.size())
        m_cursor = lines[lines.size() - static_cast<std::size_t>(tail)].sequence;
    if (ok && tail == 0)
        m_cursor = container->logs().nextSequence();
    connect(container, &MemoryContainer::logAppended, this, &MemoryLogStream::pump);
    connect(container, &MemoryContainer::exited, this, &MemoryLogStream::pump);
    connect(container, &MemoryContainer::removed, this, &MemoryLogStream::pump);
    connect(container, &QObject::destroyed, this, &MemoryLogStream::pump);
    QTimer::singleShot(0, this, &MemoryLogStream::begin);
}

void MemoryLogStream::begin() {
    m_begun = true;
    emit opened();
    pump();
}

void MemoryLogStream::pause() {
    m_paused = true;
}

void MemoryLogStream::resume() {
    if (!m_paused)
        return;
    m_paused = false;
    QTimer::singleShot(0, this, &MemoryLogStream::pump);
}

void MemoryLogStream::pump() {
    if (!m_begun || m_ended)
        return;
    bool pastUntil = false;
    while (!m_paused && m_container) {
        const auto& lines = m_container->logs().lines();
        if (lines.empty() || m_cursor >= m_container->logs().nextSequence())
            break;
        std::size_t index =
            m_cursor < lines.front().sequence ? 0 : std::size_t(m_cursor - lines.front().sequence);
        QByteArray chunk;
        for (; index < lines.size() && chunk.size() < kChunkBytes; ++index) {
            const LogLine& line = lines[index];
            m_cursor = line.sequence + 1;
            if (m_untilNanos != 0 && line.nanos > m_untilNanos) {
                pastUntil = true;
                break;
            }
            if (line.nanos < m_sinceNanos)
                continue;
            if ((line.stream == 1 && !m_options.showStdout) ||
                (line.stream == 2 && !m_options.showStderr))
                continue;
            QByteArray payload;
            if (m_options.timestamps)
                payload = MemoryClock::rfc3339(line.nanos).toLatin1() + ' ';
            payload += line.text;
            if (!m_raw) {
                char header[8] = {static_cast<char>(line.stream), 0, 0, 0};
                qToBigEndian(static_cast<quint32>(payload.size()), header + 4);
                chunk.append(header, 8);
            }
            chunk += payload;
        }
        if (!chunk.isEmpty())
            emit message(chunk);
        if (pastUntil)
            break;
    }
    if (m_paused)
        return;
    const bool live = m_container && (m_container->isRunning() ||
                                      m_container->status() == QLatin1String("restarting"));
    if (!m_options.follow || !live || pastUntil) {
        m_ended = true;
        disconnect(m_container, nullptr, this, nullptr);
        emit ended();
    }
}

} // namespace sockerless::backends::memory
