#include "blackboxcase.h"

#include "docker/dockerclient.h"
#include "docker/dockerpath.h"
#include "testenv.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrl>

namespace sockerless::test {

BlackboxCase::BlackboxCase() = default;
BlackboxCase::~BlackboxCase() = default;

QString BlackboxCase::backend() {
    return DaemonProcess::testBackend();
}

bool BlackboxCase::start(QString* error) {
    return start(StartOptions{}, error);
}

bool BlackboxCase::start(const StartOptions& options, QString* error) {
    // Docker is the engine of the Docker backend, and the source of test input (a saved
    // tarball, a pushed image) for the memory backend's cases too.
    if (!TestEnv::dockerHost().isEmpty()) {
        auto endpoint = docker::DockerEndpoint::parse(TestEnv::dockerHost());
        if (!endpoint) {
            *error = QStringLiteral("bad SOCKERLESS_TEST_DOCKER_HOST");
            return false;
        }
        m_docker = std::make_unique<docker::DockerClient>(*endpoint);
    } else if (isDocker()) {
        *error = QStringLiteral("SOCKERLESS_TEST_DOCKER_HOST is not set");
        return false;
    }
    m_daemon = std::make_unique<DaemonProcess>();
    m_daemon->setToken(options.token);
    if (!m_daemon->start(DaemonProcess::defaultArguments() + options.extraArguments, error))
        return false;
    return isDocker() || !options.testImage || makeTestImageAvailable(error);
}

bool BlackboxCase::makeTestImageAvailable(QString* error) {
    const QString reference = TestEnv::registryImage();
    if (reference.isEmpty()) {
        *error = QStringLiteral("SOCKERLESS_TEST_REGISTRY_IMAGE is not set: a memory daemon starts "
                                "empty and pulls the test image from the test registry");
        return false;
    }
    auto failWith = [&](const QString& step, const DaemonProcess::Reply& reply) {
        const QString message = reply.json().object().value(QStringLiteral("message")).toString();
        *error =
            QStringLiteral("making the test image %1 available: %2 answered %3: %4")
                .arg(TestEnv::image(), step)
                .arg(reply.status)
                .arg(message.isEmpty() ? QString::fromUtf8(reply.body) + reply.error : message);
        return false;
    };
    // The `X-Registry-Auth` value a Docker client sends: base64url of the AuthConfig JSON.
    const QJsonObject authConfig{{QStringLiteral("username"), TestEnv::registryUser()},
                                 {QStringLiteral("password"), TestEnv::registryPassword()},
                                 {QStringLiteral("serveraddress"), TestEnv::registry()}};
    const QString auth = QString::fromLatin1(QJsonDocument(authConfig)
                                                 .toJson(QJsonDocument::Compact)
                                                 .toBase64(QByteArray::Base64UrlEncoding));
    const QString pullStep = QStringLiteral("pull of ") + reference;
    const auto pulled =
        call("POST", QStringLiteral("/internal/v1/images/pull"),
             {{QStringLiteral("Reference"), reference}, {QStringLiteral("Auth"), auth}}, 120000);
    if (pulled.status != 200)
        return failWith(pullStep, pulled);
    // A pull that fails part-way still answers 200: its last progress line carries the error.
    for (const QByteArray& line : pulled.body.split('\n')) {
        const QJsonObject progress = QJsonDocument::fromJson(line).object();
        if (progress.contains(QStringLiteral("error"))) {
            *error = QStringLiteral("making the test image %1 available: %2 failed: %3")
                         .arg(TestEnv::image(), pullStep,
                              progress.value(QStringLiteral("error")).toString());
            return false;
        }
    }
    // `repo:tag`; a colon before the last slash belongs to a registry's port.
    const QString image = TestEnv::image();
    const qsizetype colon = image.lastIndexOf(u':');
    const bool hasTag = colon > image.lastIndexOf(u'/');
    const QString repo = hasTag ? image.left(colon) : image;
    const QString tag = hasTag ? image.mid(colon + 1) : QStringLiteral("latest");
    const auto tagged =
        call("POST", QStringLiteral("/internal/v1/images/%1/tag?repo=%2&tag=%3")
                         .arg(reference, QString::fromLatin1(QUrl::toPercentEncoding(repo)),
                              QString::fromLatin1(QUrl::toPercentEncoding(tag))));
    if (tagged.status != 201)
        return failWith(QStringLiteral("tag of ") + reference, tagged);
    return true;
}

void BlackboxCase::finish() {
    // A clean stop is part of every case: SIGTERM must end the daemon with 0, and in a sanitizer
    // build that is also where LeakSanitizer reports (exit code 23) what the case leaked.
    if (m_daemon && !QTest::currentTestFailed()) {
        const int code = m_daemon->terminate(10000);
        if (code != 0 || m_daemon->log().contains("Sanitizer")) {
            qWarning().noquote() << "daemon log:\n" << m_daemon->log();
            QTest::qFail(qPrintable(QStringLiteral("sockerlessd did not stop cleanly on SIGTERM "
                                                   "(exit code %1)")
                                        .arg(code)),
                         __FILE__, __LINE__);
        }
    } else if (m_daemon) {
        qWarning().noquote() << "daemon log:\n" << m_daemon->log();
    }
    // A memory daemon's objects go with its process: only the Docker backend's need removing.
    if (m_docker && isDocker())
        removeLabelled();
    if (m_docker)
        removeDockerImages();
    m_dockerImages.clear();
    m_daemon.reset();
    m_docker.reset();
}

void BlackboxCase::removeLabelled() {
    const QString filter = labelFilterQuery();
    const QJsonArray containers =
        QJsonDocument::fromJson(
            docker("GET", QStringLiteral("/containers/json?all=1&filters=") + filter).body)
            .array();
    for (const QJsonValue& c : containers)
        docker("DELETE", QStringLiteral("/containers/%1?force=1&v=1")
                             .arg(c.toObject().value(QStringLiteral("Id")).toString()));
    const QJsonArray networks =
        QJsonDocument::fromJson(docker("GET", QStringLiteral("/networks?filters=") + filter).body)
            .array();
    for (const QJsonValue& n : networks)
        docker("DELETE", QStringLiteral("/networks/%1")
                             .arg(n.toObject().value(QStringLiteral("Id")).toString()));
    const QJsonArray volumes =
        QJsonDocument::fromJson(docker("GET", QStringLiteral("/volumes?filters=") + filter).body)
            .object()
            .value(QStringLiteral("Volumes"))
            .toArray();
    for (const QJsonValue& v : volumes)
        docker("DELETE", QStringLiteral("/volumes/%1?force=1")
                             .arg(QString::fromLatin1(docker::DockerPath::encodeSegment(
                                 v.toObject().value(QStringLiteral("Name")).toString()))));
}

void BlackboxCase::removeDockerImages() {
    for (const QString& image : std::as_const(m_dockerImages))
        docker("DELETE", QStringLiteral("/images/%1?force=1")
                             .arg(QString::fromLatin1(docker::DockerPath::encodeSegment(image))));
}

void BlackboxCase::trackImage(const QString& name) {
    if (isDocker())
        trackInputImage(name);
}

void BlackboxCase::trackInputImage(const QString& name) {
    if (!m_dockerImages.contains(name))
        m_dockerImages.append(name);
}

QString BlackboxCase::labelValue() const {
    return TestEnv::runLabel();
}

QJsonObject BlackboxCase::labels() const {
    return QJsonObject{{labelKey(), labelValue()}};
}

QString BlackboxCase::labelFilterQuery() const {
    const QString label = labelKey() + u'=' + labelValue();
    const QJsonObject filters{{QStringLiteral("label"), QJsonArray{label}}};
    return QString::fromLatin1(QUrl::toPercentEncoding(
        QString::fromUtf8(QJsonDocument(filters).toJson(QJsonDocument::Compact))));
}

QString BlackboxCase::uniqueName(const QString& stem) {
    return QStringLiteral("sl-%1-%2-%3")
        .arg(QCoreApplication::applicationPid())
        .arg(stem)
        .arg(++m_counter);
}

DaemonProcess::Reply BlackboxCase::call(const QByteArray& method, const QString& pathAndQuery,
                                        const QJsonObject& body, int timeoutMs) {
    QByteArray bytes;
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!body.isEmpty()) {
        bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
        headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    }
    return m_daemon->request(method, pathAndQuery, bytes, headers, timeoutMs);
}

