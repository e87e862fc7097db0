#include "backends/memory/memorylogbuffer.h"

#include "backends/memory/memoryclock.h"

namespace sockerless::backends::memory {

MemoryLogBuffer::MemoryLogBuffer(qint64 limitBytes)
    : m_limit(limitBytes) {}

void MemoryLogBuffer::append(int stream, const QByteArray& data) {
    QByteArray& partial = m_partial[stream == 2 ? 1 : 0];
    qsizetype start = 0;
    for (qsizetype end = data.indexOf('\n'); end >= 0;
         start = end + 1, end = data.indexOf('\n', start)) {
        partial += data.mid(start, end - start + 1);
        push(stream, std::exchange(partial, {}));
    }
    partial += data.mid(start);
    // A line without end must not grow forever either: Docker splits at 16 KiB too.
    if (partial.size() >= qsizetype(16) * 1024)
        push(stream, std::exchange(partial, {}));
}

void MemoryLogBuffer::flush() {
    for (int i = 0; i < 2; ++i) {
        if (!m_partial[i].isEmpty())
            push(i + 1, std::exchange(m_partial[i], {}));
    }
}

void MemoryLogBuffer::push(int stream, QByteArray text) {
    m_bytes += text.size();
    m_lines.push_back({m_nextSequence++, MemoryClock::nowNanos(), stream, std::move(text)});
    while (m_bytes > m_limit && m_lines.size() > 1) {
        m_bytes -= m_lines.front().text.size();
        m_lines.pop_front();
    }
}

} // namespace sockerless::backends::memory
