// The memory backend's registry side: WWW-Authenticate parsing, registry error texts, the
// manifest list's platform choice, and pull and login through MemoryImages against a tiny
// in-process registry (QTcpServer) that demands a bearer token or basic credentials.

#include "backends/memory/imagerecord.h"
#include "backends/memory/memoryevents.h"
#include "backends/memory/memoryimages.h"
#include "backends/memory/registryauth.h"
#include "backends/memory/registrymanifest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

using namespace sockerless;
using namespace sockerless::backends;
using namespace sockerless::backends::memory;

namespace {

const QString kUser = QStringLiteral("user");
const QString kPassword = QStringLiteral("s3cret-password");
const QByteArray kToken = "good-token";

// A registry that serves one image, `team/app:v1`, behind a manifest list.
class FakeRegistry : public QObject {
public:
    enum class Auth { Bearer, Basic };

    explicit FakeRegistry(Auth auth)
        : m_auth(auth) {
        m_layer = "layer-bytes";
        const QString diffId = sha256Digest("uncompressed-layer");
        m_config =
            QJsonDocument(
                QJsonObject{
                    {QStringLiteral("architecture"), QStringLiteral("amd64")},
                    {QStringLiteral("os"), QStringLiteral("linux")},
                    {QStringLiteral("created"), QStringLiteral("2026-01-02T03:04:05.123456789Z")},
                    {QStringLiteral("config"),
                     QJsonObject{{QStringLiteral("Env"), QJsonArray{QStringLiteral("PATH=/bin")}}}},
                    {QStringLiteral("rootfs"),
                     QJsonObject{{QStringLiteral("type"), QStringLiteral("layers")},
                                 {QStringLiteral("diff_ids"), QJsonArray{diffId}}}}})
                .toJson(QJsonDocument::Compact);
        m_manifest =
            QJsonDocument(
                QJsonObject{
                    {QStringLiteral("schemaVersion"), 2},
                    {QStringLiteral("mediaType"),
                     QStringLiteral("application/vnd.docker.distribution.manifest.v2+json")},
                    {QStringLiteral("config"),
                     QJsonObject{{QStringLiteral("digest"), sha256Digest(m_config)},
                                 {QStringLiteral("size"), m_config.size()}}},
                    {QStringLiteral("layers"),
                     QJsonArray{QJsonObject{{QStringLiteral("digest"), sha256Digest(m_layer)},
                                            {QStringLiteral("size"), 1234}}}}})
                .toJson(QJsonDocument::Compact);
        const auto entry = [](const QString& digest, const char* arch, const char* variant) {
            QJsonObject platform{{QStringLiteral("os"), QStringLiteral("linux")},
                                 {QStringLiteral("architecture"), QLatin1String(arch)}};
            if (*variant)
                platform.insert(QStringLiteral("variant"), QLatin1String(variant));
            return QJsonObject{{QStringLiteral("digest"), digest},
                               {QStringLiteral("platform"), platform}};
        };
        const QString other = QStringLiteral("sha256:") + QString(64, u'0');
        m_list =
            QJsonDocument(
                QJsonObject{
                    {QStringLiteral("schemaVersion"), 2},
                    {QStringLiteral("mediaType"),
                     QStringLiteral("application/vnd.docker.distribution.manifest.list.v2+json")},
                    {QStringLiteral("manifests"),
                     QJsonArray{entry(other, "arm64", "v8"), entry(sha256Digest(m_manifest),
                                                                   RegistryManifest::hostPlatform()
                                                                       .section(u'/', 1, 1)
                                                                       .toLatin1()
                                                                       .constData(),
                                                                   "")}}})
                .toJson(QJsonDocument::Compact);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection())
                serve(socket);
        });
        m_server.listen(QHostAddress::LocalHost);
    }

    QString address() const { return QStringLiteral("127.0.0.1:%1").arg(m_server.serverPort()); }
    QString listDigest() const { return sha256Digest(m_list); }
    QString configId() const { return sha256Digest(m_config); }

    QStringList tokenQueries;   ///< what every token request asked for
    QList<QByteArray> requests; ///< `METHOD path` of every request

