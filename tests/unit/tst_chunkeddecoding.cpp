// Chunked transfer decoding through HttpResponseParser: chunk extensions, trailers, empty
// bodies, hex case, large chunks, and chunks that arrive in many pieces.

#include "docker/httpresponseparser.h"

#include <QTest>

using sockerless::docker::HttpResponseParser;

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;

const QByteArray kHead = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";

/// What one chunked response decoded to.
struct Decoded {
    QByteArray body;
    int pieces = 0;
    int completed = 0;
    bool keepAlive = false;
    bool error = false;
    QString errorString;
};

/// Feeds `wire` in pieces of `step` bytes (0: all at once).
Decoded decode(const QByteArray& wire, qsizetype step = 0) {
    Decoded out;
    HttpResponseParser parser({
        {},
        [&](const QByteArray& piece) {
            out.body += piece;
            ++out.pieces;
        },
        [&](bool keepAlive) {
            ++out.completed;
            out.keepAlive = keepAlive;
        },
    });
    const qsizetype size = step > 0 ? step : wire.size();
    for (qsizetype pos = 0; pos < wire.size() && !parser.hasError(); pos += size)
        parser.feed(wire.mid(pos, size));
    out.error = parser.hasError();
    out.errorString = parser.errorString();
    return out;
}

/// A body of `size` bytes that shows where a piece went missing or was doubled.
QByteArray pattern(qsizetype size) {
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char('a' + (i * 7 + i / 26) % 26);
    return bytes;
}

} // namespace

class TestChunkedDecoding : public QObject {
    Q_OBJECT

private slots:
    void extensions_data();
    void extensions();
    void trailers();
    void zeroLengthBody();
    void hexCase_data();
    void hexCase();
    void largeChunkSizes_data();
    void largeChunkSizes();
    void oversizedChunkSizeIsAnError();
    void chunkSplitAcrossManyFeeds();
    void everyBoundaryOfAComplexBody();
    void missingCrlfAfterChunkIsAnError();
};

void TestChunkedDecoding::extensions_data() {
    QTest::addColumn<QByteArray>("sizeLine");
    QTest::newRow("name=value") << QByteArray("5;foo=bar");
    QTest::newRow("name only") << QByteArray("5;foo");
    QTest::newRow("several") << QByteArray("5;a=1;b=2");
    QTest::newRow("quoted value") << QByteArray("5;name=\"quoted value\"");
    QTest::newRow("blank before") << QByteArray("5 ;foo=bar");
}

void TestChunkedDecoding::extensions() {
    QFETCH(QByteArray, sizeLine);
    const QByteArray wire =
        kHead + sizeLine + "\r\nhello\r\n" + sizeLine + "\r\nworld\r\n0\r\n\r\n";
    for (const qsizetype step : {0, 1, 3}) {
        const Decoded out = decode(wire, step);
        QVERIFY2(!out.error, qPrintable(out.errorString));
        // The extension is framing, never body.
        QCOMPARE(out.body, QByteArray("helloworld"));
        QCOMPARE(out.completed, 1);
    }
}

void TestChunkedDecoding::trailers() {
    const QByteArray wire = kHead + "4\r\nbody\r\n0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n" +
                            "HTTP/1.1 204 No Content\r\n\r\n";
    for (const qsizetype step : {0, 1, 2, 5}) {
        Headers lastHeaders;
        QByteArray body;
        int completed = 0;
        HttpResponseParser parser({
            [&](int, const Headers& headers) {
                lastHeaders = headers;
                return true;
            },
            [&](const QByteArray& piece) { body += piece; },
            [&](bool) { ++completed; },
        });
        for (qsizetype pos = 0; pos < wire.size(); pos += step ? step : wire.size())
            QCOMPARE(parser.feed(wire.mid(pos, step ? step : wire.size())),
                     qMin(step ? step : wire.size(), wire.size() - pos));
        QVERIFY2(!parser.hasError(), qPrintable(parser.errorString()));
        // Trailers end the first response; the next response parses cleanly after them.
        QCOMPARE(body, QByteArray("body"));
        QCOMPARE(completed, 2);
        QVERIFY(lastHeaders.isEmpty());
    }
}

void TestChunkedDecoding::zeroLengthBody() {
    const QByteArray wire = kHead + "0\r\n\r\n";
    for (const qsizetype step : {0, 1}) {
        const Decoded out = decode(wire, step);
        QVERIFY2(!out.error, qPrintable(out.errorString));
        QCOMPARE(out.body, QByteArray());
        QCOMPARE(out.pieces, 0);
        QCOMPARE(out.completed, 1);
        QVERIFY(out.keepAlive);
    }
}

void TestChunkedDecoding::hexCase_data() {
    QTest::addColumn<QByteArray>("size");
    QTest::addColumn<int>("length");
    QTest::newRow("A") << QByteArray("A") << 10;
    QTest::newRow("a") << QByteArray("a") << 10;
    QTest::newRow("1F") << QByteArray("1F") << 31;
    QTest::newRow("1f") << QByteArray("1f") << 31;
    QTest::newRow("fC8 mixed") << QByteArray("fC8") << 0xfc8;
    QTest::newRow("leading zeros") << QByteArray("000a") << 10;
}

