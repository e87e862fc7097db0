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
    const QString value = qEnvironmentVariable("SOCKERLESS_TEST_BACKEND");
    return value.isEmpty() ? QStringLiteral("docker") : value;
}

bool BlackboxCase::start(QString* error) {
    if (isDocker()) {
        auto endpoint = docker::DockerEndpoint::parse(TestEnv::dockerHost());
        if (!endpoint) {
            *error = QStringLiteral("bad SOCKERLESS_TEST_DOCKER_HOST");
            return false;
        }
        m_docker = std::make_unique<docker::DockerClient>(*endpoint);
    }
    m_daemon = std::make_unique<DaemonProcess>();
    QStringList arguments = DaemonProcess::defaultArguments();
    if (!isDocker()) {
        const qsizetype at = arguments.indexOf(QStringLiteral("--backend"));
        arguments[at + 1] = backend();
    }
    return m_daemon->start(arguments, error);
}

void BlackboxCase::finish() {
    if (m_daemon && QTest::currentTestFailed())
        qWarning().noquote() << "daemon log:\n" << m_daemon->log();
    if (m_docker)
        removeLabelled();
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
    for (const QString& image : std::as_const(m_images))
        docker("DELETE", QStringLiteral("/images/%1?force=1")
                             .arg(QString::fromLatin1(docker::DockerPath::encodeSegment(image))));
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
    docker::DockerRequest request;
    request.method = method;
    const qsizetype q = pathAndQuery.indexOf(u'?');
    request.path = (q < 0 ? pathAndQuery : pathAndQuery.left(q)).toUtf8();
    if (q >= 0)
        request.query.setQuery(pathAndQuery.mid(q + 1));
    request.body = body;
    return callDocker(*m_docker, request, 60000);
}

QJsonObject BlackboxCase::dockerInspect(const QString& kind, const QString& id) {
    const QString encoded = QString::fromLatin1(docker::DockerPath::encodeSegment(id));
    const QString path =
        kind == QLatin1String("images")       ? QStringLiteral("/images/%1/json").arg(encoded)
        : kind == QLatin1String("containers") ? QStringLiteral("/containers/%1/json").arg(encoded)
                                              : QStringLiteral("/%1/%2").arg(kind, encoded);
    const auto result = docker("GET", path);
    if (result.status != 200)
        return {};
    return result.json();
}

} // namespace sockerless::test