QString BlackboxCase::createContainer(const QStringList& cmd, const QJsonObject& extra,
                                      const QString& name) {
    QJsonObject body = extra;
    body.insert(QStringLiteral("Image"), TestEnv::image());
    if (!cmd.isEmpty())
        body.insert(QStringLiteral("Cmd"), QJsonArray::fromStringList(cmd));
    QJsonObject allLabels = body.value(QStringLiteral("Labels")).toObject();
    allLabels.insert(labelKey(), labelValue());
    body.insert(QStringLiteral("Labels"), allLabels);
    QString path = QStringLiteral("/internal/v1/containers");
    if (!name.isEmpty())
        path += QStringLiteral("?name=") + QString::fromLatin1(QUrl::toPercentEncoding(name));
    const auto reply = call("POST", path, body);
    if (reply.status != 201) {
        m_lastError = QStringLiteral("create answered %1: %2")
                          .arg(reply.status)
                          .arg(QString::fromUtf8(reply.body));
        return {};
    }
    return reply.json().object().value(QStringLiteral("Id")).toString();
}

QString BlackboxCase::runContainer(const QStringList& cmd, const QJsonObject& extra) {
    const QString id = createContainer(cmd, extra);
    if (id.isEmpty())
        return {};
    const auto reply = call("POST", QStringLiteral("/internal/v1/containers/%1/start").arg(id));
    if (reply.status != 204) {
        m_lastError = QStringLiteral("start answered %1: %2")
                          .arg(reply.status)
                          .arg(QString::fromUtf8(reply.body));
        return {};
    }
    return id;
}

