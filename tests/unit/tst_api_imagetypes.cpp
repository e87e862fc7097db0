// The contract's image and auth types: validation (400 naming the field), JSON in and out, and
// unknown fields kept.

#include "api/imagetypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace sockerless::api;

namespace {

QJsonObject parse(const char* json) {
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

// A real Docker 20.10 image inspect answer (the test image), trimmed of nothing.
const char* kDockerImage = R"({
 "Id": "sha256:e111dffe477cd1013857c5895bf339502ab4a9f90d4099a2cfc4941275b1252e",
 "RepoTags": ["127.0.0.1:5000/sockerless/busybox:latest", "sockerless-test/busybox:latest"],
 "RepoDigests": ["127.0.0.1:5000/sockerless/busybox@sha256:2359a6a0d62c3d25495e5c950822113d75bcf6e51dc1a2d82d9c0c3a0feb3cee"],
 "Parent": "", "Comment": "Imported from -", "Created": "2026-11-28T12:54:25.542990667Z",
 "Container": "", "DockerVersion": "20.10.24+dfsg1", "Author": "",
 "Config": {"Hostname": "", "Env": ["PATH=/bin"], "Cmd": null, "Labels": null},
 "Architecture": "amd64", "Os": "linux", "Size": 1984132, "VirtualSize": 1984132,
 "GraphDriver": {"Data": {"MergedDir": "/m"}, "Name": "overlay2"},
 "RootFS": {"Type": "layers", "Layers": ["sha256:a9bc0f6fd7d7711a40fe054ff581d627381664e40583a1d68170566eb4b17e57"]},
 "Metadata": {"LastTagTime": "2026-11-28T15:00:04.84190811Z"}
})";

QString base64Url(const QJsonObject& object, QByteArray::Base64Options options) {
    return QString::fromLatin1(
        QJsonDocument(object).toJson(QJsonDocument::Compact).toBase64(options));
}

} // namespace

class TstApiImageTypes : public QObject {
    Q_OBJECT

private slots:
    void imageReadsDockersInspectAndKeepsTheRest();
    void imageWritesNullTagListsAsEmptyArrays();
    void imageWrongTypeIs400NamingTheField_data();
    void imageWrongTypeIs400NamingTheField();
    void pullRequestReadsItsFieldsAndKeepsUnknownOnes();
    void pullRequestWithoutReferenceIs400();
    void pullRequestWrongTypeIs400NamingTheField();
    void pullRequestInvalidReferenceIs400();
    void pullRequestSecretsIncludeTheDecodedPassword();
    void authConfigReadsDockersLowerCaseFields();
    void authConfigWithoutUserOrTokenIs400();
    void authConfigWrongTypeIs400NamingTheField();
    void authConfigSecretsListEverySecretSet();
    void registryAuthDecodesEveryBase64Form_data();
    void registryAuthDecodesEveryBase64Form();
    void registryAuthGarbageDecodesToNothing();
    void authResponseAlwaysHasIdentityToken();
    void tagRequestNeedsRepo();
    void tagRequestRefusesDigestRepoAndBadTag();
    void tagRequestKeepsRepoAndTag();
    void loadRequestReadsQuietAndRefusesBadBoolean();
};

void TstApiImageTypes::imageReadsDockersInspectAndKeepsTheRest() {
    const QJsonObject docker = parse(kDockerImage);
    const auto image = Image::fromJson(docker);
    QVERIFY(image.ok());
    QCOMPARE(
        image.value().id,
        QStringLiteral("sha256:e111dffe477cd1013857c5895bf339502ab4a9f90d4099a2cfc4941275b1252e"));
    QCOMPARE(image.value().repoTags.size(), 2);
    QCOMPARE(image.value().repoDigests.size(), 1);
    QCOMPARE(image.value().size, static_cast<qint64>(1984132));
    QCOMPARE(image.value().os, QStringLiteral("linux"));
    QCOMPARE(image.value().architecture, QStringLiteral("amd64"));
    QCOMPARE(image.value().rootFS.type, QStringLiteral("layers"));
    QCOMPARE(image.value().rootFS.layers.size(), 1);
    QVERIFY(image.value().config.has_value());
    QVERIFY(image.value().extra.contains(QStringLiteral("GraphDriver")));
    // Out again: exactly what Docker sent, nothing dropped, nothing added.
    QCOMPARE(image.value().toJson(), docker);
}