private:
    struct Answer {
        int status = 200;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
    };

    void serve(QTcpSocket* socket) {
        auto buffer = std::make_shared<QByteArray>();
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
            buffer->append(socket->readAll());
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = buffer->left(end).split('\n');
            const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
            QByteArray authorization;
            for (const QByteArray& line : lines) {
                if (line.toLower().startsWith("authorization:"))
                    authorization = line.mid(14).trimmed();
            }
            buffer->remove(0, end + 4);
            const Answer answer = answerFor(requestLine.value(1), authorization);
            requests.append(requestLine.value(0) + ' ' + requestLine.value(1));
            QByteArray response = "HTTP/1.1 " + QByteArray::number(answer.status) + " X\r\n";
            for (const auto& [key, value] : answer.headers)
                response += key + ": " + value + "\r\n";
            response += "Content-Length: " + QByteArray::number(answer.body.size()) +
                        "\r\nConnection: close\r\n\r\n" + answer.body;
            socket->write(response);
            socket->disconnectFromHost();
        });
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

    Answer unauthorized() const {
        Answer answer;
        answer.status = 401;
        answer.body =
            R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":null}]})";
        if (m_auth == Auth::Basic)
            answer.headers.append(
                qMakePair(QByteArray("WWW-Authenticate"), QByteArray(R"(Basic realm="fake")")));
        else
            answer.headers.append(
                qMakePair(QByteArray("WWW-Authenticate"),
                          QStringLiteral(R"(Bearer realm="http://%1/token",service="fake")")
                              .arg(address())
                              .toLatin1()));
        return answer;
    }

    Answer answerFor(const QByteArray& target, const QByteArray& authorization) {
        const QByteArray basic = "Basic " + (kUser + u':' + kPassword).toUtf8().toBase64();
        const QString path = QString::fromLatin1(target).section(u'?', 0, 0);
        if (path == QLatin1String("/token")) {
            tokenQueries.append(QString::fromLatin1(target).section(u'?', 1));
            if (authorization != basic)
                return {401, R"({"details":"incorrect username or password"})", {}};
            return {200, R"({"token":")" + kToken + R"("})", {}};
        }
        const QByteArray expected = m_auth == Auth::Basic ? basic : "Bearer " + kToken;
        if (authorization != expected)
            return unauthorized();
        if (path == QLatin1String("/v2/"))
            return {200, "{}", {}};
        if (path == QLatin1String("/v2/team/app/manifests/v1"))
            return {200,
                    m_list,
                    {{"Content-Type", "application/vnd.docker.distribution.manifest.list.v2+json"},
                     {"Docker-Content-Digest", listDigest().toLatin1()}}};
        if (path == QStringLiteral("/v2/team/app/manifests/") + sha256Digest(m_manifest))
            return {200,
                    m_manifest,
                    {{"Content-Type", "application/vnd.docker.distribution.manifest.v2+json"}}};
        if (path == QStringLiteral("/v2/team/app/blobs/") + sha256Digest(m_config))
            return {200, m_config, {}};
        return {
            404,
            R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{}}]})",
            {}};
    }

    Auth m_auth;
    QTcpServer m_server;
    QByteArray m_layer;
    QByteArray m_config;
    QByteArray m_manifest;
    QByteArray m_list;
};

QString registryAuth(const QString& user, const QString& password) {
    return QString::fromLatin1(QJsonDocument(QJsonObject{{QStringLiteral("username"), user},
                                                         {QStringLiteral("password"), password}})
                                   .toJson(QJsonDocument::Compact)
                                   .toBase64(QByteArray::Base64UrlEncoding));
}

struct PullOutcome {
    QList<QByteArray> lines;
    std::optional<api::ApiError> error;
    bool ended = false;
};

PullOutcome runPull(MemoryImages& images, const QString& reference, const QString& auth) {
    QObject context;
    api::ImagePullRequest request;
    request.reference = reference;
    request.auth = auth;
    BackendStream* stream = images.pull(request, &context);
    PullOutcome outcome;
    QObject::connect(stream, &BackendStream::message, stream,
                     [&outcome](const QByteArray& line) { outcome.lines.append(line); });
    QObject::connect(stream, &BackendStream::failed, stream,
                     [&outcome](const api::ApiError& error) { outcome.error = error; });
    QObject::connect(stream, &BackendStream::ended, stream, [&outcome] { outcome.ended = true; });
    if (!QTest::qWaitFor([&outcome] { return outcome.ended || outcome.error.has_value(); }, 10000))
        qWarning("the pull did not end");
    return outcome;
}

QString statuses(const QList<QByteArray>& lines) {
    QStringList texts;
    for (const QByteArray& line : lines)
        texts.append(
            QJsonDocument::fromJson(line).object().value(QStringLiteral("status")).toString());
    return texts.join(QStringLiteral(" | "));
}