bool BlackboxCase::waitForStatus(const QString& id, const QString& status, int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    QString last;
    do {
        const auto reply = call("GET", QStringLiteral("/internal/v1/containers/%1").arg(id));
        last = reply.json()
                   .object()
                   .value(QStringLiteral("State"))
                   .toObject()
                   .value(QStringLiteral("Status"))
                   .toString();
        if (last == status)
            return true;
        QTest::qWait(50);
    } while (!deadline.hasExpired());
    m_lastError = QStringLiteral("container %1 stayed '%2', not '%3'").arg(id, last, status);
    return false;
}

DockerCallResult BlackboxCase::docker(const QByteArray& method, const QString& pathAndQuery,
                                      const QByteArray& body) {
    if (!m_docker) {
        DockerCallResult none;
        none.error.kind = docker::DockerError::Kind::Unreachable;
        none.error.message = QStringLiteral("no test Docker (SOCKERLESS_TEST_DOCKER_HOST)");
        return none;
    }
    docker::DockerRequest request;
    request.method = method;
    const qsizetype q = pathAndQuery.indexOf(u'?');
    request.path = (q < 0 ? pathAndQuery : pathAndQuery.left(q)).toUtf8();
    if (q >= 0)
        request.query.setQuery(pathAndQuery.mid(q + 1));
    request.body = body;
    return callDocker(*m_docker, request, 60000);
}