void TstApiImageTypes::imageWritesNullTagListsAsEmptyArrays() {
    const auto image = Image::fromJson(
        parse(R"({"Id":"sha256:ab","RepoTags":null,"RepoDigests":null,"Config":null})"));
    QVERIFY(image.ok());
    const QJsonObject out = image.value().toJson();
    QCOMPARE(out.value(QStringLiteral("RepoTags")), QJsonValue(QJsonArray()));
    QCOMPARE(out.value(QStringLiteral("RepoDigests")), QJsonValue(QJsonArray()));
    QVERIFY(out.value(QStringLiteral("Config")).isNull());
}

void TstApiImageTypes::imageWrongTypeIs400NamingTheField_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("field");
    QTest::newRow("Id") << R"({"Id":5})"
                        << "'Id'";
    QTest::newRow("RepoTags") << R"({"RepoTags":"a"})"
                              << "'RepoTags'";
    QTest::newRow("Size") << R"({"Size":1.5})"
                          << "'Size'";
    QTest::newRow("Config") << R"({"Config":[]})"
                            << "'Config'";
    QTest::newRow("RootFS.Layers") << R"({"RootFS":{"Layers":[1]}})"
                                   << "'RootFS.Layers'";
}

void TstApiImageTypes::imageWrongTypeIs400NamingTheField() {
    QFETCH(QString, json);
    QFETCH(QString, field);
    const auto image = Image::fromJson(QJsonDocument::fromJson(json.toUtf8()).object());
    QVERIFY(!image.ok());
    QCOMPARE(image.error().status, 400);
    QVERIFY2(image.error().message.contains(field), qPrintable(image.error().message));
}

void TstApiImageTypes::pullRequestReadsItsFieldsAndKeepsUnknownOnes() {
    const QJsonObject body = parse(
        R"({"Reference":"127.0.0.1:5000/a/b:1","Auth":"e30","Platform":"linux/amd64","X":1})");
    const auto request = ImagePullRequest::fromJson(body);
    QVERIFY(request.ok());
    QCOMPARE(request.value().reference, QStringLiteral("127.0.0.1:5000/a/b:1"));
    QCOMPARE(request.value().auth, QStringLiteral("e30"));
    QCOMPARE(request.value().platform, QStringLiteral("linux/amd64"));
    QCOMPARE(request.value().extra.value(QStringLiteral("X")).toInt(), 1);
    QCOMPARE(request.value().toJson(), body);
}

void TstApiImageTypes::pullRequestWithoutReferenceIs400() {
    for (const char* json : {R"({})", R"({"Reference":""})", R"({"Reference":null})"}) {
        const auto request = ImagePullRequest::fromJson(parse(json));
        QVERIFY(!request.ok());
        QCOMPARE(request.error().status, 400);
        QCOMPARE(request.error().message, QStringLiteral("missing required field 'Reference'"));
    }
}

void TstApiImageTypes::pullRequestWrongTypeIs400NamingTheField() {
    const auto request = ImagePullRequest::fromJson(parse(R"({"Reference":"a","Auth":{}})"));
    QVERIFY(!request.ok());
    QCOMPARE(request.error().status, 400);
    QCOMPARE(request.error().message, QStringLiteral("invalid field 'Auth': expected a string"));
}

void TstApiImageTypes::pullRequestInvalidReferenceIs400() {
    const auto request = ImagePullRequest::fromJson(parse(R"({"Reference":"Upper/Case"})"));
    QVERIFY(!request.ok());
    QCOMPARE(request.error().status, 400);
    QCOMPARE(request.error().message,
             QStringLiteral("invalid field 'Reference': invalid reference format: repository "
                            "name must be lowercase"));
}

