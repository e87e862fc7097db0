#include "logview.h"

#include "formatting.h"
#include "statecolors.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

namespace sockerless::gui {

using Channel = client::ContainerLogStream::Channel;

LogView::LogView(client::InternalApiClient* client, QWidget* parent)
    : QWidget(parent)
    , m_client(client) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    m_pause = new QToolButton(this);
    m_pause->setObjectName(QStringLiteral("logPause"));
    m_pause->setCheckable(true);
    m_pause->setText(tr("Pause"));
    m_pause->setIcon(QIcon(QStringLiteral(":/icons/pause.svg")));
    m_pause->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_pause->setToolTip(tr("Pause following (the stream keeps being read, capped)"));
    connect(m_pause, &QToolButton::toggled, this, &LogView::setPaused);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search logs (Enter: next, Shift+Enter: previous)"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        find(m_search->text(), QApplication::keyboardModifiers() & Qt::ShiftModifier);
    });
    auto* previous = new QToolButton(this);
    previous->setText(tr("Previous"));
    previous->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F3));
    connect(previous, &QToolButton::clicked, this, [this] { find(m_search->text(), true); });
    auto* next = new QToolButton(this);
    next->setText(tr("Next"));
    next->setShortcut(QKeySequence(Qt::Key_F3));
    connect(next, &QToolButton::clicked, this, [this] { find(m_search->text(), false); });
    auto* copy = new QToolButton(this);
    copy->setText(tr("Copy"));
    copy->setIcon(QIcon(QStringLiteral(":/icons/copy.svg")));
    copy->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    copy->setToolTip(tr("Copy the selection, or everything shown when nothing is selected"));
    connect(copy, &QToolButton::clicked, this, [this] {
        QString selected = m_text->textCursor().selectedText();
        QApplication::clipboard()->setText(
            selected.isEmpty() ? text() : selected.replace(QChar::ParagraphSeparator, u'\n'));
    });
    auto* clear = new QToolButton(this);
    clear->setText(tr("Clear"));
    connect(clear, &QToolButton::clicked, this, [this] { m_text->clear(); });
    m_status = new QLabel(this);
    bar->addWidget(m_pause);
    bar->addWidget(m_search, 1);
    bar->addWidget(previous);
    bar->addWidget(next);
    bar->addWidget(copy);
    bar->addWidget(clear);
    bar->addWidget(m_status);
    layout->addLayout(bar);
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("logText"));
    m_text->setReadOnly(true);
    m_text->setUndoRedoEnabled(false);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setMaximumBlockCount(m_maxLines);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(m_text);
    m_flushTimer.setInterval(16); // one frame
    connect(&m_flushTimer, &QTimer::timeout, this, &LogView::flush);
    updateStatus();
}

void LogView::follow(const QString& containerId, bool tty, const QString& tail) {
    stopFollowing();
    m_text->clear();
    m_queue.clear();
    m_receivedBytes = m_longestAppendMs = 0;
    m_stdoutDecoder.resetState();
    m_stderrDecoder.resetState();
    m_endNote.clear();
    m_containerId = containerId;
    if (containerId.isEmpty())
        return updateStatus();
    m_following = true;
    m_stream = new client::ContainerLogStream(m_client, containerId, tty, tail, this);
    connect(m_stream, &client::ContainerLogStream::output, this, &LogView::enqueue);
    connect(m_stream, &client::ContainerLogStream::ended, this, [this](const QString& error) {
        m_following = false;
        m_endNote = error.isEmpty() ? tr("stream ended") : tr("stream ended: %1").arg(error);
        updateStatus();
        emit streamEnded(error);
    });
    m_flushTimer.start();
    updateStatus();
}

void LogView::stopFollowing() {
    m_following = false;
    if (m_stream) {
        m_stream->close();
        m_stream->deleteLater();
    }
    m_flushTimer.stop();
}

void LogView::setPaused(bool paused) {
    m_paused = paused;
    if (m_pause->isChecked() != paused)
        m_pause->setChecked(paused);
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    m_pause->setIcon(
        QIcon(paused ? QStringLiteral(":/icons/play.svg") : QStringLiteral(":/icons/pause.svg")));
    updateStatus();
}

