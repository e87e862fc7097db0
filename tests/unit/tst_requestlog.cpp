// The in-memory request log (daemon/observe/requestlog): ring, ids, paging, JSON, memory.

#include "observe/requestlog.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <malloc.h>

using sockerless::http::RequestRecord;
using sockerless::http::UpstreamCall;
using sockerless::observe::RequestLog;

namespace {

RequestRecord sample(int n) {
    RequestRecord r;
    r.time = QDateTime::currentDateTimeUtc();
    r.client = QStringLiteral("127.0.0.1");
    r.method = QStringLiteral("POST");
    r.path = QStringLiteral("/internal/v1/containers/c%1abcdef0123/start").arg(n);
    r.route = QStringLiteral("/internal/v1/containers/{id}/start");
    r.status = 204;
    r.durationMs = 1.25;
    r.bytesIn = 0;
    r.bytesOut = 0;
    return r;
}

QList<qint64> ids(const QList<QJsonObject>& records) {
    QList<qint64> out;
    for (const QJsonObject& record : records)
        out.append(record.value(QStringLiteral("id")).toInteger());
    return out;
}

size_t heapInUse() {
    return mallinfo2().uordblks;
}

} // namespace

class TstRequestLog : public QObject {
    Q_OBJECT

private slots:
    void idsStartAtOneAndIncrease();
    void ringKeepsTheNewestOnceFull();
    void limitAndBeforePage();
    void recordJsonHasTheContractFields();
    void streamPhasesAreMarked();
    void appendedCarriesTheJsonLine();
    void memoryPerRecordIsBounded();
    void fullRingListsQuickly();
};

void TstRequestLog::idsStartAtOneAndIncrease() {
    RequestLog log(10);
    QCOMPARE(log.lastId(), quint64(0));
    QCOMPARE(log.size(), 0);
    QVERIFY(log.records(100).isEmpty());
    QCOMPARE(log.recordsJson(100), QByteArray("[]"));
    QCOMPARE(log.append(sample(1)), quint64(1));
    QCOMPARE(log.append(sample(2)), quint64(2));
    QCOMPARE(log.lastId(), quint64(2));
    QCOMPARE(ids(log.records(100)), (QList<qint64>{2, 1}));
}

void TstRequestLog::ringKeepsTheNewestOnceFull() {
    RequestLog log(5);
    for (int i = 1; i <= 12; ++i)
        log.append(sample(i));
    QCOMPARE(log.size(), 5);
    QCOMPARE(log.capacity(), 5);
    QCOMPARE(ids(log.records(100)), (QList<qint64>{12, 11, 10, 9, 8}));
    // The path of id 8 is the 8th record's: the slot was overwritten, not shifted.
    QVERIFY(log.record(8).value(QStringLiteral("path")).toString().contains(QStringLiteral("c8a")));
    QVERIFY(log.record(7).isEmpty());
    QVERIFY(log.record(13).isEmpty());
}

void TstRequestLog::limitAndBeforePage() {
    RequestLog log(100);
    for (int i = 1; i <= 30; ++i)
        log.append(sample(i));
    QCOMPARE(ids(log.records(3)), (QList<qint64>{30, 29, 28}));
    QCOMPARE(ids(log.records(3, 28)), (QList<qint64>{27, 26, 25}));
    QCOMPARE(ids(log.records(5, 3)), (QList<qint64>{2, 1}));
    QVERIFY(log.records(5, 1).isEmpty());
    // A `before` past the newest id is no bound.
    QCOMPARE(ids(log.records(2, 1000)), (QList<qint64>{30, 29}));
    // Paging through everything visits each id once, newest first.
    QList<qint64> all;
    quint64 before = 0;
    for (;;) {
        const QList<QJsonObject> page = log.records(7, before);
        if (page.isEmpty())
            break;
        all += ids(page);
        before = static_cast<quint64>(all.last());
    }
    QCOMPARE(all.size(), 30);
    for (int i = 0; i < all.size(); ++i)
        QCOMPARE(all[i], qint64(30 - i));
    // The JSON form is the same list.
    const QJsonArray array = QJsonDocument::fromJson(log.recordsJson(3, 28)).array();
    QCOMPARE(array.size(), 3);
    QCOMPARE(array.at(0).toObject(), log.record(27));
}

