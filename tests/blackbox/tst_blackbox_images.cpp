// Images and registry auth (card criteria 12-16) through the real sockerlessd on the backend under
// test and the private test registry: pull, inspect, load, tag, auth, and what must never leak
// (credentials) or escape (image names in the upstream path). Docker makes the input for both
// backends (images pushed to the registry, `docker save` tarballs) and is the reference for the
// answers to failed pulls; what a call did is read from the engine under test.

#include "blackboxcase.h"
#include "docker/dockerclient.h"
#include "docker/dockerpath.h"
#include "dockercall.h"
#include "testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

using sockerless::test::BlackboxCase;
using sockerless::test::DaemonProcess;
using sockerless::test::DockerCallResult;
using sockerless::test::TestEnv;
namespace docker = sockerless::docker;

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;

// The `X-Registry-Auth` value a Docker client sends: base64url of the AuthConfig JSON.
QString registryAuth(const QString& user, const QString& password) {
    const QJsonObject config{{QStringLiteral("username"), user},
                             {QStringLiteral("password"), password},
                             {QStringLiteral("serveraddress"), TestEnv::registry()}};
    return QString::fromLatin1(QJsonDocument(config)
                                   .toJson(QJsonDocument::Compact)
                                   .toBase64(QByteArray::Base64UrlEncoding));
}

QString goodAuth() {
    return registryAuth(TestEnv::registryUser(), TestEnv::registryPassword());
}

// A password that is wrong, long enough to be searched for in the log.
QString wrongPassword() {
    return QStringLiteral("wrong-") + TestEnv::registryPassword();
}

QString badAuth() {
    return registryAuth(TestEnv::registryUser(), wrongPassword());
}

QString encoded(const QString& value) {
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

// Splits a progress body into its JSON lines; every line must be a JSON object ending in `\n`.
QList<QJsonObject> jsonLines(const QByteArray& body, QString* problem) {
    QList<QJsonObject> lines;
    if (!body.endsWith('\n')) {
        *problem =
            QStringLiteral("the body does not end with a newline: ") + QString::fromUtf8(body);
        return {};
    }
    const QList<QByteArray> parts = body.split('\n');
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(parts.at(i), &error);
        if (error.error != QJsonParseError::NoError || !document.isObject()) {
            *problem = QStringLiteral("line %1 is not a JSON object: %2")
                           .arg(i)
                           .arg(QString::fromUtf8(parts.at(i)));
            return {};
        }
        lines.append(document.object());
    }
    return lines;
}

// The `status` texts of progress lines, joined, for assertions and failure messages.
QString statuses(const QList<QJsonObject>& lines) {
    QStringList texts;
    for (const QJsonObject& line : lines)
        texts.append(line.value(QStringLiteral("status")).toString());
    return texts.join(QStringLiteral(" | "));
}

// The answer to a request sent byte for byte (no client-side path normalisation).

} // namespace

class TstBlackboxImages : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    // pull (criterion 12)
    void pullWithGoodCredentialsStreamsProgressAndImageArrives();
    void pullWithAuthHeaderInsteadOfBodySucceeds();
    void pullBodyAuthWinsOverHeader();
    void pullWithBadCredentialsIsDockersErrorWithoutTheCredentials();
    void pullWithoutCredentialsIsDockersError();
    void pullUnknownTagIsDockers404();
    void pullMalformedJsonIs400();
    void pullWithoutReferenceIs400();
    void pullInvalidReferenceIs400();
    // inspect (criterion 13)
    void inspectByNameAndTagHasContractFieldsAndTheRest();
    void inspectByFullId();
    void inspectByShortId();
    void inspectByRepoDigest();
    void inspectByPercentEncodedName();
    void inspectUnknownIs404NamingTheImage();
    // load (criterion 14)
    void loadOfSavedTarballBringsTheTagBack();
    void loadOfGarbageIsDockersErrorLine();
    void loadWithBadQuietIs400();
    // tag (criterion 15)
    void tagThenInspectByTheNewName();
    void tagUnknownImageIs404();
    void tagWithoutRepoIs400();
    void tagWithInvalidTagIs400();
    // auth (criterion 16)
    void authWithGoodCredentialsLoginSucceeded();
    void authWithBadCredentialsIs401();
    void authMalformedIs400();
    // safety
    void credentialsNeverAppearInTheLog();
    void namesThatTryToEscapeThePathNeverReachAnotherEndpoint();

