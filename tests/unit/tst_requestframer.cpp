// RequestFramer: request boundaries, limits and verdicts from recorded request bytes, fed whole,
// byte by byte and pipelined.

#include "http/requestframer.h"

#include <QTest>

using sockerless::http::RequestFramer;

namespace {

RequestFramer::Limits smallLimits() {
    RequestFramer::Limits limits;
    limits.maxBody = 1024;
    limits.maxLoadBody = 4096;
    limits.maxHeaderBytes = 512;
    return limits;
}

const QByteArray kGet = "GET /internal/v1/healthz HTTP/1.1\r\nHost: x\r\n\r\n";

QByteArray post(const QByteArray& path, const QByteArray& body) {
    return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
           "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QByteArray chunked(const QByteArray& path, const QList<QByteArray>& chunks) {
    QByteArray out = "POST " + path + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (const QByteArray& chunk : chunks)
        out += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
    return out + "0\r\n\r\n";
}

} // namespace

class TstRequestFramer : public QObject {
    Q_OBJECT

private slots:
    void singleRequestEndsAtItsLastByte();
    void byteByByteFindsTheSameBoundary();
    void pipelinedRequestsEachGetTheirBoundary();
    void contentLengthOverLimitIs413BeforeTheBody();
    void imagesLoadHasItsOwnLimit();
    void chunkedBodyOverLimitIs413WhileArriving();
    void chunkedBodyUnderLimitCompletes();
    void headersOverLimitAre431EvenUnfinished();
    void largeHeadersUnderLimitWithBodyInSameRead();
    void garbageIs400();
    void connectionCloseAndHttp10AreNotKeepAlive();
    void upgradeStopsTheFraming();
};

void TstRequestFramer::singleRequestEndsAtItsLastByte() {
    RequestFramer framer(smallLimits());
    const auto result = framer.feed(kGet);
    QCOMPARE(result.rejectStatus, 0);
    QCOMPARE(result.completed.size(), 1);
    QCOMPARE(result.completed.first().end, kGet.size());
    QVERIFY(result.completed.first().keepAlive);
    QVERIFY(!framer.inRequest());
}

void TstRequestFramer::byteByByteFindsTheSameBoundary() {
    RequestFramer framer(smallLimits());
    const QByteArray bytes = post("/internal/v1/containers/create", QByteArray(300, 'a'));
    int completed = 0;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto result = framer.feed(bytes.constData() + i, 1);
        QCOMPARE(result.rejectStatus, 0);
        if (!result.completed.isEmpty()) {
            QCOMPARE(i, bytes.size() - 1);
            QCOMPARE(result.completed.first().end, 1);
            ++completed;
        }
    }
    QCOMPARE(completed, 1);
}

void TstRequestFramer::pipelinedRequestsEachGetTheirBoundary() {
    RequestFramer framer(smallLimits());
    const QByteArray second = post("/internal/v1/containers/create", "{}");
    const QByteArray third = chunked("/internal/v1/x", {"ab", "cde"});
    const auto result = framer.feed(kGet + second + third + "GET /partial");
    QCOMPARE(result.rejectStatus, 0);
    QCOMPARE(result.completed.size(), 3);
    QCOMPARE(result.completed.at(0).end, kGet.size());
    QCOMPARE(result.completed.at(1).end, kGet.size() + second.size());
    QCOMPARE(result.completed.at(2).end, kGet.size() + second.size() + third.size());
    QVERIFY(framer.inRequest());
}

void TstRequestFramer::contentLengthOverLimitIs413BeforeTheBody() {
    RequestFramer framer(smallLimits());
    const auto result = framer.feed(QByteArray("POST /internal/v1/containers/create HTTP/1.1\r\n"
                                               "Content-Length: 2147483648\r\n\r\n"));
    QCOMPARE(result.rejectStatus, 413);
    QCOMPARE(result.rejectMessage,
             QStringLiteral("request body of 2147483648 bytes is over the limit of 1024 bytes "
                            "(--max-body)"));
    QVERIFY(framer.isDone());
    QVERIFY(framer.feed(kGet).completed.isEmpty());
}

void TstRequestFramer::imagesLoadHasItsOwnLimit() {
    RequestFramer framer(smallLimits());
    const auto ok = framer.feed(post("/internal/v1/images/load?quiet=1", QByteArray(2000, 'x')));
    QCOMPARE(ok.rejectStatus, 0);
    QCOMPARE(ok.completed.size(), 1);
    const auto tooBig = framer.feed(QByteArray("POST /internal/v1/images/load HTTP/1.1\r\n"
                                               "Content-Length: 5000\r\n\r\n"));
    QCOMPARE(tooBig.rejectStatus, 413);
    QVERIFY2(tooBig.rejectMessage.contains(QStringLiteral("--max-load-body")),
             qPrintable(tooBig.rejectMessage));
    // Another method on the same path gets the ordinary limit.
    QCOMPARE(RequestFramer::bodyLimitFor(smallLimits(), "GET", "/internal/v1/images/load"), 1024);
}

