// Image references split as Docker splits them, and image names checked before they reach a path.

#include "api/imagereference.h"

#include <QTest>

using sockerless::api::checkImageName;
using sockerless::api::ImageReference;
using sockerless::api::isValidImageTag;

class TstApiImageReference : public QObject {
    Q_OBJECT

private slots:
    void splitsNameTagAndDigest_data();
    void splitsNameTagAndDigest();
    void invalidReferencesAre400WithDockersWording_data();
    void invalidReferencesAre400WithDockersWording();
    void domainIsReadAsDockerReadsIt_data();
    void domainIsReadAsDockerReadsIt();
    void tagsFollowDockersGrammar();
    void imageNamesThatCouldClimbAreRefused_data();
    void imageNamesThatCouldClimbAreRefused();
    void ordinaryImageNamesPass_data();
    void ordinaryImageNamesPass();
};

void TstApiImageReference::splitsNameTagAndDigest_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("tag");
    QTest::addColumn<QString>("digest");
    QTest::addColumn<QString>("pullTag");
    const QString digest = QStringLiteral("sha256:") + QString(64, u'a');
    QTest::newRow("plain") << "busybox"
                           << "busybox" << QString() << QString() << "latest";
    QTest::newRow("tag") << "busybox:1.36"
                         << "busybox"
                         << "1.36" << QString() << "1.36";
    QTest::newRow("port is not a tag")
        << "127.0.0.1:5000/team/app"
        << "127.0.0.1:5000/team/app" << QString() << QString() << "latest";
    QTest::newRow("port and tag") << "127.0.0.1:5000/team/app:1.2"
                                  << "127.0.0.1:5000/team/app"
                                  << "1.2" << QString() << "1.2";
    QTest::newRow("localhost port") << "localhost:5000/app"
                                    << "localhost:5000/app" << QString() << QString() << "latest";
    QTest::newRow("digest") << QString(QStringLiteral("busybox@") + digest) << "busybox"
                            << QString() << digest << digest;
    QTest::newRow("tag and digest: digest wins")
        << QString(QStringLiteral("reg.example.com/a/b:v1@") + digest) << "reg.example.com/a/b"
        << "v1" << digest << digest;
    QTest::newRow("separators") << "my_org/app-name__x.y:Tag_1.0-rc"
                                << "my_org/app-name__x.y"
                                << "Tag_1.0-rc" << QString() << "Tag_1.0-rc";
}

void TstApiImageReference::splitsNameTagAndDigest() {
    QFETCH(QString, text);
    QFETCH(QString, name);
    QFETCH(QString, tag);
    QFETCH(QString, digest);
    QFETCH(QString, pullTag);
    const auto parsed = ImageReference::parse(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(parsed.value().name, name);
    QCOMPARE(parsed.value().tag, tag);
    QCOMPARE(parsed.value().digest, digest);
    QCOMPARE(parsed.value().pullTag(), pullTag);
    QCOMPARE(parsed.value().toString(), text);
}

void TstApiImageReference::invalidReferencesAre400WithDockersWording_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QString()
                           << "invalid reference format: repository name must have at least one "
                              "component";
    QTest::newRow("upper case") << "Busybox"
                                << "invalid reference format: repository name must be lowercase";
    QTest::newRow("question mark") << "a?b"
                                   << "invalid reference format";
    QTest::newRow("climbing") << "../containers/json"
                              << "invalid reference format";
    QTest::newRow("space") << "busy box"
                           << "invalid reference format";
    QTest::newRow("trailing colon") << "busybox:"
                                    << "invalid reference format";
    QTest::newRow("empty segment") << "a//b"
                                   << "invalid reference format";
    QTest::newRow("unknown digest algorithm")
        << QString(QStringLiteral("busybox@md5:") + QString(32, u'a'))
        << "unsupported digest algorithm";
    QTest::newRow("short digest") << QString(QStringLiteral("busybox@sha256:") + QString(40, u'a'))
                                  << "invalid checksum digest length";
    QTest::newRow("64 hex name")
        << QString(64, u'f')
        << QString(QStringLiteral("invalid repository name (") + QString(64, u'f') +
                   QStringLiteral("), cannot specify 64-byte hexadecimal strings"));
    QTest::newRow("too long") << QString(256, u'a')
                              << "repository name must not be more than 255 characters";
}

void TstApiImageReference::invalidReferencesAre400WithDockersWording() {
    QFETCH(QString, text);
    QFETCH(QString, message);
    const auto parsed = ImageReference::parse(text);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().status, 400);
    QCOMPARE(parsed.error().message, message);
}

void TstApiImageReference::domainIsReadAsDockerReadsIt_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("domain");
    QTest::newRow("no slash") << "busybox" << QString();
    QTest::newRow("hub user") << "library/busybox" << QString();
    QTest::newRow("dotted") << "quay.io/a/b"
                            << "quay.io";
    QTest::newRow("port") << "127.0.0.1:5000/a"
                          << "127.0.0.1:5000";
    QTest::newRow("localhost") << "localhost/a"
                               << "localhost";
}

void TstApiImageReference::domainIsReadAsDockerReadsIt() {
    QFETCH(QString, text);
    QFETCH(QString, domain);
    const auto parsed = ImageReference::parse(text);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().domain(), domain);
}

void TstApiImageReference::tagsFollowDockersGrammar() {
    QVERIFY(isValidImageTag(QStringLiteral("latest")));
    QVERIFY(isValidImageTag(QStringLiteral("_x.Y-1")));
    QVERIFY(isValidImageTag(QString(128, u'a')));
    QVERIFY(!isValidImageTag(QString(129, u'a')));
    QVERIFY(!isValidImageTag(QStringLiteral(".x")));
    QVERIFY(!isValidImageTag(QStringLiteral("-x")));
    QVERIFY(!isValidImageTag(QStringLiteral("a b")));
    QVERIFY(!isValidImageTag(QStringLiteral("a/b")));
    QVERIFY(!isValidImageTag(QString()));
}

void TstApiImageReference::imageNamesThatCouldClimbAreRefused_data() {
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << QString();
    QTest::newRow("dot dot") << "..";
    QTest::newRow("climbing path") << "../containers/json";
    QTest::newRow("inner dot dot") << "a/../b";
    QTest::newRow("dot segment") << "a/./b";
    QTest::newRow("leading slash") << "/a";
    QTest::newRow("trailing slash") << "a/";
    QTest::newRow("double slash") << "a//b";
    QTest::newRow("control character") << QStringLiteral("a\nb");
}

void TstApiImageReference::imageNamesThatCouldClimbAreRefused() {
    QFETCH(QString, name);
    const auto error = checkImageName(name);
    QVERIFY(error.has_value());
    QCOMPARE(error->status, 400);
}

void TstApiImageReference::ordinaryImageNamesPass_data() {
    QTest::addColumn<QString>("name");
    QTest::newRow("name") << "busybox";
    QTest::newRow("registry") << "127.0.0.1:5000/team/app:1.2";
    QTest::newRow("digest") << QString(QStringLiteral("busybox@sha256:") + QString(64, u'a'));
    QTest::newRow("id") << "sha256:e111dffe477c";
    QTest::newRow("dots inside a segment") << "a..b";
    QTest::newRow("question mark (Docker judges it)") << "a?b";
}

void TstApiImageReference::ordinaryImageNamesPass() {
    QFETCH(QString, name);
    QVERIFY(!checkImageName(name).has_value());
}

QTEST_APPLESS_MAIN(TstApiImageReference)
#include "tst_api_imagereference.moc"