namespace {

// Docker's inspect path of an object of `kind`.
QString dockerInspectPath(const QString& kind, const QString& id) {
    const QString encoded = QString::fromLatin1(docker::DockerPath::encodeSegment(id));
    if (kind == QLatin1String("images") || kind == QLatin1String("containers") ||
        kind == QLatin1String("exec"))
        return QStringLiteral("/%1/%2/json").arg(kind, encoded);
    return QStringLiteral("/%1/%2").arg(kind, encoded);
}

// The daemon's inspect path of an object of `kind`. An image name keeps its `/` and `:` as the
// cases send it (the contract takes both forms).
QString daemonInspectPath(const QString& kind, const QString& id) {
    if (kind == QLatin1String("images"))
        return QStringLiteral("/internal/v1/images/") + id;
    return QStringLiteral("/internal/v1/%1/%2")
        .arg(kind, QString::fromLatin1(QUrl::toPercentEncoding(id)));
}

QString filtersParameter(const QJsonObject& filters) {
    if (filters.isEmpty())
        return {};
    return QStringLiteral("filters=") +
           QString::fromLatin1(QUrl::toPercentEncoding(
               QString::fromUtf8(QJsonDocument(filters).toJson(QJsonDocument::Compact))));
}

} // namespace

QJsonObject BlackboxCase::dockerInspect(const QString& kind, const QString& id) {
    const auto result = docker("GET", dockerInspectPath(kind, id));
    if (result.status != 200)
        return {};
    return result.json();
}

QJsonObject BlackboxCase::engineInspect(const QString& kind, const QString& id) {
    if (isDocker())
        return dockerInspect(kind, id);
    const auto reply = call("GET", daemonInspectPath(kind, id));
    if (reply.status != 200)
        return {};
    return reply.json().object();
}

int BlackboxCase::engineInspectStatus(const QString& kind, const QString& id) {
    if (isDocker())
        return docker("GET", dockerInspectPath(kind, id)).status;
    return call("GET", daemonInspectPath(kind, id)).status;
}

QJsonArray BlackboxCase::engineList(const QString& kind, const QJsonObject& filters) {
    const QString parameter = filtersParameter(filters);
    QString path;
    if (kind == QLatin1String("containers"))
        path = (isDocker() ? QStringLiteral("/containers/json")
                           : QStringLiteral("/internal/v1/containers")) +
               QStringLiteral("?all=1&") + parameter;
    else
        path = (isDocker() ? QStringLiteral("/") : QStringLiteral("/internal/v1/")) + kind + u'?' +
               parameter;
    const QByteArray body = isDocker() ? docker("GET", path).body : call("GET", path).body;
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (kind == QLatin1String("volumes"))
        return document.object().value(QStringLiteral("Volumes")).toArray();
    return document.array();
}

QString BlackboxCase::engineCreate(const QString& kind, const QJsonObject& body) {
    QJsonObject labelled = body;
    QJsonObject allLabels = labelled.value(QStringLiteral("Labels")).toObject();
    allLabels.insert(labelKey(), labelValue());
    labelled.insert(QStringLiteral("Labels"), allLabels);
    const bool network = kind == QLatin1String("networks");
    const QString idField = network ? QStringLiteral("Id") : QStringLiteral("Name");
    int status = 0;
    QByteArray answer;
    if (isDocker()) {
        const auto result = docker("POST", QStringLiteral("/%1/create").arg(kind),
                                   QJsonDocument(labelled).toJson(QJsonDocument::Compact));
        status = result.status;
        answer = result.body;
    } else {
        const auto reply = call("POST", QStringLiteral("/internal/v1/") + kind, labelled);
        status = reply.status;
        answer = reply.body;
    }
    if (status != 201) {
        m_lastError = QStringLiteral("%1 create answered %2: %3")
                          .arg(kind)
                          .arg(status)
                          .arg(QString::fromUtf8(answer));
        return {};
    }
    return QJsonDocument::fromJson(answer).object().value(idField).toString();
}

} // namespace sockerless::test
