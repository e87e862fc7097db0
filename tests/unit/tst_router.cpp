#include "http/router.h"

#include <QTest>

using sockerless::http::Router;

class TstRouter : public QObject {
    Q_OBJECT
private slots:
    void placeholdersMatchOneSegment();
    void restPlaceholderTakesTheRest();
    void encodedSlashStaysInSegment();
    void paramsAreDecoded();
    void notFoundVersusMethodNotAllowed();
    void firstRegisteredRouteWins();
    void malformedTemplatesAreRejected_data();
    void malformedTemplatesAreRejected();
    void anyMethodAndTrailingSlash();
    void restPlaceholderBeforeLiterals();
};

void TstRouter::placeholdersMatchOneSegment() {
    Router router;
    QVERIFY(router.add("POST", QStringLiteral("/internal/v1/containers/{id}/start"), 7));
    QVERIFY(router.add("GET", QStringLiteral("/internal/v1/containers/{id}/logs/{stream}"), 8));

    auto m = router.match("POST", "/internal/v1/containers/abc123/start");
    QCOMPARE(m.status, 200);
    QCOMPARE(m.routeIndex, 7);
    QCOMPARE(m.routeTemplate, QStringLiteral("/internal/v1/containers/{id}/start"));
    QCOMPARE(m.params.value(QStringLiteral("id")), QStringLiteral("abc123"));

    m = router.match("GET", "/internal/v1/containers/c1/logs/stderr");
    QCOMPARE(m.status, 200);
    QCOMPARE(m.routeIndex, 8);
    QCOMPARE(m.params.size(), 2);
    QCOMPARE(m.params.value(QStringLiteral("stream")), QStringLiteral("stderr"));

    // A placeholder never spans two segments, and never matches an empty one.
    QCOMPARE(router.match("POST", "/internal/v1/containers/a/b/start").status, 404);
    QCOMPARE(router.match("POST", "/internal/v1/containers//start").status, 404);
    QCOMPARE(router.match("POST", "/internal/v1/containers/abc/start/more").status, 404);
}

void TstRouter::restPlaceholderTakesTheRest() {
    Router router;
    QVERIFY(router.add("GET", QStringLiteral("/internal/v1/images/{name...}"), 1));

    const QString expected = QStringLiteral("127.0.0.1:5000/team/app:1.2");
    auto m = router.match("GET", "/internal/v1/images/127.0.0.1:5000/team/app:1.2");
    QCOMPARE(m.status, 200);
    QCOMPARE(m.params.value(QStringLiteral("name")), expected);

    m = router.match("GET", "/internal/v1/images/127.0.0.1:5000%2Fteam%2Fapp:1.2");
    QCOMPARE(m.status, 200);
    QCOMPARE(m.params.value(QStringLiteral("name")), expected);

    m = router.match("GET", "/internal/v1/images/127.0.0.1%3A5000%2fteam/app%3A1.2");
    QCOMPARE(m.params.value(QStringLiteral("name")), expected);

    // The rest must not be empty.
    QCOMPARE(router.match("GET", "/internal/v1/images/").status, 404);
    QCOMPARE(router.match("GET", "/internal/v1/images").status, 404);
}

void TstRouter::encodedSlashStaysInSegment() {
    Router router;
    QVERIFY(router.add("GET", QStringLiteral("/internal/v1/containers/{id}/json"), 0));
    QVERIFY(router.add("GET", QStringLiteral("/internal/v1/containers/{id}"), 1));

    auto m = router.match("GET", "/internal/v1/containers/a%2Fb/json");
    QCOMPARE(m.status, 200);
    QCOMPARE(m.routeIndex, 0);
    QCOMPARE(m.params.value(QStringLiteral("id")), QStringLiteral("a/b"));

    // Decoded, `a%2F..%2Fjson` would look like more segments; encoded it is one id.
    m = router.match("GET", "/internal/v1/containers/a%2F..%2Fjson");
    QCOMPARE(m.status, 200);
    QCOMPARE(m.routeIndex, 1);
    QCOMPARE(m.params.value(QStringLiteral("id")), QStringLiteral("a/../json"));

    // The same bytes unencoded are three segments, which no route accepts.
    QCOMPARE(router.match("GET", "/internal/v1/containers/a/b/c/json").status, 404);
}

void TstRouter::paramsAreDecoded() {
    Router router;
    QVERIFY(router.add("GET", QStringLiteral("/v/{name}"), 0));
    auto m = router.match("GET", "/v/my%20volume");
    QCOMPARE(m.params.value(QStringLiteral("name")), QStringLiteral("my volume"));
    m = router.match("GET", "/v/caf%C3%A9");
    QCOMPARE(m.params.value(QStringLiteral("name")), QString::fromUtf8("caf\xc3\xa9"));
    // `+` is not a space in a path.
    m = router.match("GET", "/v/a+b");
    QCOMPARE(m.params.value(QStringLiteral("name")), QStringLiteral("a+b"));
    // Literal segments compare decoded, so an encoded literal still matches.
    QVERIFY(router.add("GET", QStringLiteral("/literal/path"), 1));
    QCOMPARE(router.match("GET", "/literal/p%61th").routeIndex, 1);
}

