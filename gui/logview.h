#pragma once

#include "client/containerlogstream.h"
#include "logqueue.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QStringDecoder>
#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QToolButton;

namespace sockerless::client {
class InternalApiClient;
}

namespace sockerless::gui {

/// A container's logs, followed live: stdout in the text colour, stderr in the "bad" colour,
/// pause/resume, search with next/previous, copy. Stays responsive under a flood: incoming bytes
/// are only queued (LogQueue); a 16 ms timer appends what came since the last frame in one edit
/// block, at most a frame's budget (which shrinks when appending gets slow, grows back when it is
/// cheap); when the queue falls more than its cap behind, the oldest lines are skipped and a
/// "… skipped to keep up" line marks the gap. The view keeps at most `maxLines()` lines.
class LogView : public QWidget {
    Q_OBJECT
public:
    explicit LogView(client::InternalApiClient* client, QWidget* parent = nullptr);

    /// Follows `containerId` from its last `tail` lines; replaces what was shown.
    void follow(const QString& containerId, bool tty, const QString& tail = QStringLiteral("500"));
    void stopFollowing();
    QString containerId() const { return m_containerId; }
    /// True while a stream is open and has not ended.
    bool isFollowing() const { return m_following; }

    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    /// Finds `text` after (or before) the cursor, wrapping around; false when absent.
    bool find(const QString& text, bool backwards = false);

    void setMaxLines(int lines);
    int maxLines() const { return m_maxLines; }
    int lineCount() const;
    QString text() const;
    QPlainTextEdit* textEdit() const { return m_text; }
    qint64 receivedBytes() const { return m_receivedBytes; }
    /// Bytes skipped (never shown) to keep up since follow().
    qint64 droppedBytes() const { return m_queue.skippedBytes(); }
    qint64 pendingBytes() const { return m_queue.size(); }
    /// Bytes appended per frame at the moment (between the two bounds below).
    qint64 frameBudgetBytes() const { return m_frameBudget; }
    /// The longest single append (one frame's worth) since follow(), in milliseconds.
    qint64 longestAppendMs() const { return m_longestAppendMs; }
    /// Bytes queued at most while paused or behind (about half a second of appends at the largest
    /// frame budget); older ones are skipped.
    static constexpr qint64 maxPendingBytes = qint64(2) * 1024 * 1024;
    static constexpr qint64 minFrameBudgetBytes = qint64(8) * 1024;
    static constexpr qint64 maxFrameBudgetBytes = qint64(256) * 1024;
    /// An append slower than this halves the frame budget; one under half of it may double it.
    static constexpr qint64 appendTargetMs = 8;

signals:
    /// The stream ended (the container stopped, or an error: `error` non-empty).
    void streamEnded(const QString& error);

private:
    void enqueue(client::ContainerLogStream::Channel channel, const QByteArray& bytes);
    void flush();
    void adaptBudget(qint64 elapsedMs, bool moreWaiting);
    void updateStatus();

    client::InternalApiClient* m_client = nullptr;
    QPointer<client::ContainerLogStream> m_stream;
    QString m_containerId;
    QPlainTextEdit* m_text = nullptr;
    QToolButton* m_pause = nullptr;
    QLineEdit* m_search = nullptr;
    QLabel* m_status = nullptr;
    QTimer m_flushTimer;
    LogQueue m_queue{maxPendingBytes};
    QStringDecoder m_stdoutDecoder{QStringDecoder::Utf8};
    QStringDecoder m_stderrDecoder{QStringDecoder::Utf8};
    QElapsedTimer m_statusAge; // the status line is refreshed a few times a second, not per frame
    qint64 m_receivedBytes = 0;
    qint64 m_frameBudget = qint64(64) * 1024;
    qint64 m_longestAppendMs = 0;
    int m_maxLines = 20000;
    bool m_paused = false;
    bool m_following = false;
    QString m_endNote;
};

} // namespace sockerless::gui
