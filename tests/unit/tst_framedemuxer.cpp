// Docker's multiplexed stream demuxer: frames split across reads, split headers, many frames in
// one read, empty payloads, invalid headers, and wholeFramesLength for whole-frame forwarding.

#include "docker/framedemuxer.h"

#include <QTest>

using sockerless::docker::FrameDemuxer;
using Stream = FrameDemuxer::Stream;

namespace {

QByteArray frame(quint8 stream, const QByteArray& payload) {
    QByteArray out(8, '\0');
    out[0] = char(stream);
    const auto length = quint32(payload.size());
    out[4] = char(length >> 24);
    out[5] = char(length >> 16);
    out[6] = char(length >> 8);
    out[7] = char(length);
    return out + payload;
}

QByteArray frame(Stream stream, const QByteArray& payload) {
    return frame(quint8(stream), payload);
}

using Frames = QList<QPair<Stream, QByteArray>>;

/// Collects frames from a demuxer fed with the given pieces; `ok` is false if a feed failed.
Frames demux(const QList<QByteArray>& pieces, bool* ok = nullptr, qsizetype* pending = nullptr) {
    Frames frames;
    FrameDemuxer demuxer([&](Stream stream, const QByteArray& payload) {
        frames.append({stream, payload});
    });
    bool allOk = true;
    for (const QByteArray& piece : pieces)
        allOk = demuxer.feed(piece) && allOk;
    if (ok)
        *ok = allOk;
    if (pending)
        *pending = demuxer.pendingBytes();
    return frames;
}

/// A stream that exercises every header byte: a length over 0xFFFF (bytes 5 and 6 in use),
/// an empty payload, all four stream kinds.
QByteArray sampleStream(Frames* expected) {
    const Frames frames{
        {Stream::Stdout, "out1\n"},     {Stream::Stderr, "err1\n"},
        {Stream::Stdout, QByteArray()}, {Stream::Systemerr, "system error"},
        {Stream::Stdin, "in"},          {Stream::Stdout, QByteArray(70000, 'x')},
        {Stream::Stderr, "last"},
    };
    QByteArray wire;
    for (const auto& [stream, payload] : frames)
        wire += frame(stream, payload);
    if (expected)
        *expected = frames;
    return wire;
}

} // namespace

class TestFrameDemuxer : public QObject {
    Q_OBJECT

private slots:
    void framesSplitAcrossReads();
    void headerSplitInTwo_data();
    void headerSplitInTwo();
    void everySplitOfAStream();
    void byteByByte();
    void manyFramesInOnePiece();
    void emptyPayloadFrame();
    void invalidHeader_data();
    void invalidHeader();
    void invalidHeaderAfterGoodFrames();
    void wholeFramesLength_data();
    void wholeFramesLength();
    void destroyedFromHandler();
    void copyKeepsHeldBytes();
};

void TestFrameDemuxer::framesSplitAcrossReads() {
    const QByteArray payload = "a payload that spans several reads";
    const QByteArray wire = frame(Stream::Stdout, payload);
    Frames frames;
    FrameDemuxer demuxer([&](Stream stream, const QByteArray& p) { frames.append({stream, p}); });
    QVERIFY(demuxer.feed(wire.left(12)));
    QVERIFY(frames.isEmpty());
    QCOMPARE(demuxer.pendingBytes(), 12);
    QVERIFY(!demuxer.atFrameBoundary());
    QVERIFY(demuxer.feed(wire.mid(12, 10)));
    QVERIFY(frames.isEmpty());
    QVERIFY(demuxer.feed(wire.mid(22)));
    QCOMPARE(frames, (Frames{{Stream::Stdout, payload}}));
    QVERIFY(demuxer.atFrameBoundary());
    QCOMPARE(demuxer.pendingBytes(), 0);
}

void TestFrameDemuxer::headerSplitInTwo_data() {
    QTest::addColumn<int>("cut");
    for (int cut = 1; cut < 8; ++cut)
        QTest::addRow("after header byte %d", cut) << cut;
}