void TstRequestFramer::chunkedBodyOverLimitIs413WhileArriving() {
    RequestFramer framer(smallLimits());
    const QByteArray head = "POST /internal/v1/containers/create HTTP/1.1\r\n"
                            "Transfer-Encoding: chunked\r\n\r\n";
    QCOMPARE(framer.feed(head).rejectStatus, 0);
    const QByteArray chunk = "200\r\n" + QByteArray(512, 'a') + "\r\n";
    QCOMPARE(framer.feed(chunk).rejectStatus, 0);
    QCOMPARE(framer.feed(chunk).rejectStatus, 0); // exactly 1024: still allowed
    const auto result = framer.feed(QByteArray("1\r\nb\r\n"));
    QCOMPARE(result.rejectStatus, 413);
    QVERIFY(result.rejectMessage.contains(QStringLiteral("--max-body")));
}

void TstRequestFramer::chunkedBodyUnderLimitCompletes() {
    RequestFramer framer(smallLimits());
    const QByteArray bytes = chunked("/x", {QByteArray(500, 'a'), QByteArray(500, 'b')});
    const auto result = framer.feed(bytes);
    QCOMPARE(result.rejectStatus, 0);
    QCOMPARE(result.completed.size(), 1);
    QCOMPARE(result.completed.first().end, bytes.size());
}

void TstRequestFramer::headersOverLimitAre431EvenUnfinished() {
    RequestFramer framer(smallLimits());
    QCOMPARE(framer.feed(QByteArray("GET / HTTP/1.1\r\n")).rejectStatus, 0);
    const auto result = framer.feed("X-Big: " + QByteArray(600, 'a'));
    QCOMPARE(result.rejectStatus, 431);
    QVERIFY(result.rejectMessage.contains(QStringLiteral("--max-header-size")));
}

void TstRequestFramer::largeHeadersUnderLimitWithBodyInSameRead() {
    // 400 bytes of headers plus a 900-byte body in one read: the body must not count as header.
    RequestFramer framer(smallLimits());
    const QByteArray bytes = "POST /x HTTP/1.1\r\nX-Pad: " + QByteArray(350, 'p') +
                             "\r\nContent-Length: 900\r\n\r\n" + QByteArray(900, 'b');
    const auto result = framer.feed(bytes);
    QCOMPARE(result.rejectStatus, 0);
    QCOMPARE(result.completed.size(), 1);
    QCOMPARE(result.completed.first().end, bytes.size());
}

void TstRequestFramer::garbageIs400() {
    RequestFramer framer(smallLimits());
    const auto result = framer.feed(QByteArray("\x16\x03\x01\x02\x00garbage\r\n\r\n"));
    QCOMPARE(result.rejectStatus, 400);
    QVERIFY2(result.rejectMessage.startsWith(QStringLiteral("malformed HTTP request: ")),
             qPrintable(result.rejectMessage));
}

void TstRequestFramer::connectionCloseAndHttp10AreNotKeepAlive() {
    RequestFramer framer(smallLimits());
    const auto result =
        framer.feed(QByteArray("GET /a HTTP/1.1\r\nConnection: close\r\n\r\n"
                               "GET /b HTTP/1.0\r\n\r\n"
                               "GET /c HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
    QCOMPARE(result.completed.size(), 3);
    QVERIFY(!result.completed.at(0).keepAlive);
    QVERIFY(!result.completed.at(1).keepAlive);
    QVERIFY(result.completed.at(2).keepAlive);
}

void TstRequestFramer::upgradeStopsTheFraming() {
    RequestFramer framer(smallLimits());
    const QByteArray upgrade = "GET /internal/v1/events HTTP/1.1\r\nHost: x\r\n"
                               "Connection: Upgrade\r\nUpgrade: websocket\r\n"
                               "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: a2V5\r\n\r\n";
    const auto result = framer.feed(kGet + upgrade + QByteArray("\x81\x85 not http", 12));
    QCOMPARE(result.rejectStatus, 0);
    QVERIFY(result.upgraded);
    QCOMPARE(result.completed.size(), 2);
    QVERIFY(result.completed.at(1).upgrade);
    QCOMPARE(result.completed.at(1).end, kGet.size() + upgrade.size());
    QVERIFY(framer.isDone());
}

QTEST_GUILESS_MAIN(TstRequestFramer)
#include "tst_requestframer.moc"