private:
    DaemonProcess::Reply pull(const QJsonObject& body, const Headers& headers = {});
    // A direct Docker call with headers (the fixture's docker() takes none).
    DockerCallResult dockerCall(const QByteArray& method, const QByteArray& path,
                                const QList<QPair<QString, QString>>& query = {},
                                const Headers& headers = {}, const QByteArray& body = {});
    // Pushes the test image to the registry under a repository of its own and removes the local
    // tag, so that a pull has something to fetch; the registry copy is deleted at cleanup().
    QString pushUniqueImage(const QString& stem);
    void deleteFromRegistry(const QString& repository, const QString& digest);

    BlackboxCase m_case;
    std::unique_ptr<docker::DockerClient> m_docker;
    QList<QPair<QString, QString>> m_registryManifests; // repository, digest
};

void TstBlackboxImages::init() {
    SOCKERLESS_REQUIRE_DOCKER();
    if (TestEnv::registryImage().isEmpty())
        QSKIP("!!! NO TEST REGISTRY: SOCKERLESS_TEST_REGISTRY_IMAGE is not set");
    m_docker = std::make_unique<docker::DockerClient>(
        *docker::DockerEndpoint::parse(TestEnv::dockerHost()));
    QString error;
    QVERIFY2(m_case.start(&error), qPrintable(error));
}

void TstBlackboxImages::cleanup() {
    for (const auto& [repository, digest] : std::as_const(m_registryManifests))
        deleteFromRegistry(repository, digest);
    m_registryManifests.clear();
    m_case.finish();
    m_docker.reset();
}

// --- helpers ------------------------------------------------------------------------------------

DaemonProcess::Reply TstBlackboxImages::pull(const QJsonObject& body, const Headers& headers) {
    Headers all = headers;
    all.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    return m_case.daemon().request("POST", QStringLiteral("/internal/v1/images/pull"),
                                   QJsonDocument(body).toJson(QJsonDocument::Compact), all, 60000);
}

DockerCallResult TstBlackboxImages::dockerCall(const QByteArray& method, const QByteArray& path,
                                               const QList<QPair<QString, QString>>& query,
                                               const Headers& headers, const QByteArray& body) {
    docker::DockerRequest request;
    request.method = method;
    request.path = path;
    for (const auto& [key, value] : query)
        request.addQueryValue(key, value);
    request.headers = headers;
    request.body = body;
    request.headerTimeoutMs = 0;
    return sockerless::test::callDocker(*m_docker, request, 60000);
}

QString TstBlackboxImages::pushUniqueImage(const QString& stem) {
    const QString repository = QStringLiteral("sockerless/") + m_case.uniqueName(stem);
    const QString name = TestEnv::registry() + u'/' + repository;
    const QString reference = name + QStringLiteral(":t1");
    const auto tagged =
        dockerCall("POST",
                   docker::DockerPath::build(
                       {QStringLiteral("images"), TestEnv::image(), QStringLiteral("tag")}),
                   {{QStringLiteral("repo"), name}, {QStringLiteral("tag"), QStringLiteral("t1")}});
    if (tagged.status != 201) {
        qWarning().noquote() << "tag for push failed:" << tagged.describe();
        return {};
    }
    m_case.trackInputImage(reference);
    m_case.trackImage(reference);
    const auto pushed = dockerCall(
        "POST", docker::DockerPath::build({QStringLiteral("images"), name, QStringLiteral("push")}),
        {{QStringLiteral("tag"), QStringLiteral("t1")}},
        {{QByteArray("X-Registry-Auth"), goodAuth().toLatin1()}});
    QString problem;
    const QList<QJsonObject> lines = jsonLines(pushed.body, &problem);
    QString digest;
    for (const QJsonObject& line : lines) {
        if (line.contains(QStringLiteral("error"))) {
            qWarning().noquote() << "push failed:" << line;
            return {};
        }
        const QJsonObject aux = line.value(QStringLiteral("aux")).toObject();
        if (aux.contains(QStringLiteral("Digest")))
            digest = aux.value(QStringLiteral("Digest")).toString();
    }
    if (digest.isEmpty()) {
        qWarning().noquote() << "push gave no digest:" << pushed.describe() << problem;
        return {};
    }
    m_registryManifests.append(qMakePair(repository, digest));
    const auto untagged =
        dockerCall("DELETE", docker::DockerPath::build({QStringLiteral("images"), reference}));
    if (untagged.status != 200) {
        qWarning().noquote() << "untag failed:" << untagged.describe();
        return {};
    }
    return reference;
}

