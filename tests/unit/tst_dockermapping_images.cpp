// The Docker backend's image and auth mapping: contract requests → Docker requests, Docker's
// answers and errors → the contract's. Recorded Docker 20.10 answers inline.

#include "backends/docker/dockerimagemapping.h"

#include <QJsonDocument>
#include <QTest>
#include <QUrl>

using namespace sockerless;
using namespace sockerless::backends;

namespace {

QString queryValue(const docker::DockerRequest& request, const QString& key) {
    // addQueryValue stores values percent-encoded; decode as the client does.
    return QUrl::fromPercentEncoding(
        request.query.queryItemValue(key, QUrl::FullyEncoded).toLatin1());
}

QByteArray header(const docker::DockerRequest& request, const QByteArray& name) {
    for (const auto& [key, value] : request.headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

api::ImagePullRequest pullOf(const QString& reference, const QString& auth = {}) {
    api::ImagePullRequest request;
    request.reference = reference;
    request.auth = auth;
    return request;
}

} // namespace

class TstDockerMappingImages : public QObject {
    Q_OBJECT

private slots:
    void pullSplitsReferenceLikeTheDockerCli_data();
    void pullSplitsReferenceLikeTheDockerCli();
    void pullPassesAuthUnchangedAndWaitsWithoutTimeout();
    void pullPassesPlatformOnlyWhenGiven();
    void pullOfInvalidReferenceIs400();
    void inspectPercentEncodesTheWholeName_data();
    void inspectPercentEncodesTheWholeName();
    void loadSendsTheTarballWithQuiet();
    void tagEncodesImageAndPassesRepoAndTag();
    void loginSendsDockersAuthConfig();
    void inspectAnswerBecomesImage();
    void inspectAnswerOfWrongShapeIs500();
    void loginAnswerBecomesResponseWithIdentityToken();
    void refusedLoginIs401KeepingDockersMessage_data();
    void refusedLoginIs401KeepingDockersMessage();
    void otherLoginErrorsPassUnchanged();
    void secretsAreRedactedFromMessages();
};

void TstDockerMappingImages::pullSplitsReferenceLikeTheDockerCli_data() {
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("fromImage");
    QTest::addColumn<QString>("tag");
    const QString digest = QStringLiteral("sha256:") + QString(64, u'0');
    QTest::newRow("registry port and tag") << "127.0.0.1:5000/team/app:1.2"
                                           << "127.0.0.1:5000/team/app"
                                           << "1.2";
    QTest::newRow("registry port, no tag") << "127.0.0.1:5000/team/app"
                                           << "127.0.0.1:5000/team/app"
                                           << "latest";
    QTest::newRow("no tag") << "busybox"
                            << "busybox"
                            << "latest";
    QTest::newRow("digest") << QString(QStringLiteral("busybox@") + digest) << "busybox" << digest;
    QTest::newRow("tag and digest")
        << QString(QStringLiteral("r.io/a:1@") + digest) << "r.io/a" << digest;
}

void TstDockerMappingImages::pullSplitsReferenceLikeTheDockerCli() {
    QFETCH(QString, reference);
    QFETCH(QString, fromImage);
    QFETCH(QString, tag);
    const auto request = toDockerPullRequest(pullOf(reference));
    QVERIFY(request.ok());
    QCOMPARE(request.value().method, QByteArray("POST"));
    QCOMPARE(request.value().path, QByteArray("/images/create"));
    QCOMPARE(queryValue(request.value(), QStringLiteral("fromImage")), fromImage);
    QCOMPARE(queryValue(request.value(), QStringLiteral("tag")), tag);
    QVERIFY(!request.value().query.hasQueryItem(QStringLiteral("platform")));
    QVERIFY(header(request.value(), "X-Registry-Auth").isEmpty());
}

void TstDockerMappingImages::pullPassesAuthUnchangedAndWaitsWithoutTimeout() {
    // Not even valid base64: Docker decides what it means, the daemon passes it on as it came.
    const QString auth = QStringLiteral("eyJ1c2VybmFtZSI6InUifQ_-==");
    const auto request = toDockerPullRequest(pullOf(QStringLiteral("busybox"), auth));
    QVERIFY(request.ok());
    QCOMPARE(header(request.value(), "X-Registry-Auth"), auth.toUtf8());
    QCOMPARE(request.value().headerTimeoutMs, 0);
}

void TstDockerMappingImages::pullPassesPlatformOnlyWhenGiven() {
    api::ImagePullRequest pull = pullOf(QStringLiteral("busybox"));
    pull.platform = QStringLiteral("linux/arm64/v8");
    const auto request = toDockerPullRequest(pull);
    QVERIFY(request.ok());
    QCOMPARE(queryValue(request.value(), QStringLiteral("platform")),
             QStringLiteral("linux/arm64/v8"));
}

void TstDockerMappingImages::pullOfInvalidReferenceIs400() {
    const auto request = toDockerPullRequest(pullOf(QStringLiteral("a?b&tag=x")));
    QVERIFY(!request.ok());
    QCOMPARE(request.error().status, 400);
}

void TstDockerMappingImages::inspectPercentEncodesTheWholeName_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("path");
    QTest::newRow("registry name")
        << "127.0.0.1:5000/team/app:1.2"
        << QByteArray("/images/127.0.0.1%3A5000%2Fteam%2Fapp%3A1.2/json");
    QTest::newRow("id") << "sha256:e111" << QByteArray("/images/sha256%3Ae111/json");
    QTest::newRow("query and fragment stay in the segment")
        << "a?b#c" << QByteArray("/images/a%3Fb%23c/json");
    QTest::newRow("percent stays a percent") << "%2E%2E" << QByteArray("/images/%252E%252E/json");
}

void TstDockerMappingImages::inspectPercentEncodesTheWholeName() {
    QFETCH(QString, name);
    QFETCH(QByteArray, path);
    const auto request = toDockerInspectRequest(name);
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.path, path);
    QVERIFY(request.query.isEmpty());
}

