// The HTTP/1.1 response parser: recorded Docker answers fed in every possible split, keep-alive
// sequences, read-until-close, no-body statuses, the 101 hijack, stopping, and broken input.

#include "api/httpheaders.h"
#include "docker/framedemuxer.h"
#include "docker/httpresponseparser.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using sockerless::docker::FrameDemuxer;
using sockerless::docker::HttpResponseParser;

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;

/// One response as the callbacks reported it.
struct Response {
    int status = 0;
    Headers headers;
    QByteArray body;
    int bodyPieces = 0;
    bool completed = false;
    bool keepAlive = false;

    QByteArray header(const QByteArray& name) const {
        return sockerless::api::headerValue(headers, name);
    }
};

/// Everything a run of the parser over some input produced.
struct Outcome {
    QList<Response> responses;
    QByteArray afterStop; ///< bytes the parser left over once it stopped (the raw stream)
    bool stopped = false;
    bool error = false;
    QString errorString;
    bool eofOk = true;

    /// A readable, complete summary: two outcomes are the same iff their summaries are.
    QByteArray summary() const {
        QByteArray out;
        for (const Response& r : responses) {
            out += "status " + QByteArray::number(r.status) + '\n';
            for (const auto& [field, value] : r.headers)
                out += "  " + field + ": " + value + '\n';
            out += "  body " + r.body.toPercentEncoding() + '\n';
            out += "  completed " + QByteArray::number(r.completed) + " keepAlive " +
                   QByteArray::number(r.keepAlive) + '\n';
        }
        out += "afterStop " + afterStop.toPercentEncoding() + '\n';
        out += "stopped " + QByteArray::number(stopped) + " error " + QByteArray::number(error) +
               " eofOk " + QByteArray::number(eofOk) + '\n';
        return out;
    }
};

/// Feeds `wire` cut at `cuts` (ascending offsets), then signals EOF when `atEof`.
/// `proceed` decides what onHeaders returns.
Outcome run(const QByteArray& wire, const QList<qsizetype>& cuts, bool atEof = true,
            const std::function<bool(int)>& proceed = {}) {
    Outcome outcome;
    HttpResponseParser parser({
        [&](int status, const Headers& headers) {
            outcome.responses.append(Response{status, headers, {}, 0, false, false});
            return proceed ? proceed(status) : true;
        },
        [&](const QByteArray& piece) {
            outcome.responses.last().body += piece;
            ++outcome.responses.last().bodyPieces;
        },
        [&](bool keepAlive) {
            outcome.responses.last().completed = true;
            outcome.responses.last().keepAlive = keepAlive;
        },
    });
    qsizetype start = 0;
    QList<qsizetype> ends = cuts;
    ends.append(wire.size());
    for (const qsizetype end : std::as_const(ends)) {
        const QByteArray piece = wire.mid(start, end - start);
        start = end;
        if (piece.isEmpty())
            continue;
        if (parser.isStopped()) {
            outcome.afterStop += piece;
            continue;
        }
        const qsizetype consumed = parser.feed(piece);
        if (parser.hasError())
            break;
        if (consumed < piece.size()) {
            if (!parser.isStopped()) {
                outcome.errorString = QStringLiteral("consumed less without stopping");
                outcome.error = true;
                return outcome;
            }
            outcome.afterStop += piece.mid(consumed);
        }
    }
    if (atEof && !parser.hasError())
        outcome.eofOk = parser.finishAtEof();
    outcome.stopped = parser.isStopped();
    outcome.error = parser.hasError();
    outcome.errorString = parser.errorString();
    return outcome;
}

QList<qsizetype> everyByte(qsizetype size) {
    QList<qsizetype> cuts;
    for (qsizetype i = 1; i < size; ++i)
        cuts.append(i);
    return cuts;
}

QByteArray recorded(const QString& name) {
    QFile file(QFINDTESTDATA(QStringLiteral("data/") + name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(name));
    return file.readAll();
}

} // namespace