void TstBlackboxImages::deleteFromRegistry(const QString& repository, const QString& digest) {
    QNetworkAccessManager manager;
    QNetworkRequest request(QUrl(QStringLiteral("http://%1/v2/%2/manifests/%3")
                                     .arg(TestEnv::registry(), repository, digest)));
    const QByteArray basic =
        (TestEnv::registryUser() + u':' + TestEnv::registryPassword()).toUtf8().toBase64();
    request.setRawHeader("Authorization", "Basic " + basic);
    QNetworkReply* reply = manager.deleteResource(request);
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000))
        reply->abort();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 202)
        qWarning().noquote() << "could not delete" << repository << digest
                             << "from the registry:" << status << reply->readAll();
    delete reply;
}

// --- pull ---------------------------------------------------------------------------------------

void TstBlackboxImages::pullWithGoodCredentialsStreamsProgressAndImageArrives() {
    const QString reference = pushUniqueImage(QStringLiteral("pull"));
    QVERIFY(!reference.isEmpty());
    QVERIFY(m_case.engineInspect(QStringLiteral("images"), reference).isEmpty());

    const auto reply =
        pull({{QStringLiteral("Reference"), reference}, {QStringLiteral("Auth"), goodAuth()}});
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.header("Content-Type").startsWith("application/json"));
    QCOMPARE(reply.header("Transfer-Encoding"), QByteArray("chunked"));
    QString problem;
    const QList<QJsonObject> lines = jsonLines(reply.body, &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY2(lines.size() >= 2, reply.body.constData());
    QVERIFY2(statuses(lines).contains(QStringLiteral("Pulling from sockerless/")),
             qPrintable(statuses(lines)));
    QVERIFY2(statuses(lines).contains(QStringLiteral("Downloaded newer image for ") + reference),
             qPrintable(statuses(lines)));
    // The engine really has it again, under the pulled name.
    const QJsonObject image = m_case.engineInspect(QStringLiteral("images"), reference);
    QVERIFY(!image.isEmpty());
    QVERIFY(image.value(QStringLiteral("RepoTags")).toArray().contains(reference));
}