bool LogView::find(const QString& text, bool backwards) {
    if (text.isEmpty())
        return false;
    const QTextDocument::FindFlags flags =
        backwards ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    if (m_text->find(text, flags))
        return true;
    // Wrap around once.
    QTextCursor cursor = m_text->textCursor();
    cursor.movePosition(backwards ? QTextCursor::End : QTextCursor::Start);
    m_text->setTextCursor(cursor);
    return m_text->find(text, flags);
}

void LogView::setMaxLines(int lines) {
    m_maxLines = lines;
    m_text->setMaximumBlockCount(lines);
}

int LogView::lineCount() const {
    return m_text->document()->blockCount();
}

QString LogView::text() const {
    return m_text->toPlainText();
}

void LogView::enqueue(Channel channel, const QByteArray& bytes) {
    m_receivedBytes += bytes.size();
    m_queue.push(channel, bytes);
}

void LogView::flush() {
    if (m_paused || m_queue.isEmpty())
        return;
    QElapsedTimer clock;
    clock.start();
    QScrollBar* scroll = m_text->verticalScrollBar();
    const bool atBottom = scroll->value() >= scroll->maximum() - 2;
    const QList<LogQueue::Piece> pieces = m_queue.take(m_frameBudget);
    QTextCursor cursor(m_text->document());
    cursor.movePosition(QTextCursor::End);
    // One edit block: the document and its layout update once for the whole frame.
    cursor.beginEditBlock();
    QTextCharFormat stdoutFormat;
    stdoutFormat.setForeground(palette().color(QPalette::Text));
    QTextCharFormat stderrFormat;
    stderrFormat.setForeground(StateColors::color(StateColors::Role::Bad, palette()));
    for (const LogQueue::Piece& piece : pieces) {
        if (piece.skippedBefore > 0) {
            QTextCharFormat noteFormat;
            noteFormat.setForeground(StateColors::color(StateColors::Role::Neutral, palette()));
            noteFormat.setFontItalic(true);
            // A partial character or line before the gap is gone with it.
            m_stdoutDecoder.resetState();
            m_stderrDecoder.resetState();
            const bool lineOpen = !cursor.block().text().isEmpty();
            cursor.insertText(
                (lineOpen ? QStringLiteral("\n") : QString()) +
                    tr("… %1 skipped to keep up …").arg(Formatting::bytes(piece.skippedBefore)) +
                    QLatin1Char('\n'),
                noteFormat);
        }
        const bool isErr = piece.channel == Channel::Stderr;
        QStringDecoder& decoder = isErr ? m_stderrDecoder : m_stdoutDecoder;
        cursor.insertText(decoder.decode(piece.bytes), isErr ? stderrFormat : stdoutFormat);
    }
    cursor.endEditBlock();
    if (atBottom)
        scroll->setValue(scroll->maximum());
    adaptBudget(clock.elapsed(), !m_queue.isEmpty());
    if (!m_statusAge.isValid() || m_statusAge.elapsed() >= 250 || m_queue.isEmpty())
        updateStatus();
}

void LogView::adaptBudget(qint64 elapsedMs, bool moreWaiting) {
    m_longestAppendMs = std::max(m_longestAppendMs, elapsedMs);
    // Appending (and laying out) cost grows with the bytes: keep one frame's work short, so that
    // input and painting get their turn, and skip what cannot be shown in time instead.
    if (elapsedMs > appendTargetMs)
        m_frameBudget = std::max(minFrameBudgetBytes, m_frameBudget / 2);
    else if (moreWaiting && elapsedMs * 2 < appendTargetMs)
        m_frameBudget = std::min(maxFrameBudgetBytes, m_frameBudget * 2);
}

void LogView::updateStatus() {
    m_statusAge.start();
    QString text = m_containerId.isEmpty() ? tr("no container selected")
                                           : Formatting::bytes(m_receivedBytes) + tr(" received");
    if (droppedBytes() > 0)
        text += tr(", %1 skipped (too fast to show)").arg(Formatting::bytes(droppedBytes()));
    if (m_paused)
        text += tr(", paused");
    if (!m_endNote.isEmpty())
        text += QStringLiteral(" — ") + m_endNote;
    m_status->setText(text);
}

} // namespace sockerless::gui