class TestHttpResponseParser : public QObject {
    Q_OBJECT

private slots:
    void recordedAnswersSplitEverywhere_data();
    void recordedAnswersSplitEverywhere();
    void followedLogsFramesSurviveEverySplit();
    void hijackRawStreamSurvivesEverySplit();
    void keepAliveSequence();
    void readUntilClose();
    void noBodyStatuses_data();
    void noBodyStatuses();
    void interimResponseIsSkipped();
    void headOnKeepAliveConnection();
    void upgradeStopsAfterHeaders();
    void onHeadersFalseStops();
    void bodyDeliveredAsParsed();
    void headersInPieces();
    void malformedStatusLine_data();
    void malformedStatusLine();
    void badChunkSize();
    void truncatedAtEof_data();
    void truncatedAtEof();
    void closedConnectionThenMoreData();
    void inResponseTracking();
    void destroyedFromCallback();
};

void TestHttpResponseParser::recordedAnswersSplitEverywhere_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QList<int>>("statuses");
    QTest::addColumn<bool>("lastKeepAlive");
    QTest::addColumn<QByteArray>("headerName");
    QTest::addColumn<QByteArray>("headerValue");
    QTest::addColumn<QByteArray>("bodyContains");
    QTest::addColumn<bool>("stopped");

    QTest::newRow("version, Content-Length")
        << QStringLiteral("version.http") << QList<int>{200} << false
        << QByteArray("Content-Length") << QByteArray("792")
        << QByteArray("\"ApiVersion\":\"1.41\"") << false;
    QTest::newRow("containers/json, chunked")
        << QStringLiteral("containers-json.http") << QList<int>{200} << true
        << QByteArray("transfer-encoding") << QByteArray("chunked")
        << QByteArray("\"Names\":[\"/parser-rec-0\"]") << false;
    QTest::newRow("followed logs, chunked frames")
        << QStringLiteral("logs-follow.http") << QList<int>{200} << false
        << QByteArray("Api-Version") << QByteArray("1.41") << QByteArray("out2\n") << false;
    QTest::newRow("404 JSON error")
        << QStringLiteral("error-404.http") << QList<int>{404} << false
        << QByteArray("Content-Type") << QByteArray("application/json")
        << QByteArray("{\"message\":\"No such container: doesnotexist\"}") << false;
    QTest::newRow("keep-alive, two answers")
        << QStringLiteral("keepalive-two.http") << QList<int>{200, 404} << true
        << QByteArray("Content-Type") << QByteArray("text/plain; charset=utf-8") << QByteArray("OK")
        << false;
    QTest::newRow("101 UPGRADED hijack")
        << QStringLiteral("exec-hijack.http") << QList<int>{101} << false << QByteArray("Upgrade")
        << QByteArray("tcp") << QByteArray() << true;
}

