// The memory backend's container parts that need no process: the bounded log, Docker's status
// text, and the event filters.
#include "backends/memory/memorycontainerview.h"
#include "backends/memory/memoryevents.h"
#include "backends/memory/memoryeventstream.h"
#include "backends/memory/memorylogbuffer.h"

#include <QTest>

using namespace sockerless;
using namespace sockerless::backends::memory;

class TstMemoryContainerParts : public QObject {
    Q_OBJECT

private slots:
    void logSplitsLinesPerStream();
    void logKeepsPartialLineUntilFlush();
    void logDropsOldestLinesPastTheLimit();
    void logSplitsAnEndlessLine();
    void humanDurationFollowsDocker_data();
    void humanDurationFollowsDocker();
    void eventFiltersAndKeysOrValuesAnd();
    void eventJsonHasDockerShape();
};

void TstMemoryContainerParts::logSplitsLinesPerStream() {
    MemoryLogBuffer log(1 << 20);
    log.append(1, "out one\nout ");
    log.append(2, "err one\n");
    log.append(1, "two\n");
    QCOMPARE(log.lines().size(), std::size_t(3));
    QCOMPARE(log.lines()[0].text, QByteArray("out one\n"));
    QCOMPARE(log.lines()[1].stream, 2);
    QCOMPARE(log.lines()[1].text, QByteArray("err one\n"));
    QCOMPARE(log.lines()[2].text, QByteArray("out two\n"));
    QCOMPARE(log.lines()[2].sequence, quint64(2));
    QCOMPARE(log.nextSequence(), quint64(3));
}

void TstMemoryContainerParts::logKeepsPartialLineUntilFlush() {
    MemoryLogBuffer log(1 << 20);
    log.append(1, "no newline");
    QVERIFY(log.lines().empty());
    log.flush();
    QCOMPARE(log.lines().size(), std::size_t(1));
    QCOMPARE(log.lines()[0].text, QByteArray("no newline"));
}

void TstMemoryContainerParts::logDropsOldestLinesPastTheLimit() {
    MemoryLogBuffer log(100);
    for (int i = 0; i < 50; ++i)
        log.append(1, QByteArray::number(i).rightJustified(9, '0') + '\n');
    qint64 kept = 0;
    for (const LogLine& line : log.lines())
        kept += line.text.size();
    QVERIFY2(kept <= 100, QByteArray::number(kept).constData());
    QCOMPARE(log.lines().back().text, QByteArray("000000049\n"));
    QCOMPARE(log.lines().front().sequence, quint64(50 - log.lines().size()));
}

void TstMemoryContainerParts::logSplitsAnEndlessLine() {
    MemoryLogBuffer log(1 << 20);
    log.append(1, QByteArray(40 * 1024, 'y'));
    QCOMPARE(log.lines().size(), std::size_t(1));
    QCOMPARE(log.lines()[0].text.size(), qsizetype(40 * 1024));
}

void TstMemoryContainerParts::humanDurationFollowsDocker_data() {
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("0") << qint64(0) << QStringLiteral("Less than a second");
    QTest::newRow("1") << qint64(1) << QStringLiteral("1 second");
    QTest::newRow("59") << qint64(59) << QStringLiteral("59 seconds");
    QTest::newRow("60") << qint64(60) << QStringLiteral("About a minute");
    QTest::newRow("300") << qint64(300) << QStringLiteral("5 minutes");
    QTest::newRow("3600") << qint64(3600) << QStringLiteral("About an hour");
    QTest::newRow("5h") << qint64(5 * 3600) << QStringLiteral("5 hours");
    QTest::newRow("3d") << qint64(3 * 86400) << QStringLiteral("3 days");
}

void TstMemoryContainerParts::humanDurationFollowsDocker() {
    QFETCH(qint64, seconds);
    QFETCH(QString, text);
    QCOMPARE(MemoryContainerView::humanDuration(seconds * 1000000000), text);
}

void TstMemoryContainerParts::eventFiltersAndKeysOrValuesAnd() {
    const MemoryEvent start{QStringLiteral("container"),
                            QStringLiteral("start"),
                            QStringLiteral("abc"),
                            {{QStringLiteral("name"), QStringLiteral("web")},
                             {QStringLiteral("image"), QStringLiteral("busybox")},
                             {QStringLiteral("team"), QStringLiteral("a")}},
                            1};
    const auto parse = [](const char* json) {
        return api::Filters::parse(QString::fromLatin1(json)).value();
    };
    QVERIFY(MemoryEventStream::matches(parse("{}"), start));
    QVERIFY(MemoryEventStream::matches(parse(R"({"type":["container","image"]})"), start));
    QVERIFY(!MemoryEventStream::matches(parse(R"({"type":["network"]})"), start));
    QVERIFY(MemoryEventStream::matches(parse(R"({"event":["start"],"container":["web"]})"), start));
    QVERIFY(!MemoryEventStream::matches(parse(R"({"event":["start"],"container":["db"]})"), start));
    QVERIFY(MemoryEventStream::matches(parse(R"({"label":["team=a"]})"), start));
    QVERIFY(!MemoryEventStream::matches(parse(R"({"label":["team=b"]})"), start));
    QVERIFY(MemoryEventStream::matches(parse(R"({"image":["busybox"]})"), start));
}

void TstMemoryContainerParts::eventJsonHasDockerShape() {
    const MemoryEvent die{QStringLiteral("container"),
                          QStringLiteral("die"),
                          QStringLiteral("abc"),
                          {{QStringLiteral("exitCode"), QStringLiteral("3")},
                           {QStringLiteral("image"), QStringLiteral("busybox")}},
                          1700000000123456789};
    const QJsonObject json = die.toJson();
    QCOMPARE(json.value(QStringLiteral("Type")).toString(), QStringLiteral("container"));
    QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("die"));
    QCOMPARE(json.value(QStringLiteral("from")).toString(), QStringLiteral("busybox"));
    QCOMPARE(json.value(QStringLiteral("time")).toInteger(), 1700000000);
    QCOMPARE(json.value(QStringLiteral("timeNano")).toInteger(), 1700000000123456789);
    QCOMPARE(json.value(QStringLiteral("Actor"))
                 .toObject()
                 .value(QStringLiteral("Attributes"))
                 .toObject()
                 .value(QStringLiteral("exitCode"))
                 .toString(),
             QStringLiteral("3"));
}

QTEST_MAIN(TstMemoryContainerParts)
#include "tst_memory_containerparts.moc"
