#pragma once

#include "client/containerlogstream.h"

#include <QByteArray>
#include <QList>

namespace sockerless::gui {

/// The log bytes received and not shown yet, bounded: LogView pushes whatever the stream brings
/// and takes a frame's worth per tick. When the reader falls behind (a flood, or paused) by more
/// than the cap, the oldest bytes are skipped up to the next line start, and the next take()
/// reports how many were skipped so the view can say so where the gap is.
class LogQueue {
public:
    using Channel = client::ContainerLogStream::Channel;

    /// One run of bytes of one channel, in arrival order.
    struct Piece {
        Channel channel = Channel::Stdout;
        QByteArray bytes;
        /// Bytes skipped right before this piece (only on the first piece of a take()).
        qint64 skippedBefore = 0;
    };

    explicit LogQueue(qint64 capBytes)
        : m_cap(capBytes) {}

    /// Queues `bytes`; beyond the cap, skips the oldest whole lines.
    void push(Channel channel, const QByteArray& bytes);
    /// Takes at most `budget` bytes (whole runs where they fit), oldest first. A pending skip
    /// count rides on the first piece; a skip with nothing after it yet waits for the next bytes.
    QList<Piece> take(qint64 budget);
    void clear();

    qint64 size() const { return m_size; }
    bool isEmpty() const { return m_runs.isEmpty(); }
    qint64 capBytes() const { return m_cap; }
    /// Bytes skipped since the last clear().
    qint64 skippedBytes() const { return m_skippedTotal; }

private:
    void skipOldest();

    QList<Piece> m_runs;
    qint64 m_cap;
    qint64 m_size = 0;
    qint64 m_skippedUnreported = 0;
    qint64 m_skippedTotal = 0;
};

} // namespace sockerless::gui