void TstApiImageTypes::pullRequestSecretsIncludeTheDecodedPassword() {
    ImagePullRequest request;
    request.reference = QStringLiteral("a");
    request.auth = base64Url(QJsonObject{{QStringLiteral("username"), QStringLiteral("u")},
                                         {QStringLiteral("password"), QStringLiteral("s3cret-pw")}},
                             QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QStringList secrets = request.secrets();
    QVERIFY(secrets.contains(request.auth));
    QVERIFY(secrets.contains(QStringLiteral("s3cret-pw")));
    QVERIFY(!secrets.contains(QStringLiteral("u")));
}

void TstApiImageTypes::authConfigReadsDockersLowerCaseFields() {
    const QJsonObject body = parse(R"({"username":"u","password":"p","serveraddress":"r:5000",
                                       "email":"e@x","identitytoken":"it","registrytoken":"rt",
                                       "auth":"dTpw","future":true})");
    const auto config = AuthConfig::fromJson(body);
    QVERIFY(config.ok());
    QCOMPARE(config.value().username, QStringLiteral("u"));
    QCOMPARE(config.value().password, QStringLiteral("p"));
    QCOMPARE(config.value().serverAddress, QStringLiteral("r:5000"));
    QCOMPARE(config.value().email, QStringLiteral("e@x"));
    QCOMPARE(config.value().identityToken, QStringLiteral("it"));
    QCOMPARE(config.value().registryToken, QStringLiteral("rt"));
    QCOMPARE(config.value().auth, QStringLiteral("dTpw"));
    QCOMPARE(config.value().toJson(), body);

    const auto token = AuthConfig::fromJson(parse(R"({"identitytoken":"t","serveraddress":"r"})"));
    QVERIFY(token.ok());
    QCOMPARE(token.value().toJson(), parse(R"({"identitytoken":"t","serveraddress":"r"})"));
}

void TstApiImageTypes::authConfigWithoutUserOrTokenIs400() {
    const auto config = AuthConfig::fromJson(parse(R"({"password":"p","serveraddress":"r"})"));
    QVERIFY(!config.ok());
    QCOMPARE(config.error().status, 400);
    QVERIFY(config.error().message.contains(QLatin1String("'username'")));
    QVERIFY(!config.error().message.contains(QLatin1String("\"p\"")));
}

void TstApiImageTypes::authConfigWrongTypeIs400NamingTheField() {
    const auto config = AuthConfig::fromJson(parse(R"({"username":"u","password":12345})"));
    QVERIFY(!config.ok());
    QCOMPARE(config.error().status, 400);
    QCOMPARE(config.error().message, QStringLiteral("invalid field 'password': expected a string"));
}

void TstApiImageTypes::authConfigSecretsListEverySecretSet() {
    AuthConfig config;
    config.username = QStringLiteral("user");
    config.password = QStringLiteral("pw");
    config.identityToken = QStringLiteral("tok");
    QCOMPARE(config.secrets(), (QStringList{QStringLiteral("pw"), QStringLiteral("tok")}));
}