void TstBlackboxImages::pullWithAuthHeaderInsteadOfBodySucceeds() {
    const auto reply = pull({{QStringLiteral("Reference"), TestEnv::registryImage()}},
                            {{QByteArray("X-Registry-Auth"), goodAuth().toLatin1()}});
    QCOMPARE(reply.status, 200);
    QString problem;
    const QList<QJsonObject> lines = jsonLines(reply.body, &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY2(statuses(lines).contains(QStringLiteral("Digest: sha256:")),
             qPrintable(statuses(lines)));
    QVERIFY2(statuses(lines).contains(TestEnv::registryImage()), qPrintable(statuses(lines)));
}

void TstBlackboxImages::pullBodyAuthWinsOverHeader() {
    const Headers badHeader{{QByteArray("X-Registry-Auth"), badAuth().toLatin1()}};
    auto reply = pull({{QStringLiteral("Reference"), TestEnv::registryImage()},
                       {QStringLiteral("Auth"), goodAuth()}},
                      badHeader);
    QCOMPARE(reply.status, 200);
    const Headers goodHeader{{QByteArray("X-Registry-Auth"), goodAuth().toLatin1()}};
    reply = pull({{QStringLiteral("Reference"), TestEnv::registryImage()},
                  {QStringLiteral("Auth"), badAuth()}},
                 goodHeader);
    QVERIFY2(reply.status >= 400, reply.body.constData());
}

void TstBlackboxImages::pullWithBadCredentialsIsDockersErrorWithoutTheCredentials() {
    // What Docker itself answers to this pull: the daemon must answer the same, whatever its
    // backend (Docker is the reference here, not the engine).
    const auto direct =
        dockerCall("POST", "/images/create",
                   {{QStringLiteral("fromImage"), TestEnv::registryImage().section(u':', 0, -2)},
                    {QStringLiteral("tag"), TestEnv::registryImage().section(u':', -1)}},
                   {{QByteArray("X-Registry-Auth"), badAuth().toLatin1()}});
    QVERIFY2(direct.error.kind == docker::DockerError::Kind::Http, qPrintable(direct.describe()));

    const auto reply = pull({{QStringLiteral("Reference"), TestEnv::registryImage()},
                             {QStringLiteral("Auth"), badAuth()}});
    QCOMPARE(reply.status, direct.error.status);
    QVERIFY(reply.header("Content-Type").startsWith("application/json"));
    const QString message = reply.json().object().value(QStringLiteral("message")).toString();
    QCOMPARE(message, direct.error.message);
    QVERIFY2(message.contains(QStringLiteral("unauthorized")), qPrintable(message));
    QVERIFY(!message.contains(wrongPassword()));
    QVERIFY(!message.contains(badAuth()));
}

void TstBlackboxImages::pullWithoutCredentialsIsDockersError() {
    const auto direct =
        dockerCall("POST", "/images/create",
                   {{QStringLiteral("fromImage"), TestEnv::registryImage().section(u':', 0, -2)},
                    {QStringLiteral("tag"), TestEnv::registryImage().section(u':', -1)}});
    QVERIFY2(direct.error.kind == docker::DockerError::Kind::Http, qPrintable(direct.describe()));

    const auto reply = pull({{QStringLiteral("Reference"), TestEnv::registryImage()}});
    QCOMPARE(reply.status, direct.error.status);
    const QString message = reply.json().object().value(QStringLiteral("message")).toString();
    QCOMPARE(message, direct.error.message);
    QVERIFY2(message.contains(QStringLiteral("no basic auth credentials")), qPrintable(message));
}

void TstBlackboxImages::pullUnknownTagIsDockers404() {
    const QString reference = TestEnv::registryImage().section(u':', 0, -2) + QStringLiteral(":") +
                              m_case.uniqueName(QStringLiteral("nope"));
    const auto reply =
        pull({{QStringLiteral("Reference"), reference}, {QStringLiteral("Auth"), goodAuth()}});
    QCOMPARE(reply.status, 404);
    const QString message = reply.json().object().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QStringLiteral("manifest unknown")), qPrintable(message));
}

void TstBlackboxImages::pullMalformedJsonIs400() {
    const auto reply = m_case.daemon().request(
        "POST", QStringLiteral("/internal/v1/images/pull"), QByteArray(R"({"Reference":)"),
        {{QByteArray("Content-Type"), QByteArray("application/json")}});
    QCOMPARE(reply.status, 400);
    const QString message = reply.json().object().value(QStringLiteral("message")).toString();
    QVERIFY2(message.startsWith(QStringLiteral("malformed JSON")), qPrintable(message));
}

void TstBlackboxImages::pullWithoutReferenceIs400() {
    auto reply = pull({{QStringLiteral("Auth"), goodAuth()}});
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json().object().value(QStringLiteral("message")).toString(),
             QStringLiteral("missing required field 'Reference'"));
    reply = pull({{QStringLiteral("Reference"), 42}});
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json().object().value(QStringLiteral("message")).toString(),
             QStringLiteral("invalid field 'Reference': expected a string"));
}

void TstBlackboxImages::pullInvalidReferenceIs400() {
    // `&tag=` inside a reference must never become a query parameter upstream.
    for (const QString& reference :
         {QStringLiteral("Upper/Case"), QStringLiteral("busybox&tag=evil"),
          QStringLiteral("../containers/json"), QStringLiteral("a b")}) {
        const auto reply = pull({{QStringLiteral("Reference"), reference}});
        QCOMPARE(reply.status, 400);
        const QString message = reply.json().object().value(QStringLiteral("message")).toString();
        QVERIFY2(message.startsWith(QStringLiteral("invalid field 'Reference': invalid reference")),
                 qPrintable(message));
    }
}

// --- inspect ------------------------------------------------------------------------------------

