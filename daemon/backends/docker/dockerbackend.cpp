#include "backends/docker/dockerbackend.h"

#include "backends/docker/dockercall.h"
#include "backends/docker/dockercontainers.h"
#include "backends/docker/dockererrormapping.h"
#include "backends/docker/dockerexec.h"
#include "backends/docker/dockerimages.h"
#include "backends/docker/dockerlinestream.h"
#include "backends/docker/dockernetworks.h"
#include "backends/docker/dockervolumes.h"
#include "docker/dockerclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <memory>

namespace sockerless::backends {

namespace {

using JsonCallback = std::function<void(const Result<QJsonDocument>&)>;

// One buffered GET whose JSON answer (or error) goes to `done` while `context` lives.
void getJson(docker::DockerClient* client, const QByteArray& path, QObject* context,
             const JsonCallback& done) {
    docker::DockerRequest request;
    request.path = path;
    callDockerJson(client, request, context, done);
}

// Collects the answers of the calls behind /info; answers once, with the first error or all.
struct InfoGathering {
    std::function<void(const Result<QJsonObject>&)> done;
    QJsonObject dockerInfo, dockerVersion;
    int networks = -1, volumes = -1;
    int pending = 4;
    bool answered = false;

    void fail(const api::ApiError& error) {
        if (!answered) {
            answered = true;
            done(error);
        }
    }
    void partDone(const QString& apiVersion, const QString& endpoint) {
        if (--pending > 0 || answered)
            return;
        answered = true;
        const QJsonObject docker{
            {QStringLiteral("Endpoint"), endpoint},
            {QStringLiteral("Version"), dockerVersion.value(QStringLiteral("Version"))},
            {QStringLiteral("ApiVersion"), dockerVersion.value(QStringLiteral("ApiVersion"))},
            {QStringLiteral("MinAPIVersion"), dockerVersion.value(QStringLiteral("MinAPIVersion"))},
            {QStringLiteral("Os"), dockerVersion.value(QStringLiteral("Os"))},
            {QStringLiteral("Arch"), dockerVersion.value(QStringLiteral("Arch"))},
            {QStringLiteral("KernelVersion"), dockerVersion.value(QStringLiteral("KernelVersion"))},
            {QStringLiteral("Name"), dockerInfo.value(QStringLiteral("Name"))},
        };
        const int running = dockerInfo.value(QStringLiteral("ContainersRunning")).toInt();
        const int paused = dockerInfo.value(QStringLiteral("ContainersPaused")).toInt();
        const int stopped = dockerInfo.value(QStringLiteral("ContainersStopped")).toInt();
        done(QJsonObject{
            {QStringLiteral("Backend"), QStringLiteral("docker")},
            {QStringLiteral("Version"), QStringLiteral(SOCKERLESS_VERSION)},
            {QStringLiteral("DockerApiVersion"), apiVersion},
            {QStringLiteral("Docker"), docker},
            {QStringLiteral("Containers"), running + paused + stopped},
            {QStringLiteral("ContainersRunning"), running},
            {QStringLiteral("ContainersPaused"), paused},
            {QStringLiteral("ContainersStopped"), stopped},
            {QStringLiteral("Images"), dockerInfo.value(QStringLiteral("Images")).toInt()},
            {QStringLiteral("Networks"), networks},
            {QStringLiteral("Volumes"), volumes},
        });
    }
};

} // namespace

DockerBackend::DockerBackend(const docker::DockerEndpoint& endpoint, QObject* parent)
    : Backend(parent)
    , m_client(new docker::DockerClient(endpoint, this))
    , m_containers(std::make_unique<DockerContainers>(m_client))
    , m_exec(std::make_unique<DockerExec>(m_client))
    , m_images(std::make_unique<DockerImages>(m_client))
    , m_networks(std::make_unique<DockerNetworks>(m_client))
    , m_volumes(std::make_unique<DockerVolumes>(m_client)) {}

DockerBackend::~DockerBackend() = default;

void DockerBackend::health(QObject* context, std::function<void(const Health&)> done) {
    m_client->ping(context, [this, done](const docker::DockerError& error) {
        Health health;
        health.details.insert(QStringLiteral("endpoint"), m_client->endpoint().toString());
        if (error.isError()) {
            health.reason = toApiError(error).message;
            // Docker may come back as another version: negotiate again when it answers.
            if (error.kind == docker::DockerError::Kind::Unreachable)
                m_client->resetApiVersion();
        } else {
            health.ok = true;
            health.details.insert(QStringLiteral("apiVersion"), m_client->apiVersion());
        }
        done(health);
    });
}

void DockerBackend::info(QObject* context, Callback<QJsonObject> done) {
    auto gathering = std::make_shared<InfoGathering>();
    gathering->done = std::move(done);
    const QString endpoint = m_client->endpoint().toString();
    // Each part re-reads the negotiated version when the last answer arrives: the first versioned
    // call is what negotiates it.
    auto part = [this, gathering, endpoint](auto store) {
        return [this, gathering, endpoint, store](const Result<QJsonDocument>& result) {
            if (!result.ok())
                return gathering->fail(result.error());
            store(result.value());
            gathering->partDone(m_client->apiVersion(), endpoint);
        };
    };
    getJson(m_client, "/info", context,
            part([gathering](const QJsonDocument& d) { gathering->dockerInfo = d.object(); }));
    getJson(m_client, "/version", context,
            part([gathering](const QJsonDocument& d) { gathering->dockerVersion = d.object(); }));
    getJson(m_client, "/networks", context, part([gathering](const QJsonDocument& d) {
                gathering->networks = static_cast<int>(d.array().size());
            }));
    getJson(m_client, "/volumes", context, part([gathering](const QJsonDocument& d) {
                gathering->volumes =
                    static_cast<int>(d.object().value(QStringLiteral("Volumes")).toArray().size());
            }));
}

BackendStream* DockerBackend::events(const QUrlQuery& query, QObject* context) {
    docker::DockerRequest request;
    request.path = "/events";
    // Only the parameters Docker's /events knows are passed on; values travel re-encoded.
    for (const QString& key :
         {QStringLiteral("filters"), QStringLiteral("since"), QStringLiteral("until")}) {
        if (query.hasQueryItem(key))
            request.addQueryValue(key, query.queryItemValue(key, QUrl::FullyDecoded));
    }
    return new DockerLineStream(m_client->send(request, context), context);
}

ContainerOps& DockerBackend::containers() {
    return *m_containers;
}
ExecOps& DockerBackend::exec() {
    return *m_exec;
}
ImageOps& DockerBackend::images() {
    return *m_images;
}
NetworkOps& DockerBackend::networks() {
    return *m_networks;
}
VolumeOps& DockerBackend::volumes() {
    return *m_volumes;
}

} // namespace sockerless::backends