void TestHttpResponseParser::recordedAnswersSplitEverywhere() {
    QFETCH(QString, file);
    QFETCH(QList<int>, statuses);
    QFETCH(bool, lastKeepAlive);
    QFETCH(QByteArray, headerName);
    QFETCH(QByteArray, headerValue);
    QFETCH(QByteArray, bodyContains);
    QFETCH(bool, stopped);

    const QByteArray wire = recorded(file);
    const Outcome whole = run(wire, {});
    QVERIFY2(!whole.error, qPrintable(whole.errorString));
    QVERIFY(whole.eofOk);
    QCOMPARE(whole.stopped, stopped);
    QCOMPARE(whole.responses.size(), statuses.size());
    for (qsizetype i = 0; i < statuses.size(); ++i) {
        QCOMPARE(whole.responses.at(i).status, statuses.at(i));
        // A stopped (upgraded) answer has no HTTP completion: the raw stream follows.
        QCOMPARE(whole.responses.at(i).completed, !stopped);
    }
    QCOMPARE(whole.responses.first().header(headerName), headerValue);
    if (!bodyContains.isEmpty())
        QVERIFY(whole.responses.first().body.contains(bodyContains));
    if (!stopped)
        QCOMPARE(whole.responses.last().keepAlive, lastKeepAlive);
    if (file == QLatin1String("version.http"))
        QCOMPARE(whole.responses.first().body.size(), 792);
    if (file == QLatin1String("containers-json.http")) {
        const QJsonDocument json = QJsonDocument::fromJson(whole.responses.first().body);
        QVERIFY(json.isArray());
        QCOMPARE(json.array().size(), 6);
    }
    if (stopped) {
        const qsizetype headerEnd = wire.indexOf("\r\n\r\n") + 4;
        QCOMPARE(whole.afterStop, wire.mid(headerEnd));
        QVERIFY(!whole.afterStop.isEmpty());
    }

    // Every split in two, then byte by byte: the same answer.
    for (qsizetype cut = 1; cut < wire.size(); ++cut) {
        const Outcome split = run(wire, {cut});
        if (split.summary() != whole.summary())
            QFAIL(qPrintable(
                QStringLiteral("differs when split at byte %1:\n%2\nexpected:\n%3")
                    .arg(cut)
                    .arg(QString::fromUtf8(split.summary()), QString::fromUtf8(whole.summary()))));
    }
    const Outcome bytewise = run(wire, everyByte(wire.size()));
    QCOMPARE(bytewise.summary(), whole.summary());
    // Byte by byte, the body really came in many pieces (it was not buffered to the end).
    if (!stopped && whole.responses.first().body.size() > 1)
        QVERIFY(bytewise.responses.first().bodyPieces > 1);
}

void TestHttpResponseParser::followedLogsFramesSurviveEverySplit() {
    const QByteArray wire = recorded(QStringLiteral("logs-follow.http"));
    for (qsizetype cut = 1; cut < wire.size(); ++cut) {
        QByteArray out;
        QByteArray err;
        FrameDemuxer demuxer([&](FrameDemuxer::Stream stream, const QByteArray& payload) {
            (stream == FrameDemuxer::Stream::Stderr ? err : out) += payload;
        });
        bool framesOk = true;
        bool completed = false;
        HttpResponseParser parser({
            {},
            [&](const QByteArray& piece) { framesOk = demuxer.feed(piece) && framesOk; },
            [&](bool) { completed = true; },
        });
        QCOMPARE(parser.feed(wire.left(cut)), cut);
        QCOMPARE(parser.feed(wire.mid(cut)), wire.size() - cut);
        QVERIFY(completed);
        QVERIFY(framesOk);
        QVERIFY(demuxer.atFrameBoundary());
        QCOMPARE(out, QByteArray("out1\nout2\nno newline"));
        QCOMPARE(err, QByteArray("err1\n"));
    }
}

void TestHttpResponseParser::hijackRawStreamSurvivesEverySplit() {
    const QByteArray wire = recorded(QStringLiteral("exec-hijack.http"));
    for (qsizetype cut = 1; cut < wire.size(); ++cut) {
        const Outcome outcome = run(wire, {cut}, true, [](int) { return false; });
        QVERIFY(outcome.stopped);
        QByteArray out;
        QByteArray err;
        FrameDemuxer demuxer([&](FrameDemuxer::Stream stream, const QByteArray& payload) {
            (stream == FrameDemuxer::Stream::Stderr ? err : out) += payload;
        });
        QVERIFY(demuxer.feed(outcome.afterStop));
        QVERIFY(demuxer.atFrameBoundary());
        QCOMPARE(out, QByteArray("hijacked\n"));
        QCOMPARE(err, QByteArray("oops\n"));
    }
}

