// DockerPath: untrusted values percent-encoded so they can never leave their path segment.

#include "docker/dockerpath.h"

#include <QTest>
#include <QUrl>

using sockerless::docker::DockerPath;

class TestDockerPath : public QObject {
    Q_OBJECT

private slots:
    void encodeSegment_data();
    void encodeSegment();
    void hostileValuesStayInTheirSegment_data();
    void hostileValuesStayInTheirSegment();
    void everySmallCodePoint();
    void build_data();
    void build();
};

void TestDockerPath::encodeSegment_data() {
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("encoded");

    QTest::newRow("plain id") << QStringLiteral("3f4e1a2b") << QByteArray("3f4e1a2b");
    QTest::newRow("unreserved") << QStringLiteral("AZaz09-._~") << QByteArray("AZaz09-._~");
    QTest::newRow("slash") << QStringLiteral("a/b") << QByteArray("a%2Fb");
    QTest::newRow("dot") << QStringLiteral(".") << QByteArray("%2E");
    QTest::newRow("dot dot") << QStringLiteral("..") << QByteArray("%2E%2E");
    QTest::newRow("three dots stay") << QStringLiteral("...") << QByteArray("...");
    QTest::newRow("climbing") << QStringLiteral("../../etc") << QByteArray("..%2F..%2Fetc");
    QTest::newRow("query") << QStringLiteral("x?force=1") << QByteArray("x%3Fforce%3D1");
    QTest::newRow("fragment") << QStringLiteral("x#y") << QByteArray("x%23y");
    QTest::newRow("percent") << QStringLiteral("100%") << QByteArray("100%25");
    QTest::newRow("encoded slash stays literal")
        << QStringLiteral("a%2Fb") << QByteArray("a%252Fb");
    QTest::newRow("space") << QStringLiteral("a b") << QByteArray("a%20b");
    QTest::newRow("plus") << QStringLiteral("a+b") << QByteArray("a%2Bb");
    QTest::newRow("CRLF") << QStringLiteral("a\r\nHost: evil")
                          << QByteArray("a%0D%0AHost%3A%20evil");
    QTest::newRow("NUL") << QString(QChar(0)) << QByteArray("%00");
    QTest::newRow("image reference") << QStringLiteral("127.0.0.1:5000/team/app:1.2")
                                     << QByteArray("127.0.0.1%3A5000%2Fteam%2Fapp%3A1.2");
    QTest::newRow("non-ASCII") << QStringLiteral("caf\u00e9") << QByteArray("caf%C3%A9");
    QTest::newRow("emoji") << QString::fromUtf8("\xf0\x9f\x90\xb3") << QByteArray("%F0%9F%90%B3");
    QTest::newRow("backslash") << QStringLiteral("a\\b") << QByteArray("a%5Cb");
    QTest::newRow("semicolon and ampersand")
        << QStringLiteral("a;b&c=d") << QByteArray("a%3Bb%26c%3Dd");
    QTest::newRow("empty") << QString() << QByteArray();
}

void TestDockerPath::encodeSegment() {
    QFETCH(QString, value);
    QFETCH(QByteArray, encoded);
    QCOMPARE(DockerPath::encodeSegment(value), encoded);
}

void TestDockerPath::hostileValuesStayInTheirSegment_data() {
    QTest::addColumn<QString>("value");
    const QStringList values{
        QStringLiteral("/"),
        QStringLiteral(".."),
        QStringLiteral("."),
        QStringLiteral("../../../v1.41/containers/create"),
        QStringLiteral("x/../../images/json"),
        QStringLiteral("?all=1"),
        QStringLiteral("#frag"),
        QStringLiteral("%"),
        QStringLiteral("%2F"),
        QStringLiteral("%2e%2e"),
        QStringLiteral("%00"),
        QStringLiteral(" leading and trailing "),
        QStringLiteral("tab\tand\nnewline"),
        QStringLiteral("\x7f\x01\x1b[31m"),
        QStringLiteral("caf\u00e9 \u2603 \u4e2d\u6587"),
        QString::fromUtf8("\xf0\x9f\x90\xb3 whale"),
        QStringLiteral("name:tag@sha256:abc"),
        QStringLiteral("a\\..\\b"),
        QStringLiteral("HTTP/1.1\r\nX: y"),
    };
    for (const QString& value : values)
        QTest::newRow(qPrintable(QString::fromLatin1(value.toUtf8().toPercentEncoding()))) << value;
}