void TstBlackboxImages::inspectByNameAndTagHasContractFieldsAndTheRest() {
    const auto reply =
        m_case.call("GET", QStringLiteral("/internal/v1/images/") + TestEnv::image());
    QCOMPARE(reply.status, 200);
    const QJsonObject image = reply.json().object();
    const QJsonObject engine = m_case.engineInspect(QStringLiteral("images"), TestEnv::image());
    QVERIFY(image.value(QStringLiteral("Id")).toString().startsWith(QStringLiteral("sha256:")));
    QCOMPARE(image.value(QStringLiteral("Id")), engine.value(QStringLiteral("Id")));
    QVERIFY(image.value(QStringLiteral("RepoTags")).toArray().contains(TestEnv::image()));
    QVERIFY(image.value(QStringLiteral("RepoDigests")).isArray());
    QCOMPARE(image.value(QStringLiteral("Created")), engine.value(QStringLiteral("Created")));
    QCOMPARE(image.value(QStringLiteral("Size")), engine.value(QStringLiteral("Size")));
    QVERIFY(image.value(QStringLiteral("Config"))
                .toObject()
                .value(QStringLiteral("Env"))
                .toArray()
                .contains(QStringLiteral("PATH=/bin")));
    QCOMPARE(image.value(QStringLiteral("Os")).toString(), QStringLiteral("linux"));
    QCOMPARE(image.value(QStringLiteral("Architecture")),
             engine.value(QStringLiteral("Architecture")));
    QCOMPARE(image.value(QStringLiteral("RootFS")), engine.value(QStringLiteral("RootFS")));
    // Fields the contract does not name are kept, not dropped.
    QCOMPARE(image.value(QStringLiteral("GraphDriver")),
             engine.value(QStringLiteral("GraphDriver")));
    QCOMPARE(image.keys(), engine.keys());
}

void TstBlackboxImages::inspectByFullId() {
    const QString id = m_case.engineInspect(QStringLiteral("images"), TestEnv::image())
                           .value(QStringLiteral("Id"))
                           .toString();
    QVERIFY(id.startsWith(QStringLiteral("sha256:")));
    const auto reply = m_case.call("GET", QStringLiteral("/internal/v1/images/") + id);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().object().value(QStringLiteral("Id")).toString(), id);
}

void TstBlackboxImages::inspectByShortId() {
    const QString id = m_case.engineInspect(QStringLiteral("images"), TestEnv::image())
                           .value(QStringLiteral("Id"))
                           .toString();
    const QString shortId = id.mid(7, 12);
    const auto reply = m_case.call("GET", QStringLiteral("/internal/v1/images/") + shortId);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().object().value(QStringLiteral("Id")).toString(), id);
}

void TstBlackboxImages::inspectByRepoDigest() {
    // The test image got a digest when it was pushed to the registry.
    const QJsonObject engine =
        m_case.engineInspect(QStringLiteral("images"), TestEnv::registryImage());
    const QJsonArray digests = engine.value(QStringLiteral("RepoDigests")).toArray();
    QVERIFY2(!digests.isEmpty(), "the registry image has no RepoDigests");
    const QString repoDigest = digests.first().toString();
    QVERIFY(repoDigest.contains(QStringLiteral("@sha256:")));
    const auto reply = m_case.call("GET", QStringLiteral("/internal/v1/images/") + repoDigest);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().object().value(QStringLiteral("Id")), engine.value(QStringLiteral("Id")));
}

void TstBlackboxImages::inspectByPercentEncodedName() {
    // `127.0.0.1%3A5000%2Fsockerless%2Fbusybox%3Alatest`: one encoded segment.
    const auto reply = m_case.daemon().rawRequest(
        "GET", "/internal/v1/images/" + QUrl::toPercentEncoding(TestEnv::registryImage()));
    QCOMPARE(reply.status, 200);
    const QJsonObject image = QJsonDocument::fromJson(reply.body).object();
    QVERIFY(image.value(QStringLiteral("RepoTags")).toArray().contains(TestEnv::registryImage()));
}

void TstBlackboxImages::inspectUnknownIs404NamingTheImage() {
    const QString name =
        QStringLiteral("sockerless/") + m_case.uniqueName(QStringLiteral("missing"));
    const auto reply = m_case.call("GET", QStringLiteral("/internal/v1/images/") + name);
    QCOMPARE(reply.status, 404);
    QVERIFY(reply.header("Content-Type").startsWith("application/json"));
    QCOMPARE(reply.json().object().value(QStringLiteral("message")).toString(),
             QStringLiteral("No such image: ") + name);
}