void TestHttpResponseParser::keepAliveSequence() {
    const QByteArray wire = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-First: 1\r\n\r\nhello"
                            "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
                            "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
                            "HTTP/1.1 204 No Content\r\nX-Third: 3\r\n\r\n";
    const Outcome whole = run(wire, {}, false);
    QVERIFY2(!whole.error, qPrintable(whole.errorString));
    QCOMPARE(whole.responses.size(), 3);
    QCOMPARE(whole.responses.at(0).status, 200);
    QCOMPARE(whole.responses.at(0).body, QByteArray("hello"));
    QCOMPARE(whole.responses.at(1).status, 201);
    QCOMPARE(whole.responses.at(1).body, QByteArray("abcde"));
    // Headers do not leak from one response into the next.
    QCOMPARE(whole.responses.at(1).header("X-First"), QByteArray());
    QCOMPARE(whole.responses.at(2).status, 204);
    QCOMPARE(whole.responses.at(2).headers, (Headers{{"X-Third", "3"}}));
    for (const Response& r : whole.responses) {
        QVERIFY(r.completed);
        QVERIFY(r.keepAlive);
    }
    for (qsizetype cut = 1; cut < wire.size(); ++cut)
        QCOMPARE(run(wire, {cut}, false).summary(), whole.summary());
    QCOMPARE(run(wire, everyByte(wire.size()), false).summary(), whole.summary());
}

void TestHttpResponseParser::readUntilClose() {
    const QByteArray wire = "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n"
                            "\r\nfirst part, second part";
    bool completed = false;
    bool keepAlive = true;
    QByteArray body;
    HttpResponseParser parser({
        [](int, const Headers&) { return true; },
        [&](const QByteArray& piece) { body += piece; },
        [&](bool alive) {
            completed = true;
            keepAlive = alive;
        },
    });
    QCOMPARE(parser.feed(wire.left(wire.size() - 4)), wire.size() - 4);
    QCOMPARE(parser.feed(wire.right(4)), 4);
    // Without a length the body only ends when the connection does.
    QVERIFY(!completed);
    QVERIFY(parser.inResponse());
    QCOMPARE(body, QByteArray("first part, second part"));
    QVERIFY(parser.finishAtEof());
    QVERIFY(completed);
    QVERIFY(!keepAlive);
    QVERIFY(!parser.hasError());
    // A second EOF report completes nothing twice.
    completed = false;
    QVERIFY(parser.finishAtEof());
    QVERIFY(!completed);

    // Split everywhere: the same.
    const Outcome whole = run(wire, {});
    QCOMPARE(whole.responses.size(), 1);
    QVERIFY(whole.responses.first().completed);
    for (qsizetype cut = 1; cut < wire.size(); ++cut)
        QCOMPARE(run(wire, {cut}).summary(), whole.summary());
}

void TestHttpResponseParser::noBodyStatuses_data() {
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<int>("status");
    // Each is followed by a second response on the same connection: a body wrongly expected
    // would swallow it.
    QTest::newRow("204 with a Content-Length")
        << QByteArray("HTTP/1.1 204 No Content\r\nContent-Length: 7\r\n\r\n") << 204;
    QTest::newRow("304") << QByteArray("HTTP/1.1 304 Not Modified\r\nApi-Version: 1.41\r\n\r\n")
                         << 304;
    QTest::newRow("304 with a Content-Length")
        << QByteArray("HTTP/1.1 304 Not Modified\r\nContent-Length: 12\r\n\r\n") << 304;
    QTest::newRow("204 chunked")
        << QByteArray("HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n") << 204;
}

void TestHttpResponseParser::noBodyStatuses() {
    QFETCH(QByteArray, head);
    QFETCH(int, status);
    const QByteArray wire = head + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    const Outcome outcome = run(wire, {});
    QVERIFY2(!outcome.error, qPrintable(outcome.errorString));
    QCOMPARE(outcome.responses.size(), 2);
    QCOMPARE(outcome.responses.at(0).status, status);
    QCOMPARE(outcome.responses.at(0).body, QByteArray());
    QVERIFY(outcome.responses.at(0).completed);
    QVERIFY(outcome.responses.at(0).keepAlive);
    QCOMPARE(outcome.responses.at(1).body, QByteArray("ok"));
    for (qsizetype cut = 1; cut < wire.size(); ++cut)
        QCOMPARE(run(wire, {cut}).summary(), outcome.summary());
}