void TstRequestLog::recordJsonHasTheContractFields() {
    RequestLog log(4);
    RequestRecord r = sample(1);
    r.time = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 678), Qt::UTC);
    r.bytesIn = 17;
    r.bytesOut = 4096;
    r.error = QStringLiteral("upstream slow");
    r.upstream.append(
        UpstreamCall{7, QStringLiteral("POST"), QStringLiteral("/containers/abc/start"), 204, 3.5});
    log.append(r);
    const QJsonObject o = log.record(1);
    QCOMPARE(o.value(QStringLiteral("id")).toInteger(), 1);
    QCOMPARE(o.value(QStringLiteral("time")).toString(),
             QStringLiteral("2026-01-02T03:04:05.678Z"));
    QCOMPARE(o.value(QStringLiteral("client")).toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(o.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(o.value(QStringLiteral("path")).toString(), r.path);
    QCOMPARE(o.value(QStringLiteral("route")).toString(), r.route);
    QCOMPARE(o.value(QStringLiteral("status")).toInt(), 204);
    QCOMPARE(o.value(QStringLiteral("durationMs")).toDouble(), 1.25);
    QCOMPARE(o.value(QStringLiteral("bytesIn")).toInteger(), 17);
    QCOMPARE(o.value(QStringLiteral("bytesOut")).toInteger(), 4096);
    QCOMPARE(o.value(QStringLiteral("error")).toString(), QStringLiteral("upstream slow"));
    const QJsonArray upstream = o.value(QStringLiteral("upstream")).toArray();
    QCOMPARE(upstream.size(), 1);
    const QJsonObject call = upstream.at(0).toObject();
    QCOMPARE(call.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(call.value(QStringLiteral("path")).toString(),
             QStringLiteral("/containers/abc/start"));
    QCOMPARE(call.value(QStringLiteral("status")).toInt(), 204);
    QCOMPARE(call.value(QStringLiteral("durationMs")).toDouble(), 3.5);
    QVERIFY(!o.contains(QStringLiteral("stream")));

    // No route, no error: null; an unknown method is kept as UNKNOWN, not dropped.
    RequestRecord bare = sample(2);
    bare.route.clear();
    bare.method = QStringLiteral("BREW");
    log.append(bare);
    const QJsonObject b = log.record(2);
    QVERIFY(b.value(QStringLiteral("route")).isNull());
    QVERIFY(b.value(QStringLiteral("error")).isNull());
    QCOMPARE(b.value(QStringLiteral("method")).toString(), QStringLiteral("UNKNOWN"));
    QCOMPARE(b.value(QStringLiteral("upstream")).toArray().size(), 0);
}

void TstRequestLog::streamPhasesAreMarked() {
    RequestLog log(4);
    RequestRecord opened = sample(1);
    opened.method = QStringLiteral("WS");
    opened.status = 101;
    opened.phase = RequestRecord::Phase::StreamOpened;
    RequestRecord closed = opened;
    closed.status = 1000;
    closed.phase = RequestRecord::Phase::StreamClosed;
    log.append(opened);
    log.append(closed);
    QCOMPARE(log.record(1).value(QStringLiteral("stream")).toString(), QStringLiteral("open"));
    QCOMPARE(log.record(1).value(QStringLiteral("method")).toString(), QStringLiteral("WS"));
    QCOMPARE(log.record(2).value(QStringLiteral("stream")).toString(), QStringLiteral("closed"));
    QCOMPARE(log.record(2).value(QStringLiteral("status")).toInt(), 1000);
}

void TstRequestLog::appendedCarriesTheJsonLine() {
    RequestLog log(4);
    QSignalSpy spy(&log, &RequestLog::appended);
    log.append(sample(1));
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toULongLong(), quint64(1));
    const QByteArray line = spy.at(0).at(1).toByteArray();
    QVERIFY(!line.contains('\n'));
    QCOMPARE(QJsonDocument::fromJson(line).object(), log.record(1));
}

void TstRequestLog::memoryPerRecordIsBounded() {
    constexpr int kRecords = 10000;
    const size_t before = heapInUse();
    {
        RequestLog log(kRecords);
        for (int i = 0; i < kRecords * 2; ++i) {
            RequestRecord r = sample(i);
            // Every client string is a fresh allocation, as in the daemon: interning must apply.
            r.client = QStringLiteral("127.0.0.%1").arg(i % 4);
            log.append(r);
        }
        const size_t used = heapInUse() - before;
        const double perRecord = static_cast<double>(used) / kRecords;
        qInfo("request log: %zu bytes for %d records (path ~45 chars): %.0f bytes per record", used,
              kRecords, perRecord);
        // The struct, the UTF-8 path and malloc's overhead: well under a kilobyte.
        QVERIFY2(perRecord < 512, qPrintable(QString::number(perRecord)));
    }
}

void TstRequestLog::fullRingListsQuickly() {
    constexpr int kRecords = 10000;
    RequestLog log(kRecords);
    for (int i = 0; i < kRecords + 10; ++i) {
        RequestRecord r = sample(i);
        r.upstream.append(UpstreamCall{quint64(i), QStringLiteral("POST"),
                                       QStringLiteral("/containers/x/start"), 204, 2.0});
        log.append(r);
    }
    QElapsedTimer timer;
    timer.start();
    const QByteArray json = log.recordsJson(kRecords);
    const qint64 elapsed = timer.elapsed();
    qInfo("recordsJson(%d) on a full ring: %lld ms, %lld bytes", kRecords, elapsed,
          static_cast<long long>(json.size()));
    QCOMPARE(QJsonDocument::fromJson(json).array().size(), kRecords);
}

QTEST_GUILESS_MAIN(TstRequestLog)
#include "tst_requestlog.moc"
