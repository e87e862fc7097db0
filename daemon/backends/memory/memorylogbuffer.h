#pragma once

#include <QByteArray>
#include <deque>

namespace sockerless::backends::memory {

/// One line of a container's log, as Docker's json-file driver keeps it.
struct LogLine {
    quint64 sequence = 0; ///< position in the container's whole log, counting dropped lines
    qint64 nanos = 0;     ///< when it was written
    int stream = 1;       ///< 1 stdout, 2 stderr
    QByteArray text;      ///< the line with its `\n` (a last partial line has none)
};

/// A container's log: output split into timestamped lines, the oldest dropped once the total
/// passes the limit, so that a chatty container cannot grow the daemon without bound.
class MemoryLogBuffer {
public:
    explicit MemoryLogBuffer(qint64 limitBytes);

    /// Adds output of `stream`; whole lines become entries, a partial line waits for its end.
    void append(int stream, const QByteArray& data);
    /// Turns the partial lines into entries (the process ended without a final newline).
    void flush();

    const std::deque<LogLine>& lines() const { return m_lines; }
    /// The sequence number the next line will get.
    quint64 nextSequence() const { return m_nextSequence; }

private:
    void push(int stream, QByteArray text);

    qint64 m_limit;
    qint64 m_bytes = 0;
    quint64 m_nextSequence = 0;
    std::deque<LogLine> m_lines;
    QByteArray m_partial[2];
};

} // namespace sockerless::backends::memory