void TestHttpResponseParser::interimResponseIsSkipped() {
    const QByteArray wire = "HTTP/1.1 100 Continue\r\n\r\n"
                            "HTTP/1.1 201 Created\r\nContent-Length: 4\r\n\r\n{\"a\"";
    const Outcome outcome = run(wire, {});
    QVERIFY2(!outcome.error, qPrintable(outcome.errorString));
    // Only the final answer reaches the callbacks.
    QCOMPARE(outcome.responses.size(), 1);
    QCOMPARE(outcome.responses.first().status, 201);
    QCOMPARE(outcome.responses.first().headers, (Headers{{"Content-Length", "4"}}));
    QCOMPARE(outcome.responses.first().body, QByteArray("{\"a\""));
    QVERIFY(outcome.responses.first().completed);
    QCOMPARE(run(wire, everyByte(wire.size())).summary(), outcome.summary());
}

void TestHttpResponseParser::headOnKeepAliveConnection() {
    int completed = 0;
    QList<QByteArray> bodies;
    HttpResponseParser parser({
        [&](int, const Headers&) {
            bodies.append(QByteArray());
            return true;
        },
        [&](const QByteArray& piece) { bodies.last() += piece; },
        [&](bool) { ++completed; },
    });
    // HEAD: the Content-Length describes a body that is not sent.
    parser.expectNoBody(true);
    const QByteArray head = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n";
    QCOMPARE(parser.feed(head), head.size());
    QCOMPARE(completed, 1);
    // The setting applied to that response only: the next GET has its body.
    const QByteArray get = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789";
    QCOMPARE(parser.feed(get), get.size());
    QCOMPARE(completed, 2);
    QCOMPARE(bodies, (QList<QByteArray>{QByteArray(), QByteArray("0123456789")}));
    QVERIFY(!parser.hasError());
}

void TestHttpResponseParser::upgradeStopsAfterHeaders() {
    const QByteArray head =
        "HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream"
        "\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n";
    // Raw bytes that would be an HTTP error if parsed.
    const QByteArray raw("\x01\x00\x00\x00\x00\x00\x00\x03hi\n", 11);
    for (const bool proceed : {false, true}) {
        bool completed = false;
        int headersSeen = 0;
        int seenStatus = 0;
        Headers seenHeaders;
        HttpResponseParser parser({
            [&](int status, const Headers& headers) {
                ++headersSeen;
                seenStatus = status;
                seenHeaders = headers;
                return proceed;
            },
            [&](const QByteArray&) { QFAIL("no body for an upgrade"); },
            [&](bool) { completed = true; },
        });
        // Whatever onHeaders says, a 101 switches protocols: the raw stream is not parsed.
        QCOMPARE(parser.feed(head + raw), head.size());
        QCOMPARE(headersSeen, 1);
        QCOMPARE(seenStatus, 101);
        QCOMPARE(seenHeaders.size(), 3);
        QCOMPARE(seenHeaders.at(2), (QPair<QByteArray, QByteArray>("Upgrade", "tcp")));
        QVERIFY(parser.isStopped());
        QVERIFY(!parser.hasError());
        QVERIFY(!completed);
        QVERIFY(!parser.inResponse());
        QCOMPARE(parser.feed(raw), 0);
        QVERIFY(parser.finishAtEof());
        QVERIFY(!completed);
    }
}