void TestChunkedDecoding::hexCase() {
    QFETCH(QByteArray, size);
    QFETCH(int, length);
    const QByteArray payload = pattern(length);
    const QByteArray wire = kHead + size + "\r\n" + payload + "\r\n0\r\n\r\n";
    for (const qsizetype step : {0, 1, 7}) {
        const Decoded out = decode(wire, step);
        QVERIFY2(!out.error, qPrintable(out.errorString));
        QCOMPARE(out.body, payload);
        QCOMPARE(out.completed, 1);
    }
}

void TestChunkedDecoding::largeChunkSizes_data() {
    QTest::addColumn<qsizetype>("length");
    QTest::newRow("64 KiB") << qsizetype(0x10000);
    QTest::newRow("1 MiB + 1") << qsizetype(0x100001);
    QTest::newRow("8 MiB") << qsizetype(0x800000);
}

void TestChunkedDecoding::largeChunkSizes() {
    QFETCH(qsizetype, length);
    const QByteArray payload = pattern(length);
    const QByteArray wire =
        kHead + QByteArray::number(length, 16) + "\r\n" + payload + "\r\n3\r\nend\r\n0\r\n\r\n";
    // Fed as a socket would deliver it: in 64 KiB reads.
    const Decoded out = decode(wire, 64 * 1024);
    QVERIFY2(!out.error, qPrintable(out.errorString));
    QCOMPARE(out.body.size(), length + 3);
    QVERIFY(out.body == payload + "end");
    QCOMPARE(out.completed, 1);
    // Each read was handed on, not buffered until the chunk ended.
    QVERIFY(out.pieces >= int(length / (64 * 1024)));
}

void TestChunkedDecoding::oversizedChunkSizeIsAnError() {
    // More hex digits than 64 bits hold must fail, not wrap around to a small size.
    const Decoded out = decode(kHead + "10000000000000001\r\nab\r\n0\r\n\r\n");
    QVERIFY(out.error);
    QVERIFY(!out.errorString.isEmpty());
    QCOMPARE(out.body, QByteArray());
    QCOMPARE(out.completed, 0);
}

void TestChunkedDecoding::chunkSplitAcrossManyFeeds() {
    const QByteArray payload = pattern(5000);
    const QByteArray wire = kHead + "1388\r\n" + payload + "\r\n0\r\n\r\n";
    QByteArray body;
    int pieces = 0;
    int completed = 0;
    HttpResponseParser parser({
        {},
        [&](const QByteArray& piece) {
            body += piece;
            ++pieces;
        },
        [&](bool) { ++completed; },
    });
    const qsizetype headEnd = kHead.size() + 6;
    QCOMPARE(parser.feed(wire.left(headEnd)), headEnd);
    // The chunk's 5000 bytes in 1000 feeds of 5: each feed delivers its piece at once.
    for (qsizetype pos = headEnd, i = 0; i < 1000; ++i, pos += 5) {
        QCOMPARE(parser.feed(wire.mid(pos, 5)), 5);
        QCOMPARE(body.size(), (i + 1) * 5);
        QCOMPARE(completed, 0);
    }
    QCOMPARE(pieces, 1000);
    const QByteArray rest = wire.mid(headEnd + 5000);
    QCOMPARE(parser.feed(rest), rest.size());
    QCOMPARE(body, payload);
    QCOMPARE(completed, 1);
}

void TestChunkedDecoding::everyBoundaryOfAComplexBody() {
    const QByteArray wire = kHead + "1;ext=1\r\na\r\n" + "B\r\n0123456789X\r\n" + "10;q=\"x\"\r\n" +
                            pattern(16) + "\r\n" + "0;last\r\nTrailer-One: 1\r\n\r\n";
    const QByteArray expected = "a0123456789X" + pattern(16);
    for (qsizetype cut = 1; cut < wire.size(); ++cut) {
        QByteArray body;
        int completed = 0;
        HttpResponseParser parser({
            {},
            [&](const QByteArray& piece) { body += piece; },
            [&](bool) { ++completed; },
        });
        QCOMPARE(parser.feed(wire.left(cut)), cut);
        QCOMPARE(parser.feed(wire.mid(cut)), wire.size() - cut);
        QVERIFY2(!parser.hasError(), qPrintable(parser.errorString()));
        QCOMPARE(body, expected);
        QCOMPARE(completed, 1);
    }
}

void TestChunkedDecoding::missingCrlfAfterChunkIsAnError() {
    // The chunk is longer than its size says: the byte after it must be CR.
    const Decoded out = decode(kHead + "3\r\nabcd\r\n0\r\n\r\n");
    QVERIFY(out.error);
    QVERIFY(!out.errorString.isEmpty());
    QCOMPARE(out.completed, 0);
}

QTEST_MAIN(TestChunkedDecoding)
#include "tst_chunkeddecoding.moc"