void TestDockerPath::hostileValuesStayInTheirSegment() {
    QFETCH(QString, value);
    const QByteArray segment = DockerPath::encodeSegment(value);
    QVERIFY(!segment.contains('/'));
    QVERIFY(!segment.contains('?'));
    QVERIFY(!segment.contains('#'));
    QVERIFY(segment != "." && segment != "..");
    // Only unreserved characters and %XX escapes: nothing a server could read as syntax.
    for (qsizetype i = 0; i < segment.size(); ++i) {
        const char c = segment.at(i);
        const bool unreserved = QByteArrayView("-._~").contains(c) || (c >= 'A' && c <= 'Z') ||
                                (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (c == '%') {
            QVERIFY(i + 2 < segment.size());
            QVERIFY(QByteArrayView("0123456789ABCDEF").contains(segment.at(i + 1)));
            QVERIFY(QByteArrayView("0123456789ABCDEF").contains(segment.at(i + 2)));
        } else {
            QVERIFY2(unreserved, segment.constData());
        }
    }
    // Nothing is lost: decoding gives the value back.
    QCOMPARE(QUrl::fromPercentEncoding(segment), value);

    // Inside a built path it stays exactly one segment, and QUrl sees no query or fragment.
    const QByteArray path =
        DockerPath::build({QStringLiteral("containers"), value, QStringLiteral("json")});
    const QList<QByteArray> parts = path.split('/');
    QCOMPARE(parts.size(), 4);
    QCOMPARE(parts.at(1), QByteArray("containers"));
    QCOMPARE(parts.at(2), segment);
    QCOMPARE(parts.at(3), QByteArray("json"));
    const QUrl url(QStringLiteral("http://docker/v1.41") + QString::fromLatin1(path),
                   QUrl::StrictMode);
    QVERIFY2(url.isValid(), qPrintable(url.errorString()));
    QVERIFY(!url.hasQuery());
    QVERIFY(!url.hasFragment());
    QVERIFY(url.path(QUrl::FullyEncoded).endsWith(QLatin1String("/json")));
    QVERIFY(url.path(QUrl::FullyEncoded).startsWith(QLatin1String("/v1.41/containers/")));
}

void TestDockerPath::everySmallCodePoint() {
    // Every code point of one and two UTF-8 bytes: only the unreserved ones stay literal.
    for (int code = 1; code < 0x800; ++code) {
        const QString value = QString(QChar(char16_t(code)));
        const QByteArray encoded = DockerPath::encodeSegment(value);
        QCOMPARE(QUrl::fromPercentEncoding(encoded), value);
        const bool unreserved = code < 0x80 && (QChar(code).isLetterOrNumber() || code == '-' ||
                                                code == '.' || code == '_' || code == '~');
        if (unreserved && code != '.')
            QCOMPARE(encoded, value.toLatin1());
        else
            QVERIFY(encoded.startsWith('%'));
    }
}

void TestDockerPath::build_data() {
    QTest::addColumn<QStringList>("segments");
    QTest::addColumn<QByteArray>("path");
    QTest::newRow("literal only") << QStringList{QStringLiteral("containers"),
                                                 QStringLiteral("json")}
                                  << QByteArray("/containers/json");
    QTest::newRow("with an id") << QStringList{QStringLiteral("containers"), QStringLiteral("a/b"),
                                               QStringLiteral("start")}
                                << QByteArray("/containers/a%2Fb/start");
    QTest::newRow("image name") << QStringList{QStringLiteral("images"),
                                               QStringLiteral("127.0.0.1:5000/team/app:1.2"),
                                               QStringLiteral("json")}
                                << QByteArray("/images/127.0.0.1%3A5000%2Fteam%2Fapp%3A1.2/json");
    QTest::newRow("dot dot id") << QStringList{QStringLiteral("volumes"), QStringLiteral("..")}
                                << QByteArray("/volumes/%2E%2E");
    QTest::newRow("nothing") << QStringList{} << QByteArray("/");
}

void TestDockerPath::build() {
    QFETCH(QStringList, segments);
    QFETCH(QByteArray, path);
    // build() takes an initializer list, as callers write it: spell out the sizes used above.
    QByteArray built;
    switch (segments.size()) {
    case 0:
        built = DockerPath::build({});
        break;
    case 2:
        built = DockerPath::build({segments.at(0), segments.at(1)});
        break;
    case 3:
        built = DockerPath::build({segments.at(0), segments.at(1), segments.at(2)});
        break;
    default:
        QFAIL("unexpected row");
    }
    QCOMPARE(built, path);
}

QTEST_MAIN(TestDockerPath)
#include "tst_dockerpath.moc"