void TestHttpResponseParser::onHeadersFalseStops() {
    const QByteArray head = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n";
    int bodyCalls = 0;
    bool completed = false;
    HttpResponseParser parser({
        [](int, const Headers&) { return false; },
        [&](const QByteArray&) { ++bodyCalls; },
        [&](bool) { completed = true; },
    });
    QCOMPARE(parser.feed(head + "hello"), head.size());
    QVERIFY(parser.isStopped());
    QCOMPARE(bodyCalls, 0);
    QVERIFY(!completed);
    QVERIFY(!parser.hasError());
    QCOMPARE(parser.feed("more"), 0);
}

void TestHttpResponseParser::bodyDeliveredAsParsed() {
    QList<QByteArray> pieces;
    bool completed = false;
    HttpResponseParser parser({
        {},
        [&](const QByteArray& piece) { pieces.append(piece); },
        [&](bool) { completed = true; },
    });
    parser.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nf\r\nfirst-half");
    // Part of a chunk is handed on at once, before the chunk, let alone the body, is complete.
    QCOMPARE(pieces, QList<QByteArray>{"first-half"});
    QVERIFY(!completed);
    parser.feed("-xxxx\r\n");
    QCOMPARE(pieces.last(), QByteArray("-xxxx"));
    QVERIFY(!completed);
    QVERIFY(parser.inResponse());
    parser.feed("0\r\n\r\n");
    QVERIFY(completed);
    QVERIFY(!parser.inResponse());
}

void TestHttpResponseParser::headersInPieces() {
    const QByteArray wire = "HTTP/1.1 200 OK\r\n"
                            "X-Long-Header-Name: a value that is long enough to be cut\r\n"
                            "Set-Cookie: a=1\r\n"
                            "Set-Cookie: b=2\r\n"
                            "X-Empty:\r\n"
                            "X-Spaces:    padded   \r\n"
                            "Content-Length: 0\r\n\r\n";
    const Headers expected{
        {"X-Long-Header-Name", "a value that is long enough to be cut"},
        {"Set-Cookie", "a=1"},
        {"Set-Cookie", "b=2"},
        {"X-Empty", ""},
        {"X-Spaces", "padded   "},
        {"Content-Length", "0"},
    };
    const Outcome whole = run(wire, {});
    QCOMPARE(whole.responses.size(), 1);
    QCOMPARE(whole.responses.first().headers, expected);
    // Names and values arriving in several callbacks are joined, never split into new pairs.
    const Outcome bytewise = run(wire, everyByte(wire.size()));
    QCOMPARE(bytewise.responses.first().headers, expected);
}

void TestHttpResponseParser::malformedStatusLine_data() {
    QTest::addColumn<QByteArray>("wire");
    QTest::newRow("status not a number") << QByteArray("HTTP/1.1 abc OK\r\n\r\n");
    QTest::newRow("not HTTP") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n");
    QTest::newRow("bad version") << QByteArray("HTTP/x.1 200 OK\r\n\r\n");
    QTest::newRow("html instead of a response") << QByteArray("<html><body>hi</body></html>");
    QTest::newRow("bad header line") << QByteArray("HTTP/1.1 200 OK\r\nBad Header\r\n\r\n");
    QTest::newRow("bad content length")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 12x\r\n\r\n");
}

void TestHttpResponseParser::malformedStatusLine() {
    QFETCH(QByteArray, wire);
    for (const bool bytewise : {false, true}) {
        bool headers = false;
        HttpResponseParser parser({
            [&](int, const Headers&) {
                headers = true;
                return true;
            },
            {},
            {},
        });
        qsizetype consumed = 0;
        if (bytewise) {
            for (qsizetype i = 0; i < wire.size() && !parser.hasError(); ++i)
                consumed += parser.feed(wire.mid(i, 1));
        } else {
            consumed = parser.feed(wire);
        }
        QVERIFY(parser.hasError());
        QVERIFY(!parser.errorString().isEmpty());
        QVERIFY(consumed < wire.size());
        QVERIFY(!headers);
        // A failed parser stays failed.
        QCOMPARE(parser.feed("HTTP/1.1 200 OK\r\n\r\n"), 0);
        QVERIFY(!parser.finishAtEof());
    }
}

