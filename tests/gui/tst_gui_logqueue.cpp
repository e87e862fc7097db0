// LogQueue, the logs tab's bounded backlog: runs per channel in arrival order, frame-sized takes,
// and when it falls more than its cap behind, the oldest whole lines skipped and reported once.
#include "logqueue.h"

#include <QTest>

using sockerless::gui::LogQueue;
using Channel = LogQueue::Channel;

class TstGuiLogQueue : public QObject {
    Q_OBJECT

private slots:
    void mergesRunsAndKeepsOrder();
    void takesAtMostTheBudget();
    void skipsTheOldestWholeLinesBeyondTheCap();
};

void TstGuiLogQueue::mergesRunsAndKeepsOrder() {
    LogQueue queue(1024);
    queue.push(Channel::Stdout, "a\n");
    queue.push(Channel::Stdout, "b\n");
    queue.push(Channel::Stderr, "e\n");
    queue.push(Channel::Stdout, "c\n");
    QCOMPARE(queue.size(), 8);
    const QList<LogQueue::Piece> pieces = queue.take(1024);
    QCOMPARE(pieces.size(), 3);
    QCOMPARE(pieces[0].bytes, QByteArray("a\nb\n"));
    QCOMPARE(pieces[1].channel, Channel::Stderr);
    QCOMPARE(pieces[2].bytes, QByteArray("c\n"));
    QCOMPARE(pieces[0].skippedBefore, 0);
    QVERIFY(queue.isEmpty());
    QCOMPARE(queue.size(), 0);
}

void TstGuiLogQueue::takesAtMostTheBudget() {
    LogQueue queue(1024);
    queue.push(Channel::Stdout, QByteArray(100, 'x'));
    queue.push(Channel::Stderr, QByteArray(100, 'y'));
    QList<LogQueue::Piece> pieces = queue.take(150);
    QCOMPARE(pieces.size(), 2);
    QCOMPARE(pieces[0].bytes.size() + pieces[1].bytes.size(), 150);
    QCOMPARE(queue.size(), 50);
    pieces = queue.take(150);
    QCOMPARE(pieces.size(), 1);
    QCOMPARE(pieces[0].bytes, QByteArray(50, 'y'));
    QVERIFY(queue.take(150).isEmpty());
}

void TstGuiLogQueue::skipsTheOldestWholeLinesBeyondTheCap() {
    LogQueue queue(100);
    // 30 lines of 10 bytes: 200 too many; the skip ends at a line start.
    for (int line = 0; line < 30; ++line)
        queue.push(Channel::Stdout, QByteArray::number(100000000 + line) + '\n');
    QVERIFY(queue.size() <= queue.capBytes());
    QCOMPARE(queue.skippedBytes() + queue.size(), 300);
    QCOMPARE(queue.skippedBytes() % 10, 0);
    const QList<LogQueue::Piece> pieces = queue.take(1000);
    QCOMPARE(pieces.size(), 1);
    QCOMPARE(pieces[0].skippedBefore, queue.skippedBytes());
    QVERIFY(pieces[0].bytes.startsWith("1000000"));
    QVERIFY(pieces[0].bytes.endsWith("100000029\n"));
    // Reported once; the total stays.
    queue.push(Channel::Stdout, "next\n");
    QCOMPARE(queue.take(1000).value(0).skippedBefore, 0);
    QCOMPARE(queue.skippedBytes(), 200);
    queue.clear();
    QCOMPARE(queue.skippedBytes(), 0);
}

QTEST_MAIN(TstGuiLogQueue)
#include "tst_gui_logqueue.moc"
