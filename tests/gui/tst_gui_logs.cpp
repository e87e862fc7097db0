// The logs tab against the real daemon: it follows a container's output live (stdout and stderr
// told apart), pauses, searches, and under a 10 MB/s flood keeps its buffer capped while the event
// loop keeps running. The flood case prints the longest event-loop stall it saw.
#include "containersview.h"
#include "guitestsupport.h"
#include "logview.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTextBlock>
#include <QTimer>
#include <algorithm>
#include <vector>

using sockerless::gui::LogView;
using sockerless::test::GuiCase;

class TstGuiLogs : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void logsTabFollowsOutput();
    void pauseHoldsAndSearchFinds();
    void floodIsCappedAndTheViewKeepsProcessingEvents();

private:
    LogView* followInTheView(const QString& id) {
        auto* view = m_case.window().containersView();
        if (!QTest::qWaitFor([&] { return view->selectContainers({id}); }, 10000))
            return nullptr;
        view->detailTabs()->setCurrentIndex(1);
        return view->logView();
    }
    GuiCase m_case;
};

void TstGuiLogs::init() {
    SOCKERLESS_REQUIRE_DOCKER();
    QString error;
    QVERIFY2(m_case.start(&error), qPrintable(error));
}

void TstGuiLogs::cleanup() {
    m_case.finish();
}

void TstGuiLogs::logsTabFollowsOutput() {
    const QString id = m_case.api().runContainer(
        {QStringLiteral("sh"), QStringLiteral("-c"),
         QStringLiteral("i=0; while true; do echo out-$i; echo err-$i >&2; i=$((i+1)); "
                        "sleep 0.2; done")});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.api().lastError()));
    LogView* logs = followInTheView(id);
    QVERIFY(logs);
    QTRY_COMPARE_WITH_TIMEOUT(logs->containerId(), id, 10000);
    // Lines keep coming while we watch: following, not a one-off read.
    QTRY_VERIFY_WITH_TIMEOUT(logs->text().contains(QStringLiteral("out-2")), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(logs->text().contains(QStringLiteral("out-8")), 15000);
    QVERIFY(logs->text().contains(QStringLiteral("err-2")));
    // stdout and stderr are told apart by colour.
    QColor outColour, errColour;
    for (QTextBlock block = logs->textEdit()->document()->begin(); block.isValid();
         block = block.next()) {
        if (block.text().startsWith(QLatin1String("out-")) && block.begin() != block.end())
            outColour = block.begin().fragment().charFormat().foreground().color();
        if (block.text().startsWith(QLatin1String("err-")) && block.begin() != block.end())
            errColour = block.begin().fragment().charFormat().foreground().color();
    }
    QVERIFY(outColour.isValid() && errColour.isValid());
    QVERIFY(outColour != errColour);
}

void TstGuiLogs::pauseHoldsAndSearchFinds() {
    const QString id = m_case.api().runContainer(
        {QStringLiteral("sh"), QStringLiteral("-c"),
         QStringLiteral("i=0; while true; do echo line-$i; i=$((i+1)); sleep 0.1; done")});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.api().lastError()));
    LogView* logs = followInTheView(id);
    QVERIFY(logs);
    QTRY_VERIFY_WITH_TIMEOUT(logs->text().contains(QStringLiteral("line-5")), 15000);
    logs->setPaused(true);
    QTRY_COMPARE_WITH_TIMEOUT(logs->pendingBytes(), qint64(0), 2000); // nothing was mid-flush
    logs->setPaused(true);
    const QString frozen = logs->text();
    const qint64 received = logs->receivedBytes();
    // More output arrives, but the view does not move while paused.
    QTRY_VERIFY_WITH_TIMEOUT(logs->receivedBytes() > received + 40, 10000);
    QCOMPARE(logs->text(), frozen);
    logs->setPaused(false);
    QTRY_VERIFY_WITH_TIMEOUT(logs->text().size() > frozen.size(), 5000);

    QVERIFY(logs->find(QStringLiteral("line-3")));
    QCOMPARE(logs->textEdit()->textCursor().selectedText(), QStringLiteral("line-3"));
    QVERIFY(logs->find(QStringLiteral("line-1"), true));
    QVERIFY(!logs->find(QStringLiteral("never-printed")));
}

void TstGuiLogs::floodIsCappedAndTheViewKeepsProcessingEvents() {
    // Well over 10 MB/s from the container (1000-byte lines: Docker's json-file logging and its
    // follow reader cost per line, so long lines bring the most bytes through to the view).
    const QString id = m_case.api().runContainer(
        {QStringLiteral("sh"), QStringLiteral("-c"),
         QStringLiteral(
             "l=0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz; "
             "l=$l$l$l$l$l$l$l$l$l$l$l$l$l; yes $l | head -c 2000000000")});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.api().lastError()));
    LogView* logs = followInTheView(id);
    QVERIFY(logs);
    logs->setMaxLines(5000);
    QTRY_VERIFY_WITH_TIMEOUT(logs->receivedBytes() > 0, 15000);

    // A 5 ms ticker: a gap between its ticks well over 5 ms is the event loop stalling.
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0;
    std::vector<qint64> gaps;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(5);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        gaps.push_back(now - last);
        last = now;
    });
    ticker.start();
    const qint64 startBytes = logs->receivedBytes();
    // Five seconds of flood in a plain event loop, as the application runs (QTest's waits sleep
    // between rounds, which would hide stalls). The ticker must have turned many times meanwhile:
    // a frozen view would not let it. No bound on how fast: a loaded machine only takes longer.
    QEventLoop loop;
    QTimer quit;
    QObject::connect(&quit, &QTimer::timeout, &loop, [&] {
        if ((clock.elapsed() >= 5000 && gaps.size() >= 100) || clock.elapsed() > 120000)
            loop.quit();
    });
    quit.start(100);
    loop.exec();
    quit.stop();
    QVERIFY2(gaps.size() >= 100, "the event loop hardly turned during the flood");
    ticker.stop();
    const double seconds = double(clock.elapsed()) / 1000.0;
    const double megabytesPerSecond = double(logs->receivedBytes() - startBytes) / seconds / 1e6;
    std::vector<qint64> sorted = gaps;
    std::sort(sorted.begin(), sorted.end());
    const qint64 p99 = sorted[std::min(sorted.size() - 1, sorted.size() * 99 / 100)];
    qInfo("flood: %.1f MB/s received over %.1f s; event-loop stall max %lld ms, p99 %lld ms "
          "(%zu ticks of 5 ms); longest append %lld ms, frame budget %lld KiB; %lld bytes "
          "skipped; %d lines shown (cap %d)",
          megabytesPerSecond, seconds, sorted.back(), p99, gaps.size(), logs->longestAppendMs(),
          logs->frameBudgetBytes() / 1024, logs->droppedBytes(), logs->lineCount(),
          logs->maxLines());
    QVERIFY2(logs->receivedBytes() - startBytes > 1000000,
             "the flood did not arrive: nothing was measured");
    // The caps hold.
    QVERIFY(logs->lineCount() <= logs->maxLines());
    QVERIFY(logs->pendingBytes() <= LogView::maxPendingBytes);
    QVERIFY(logs->frameBudgetBytes() >= LogView::minFrameBudgetBytes &&
            logs->frameBudgetBytes() <= LogView::maxFrameBudgetBytes);
}

QTEST_MAIN(TstGuiLogs)
#include "tst_gui_logs.moc"
