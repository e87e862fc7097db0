#include "logqueue.h"

#include <algorithm>
#include <utility>

namespace sockerless::gui {

void LogQueue::push(Channel channel, const QByteArray& bytes) {
    if (bytes.isEmpty())
        return;
    // Consecutive bytes of one channel make one run: one insertion per run when shown.
    if (!m_runs.isEmpty() && m_runs.last().channel == channel)
        m_runs.last().bytes += bytes;
    else
        m_runs.append({channel, bytes, 0});
    m_size += bytes.size();
    if (m_size > m_cap)
        skipOldest();
}

void LogQueue::skipOldest() {
    // Drop the excess, then up to the next line start, so that what stays begins with a whole
    // line: the view's "skipped" note then sits between lines, not inside one.
    qint64 excess = m_size - m_cap;
    qint64 skipped = 0;
    while (excess > 0 && !m_runs.isEmpty()) {
        QByteArray& oldest = m_runs.first().bytes;
        const qsizetype newline = oldest.indexOf('\n', std::min<qsizetype>(excess, oldest.size()));
        const qsizetype cut =
            oldest.size() <= excess ? oldest.size() : (newline < 0 ? excess : newline + 1);
        skipped += cut;
        excess -= cut;
        if (cut == oldest.size())
            m_runs.removeFirst();
        else
            oldest.remove(0, cut);
    }
    m_size -= skipped;
    m_skippedUnreported += skipped;
    m_skippedTotal += skipped;
}

QList<LogQueue::Piece> LogQueue::take(qint64 budget) {
    QList<Piece> taken;
    while (!m_runs.isEmpty() && budget > 0) {
        Piece& run = m_runs.first();
        Piece piece{run.channel, {}, 0};
        if (run.bytes.size() <= budget) {
            piece.bytes = std::move(run.bytes);
            m_runs.removeFirst();
        } else {
            piece.bytes = run.bytes.left(budget);
            run.bytes.remove(0, budget);
        }
        budget -= piece.bytes.size();
        m_size -= piece.bytes.size();
        taken.append(std::move(piece));
    }
    if (!taken.isEmpty()) {
        taken.first().skippedBefore = std::exchange(m_skippedUnreported, 0);
    }
    return taken;
}

void LogQueue::clear() {
    m_runs.clear();
    m_size = m_skippedUnreported = m_skippedTotal = 0;
}

} // namespace sockerless::gui
