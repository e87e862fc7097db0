#include "http/apiserver.h"
#include "http/chunkedstream.h"
#include "http/requestrecorder.h"
#include "httptestclient.h"
#include "observe/log.h"

#include <QCoreApplication>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace sockerless::http;
using sockerless::test::RawCollector;
using sockerless::test::RawResponse;
using sockerless::test::recordFor;

namespace {

// A stream is recorded twice: when it opens (so a stream that lasts hours shows up at once) and
// when it ends, with the final status and byte count.
void expectOpenAndCloseRecords(const QSignalSpy& records) {
    QCOMPARE(records.count(), 2);
    const auto opened = records.at(0).at(0).value<sockerless::http::RequestRecord>();
    const auto closed = records.at(1).at(0).value<sockerless::http::RequestRecord>();
    QCOMPARE(opened.phase, sockerless::http::RequestRecord::Phase::StreamOpened);
    QCOMPARE(opened.bytesOut, qint64(0));
    QCOMPARE(closed.phase, sockerless::http::RequestRecord::Phase::StreamClosed);
}

} // namespace

namespace {

constexpr int timeoutMs = 5000;

// A server with one streaming route whose stream the test drives by hand.
struct StreamFixture {
    RequestRecorder recorder;
    QSignalSpy records{&recorder, &RequestRecorder::recorded};
    ApiServer server{&recorder};
    QPointer<ChunkedStream> stream;
    QTcpSocket client;
    RawCollector collector{&client};

    bool start(QString* error) {
        server.route("GET", QStringLiteral("/stream"), [this](const ExchangePtr& ex) {
            stream = ex->startStream(200, "text/plain", {{"X-Stream", "1"}});
        });
        if (!server.listen(QStringLiteral("127.0.0.1:0"), error))
            return false;
        const quint16 port = static_cast<quint16>(
            server.listeningAddresses().value(0).section(QLatin1Char(':'), -1).toUInt());
        client.connectToHost(QHostAddress::LocalHost, port);
        if (!client.waitForConnected(timeoutMs)) {
            *error = client.errorString();
            return false;
        }
        client.write("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
        return true;
    }
};

} // namespace

class TstChunkedStream : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void headersFirstThenChunksInOrderThenEnd();
    void clientDisconnectMidStream();
    void backpressureCongestedThenDrained();
    void abortConnectionTruncatesTheStream();
    void shutdownEndsOpenStream();
};

void TstChunkedStream::initTestCase() {
    sockerless::observe::Log::configure(sockerless::observe::Log::Format::Text,
                                        sockerless::observe::Log::Level::Warning);
}