std::optional<Result<api::AuthResponse>> runLogin(MemoryImages& images, const QString& server,
                                                  const QString& password) {
    QObject context;
    api::AuthConfig credentials;
    credentials.username = kUser;
    credentials.password = password;
    credentials.serverAddress = server;
    std::optional<Result<api::AuthResponse>> answer;
    images.login(credentials, &context,
                 [&answer](const Result<api::AuthResponse>& result) { answer = result; });
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 10000))
        qWarning("the login did not answer");
    return answer;
}

} // namespace

class TstMemoryRegistry : public QObject {
    Q_OBJECT

private slots:
    void parsesBearerAndBasicChallenges();
    void wordsRegistryErrorsAsDocker();
    void choosesThePlatformFromAManifestList();
    void pullFollowsTheTokenFlowAndStoresTheImage();
    void pullAgainIsUpToDate();
    void pullWithWrongPasswordIsRefusedWithoutIt();
    void pullFromBasicRegistryWithoutCredentials();
    void pullUnknownTagIs404ManifestUnknown();
    void pullAbandonedWhenTheContextDies();
    void loginChecksTheCredentials();
    void loginToUnreachableRegistryIs500();
};

void TstMemoryRegistry::parsesBearerAndBasicChallenges() {
    const auto challenges = AuthChallenge::parse(
        R"(Bearer realm="https://auth.docker.io/token",service="registry.docker.io",)"
        R"(scope="repository:library/busybox:pull,push", Basic realm="x y")");
    QCOMPARE(challenges.size(), 2);
    QCOMPARE(challenges.at(0).scheme, QStringLiteral("bearer"));
    QCOMPARE(challenges.at(0).params.value(QStringLiteral("realm")),
             QStringLiteral("https://auth.docker.io/token"));
    QCOMPARE(challenges.at(0).params.value(QStringLiteral("scope")),
             QStringLiteral("repository:library/busybox:pull,push"));
    QCOMPARE(challenges.at(1).scheme, QStringLiteral("basic"));
    QCOMPARE(challenges.at(1).params.value(QStringLiteral("realm")), QStringLiteral("x y"));
    const auto bare = AuthChallenge::parse("Basic");
    QCOMPARE(bare.size(), 1);
    QVERIFY(bare.at(0).params.isEmpty());
    QVERIFY(AuthChallenge::parse("").isEmpty());
}

void TstMemoryRegistry::wordsRegistryErrorsAsDocker() {
    QCOMPARE(registryErrorText(
                 R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]})"),
             QStringLiteral("manifest unknown: manifest unknown"));
    QCOMPARE(registryErrorText(R"({"details":"incorrect username or password"})"),
             QStringLiteral("unauthorized: incorrect username or password"));
    QCOMPARE(registryErrorText("<html>"), QString());
    QCOMPARE(httpStatusText(401), QStringLiteral("401 Unauthorized"));
}

void TstMemoryRegistry::choosesThePlatformFromAManifestList() {
    const QByteArray list = R"({"schemaVersion":2,
        "mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
        {"digest":"sha256:a","platform":{"os":"linux","architecture":"amd64"}},
        {"digest":"sha256:b","platform":{"os":"linux","architecture":"arm64","variant":"v8"}},
        {"digest":"sha256:c","platform":{"os":"linux","architecture":"arm","variant":"v7"}},
        {"digest":"sha256:d","platform":{"os":"windows","architecture":"amd64"}}]})";
    QString error;
    const auto manifest = RegistryManifest::parse(list, &error);
    QVERIFY2(manifest, qPrintable(error));
    QVERIFY(manifest->isList);
    QCOMPARE(manifest->choose(QStringLiteral("linux/amd64"))->digest, QStringLiteral("sha256:a"));
    QCOMPARE(manifest->choose(QStringLiteral("linux/arm64"))->digest, QStringLiteral("sha256:b"));
    QCOMPARE(manifest->choose(QStringLiteral("linux/arm/v7"))->digest, QStringLiteral("sha256:c"));
    QCOMPARE(manifest->choose(QStringLiteral("windows/amd64"))->digest, QStringLiteral("sha256:d"));
    QVERIFY(!manifest->choose(QStringLiteral("linux/s390x")));
    if (RegistryManifest::hostPlatform() == QLatin1String("linux/amd64"))
        QCOMPARE(manifest->choose(QString())->digest, QStringLiteral("sha256:a"));
    QVERIFY(!RegistryManifest::parse(R"({"schemaVersion":1})", &error));
}

