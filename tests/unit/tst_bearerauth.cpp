// The bearer-token check: the constant-time comparison and where a token is taken from.

#include "http/bearerauth.h"

#include <QTest>

using sockerless::http::BearerAuth;

class TstBearerAuth : public QObject {
    Q_OBJECT
private slots:
    void constantTimeEqualsComparesWholeValues_data();
    void constantTimeEqualsComparesWholeValues();
    void tokenFromAuthorizationTakesOnlyBearer_data();
    void tokenFromAuthorizationTakesOnlyBearer();
    void tokenFromSubprotocolsFindsBearerEntry_data();
    void tokenFromSubprotocolsFindsBearerEntry();
    void withoutTokenEverythingIsAccepted();
    void checkTellsMissingFromWrong();
    void webSocketPrefersAuthorizationThenSubprotocol();
};

void TstBearerAuth::constantTimeEqualsComparesWholeValues_data() {
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");
    const QByteArray token = "0123456789abcdef0123456789abcdef";
    QTest::newRow("same") << token << token << true;
    QTest::newRow("empty both") << QByteArray() << QByteArray() << true;
    QTest::newRow("first byte differs") << token << QByteArray("x" + token.mid(1)) << false;
    QTest::newRow("last byte differs") << token << QByteArray(token.chopped(1) + "x") << false;
    // A prefix must not match: the lengths differ but are compared as equal-length digests.
    QTest::newRow("prefix") << token << token.left(16) << false;
    QTest::newRow("longer") << token << QByteArray(token + "0") << false;
    QTest::newRow("one empty") << token << QByteArray() << false;
    QTest::newRow("embedded NUL") << QByteArray("ab\0cd", 5) << QByteArray("ab\0ce", 5) << false;
}

void TstBearerAuth::constantTimeEqualsComparesWholeValues() {
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);
    QCOMPARE(BearerAuth::constantTimeEquals(a, b), equal);
    QCOMPARE(BearerAuth::constantTimeEquals(b, a), equal);
}

void TstBearerAuth::tokenFromAuthorizationTakesOnlyBearer_data() {
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("token");
    QTest::newRow("bearer") << QByteArray("Bearer abc") << QByteArray("abc");
    QTest::newRow("scheme case") << QByteArray("bEaReR abc") << QByteArray("abc");
    QTest::newRow("extra spaces") << QByteArray("  Bearer   abc  ") << QByteArray("abc");
    QTest::newRow("basic") << QByteArray("Basic dXNlcjpwdw==") << QByteArray();
    QTest::newRow("no token") << QByteArray("Bearer") << QByteArray();
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("bare token") << QByteArray("abc") << QByteArray();
}

void TstBearerAuth::tokenFromAuthorizationTakesOnlyBearer() {
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, token);
    QCOMPARE(BearerAuth::tokenFromAuthorization(header), token);
}

void TstBearerAuth::tokenFromSubprotocolsFindsBearerEntry_data() {
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("token");
    QTest::newRow("alone") << QByteArray("bearer.abc") << QByteArray("abc");
    QTest::newRow("second") << QByteArray("chat, bearer.abc") << QByteArray("abc");
    QTest::newRow("first wins") << QByteArray("bearer.abc,bearer.def") << QByteArray("abc");
    QTest::newRow("empty token") << QByteArray("bearer.") << QByteArray();
    QTest::newRow("other") << QByteArray("chat") << QByteArray();
    QTest::newRow("none") << QByteArray() << QByteArray();
}

void TstBearerAuth::tokenFromSubprotocolsFindsBearerEntry() {
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, token);
    QCOMPARE(BearerAuth::tokenFromSubprotocols(header), token);
}

void TstBearerAuth::withoutTokenEverythingIsAccepted() {
    const BearerAuth auth;
    QVERIFY(!auth.enabled());
    QCOMPARE(auth.checkAuthorization({}), BearerAuth::Result::Accepted);
    QCOMPARE(auth.checkAuthorization("Bearer anything"), BearerAuth::Result::Accepted);
    QVERIFY(!BearerAuth(QByteArray()).enabled());
}

void TstBearerAuth::checkTellsMissingFromWrong() {
    const BearerAuth auth("0123456789abcdef");
    QVERIFY(auth.enabled());
    QCOMPARE(auth.checkAuthorization("Bearer 0123456789abcdef"), BearerAuth::Result::Accepted);
    QCOMPARE(auth.checkAuthorization({}), BearerAuth::Result::Missing);
    QCOMPARE(auth.checkAuthorization("Basic 0123456789abcdef"), BearerAuth::Result::Missing);
    QCOMPARE(auth.checkAuthorization("Bearer 0123456789abcdeF"), BearerAuth::Result::Wrong);
    QCOMPARE(auth.checkAuthorization("Bearer 0123456789abcde"), BearerAuth::Result::Wrong);
    QCOMPARE(auth.checkAuthorization("Bearer 0123456789abcdef0"), BearerAuth::Result::Wrong);
}

void TstBearerAuth::webSocketPrefersAuthorizationThenSubprotocol() {
    const BearerAuth auth("0123456789abcdef");
    QCOMPARE(auth.checkWebSocket({}, "bearer.0123456789abcdef"), BearerAuth::Result::Accepted);
    QCOMPARE(auth.checkWebSocket("Bearer 0123456789abcdef", {}), BearerAuth::Result::Accepted);
    QCOMPARE(auth.checkWebSocket({}, "chat"), BearerAuth::Result::Missing);
    QCOMPARE(auth.checkWebSocket({}, "bearer.nope"), BearerAuth::Result::Wrong);
    // A wrong Authorization header is not rescued by a right subprotocol: one credential per
    // request, the explicit header first.
    QCOMPARE(auth.checkWebSocket("Bearer nope", "bearer.0123456789abcdef"),
             BearerAuth::Result::Wrong);
}

QTEST_GUILESS_MAIN(TstBearerAuth)
#include "tst_bearerauth.moc"