void TstDockerMappingImages::loadSendsTheTarballWithQuiet() {
    api::ImageLoadRequest load;
    load.tarball = QByteArray("tarball bytes");
    load.quiet = true;
    auto request = toDockerLoadRequest(load);
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path, QByteArray("/images/load"));
    QCOMPARE(queryValue(request, QStringLiteral("quiet")), QStringLiteral("1"));
    QCOMPARE(request.body, load.tarball);
    QCOMPARE(request.contentType, QByteArray("application/x-tar"));
    QCOMPARE(request.headerTimeoutMs, 0);
    load.quiet = false;
    request = toDockerLoadRequest(load);
    QCOMPARE(queryValue(request, QStringLiteral("quiet")), QStringLiteral("0"));
}

void TstDockerMappingImages::tagEncodesImageAndPassesRepoAndTag() {
    api::ImageTagRequest tag;
    tag.image = QStringLiteral("sockerless-test/busybox:latest");
    tag.repo = QStringLiteral("127.0.0.1:5000/x&y=z");
    tag.tag = QStringLiteral("v1");
    auto request = toDockerTagRequest(tag);
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path, QByteArray("/images/sockerless-test%2Fbusybox%3Alatest/tag"));
    QCOMPARE(queryValue(request, QStringLiteral("repo")), tag.repo);
    QCOMPARE(queryValue(request, QStringLiteral("tag")), QStringLiteral("v1"));
    QVERIFY(!request.query.hasQueryItem(QStringLiteral("y")));
    tag.tag.clear();
    request = toDockerTagRequest(tag);
    QVERIFY(!request.query.hasQueryItem(QStringLiteral("tag")));
}

void TstDockerMappingImages::loginSendsDockersAuthConfig() {
    api::AuthConfig credentials;
    credentials.username = QStringLiteral("u");
    credentials.password = QStringLiteral("p");
    credentials.serverAddress = QStringLiteral("127.0.0.1:5000");
    const auto request = toDockerLoginRequest(credentials);
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path, QByteArray("/auth"));
    QCOMPARE(request.contentType, QByteArray("application/json"));
    QCOMPARE(QJsonDocument::fromJson(request.body).object(),
             QJsonDocument::fromJson(R"({"username":"u","password":"p",
                                          "serveraddress":"127.0.0.1:5000"})")
                 .object());
}