void TstMemoryRegistry::pullFollowsTheTokenFlowAndStoresTheImage() {
    FakeRegistry registry(FakeRegistry::Auth::Bearer);
    MemoryEvents events;
    MemoryImages images(&events);
    const QString reference = registry.address() + QStringLiteral("/team/app:v1");
    const PullOutcome outcome = runPull(images, reference, registryAuth(kUser, kPassword));
    QVERIFY2(!outcome.error, outcome.error ? qPrintable(outcome.error->message) : "");
    QVERIFY(outcome.ended);
    for (const QByteArray& line : outcome.lines)
        QVERIFY(line.endsWith('\n'));
    const QString said = statuses(outcome.lines);
    QVERIFY2(said.startsWith(QStringLiteral("Pulling from team/app | Pulling fs layer")),
             qPrintable(said));
    QVERIFY2(said.contains(QStringLiteral("Pull complete")), qPrintable(said));
    QVERIFY2(said.contains(QStringLiteral("Digest: ") + registry.listDigest()), qPrintable(said));
    QVERIFY2(said.endsWith(QStringLiteral("Status: Downloaded newer image for ") + reference),
             qPrintable(said));
    // The token was asked for with the credentials, for this repository.
    QCOMPARE(registry.tokenQueries.size(), 1);
    const QUrlQuery query(registry.tokenQueries.first());
    QCOMPARE(query.queryItemValue(QStringLiteral("service")), QStringLiteral("fake"));
    QCOMPARE(query.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded),
             QStringLiteral("repository:team/app:pull"));
    // The image, under its name and its repo digest.
    const auto image = images.find(reference);
    QVERIFY(image);
    QCOMPARE(image->id, registry.configId());
    QCOMPARE(image->size, 1234);
    QCOMPARE(image->repoTags, QStringList{reference});
    const QString repoDigest =
        registry.address() + QStringLiteral("/team/app@") + registry.listDigest();
    QCOMPARE(image->repoDigests, QStringList{repoDigest});
    QVERIFY(images.find(repoDigest));
    QCOMPARE(image->created, QStringLiteral("2026-01-02T03:04:05.123456789Z"));
    QCOMPARE(image->os, QStringLiteral("linux"));
    const MemoryEvent& event = events.history().back();
    QCOMPARE(event.action, QStringLiteral("pull"));
    QCOMPARE(event.actorId, reference);
    QCOMPARE(event.attributes.value(QStringLiteral("name")),
             registry.address() + QStringLiteral("/team/app"));
}

void TstMemoryRegistry::pullAgainIsUpToDate() {
    FakeRegistry registry(FakeRegistry::Auth::Bearer);
    MemoryEvents events;
    MemoryImages images(&events);
    const QString reference = registry.address() + QStringLiteral("/team/app:v1");
    QVERIFY(runPull(images, reference, registryAuth(kUser, kPassword)).ended);
    const PullOutcome again = runPull(images, reference, registryAuth(kUser, kPassword));
    QVERIFY(again.ended);
    const QString said = statuses(again.lines);
    QVERIFY2(!said.contains(QStringLiteral("layer")), qPrintable(said));
    QVERIFY2(said.endsWith(QStringLiteral("Status: Image is up to date for ") + reference),
             qPrintable(said));
    QCOMPARE(images.count(), 1);
}

void TstMemoryRegistry::pullWithWrongPasswordIsRefusedWithoutIt() {
    FakeRegistry registry(FakeRegistry::Auth::Bearer);
    MemoryEvents events;
    MemoryImages images(&events);
    const QString wrong = QStringLiteral("wrong-") + kPassword;
    const PullOutcome outcome = runPull(images, registry.address() + QStringLiteral("/team/app:v1"),
                                        registryAuth(kUser, wrong));
    QVERIFY(outcome.error);
    QCOMPARE(outcome.error->status, 500);
    QCOMPARE(outcome.error->message,
             QStringLiteral("Head \"http://%1/v2/team/app/manifests/v1\": unauthorized: "
                            "incorrect username or password")
                 .arg(registry.address()));
    QVERIFY(!outcome.error->message.contains(wrong));
    QCOMPARE(images.count(), 0);
}