// --- load ---------------------------------------------------------------------------------------

void TstBlackboxImages::loadOfSavedTarballBringsTheTagBack() {
    const QString repo = QStringLiteral("sockerless/") + m_case.uniqueName(QStringLiteral("load"));
    const QString reference = repo + QStringLiteral(":saved");
    auto result = dockerCall(
        "POST",
        docker::DockerPath::build(
            {QStringLiteral("images"), TestEnv::image(), QStringLiteral("tag")}),
        {{QStringLiteral("repo"), repo}, {QStringLiteral("tag"), QStringLiteral("saved")}});
    QCOMPARE(result.status, 201);
    m_case.trackInputImage(reference);
    m_case.trackImage(reference);
    // `docker save`, then forget the tag: only the load can bring it back.
    const auto saved = dockerCall(
        "GET",
        docker::DockerPath::build({QStringLiteral("images"), reference, QStringLiteral("get")}));
    QVERIFY2(saved.ok(), qPrintable(saved.describe()));
    QVERIFY(saved.body.size() > 1024);
    result = dockerCall("DELETE", docker::DockerPath::build({QStringLiteral("images"), reference}));
    QCOMPARE(result.status, 200);
    QVERIFY(m_case.engineInspect(QStringLiteral("images"), reference).isEmpty());

    const auto reply = m_case.daemon().request(
        "POST", QStringLiteral("/internal/v1/images/load?quiet=0"), saved.body,
        {{QByteArray("Content-Type"), QByteArray("application/x-tar")}}, 60000);
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.header("Content-Type").startsWith("application/json"));
    QString problem;
    const QList<QJsonObject> lines = jsonLines(reply.body, &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(!lines.isEmpty());
    QCOMPARE(lines.last().value(QStringLiteral("stream")).toString(),
             QStringLiteral("Loaded image: %1\n").arg(reference));
    QVERIFY(!m_case.engineInspect(QStringLiteral("images"), reference).isEmpty());
}

void TstBlackboxImages::loadOfGarbageIsDockersErrorLine() {
    // Docker reads the tarball only after answering 200: the failure is a line, as Docker sends it.
    const auto reply = m_case.daemon().request(
        "POST", QStringLiteral("/internal/v1/images/load"), QByteArray("this is not a tarball"),
        {{QByteArray("Content-Type"), QByteArray("application/x-tar")}}, 60000);
    QCOMPARE(reply.status, 200);
    QString problem;
    const QList<QJsonObject> lines = jsonLines(reply.body, &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(!lines.isEmpty());
    QVERIFY2(lines.last().contains(QStringLiteral("error")), reply.body.constData());
    QVERIFY(lines.last().value(QStringLiteral("errorDetail")).isObject());
}

void TstBlackboxImages::loadWithBadQuietIs400() {
    const auto reply = m_case.daemon().request(
        "POST", QStringLiteral("/internal/v1/images/load?quiet=perhaps"), QByteArray("x"),
        {{QByteArray("Content-Type"), QByteArray("application/x-tar")}});
    QCOMPARE(reply.status, 400);
    QVERIFY(reply.json()
                .object()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("quiet")));
}

// --- tag ----------------------------------------------------------------------------------------

void TstBlackboxImages::tagThenInspectByTheNewName() {
    const QString repo = TestEnv::registry() + QStringLiteral("/sockerless/") +
                         m_case.uniqueName(QStringLiteral("tag"));
    const QString reference = repo + QStringLiteral(":v1.2");
    m_case.trackImage(reference);
    const auto reply =
        m_case.call("POST", QStringLiteral("/internal/v1/images/%1/tag?repo=%2&tag=v1.2")
                                .arg(TestEnv::image(), encoded(repo)));
    QCOMPARE(reply.status, 201);
    QVERIFY(reply.body.isEmpty());
    // The engine has it, on the same image.
    const QJsonObject engine = m_case.engineInspect(QStringLiteral("images"), reference);
    QVERIFY(engine.value(QStringLiteral("RepoTags")).toArray().contains(reference));
    QCOMPARE(engine.value(QStringLiteral("Id")),
             m_case.engineInspect(QStringLiteral("images"), TestEnv::image())
                 .value(QStringLiteral("Id")));
    // And the daemon finds it by the new name, with a port colon and a tag.
    const auto inspected = m_case.call("GET", QStringLiteral("/internal/v1/images/") + reference);
    QCOMPARE(inspected.status, 200);
    QCOMPARE(inspected.json().object().value(QStringLiteral("Id")),
             engine.value(QStringLiteral("Id")));
}