void TestFrameDemuxer::headerSplitInTwo() {
    QFETCH(int, cut);
    // A length of 0x010203 puts a different value in each of the low length bytes.
    const QByteArray first = frame(Stream::Stderr, "first");
    const QByteArray second = frame(Stream::Stdout, QByteArray(0x010203, 'p'));
    const QByteArray wire = first + second;
    bool ok = false;
    qsizetype pending = -1;
    const Frames frames =
        demux({wire.left(first.size() + cut), wire.mid(first.size() + cut)}, &ok, &pending);
    QVERIFY(ok);
    QCOMPARE(pending, 0);
    QCOMPARE(frames.size(), 2);
    QCOMPARE(frames.at(0), (QPair<Stream, QByteArray>(Stream::Stderr, "first")));
    QCOMPARE(frames.at(1).first, Stream::Stdout);
    QCOMPARE(frames.at(1).second.size(), 0x010203);
}

void TestFrameDemuxer::everySplitOfAStream() {
    Frames expected;
    const QByteArray wire = sampleStream(&expected);
    // Cuts around every header and a sample of the big payload.
    for (qsizetype cut = 1; cut < wire.size();
         cut += (cut > 200 && cut < wire.size() - 200) ? 997 : 1) {
        bool ok = false;
        qsizetype pending = -1;
        const Frames frames = demux({wire.left(cut), wire.mid(cut)}, &ok, &pending);
        QVERIFY(ok);
        QCOMPARE(pending, 0);
        if (frames != expected)
            QFAIL(qPrintable(QStringLiteral("wrong frames when split at %1").arg(cut)));
    }
}

void TestFrameDemuxer::byteByByte() {
    const QByteArray wire = frame(Stream::Stdout, "hello") + frame(Stream::Stderr, QByteArray()) +
                            frame(Stream::Stderr, "world\n");
    QList<QByteArray> pieces;
    for (const char c : wire)
        pieces.append(QByteArray(1, c));
    bool ok = false;
    const Frames frames = demux(pieces, &ok);
    QVERIFY(ok);
    QCOMPARE(frames, (Frames{{Stream::Stdout, "hello"},
                             {Stream::Stderr, QByteArray()},
                             {Stream::Stderr, "world\n"}}));
}

void TestFrameDemuxer::manyFramesInOnePiece() {
    Frames expectedFrames;
    QByteArray wire;
    for (int i = 0; i < 1000; ++i) {
        const Stream stream = i % 3 == 0 ? Stream::Stderr : Stream::Stdout;
        const QByteArray payload = QByteArray::number(i) + '\n';
        expectedFrames.append({stream, payload});
        wire += frame(stream, payload);
    }
    // Plus half of one more frame, held back for the next read.
    const QByteArray partial = frame(Stream::Stdout, "partial");
    bool ok = false;
    qsizetype pending = -1;
    const Frames frames = demux({wire + partial.left(10)}, &ok, &pending);
    QVERIFY(ok);
    QCOMPARE(frames, expectedFrames);
    QCOMPARE(pending, 10);
}

void TestFrameDemuxer::emptyPayloadFrame() {
    Frames frames;
    FrameDemuxer demuxer([&](Stream stream, const QByteArray& p) { frames.append({stream, p}); });
    QVERIFY(demuxer.feed(frame(Stream::Stdout, QByteArray())));
    // A header alone completes an empty frame: it is reported, not held back.
    QCOMPARE(frames, (Frames{{Stream::Stdout, QByteArray()}}));
    QVERIFY(demuxer.atFrameBoundary());
    QVERIFY(demuxer.feed(QByteArray()));
    QCOMPARE(frames.size(), 1);
}

void TestFrameDemuxer::invalidHeader_data() {
    QTest::addColumn<QByteArray>("wire");
    QTest::newRow("stream byte 4") << frame(4, "x");
    QTest::newRow("stream byte 0xFF") << frame(0xFF, "x");
    QTest::newRow("TTY text, not frames") << QByteArray("tty-out\r\ntty-err\r\n");
    QByteArray padding = frame(Stream::Stdout, "x");
    padding[2] = 1;
    QTest::newRow("non-zero padding") << padding;
    QTest::newRow("only a bad first byte") << QByteArray("\x07", 1);
}