void TstApiImageTypes::registryAuthDecodesEveryBase64Form_data() {
    QTest::addColumn<int>("options");
    QTest::newRow("base64url padded") << static_cast<int>(QByteArray::Base64UrlEncoding);
    QTest::newRow("base64url unpadded")
        << static_cast<int>(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QTest::newRow("standard base64") << static_cast<int>(QByteArray::Base64Encoding);
}

void TstApiImageTypes::registryAuthDecodesEveryBase64Form() {
    QFETCH(int, options);
    // Characters chosen so that url-safe and standard alphabets differ (`?>` → `Pz4`/`Pz4+`).
    const QJsonObject object{{QStringLiteral("username"), QStringLiteral("user")},
                             {QStringLiteral("password"), QStringLiteral("p?>?>~~~")},
                             {QStringLiteral("serveraddress"), QStringLiteral("127.0.0.1:5000")}};
    const auto config = AuthConfig::fromRegistryAuth(
        base64Url(object, QByteArray::Base64Options::fromInt(options)));
    QVERIFY(config.has_value());
    QCOMPARE(config->username, QStringLiteral("user"));
    QCOMPARE(config->password, QStringLiteral("p?>?>~~~"));
    QCOMPARE(config->serverAddress, QStringLiteral("127.0.0.1:5000"));
}

void TstApiImageTypes::registryAuthGarbageDecodesToNothing() {
    QVERIFY(!AuthConfig::fromRegistryAuth(QString()).has_value());
    QVERIFY(!AuthConfig::fromRegistryAuth(QStringLiteral("!!!not base64")).has_value());
    QVERIFY(!AuthConfig::fromRegistryAuth(QStringLiteral("bm90IGpzb24")).has_value()); // "not json"
}

void TstApiImageTypes::authResponseAlwaysHasIdentityToken() {
    const auto response = AuthResponse::fromJson(parse(R"({"Status":"Login Succeeded"})"));
    QVERIFY(response.ok());
    QCOMPARE(response.value().toJson(),
             parse(R"({"Status":"Login Succeeded","IdentityToken":""})"));
    const auto wrong = AuthResponse::fromJson(parse(R"({"Status":1})"));
    QVERIFY(!wrong.ok());
    QVERIFY(wrong.error().message.contains(QLatin1String("'Status'")));
}

void TstApiImageTypes::tagRequestNeedsRepo() {
    for (const char* query : {"", "tag=x", "repo="}) {
        const auto request = ImageTagRequest::fromQuery(QStringLiteral("img"),
                                                        QUrlQuery(QString::fromLatin1(query)));
        QVERIFY(!request.ok());
        QCOMPARE(request.error().status, 400);
        QCOMPARE(request.error().message,
                 QStringLiteral("missing required query parameter 'repo'"));
    }
}

void TstApiImageTypes::tagRequestRefusesDigestRepoAndBadTag() {
    const QString digest = QStringLiteral("sha256:") + QString(64, u'a');
    QUrlQuery withDigest;
    withDigest.addQueryItem(QStringLiteral("repo"), QStringLiteral("a/b@") + digest);
    auto request = ImageTagRequest::fromQuery(QStringLiteral("img"), withDigest);
    QVERIFY(!request.ok());
    QCOMPARE(request.error().status, 400);
    QVERIFY(request.error().message.contains(QLatin1String("'repo'")));

    request =
        ImageTagRequest::fromQuery(QStringLiteral("img"), QUrlQuery(QStringLiteral("repo=Upper")));
    QVERIFY(!request.ok());
    QVERIFY(request.error().message.contains(QLatin1String("lowercase")));

    request = ImageTagRequest::fromQuery(QStringLiteral("img"),
                                         QUrlQuery(QStringLiteral("repo=a&tag=.bad")));
    QVERIFY(!request.ok());
    QCOMPARE(request.error().message,
             QStringLiteral("invalid query parameter 'tag': invalid tag format"));
}

void TstApiImageTypes::tagRequestKeepsRepoAndTag() {
    const auto request =
        ImageTagRequest::fromQuery(QStringLiteral("sha256:e111"),
                                   QUrlQuery(QStringLiteral("repo=127.0.0.1%3A5000%2Fa&tag=v1")));
    QVERIFY(request.ok());
    QCOMPARE(request.value().image, QStringLiteral("sha256:e111"));
    QCOMPARE(request.value().repo, QStringLiteral("127.0.0.1:5000/a"));
    QCOMPARE(request.value().tag, QStringLiteral("v1"));
}

void TstApiImageTypes::loadRequestReadsQuietAndRefusesBadBoolean() {
    const QByteArray tarball("tar bytes");
    auto request = ImageLoadRequest::fromRequest(tarball, QUrlQuery(QStringLiteral("quiet=1")));
    QVERIFY(request.ok());
    QVERIFY(request.value().quiet);
    QCOMPARE(request.value().tarball, tarball);
    request = ImageLoadRequest::fromRequest(tarball, QUrlQuery());
    QVERIFY(request.ok());
    QVERIFY(!request.value().quiet);
    request = ImageLoadRequest::fromRequest(tarball, QUrlQuery(QStringLiteral("quiet=maybe")));
    QVERIFY(!request.ok());
    QCOMPARE(request.error().status, 400);
    QVERIFY(request.error().message.contains(QLatin1String("quiet")));
}

QTEST_APPLESS_MAIN(TstApiImageTypes)
#include "tst_api_imagetypes.moc"