void TstBlackboxImages::tagUnknownImageIs404() {
    const QString name = m_case.uniqueName(QStringLiteral("missing"));
    const auto reply = m_case.call(
        "POST", QStringLiteral("/internal/v1/images/%1/tag?repo=sockerless/never&tag=x").arg(name));
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.json().object().value(QStringLiteral("message")).toString(),
             QStringLiteral("No such image: ") + name);
    QVERIFY(m_case.engineInspect(QStringLiteral("images"), QStringLiteral("sockerless/never:x"))
                .isEmpty());
}

void TstBlackboxImages::tagWithoutRepoIs400() {
    const auto reply = m_case.call(
        "POST", QStringLiteral("/internal/v1/images/%1/tag?tag=orphan").arg(TestEnv::image()));
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json().object().value(QStringLiteral("message")).toString(),
             QStringLiteral("missing required query parameter 'repo'"));
}

void TstBlackboxImages::tagWithInvalidTagIs400() {
    const QString repo =
        QStringLiteral("sockerless/") + m_case.uniqueName(QStringLiteral("badtag"));
    m_case.trackImage(repo);
    const auto reply =
        m_case.call("POST", QStringLiteral("/internal/v1/images/%1/tag?repo=%2&tag=%3")
                                .arg(TestEnv::image(), repo, encoded(QStringLiteral("-no good"))));
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json().object().value(QStringLiteral("message")).toString(),
             QStringLiteral("invalid query parameter 'tag': invalid tag format"));
}

// --- auth ---------------------------------------------------------------------------------------

void TstBlackboxImages::authWithGoodCredentialsLoginSucceeded() {
    const auto reply = m_case.call("POST", QStringLiteral("/internal/v1/auth"),
                                   {{QStringLiteral("username"), TestEnv::registryUser()},
                                    {QStringLiteral("password"), TestEnv::registryPassword()},
                                    {QStringLiteral("serveraddress"), TestEnv::registry()}});
    QCOMPARE(reply.status, 200);
    const QJsonObject body = reply.json().object();
    QCOMPARE(body.value(QStringLiteral("Status")).toString(), QStringLiteral("Login Succeeded"));
    QVERIFY(body.value(QStringLiteral("IdentityToken")).isString());
}

void TstBlackboxImages::authWithBadCredentialsIs401() {
    const auto reply = m_case.call("POST", QStringLiteral("/internal/v1/auth"),
                                   {{QStringLiteral("username"), TestEnv::registryUser()},
                                    {QStringLiteral("password"), wrongPassword()},
                                    {QStringLiteral("serveraddress"), TestEnv::registry()}});
    QCOMPARE(reply.status, 401);
    const QString message = reply.json().object().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QStringLiteral("401 Unauthorized")), qPrintable(message));
    QVERIFY(!message.contains(wrongPassword()));
}

void TstBlackboxImages::authMalformedIs400() {
    const Headers json{{QByteArray("Content-Type"), QByteArray("application/json")}};
    auto reply = m_case.daemon().request("POST", QStringLiteral("/internal/v1/auth"),
                                         QByteArray(R"({"username":"u","password":)"), json);
    QCOMPARE(reply.status, 400);
    QVERIFY(reply.json()
                .object()
                .value(QStringLiteral("message"))
                .toString()
                .startsWith(QStringLiteral("malformed JSON")));
    reply = m_case.call("POST", QStringLiteral("/internal/v1/auth"),
                        {{QStringLiteral("username"), TestEnv::registryUser()},
                         {QStringLiteral("password"), 123456}});
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json().object().value(QStringLiteral("message")).toString(),
             QStringLiteral("invalid field 'password': expected a string"));
    reply = m_case.call("POST", QStringLiteral("/internal/v1/auth"),
                        {{QStringLiteral("serveraddress"), TestEnv::registry()}});
    QCOMPARE(reply.status, 400);
    QVERIFY(reply.json()
                .object()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("'username'")));
}