void TestFrameDemuxer::invalidHeader() {
    QFETCH(QByteArray, wire);
    int frames = 0;
    FrameDemuxer demuxer([&](Stream, const QByteArray&) { ++frames; });
    QVERIFY(!demuxer.feed(wire));
    QVERIFY(demuxer.isBroken());
    QCOMPARE(frames, 0);
    // It stays stopped: even a good frame is refused now.
    QVERIFY(!demuxer.feed(frame(Stream::Stdout, "ok")));
    QCOMPARE(frames, 0);
    // Reported as soon as the bad byte arrives, byte by byte too.
    FrameDemuxer bytewise([&](Stream, const QByteArray&) { ++frames; });
    bool failed = false;
    for (const char c : wire) {
        if (!bytewise.feed(QByteArray(1, c))) {
            failed = true;
            break;
        }
    }
    QVERIFY(failed);
    QCOMPARE(frames, 0);
}

void TestFrameDemuxer::invalidHeaderAfterGoodFrames() {
    const QByteArray wire = frame(Stream::Stdout, "good") + frame(9, "bad");
    bool ok = true;
    const Frames frames = demux({wire}, &ok);
    QVERIFY(!ok);
    // The frames before the bad header were delivered.
    QCOMPARE(frames, (Frames{{Stream::Stdout, "good"}}));
}

void TestFrameDemuxer::wholeFramesLength_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qsizetype>("expected");
    const QByteArray a = frame(Stream::Stdout, "hello");
    const QByteArray b = frame(Stream::Stderr, QByteArray());
    const QByteArray c = frame(Stream::Stdout, QByteArray(300, 'c'));
    QTest::newRow("empty") << QByteArray() << qsizetype(0);
    QTest::newRow("one whole") << a << a.size();
    QTest::newRow("three whole") << a + b + c << a.size() + b.size() + c.size();
    QTest::newRow("header only of the first") << a.left(8) << qsizetype(0);
    QTest::newRow("half a header") << a.left(3) << qsizetype(0);
    QTest::newRow("whole then partial payload") << a + c.left(100) << a.size();
    QTest::newRow("whole then partial header") << a + b + c.left(7) << a.size() + b.size();
    QTest::newRow("empty payload frame alone") << b << b.size();
    QTest::newRow("whole then invalid") << a + frame(5, "x") << a.size();
    // The top length byte counts: 16 MiB announced, 5 bytes there.
    QTest::newRow("length in the top byte")
        << a + QByteArray("\x01\x00\x00\x00\x01\x00\x00\x00hello", 13) << a.size();
}

void TestFrameDemuxer::wholeFramesLength() {
    QFETCH(QByteArray, bytes);
    QFETCH(qsizetype, expected);
    QCOMPARE(FrameDemuxer::wholeFramesLength(bytes), expected);
    // What it counts is exactly what a demuxer completes from those bytes.
    qsizetype pending = -1;
    const Frames frames = demux({bytes}, nullptr, &pending);
    QCOMPARE(pending, bytes.size() - expected);
    qsizetype framed = 0;
    for (const auto& [stream, payload] : frames)
        framed += 8 + payload.size();
    QCOMPARE(framed, expected);
}

void TestFrameDemuxer::destroyedFromHandler() {
    const QByteArray wire =
        frame(Stream::Stdout, "1") + frame(Stream::Stdout, "2") + frame(Stream::Stdout, "3");
    int frames = 0;
    auto* demuxer = new FrameDemuxer(nullptr);
    *demuxer = FrameDemuxer([&](Stream, const QByteArray&) {
        ++frames;
        delete demuxer;
        demuxer = nullptr;
    });
    FrameDemuxer* const original = demuxer;
    QVERIFY(original->feed(wire));
    // The first frame's handler destroyed it: nothing more was delivered or touched.
    QCOMPARE(frames, 1);
    QVERIFY(!demuxer);
}

void TestFrameDemuxer::copyKeepsHeldBytes() {
    const QByteArray wire = frame(Stream::Stderr, "split");
    Frames frames;
    FrameDemuxer first([&](Stream stream, const QByteArray& p) { frames.append({stream, p}); });
    QVERIFY(first.feed(wire.left(10)));
    FrameDemuxer copy = first;
    QCOMPARE(copy.pendingBytes(), 10);
    QVERIFY(copy.feed(wire.mid(10)));
    QCOMPARE(frames, (Frames{{Stream::Stderr, "split"}}));
    FrameDemuxer moved = std::move(copy);
    QVERIFY(moved.atFrameBoundary());
    QVERIFY(moved.feed(wire));
    QCOMPARE(frames.size(), 2);
}

QTEST_MAIN(TestFrameDemuxer)
#include "tst_framedemuxer.moc"