void TstMemoryRegistry::pullFromBasicRegistryWithoutCredentials() {
    FakeRegistry registry(FakeRegistry::Auth::Basic);
    MemoryEvents events;
    MemoryImages images(&events);
    const PullOutcome outcome =
        runPull(images, registry.address() + QStringLiteral("/team/app:v1"), QString());
    QVERIFY(outcome.error);
    QCOMPARE(outcome.error->status, 500);
    QCOMPARE(outcome.error->message,
             QStringLiteral("Head \"http://%1/v2/team/app/manifests/v1\": no basic auth "
                            "credentials")
                 .arg(registry.address()));
    // With a wrong password: the registry's own refusal, as Docker words it.
    const PullOutcome wrong = runPull(images, registry.address() + QStringLiteral("/team/app:v1"),
                                      registryAuth(kUser, QStringLiteral("nope-nope")));
    QVERIFY(wrong.error);
    QCOMPARE(wrong.error->message, QStringLiteral("unauthorized: authentication required"));
    // And with the right one it works.
    QVERIFY(runPull(images, registry.address() + QStringLiteral("/team/app:v1"),
                    registryAuth(kUser, kPassword))
                .ended);
}

void TstMemoryRegistry::pullUnknownTagIs404ManifestUnknown() {
    FakeRegistry registry(FakeRegistry::Auth::Bearer);
    MemoryEvents events;
    MemoryImages images(&events);
    const PullOutcome outcome =
        runPull(images, registry.address() + QStringLiteral("/team/app:nope"),
                registryAuth(kUser, kPassword));
    QVERIFY(outcome.error);
    QCOMPARE(outcome.error->status, 404);
    QCOMPARE(outcome.error->message,
             QStringLiteral("manifest for %1/team/app:nope not found: manifest unknown: manifest "
                            "unknown")
                 .arg(registry.address()));
}

void TstMemoryRegistry::pullAbandonedWhenTheContextDies() {
    FakeRegistry registry(FakeRegistry::Auth::Bearer);
    MemoryEvents events;
    MemoryImages images(&events);
    auto* context = new QObject;
    api::ImagePullRequest request;
    request.reference = registry.address() + QStringLiteral("/team/app:v1");
    request.auth = registryAuth(kUser, kPassword);
    QPointer<BackendStream> stream = images.pull(request, context);
    bool heard = false;
    QObject::connect(stream, &BackendStream::message, &registry, [&heard] { heard = true; });
    QCoreApplication::processEvents(); // the first request is on its way
    delete context;
    QVERIFY(stream.isNull());
    QTest::qWait(300);
    QVERIFY(!heard);
    QCOMPARE(images.count(), 0);
    QCOMPARE(events.history().size(), size_t(0));
}

void TstMemoryRegistry::loginChecksTheCredentials() {
    FakeRegistry registry(FakeRegistry::Auth::Basic);
    MemoryEvents events;
    MemoryImages images(&events);
    auto answer = runLogin(images, registry.address(), kPassword);
    QVERIFY(answer && answer->ok());
    QCOMPARE(answer->value().status, QStringLiteral("Login Succeeded"));
    QCOMPARE(answer->value().toJson().value(QStringLiteral("IdentityToken")).toString(), QString());
    const QString wrong = QStringLiteral("wrong-") + kPassword;
    answer = runLogin(images, QStringLiteral("http://") + registry.address(), wrong);
    QVERIFY(answer && !answer->ok());
    QCOMPARE(answer->error().status, 401);
    QCOMPARE(answer->error().message,
             QStringLiteral("login attempt to http://%1/v2/ failed with status: 401 Unauthorized")
                 .arg(registry.address()));
    // A token registry refuses through its token server.
    FakeRegistry bearer(FakeRegistry::Auth::Bearer);
    answer = runLogin(images, bearer.address(), kPassword);
    QVERIFY(answer && answer->ok());
    answer = runLogin(images, bearer.address(), wrong);
    QVERIFY(answer && !answer->ok());
    QCOMPARE(answer->error().status, 401);
    QVERIFY(!answer->error().message.contains(wrong));
}

void TstMemoryRegistry::loginToUnreachableRegistryIs500() {
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    MemoryEvents events;
    MemoryImages images(&events);
    const auto answer = runLogin(images, QStringLiteral("127.0.0.1:%1").arg(port), kPassword);
    QVERIFY(answer && !answer->ok());
    QCOMPARE(answer->error().status, 500);
    QCOMPARE(answer->error().message,
             QStringLiteral("Get \"http://127.0.0.1:%1/v2/\": dial tcp 127.0.0.1:%1: connect: "
                            "connection refused")
                 .arg(port));
}

QTEST_MAIN(TstMemoryRegistry)
#include "tst_memory_registry.moc"