void TstChunkedStream::headersFirstThenChunksInOrderThenEnd() {
    StreamFixture f;
    QString error;
    QVERIFY2(f.start(&error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(f.stream, timeoutMs);

    // The header block is sent at once, before any data (Docker's wait/attach rely on it).
    QTRY_VERIFY_WITH_TIMEOUT(f.collector.response().headersComplete, timeoutMs);
    RawResponse r = f.collector.response();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Transfer-Encoding"), QByteArray("chunked"));
    QCOMPARE(r.header("Content-Type"), QByteArray("text/plain"));
    QCOMPARE(r.header("X-Stream"), QByteArray("1"));
    QVERIFY(!r.hasHeader("Content-Length"));
    QVERIFY(r.chunks.isEmpty());
    QVERIFY(f.stream->isOpen());
    QCOMPARE(f.server.openStreamCount(), 1);

    const QByteArrayList pieces{"one", "second piece", QByteArray(300, 'x')};
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        f.stream->write(pieces.at(i));
        f.stream->write(QByteArray()); // ignored: an empty chunk would end the stream
        QTRY_COMPARE_WITH_TIMEOUT(f.collector.response().chunks.size(), i + 1, timeoutMs);
        QCOMPARE(f.collector.response().chunks.at(i), pieces.at(i));
        QVERIFY(!f.collector.response().complete);
    }
    QCOMPARE(f.stream->bytesWritten(), qint64(3 + 12 + 300));
    f.stream->end();
    f.stream->end(); // idempotent
    QTRY_VERIFY_WITH_TIMEOUT(f.collector.response().complete, timeoutMs);
    r = f.collector.response();
    QVERIFY(!r.malformed);
    QCOMPARE(r.chunks, pieces);

    // The exact framing on the wire: <hex>\r\n<data>\r\n ... 0\r\n\r\n.
    const QByteArray raw = f.collector.data();
    const QByteArray body = raw.mid(raw.indexOf("\r\n\r\n") + 4);
    QCOMPARE(body, QByteArray("3\r\none\r\nc\r\nsecond piece\r\n12c\r\n") + QByteArray(300, 'x') +
                       QByteArray("\r\n0\r\n\r\n"));

    QTRY_VERIFY_WITH_TIMEOUT(recordFor(f.records, QStringLiteral("/stream")).status == 200,
                             timeoutMs);
    QCOMPARE(recordFor(f.records, QStringLiteral("/stream")).bytesOut, qint64(315));
    expectOpenAndCloseRecords(f.records);
    // The ended stream deletes itself; the connection stays usable (keep-alive).
    QTRY_VERIFY_WITH_TIMEOUT(f.stream.isNull(), timeoutMs);
    QCOMPARE(f.server.openStreamCount(), 0);
    QCOMPARE(f.client.state(), QAbstractSocket::ConnectedState);
}

void TstChunkedStream::clientDisconnectMidStream() {
    StreamFixture f;
    QString error;
    QVERIFY2(f.start(&error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(f.stream, timeoutMs);
    QSignalSpy gone(f.stream.data(), &ChunkedStream::clientGone);
    f.stream->write("first");
    QTRY_COMPARE_WITH_TIMEOUT(f.collector.response().chunks.size(), 1, timeoutMs);

    f.client.abort();
    QTRY_COMPARE_WITH_TIMEOUT(gone.count(), 1, timeoutMs);
    const RequestRecord record = recordFor(f.records, QStringLiteral("/stream"));
    QCOMPARE(record.status, 499);
    QCOMPARE(record.error, QStringLiteral("client closed the connection"));
    QCOMPARE(record.bytesOut, qint64(5));
    // Whatever the producer still does is dropped, and the stream goes with the socket.
    if (f.stream) {
        QVERIFY(!f.stream->isOpen());
        f.stream->write("late");
        f.stream->end();
    }
    QTRY_VERIFY_WITH_TIMEOUT(f.stream.isNull(), timeoutMs);
    QCOMPARE(gone.count(), 1);
    expectOpenAndCloseRecords(f.records);
}

void TstChunkedStream::backpressureCongestedThenDrained() {
    StreamFixture f;
    QString error;
    QVERIFY2(f.start(&error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(f.stream, timeoutMs);
    QSignalSpy congested(f.stream.data(), &ChunkedStream::congested);
    QSignalSpy drained(f.stream.data(), &ChunkedStream::drained);

    // Written without returning to the event loop, so it all waits in the socket's buffer.
    const QByteArray block(512 * 1024, 'b');
    for (int i = 0; i < 8; ++i)
        f.stream->write(block);
    QCOMPARE(congested.count(), 1); // once, not once per write
    QVERIFY(f.stream->isCongested());
    QCOMPARE(drained.count(), 0);

    // The client reads; the backlog falls below the low-water mark.
    QTRY_COMPARE_WITH_TIMEOUT(drained.count(), 1, timeoutMs);
    QVERIFY(!f.stream->isCongested());
    f.stream->end();
    QTRY_VERIFY_WITH_TIMEOUT(f.collector.response().complete, timeoutMs);
    QCOMPARE(f.collector.response().body.size(), qsizetype(8) * block.size());
    QCOMPARE(congested.count(), 1);
}

void TstChunkedStream::abortConnectionTruncatesTheStream() {
    StreamFixture f;
    QString error;
    QVERIFY2(f.start(&error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(f.stream, timeoutMs);
    QSignalSpy disconnected(&f.client, &QTcpSocket::disconnected);
    f.stream->write("partial");
    f.stream->abortConnection();
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.count(), 1, timeoutMs);
    const RawResponse r = f.collector.response();
    QCOMPARE(r.chunks, QByteArrayList{"partial"});
    QVERIFY(!r.complete); // no terminating chunk: the client knows the stream is cut
    const RequestRecord record = recordFor(f.records, QStringLiteral("/stream"));
    QCOMPARE(record.status, 200);
    QVERIFY(!record.error.isEmpty());
    expectOpenAndCloseRecords(f.records);
}

void TstChunkedStream::shutdownEndsOpenStream() {
    StreamFixture f;
    QString error;
    QVERIFY2(f.start(&error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(f.stream, timeoutMs);
    f.stream->write("data");
    QSignalSpy disconnected(&f.client, &QTcpSocket::disconnected);

    int calls = 0;
    f.server.shutdown(3000, [&calls] { ++calls; });
    QTRY_VERIFY_WITH_TIMEOUT(f.collector.response().complete, timeoutMs);
    QCOMPARE(f.collector.response().chunks, QByteArrayList{"data"});
    // The connection is closed after the last chunk, and done follows once it is gone, well
    // before the 3 s deadline.
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.count(), 1, timeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(calls, 1, 2500);
    QCOMPARE(recordFor(f.records, QStringLiteral("/stream")).status, 200);
    QCOMPARE(f.server.openStreamCount(), 0);
}

QTEST_MAIN(TstChunkedStream)
#include "tst_chunkedstream.moc"