void TstRouter::notFoundVersusMethodNotAllowed() {
    Router router;
    QVERIFY(router.add("GET", QStringLiteral("/internal/v1/containers/{id}"), 0));
    QVERIFY(router.add("DELETE", QStringLiteral("/internal/v1/containers/{id}"), 1));
    QVERIFY(router.add("GET", QStringLiteral("/internal/v1/containers"), 2));
    QVERIFY(router.add("POST", QStringLiteral("/internal/v1/containers"), 3));

    auto m = router.match("PUT", "/internal/v1/containers/abc");
    QCOMPARE(m.status, 405);
    QCOMPARE(m.routeIndex, -1);
    QCOMPARE(m.routeTemplate, QStringLiteral("/internal/v1/containers/{id}"));
    QCOMPARE(m.allowedMethods, (QByteArrayList{"GET", "DELETE"}));

    m = router.match("patch", "/internal/v1/containers");
    QCOMPARE(m.status, 405);
    QCOMPARE(m.allowedMethods, (QByteArrayList{"GET", "POST"}));

    m = router.match("GET", "/internal/v1/nothing");
    QCOMPARE(m.status, 404);
    QVERIFY(m.allowedMethods.isEmpty());
    QVERIFY(m.routeTemplate.isEmpty());

    // Methods are matched case-insensitively on the request side.
    QCOMPARE(router.match("delete", "/internal/v1/containers/abc").routeIndex, 1);
}

void TstRouter::firstRegisteredRouteWins() {
    Router router;
    QVERIFY(router.add("GET", QStringLiteral("/internal/v1/images/json"), 0));
    QVERIFY(router.add("GET", QStringLiteral("/internal/v1/images/{name...}"), 1));
    QCOMPARE(router.match("GET", "/internal/v1/images/json").routeIndex, 0);
    QCOMPARE(router.match("GET", "/internal/v1/images/busybox").routeIndex, 1);

    Router reversed;
    QVERIFY(reversed.add("GET", QStringLiteral("/internal/v1/images/{name...}"), 1));
    QVERIFY(reversed.add("GET", QStringLiteral("/internal/v1/images/json"), 0));
    QCOMPARE(reversed.match("GET", "/internal/v1/images/json").routeIndex, 1);
}

void TstRouter::malformedTemplatesAreRejected_data() {
    QTest::addColumn<QString>("pathTemplate");
    QTest::newRow("no leading slash") << QStringLiteral("internal/v1/x");
    QTest::newRow("unclosed brace") << QStringLiteral("/containers/{id/start");
    QTest::newRow("unopened brace") << QStringLiteral("/containers/id}/start");
    QTest::newRow("empty name") << QStringLiteral("/containers/{}/start");
    QTest::newRow("placeholder after rest") << QStringLiteral("/images/{name...}/{op}");
    QTest::newRow("mixed segment") << QStringLiteral("/images/x{name}");
    QTest::newRow("two placeholders in a segment") << QStringLiteral("/a/{x}{y}");
    QTest::newRow("duplicate name") << QStringLiteral("/a/{id}/b/{id}");
    QTest::newRow("empty segment") << QStringLiteral("/a//b");
    QTest::newRow("bad name") << QStringLiteral("/a/{i d}");
}

void TstRouter::malformedTemplatesAreRejected() {
    QFETCH(QString, pathTemplate);
    Router router;
    QVERIFY(!router.add("GET", pathTemplate, 0));
    // Nothing was registered: every path is unknown.
    QCOMPARE(router.match("GET", pathTemplate.toUtf8()).status, 404);
    QVERIFY(router.add("GET", QStringLiteral("/ok/{id}"), 1));
}

void TstRouter::anyMethodAndTrailingSlash() {
    Router router;
    QVERIFY(router.add("*", QStringLiteral("/ping"), 0));
    QVERIFY(router.add("GET", QStringLiteral("/"), 1));
    QCOMPARE(router.match("GET", "/ping").status, 200);
    QCOMPARE(router.match("POST", "/ping").status, 200);
    QCOMPARE(router.match("GET", "/ping/").routeIndex, 0);
    QCOMPARE(router.match("GET", "/").routeIndex, 1);
    QCOMPARE(router.match("GET", "/ping?x=1").routeIndex, 0);
}

QTEST_MAIN(TstRouter)

void TstRouter::restPlaceholderBeforeLiterals() {
    Router router;
    QVERIFY(router.add("POST", QStringLiteral("/internal/v1/images/{name...}/tag"), 1));
    QVERIFY(router.add("GET", QStringLiteral("/internal/v1/images/{name...}"), 2));

    auto m = router.match("POST", "/internal/v1/images/127.0.0.1:5000/team/app:1.2/tag");
    QCOMPARE(m.status, 200);
    QCOMPARE(m.routeIndex, 1);
    QCOMPARE(m.params.value(QStringLiteral("name")), QStringLiteral("127.0.0.1:5000/team/app:1.2"));

    m = router.match("POST", "/internal/v1/images/team%2Fapp/tag");
    QCOMPARE(m.params.value(QStringLiteral("name")), QStringLiteral("team/app"));

    // The literal alone is not a name: `/images/tag` is the image `tag`, not a tag call.
    m = router.match("POST", "/internal/v1/images/tag");
    QCOMPARE(m.status, 405);
    m = router.match("GET", "/internal/v1/images/app/tag");
    QCOMPARE(m.status, 200);
    QCOMPARE(m.routeIndex, 2);
    QCOMPARE(m.params.value(QStringLiteral("name")), QStringLiteral("app/tag"));
}

#include "tst_router.moc"