void TstDockerMappingImages::inspectAnswerBecomesImage() {
    const QByteArray docker = R"({"Id":"sha256:e111","RepoTags":["a:1"],"RepoDigests":[],
        "Created":"2026-11-28T12:54:25Z","Size":10,"Config":{"Env":["PATH=/bin"]},
        "Os":"linux","Architecture":"amd64","RootFS":{"Type":"layers","Layers":["sha256:a9"]},
        "Metadata":{"LastTagTime":"0001-01-01T00:00:00Z"}})";
    const auto image = fromDockerInspect(QJsonDocument::fromJson(docker));
    QVERIFY(image.ok());
    QCOMPARE(image.value().id, QStringLiteral("sha256:e111"));
    QCOMPARE(image.value().repoTags, QStringList{QStringLiteral("a:1")});
    QCOMPARE(image.value().toJson(), QJsonDocument::fromJson(docker).object());
}

void TstDockerMappingImages::inspectAnswerOfWrongShapeIs500() {
    auto image = fromDockerInspect(QJsonDocument::fromJson(R"({"Size":"big"})"));
    QVERIFY(!image.ok());
    QCOMPARE(image.error().status, 500);
    QVERIFY(image.error().message.contains(QLatin1String("'Size'")));
    image = fromDockerInspect(QJsonDocument::fromJson("[]"));
    QVERIFY(!image.ok());
    QCOMPARE(image.error().status, 500);
}

void TstDockerMappingImages::loginAnswerBecomesResponseWithIdentityToken() {
    auto response = fromDockerLogin(
        QJsonDocument::fromJson(R"({"IdentityToken":"","Status":"Login Succeeded"})"));
    QVERIFY(response.ok());
    QCOMPARE(response.value().status, QStringLiteral("Login Succeeded"));
    response = fromDockerLogin(QJsonDocument::fromJson(R"({"Status":"Login Succeeded"})"));
    QVERIFY(response.ok());
    QVERIFY(response.value().toJson().contains(QStringLiteral("IdentityToken")));
}

void TstDockerMappingImages::refusedLoginIs401KeepingDockersMessage_data() {
    QTest::addColumn<QString>("message");
    QTest::newRow("registry said 401")
        << "login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized";
    QTest::newRow("token registry") << "unauthorized: incorrect username or password";
    QTest::newRow("no credentials")
        << "Get \"http://127.0.0.1:5000/v2/\": no basic auth credentials";
}

void TstDockerMappingImages::refusedLoginIs401KeepingDockersMessage() {
    QFETCH(QString, message);
    const api::ApiError mapped = loginErrorFromDocker({500, message});
    QCOMPARE(mapped.status, 401);
    QCOMPARE(mapped.message, message);
}

void TstDockerMappingImages::otherLoginErrorsPassUnchanged() {
    const QString refused = QStringLiteral(
        "Get \"http://127.0.0.1:5999/v2/\": dial tcp 127.0.0.1:5999: connect: connection refused");
    QCOMPARE(loginErrorFromDocker({500, refused}).status, 500);
    QCOMPARE(loginErrorFromDocker({503, QStringLiteral("x 401 Unauthorized")}).status, 503);
}

void TstDockerMappingImages::secretsAreRedactedFromMessages() {
    QCOMPARE(redactSecrets(QStringLiteral("bad password hunter22 for hunter22"),
                           {QStringLiteral("hunter22")}),
             QStringLiteral("bad password REDACTED for REDACTED"));
    // Very short secrets are left alone rather than garbling every message.
    QCOMPARE(redactSecrets(QStringLiteral("a failed"), {QStringLiteral("a")}),
             QStringLiteral("a failed"));
    QCOMPARE(redactSecrets(QStringLiteral("nothing"), {}), QStringLiteral("nothing"));
}

QTEST_APPLESS_MAIN(TstDockerMappingImages)
#include "tst_dockermapping_images.moc"