// --- safety -------------------------------------------------------------------------------------

void TstBlackboxImages::credentialsNeverAppearInTheLog() {
    const QString reference = TestEnv::registryImage();
    QCOMPARE(pull({{QStringLiteral("Reference"), reference}, {QStringLiteral("Auth"), goodAuth()}})
                 .status,
             200);
    QCOMPARE(pull({{QStringLiteral("Reference"), reference}},
                  {{QByteArray("X-Registry-Auth"), goodAuth().toLatin1()}})
                 .status,
             200);
    QVERIFY(pull({{QStringLiteral("Reference"), reference}, {QStringLiteral("Auth"), badAuth()}})
                .status >= 400);
    QCOMPARE(m_case
                 .call("POST", QStringLiteral("/internal/v1/auth"),
                       {{QStringLiteral("username"), TestEnv::registryUser()},
                        {QStringLiteral("password"), TestEnv::registryPassword()},
                        {QStringLiteral("serveraddress"), TestEnv::registry()}})
                 .status,
             200);
    QCOMPARE(m_case
                 .call("POST", QStringLiteral("/internal/v1/auth"),
                       {{QStringLiteral("username"), TestEnv::registryUser()},
                        {QStringLiteral("password"), wrongPassword()},
                        {QStringLiteral("serveraddress"), TestEnv::registry()}})
                 .status,
             401);
    const QByteArray log = m_case.daemon().log();
    // The requests were logged (so the log is the right place to look) ...
    QVERIFY(log.contains("/internal/v1/images/pull"));
    QVERIFY(log.contains("/internal/v1/auth"));
    // ... and no credential made it there.
    QVERIFY(!log.contains(TestEnv::registryPassword().toUtf8()));
    QVERIFY(!log.contains(wrongPassword().toUtf8()));
    QVERIFY(!log.contains(goodAuth().toUtf8()));
    QVERIFY(!log.contains(badAuth().toUtf8()));
}

void TstBlackboxImages::namesThatTryToEscapeThePathNeverReachAnotherEndpoint() {
    const QList<QPair<QByteArray, QByteArray>> attempts{
        {"GET", "/internal/v1/images/../containers/json"},
        {"GET", "/internal/v1/images/..%2Fcontainers%2Fjson"},
        {"GET", "/internal/v1/images/x%2F..%2F..%2Fcontainers%2Fjson"},
        {"GET", "/internal/v1/images/%2E%2E"},
        {"GET", "/internal/v1/images/%2E%2E%2Finfo"},
        {"GET", "/internal/v1/images/%252E%252E"},
        {"GET", "/internal/v1/images/a%3Fb"},
        {"GET", "/internal/v1/images/json%3Fall%3D1"},
        {"GET", "/internal/v1/images/a%23b"},
        {"GET", "/internal/v1/images/a%0Ab"},
        {"GET", "/internal/v1/images/a%00b"},
        {"POST", "/internal/v1/images/..%2Fcontainers%2Fcreate/tag?repo=x"},
        {"POST", "/internal/v1/images/%2E%2E/tag?repo=x"},
    };
    for (const auto& [method, path] : attempts) {
        const auto reply = m_case.daemon().rawRequest(method, path);
        const QByteArray what =
            method + ' ' + path + " → " + QByteArray::number(reply.status) + ' ' + reply.body;
        QVERIFY2(reply.status == 400 || reply.status == 404, what.constData());
        // An error object: never another endpoint's answer (a container list, Docker's info).
        const QJsonDocument body = QJsonDocument::fromJson(reply.body);
        QVERIFY2(body.isObject() && body.object().contains(QStringLiteral("message")),
                 what.constData());
        QCOMPARE(body.object().size(), 1);
    }
    // Nothing was created by the attempts.
    QVERIFY(m_case.engineInspect(QStringLiteral("images"), QStringLiteral("x")).isEmpty());
}

QTEST_MAIN(TstBlackboxImages)
#include "tst_blackbox_images.moc"