void TestHttpResponseParser::badChunkSize() {
    const QByteArray wire =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\n";
    const Outcome outcome = run(wire, {});
    QVERIFY(outcome.error);
    QCOMPARE(outcome.errorString, QStringLiteral("invalid character in chunk size header"));
    // What came before the bad size was delivered, and nothing was completed.
    QCOMPARE(outcome.responses.size(), 1);
    QCOMPARE(outcome.responses.first().body, QByteArray("hello"));
    QVERIFY(!outcome.responses.first().completed);
    QCOMPARE(run(wire, everyByte(wire.size())).errorString, outcome.errorString);
}

void TestHttpResponseParser::truncatedAtEof_data() {
    QTest::addColumn<QByteArray>("wire");
    QTest::newRow("chunked, inside a chunk")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nonly-part");
    QTest::newRow("chunked, before the last chunk")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
    QTest::newRow("chunked, inside the trailers")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T: 1\r\n");
    QTest::newRow("Content-Length short")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345");
    QTest::newRow("inside the headers") << QByteArray("HTTP/1.1 200 OK\r\nContent-Le");
    QTest::newRow("inside the status line") << QByteArray("HTTP/1.");
}

void TestHttpResponseParser::truncatedAtEof() {
    QFETCH(QByteArray, wire);
    const Outcome outcome = run(wire, {});
    QVERIFY(!outcome.eofOk);
    QVERIFY(outcome.error);
    QCOMPARE(outcome.errorString, QStringLiteral("stream ended at an unexpected time"));
    for (const Response& r : outcome.responses)
        QVERIFY(!r.completed);
}

void TestHttpResponseParser::closedConnectionThenMoreData() {
    // After a `Connection: close` answer nothing more may come.
    const Outcome outcome =
        run("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"
            "HTTP/1.1 200 OK\r\n\r\n",
            {});
    QCOMPARE(outcome.responses.size(), 1);
    QVERIFY(outcome.responses.first().completed);
    QVERIFY(!outcome.responses.first().keepAlive);
    QVERIFY(outcome.error);
    QVERIFY(!outcome.errorString.isEmpty());
}

void TestHttpResponseParser::inResponseTracking() {
    HttpResponseParser parser({});
    QVERIFY(!parser.inResponse());
    parser.feed("H");
    QVERIFY(parser.inResponse());
    parser.feed("TTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n");
    QVERIFY(parser.inResponse());
    parser.feed("x");
    QVERIFY(!parser.inResponse());
    // Between responses, EOF is a clean end.
    QVERIFY(parser.finishAtEof());
    QVERIFY(!parser.hasError());
}

void TestHttpResponseParser::destroyedFromCallback() {
    // The consumer may abort (and destroy the parser) from any callback; the sanitizer build
    // proves nothing touches freed memory afterwards.
    const QByteArray wire = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                            "3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n"
                            "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
    const int expectedCalls[] = {1, 2, 4};
    for (int where = 0; where < 3; ++where) {
        HttpResponseParser* parser = nullptr;
        int calls = 0;
        auto destroy = [&](int at) {
            ++calls;
            if (at == where) {
                delete parser;
                parser = nullptr;
            }
        };
        parser = new HttpResponseParser({
            [&](int, const Headers&) {
                destroy(0);
                return true;
            },
            [&](const QByteArray&) { destroy(1); },
            [&](bool) { destroy(2); },
        });
        HttpResponseParser* const original = parser;
        original->feed(wire);
        QVERIFY(!parser);
        // Nothing was reported after the parser went away (not even the second response).
        QCOMPARE(calls, expectedCalls[where]);
    }
}

QTEST_MAIN(TestHttpResponseParser)
#include "tst_httpresponseparser.moc"
