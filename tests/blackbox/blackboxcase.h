#pragma once

#include "daemonprocess.h"
#include "dockercall.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <memory>

namespace sockerless::docker {
class DockerClient;
}

namespace sockerless::test {

/// What every black-box case needs, used from a test class's init() and cleanup():
///
///     void init() { SOCKERLESS_REQUIRE_DOCKER(); QVERIFY2(m_case.start(&m_error), ...); }
///     void cleanup() { m_case.finish(); }
///
/// It starts the real `sockerlessd` on the backend under test (`SOCKERLESS_TEST_BACKEND`,
/// default `docker`), gives the case a label to put on everything it creates and talks to the
/// daemon. A case checks that a call really happened through the engine*() helpers: the Docker
/// backend's engine is Docker itself, read directly; the memory backend has no other side, so
/// there they read the daemon's own API. docker() stays for test input made with Docker (a
/// `docker save` tarball, a registry push), which the memory backend's cases use too.
/// finish() prints the daemon's log when the case failed and removes everything the case
/// labelled (containers, networks, volumes) and the images it tracked; a memory daemon's state
/// dies with its process, so there only the Docker-side input is removed.
class BlackboxCase {
public:
    BlackboxCase();
    ~BlackboxCase();

    /// The backend under test: `docker` (default) or `memory`.
    static QString backend();
    static bool isDocker() { return backend() == QLatin1String("docker"); }

    /// Starts the daemon (and a direct Docker client when a test Docker is configured). For the
    /// memory backend, which starts empty, it then pulls the registry's copy of the test image
    /// and tags it as TestEnv::image(), so that every case finds the image it expects.
    bool start(QString* error);
    /// How start() may differ for a case: extra daemon arguments (a token file, a policy), the
    /// token the case sends, and whether the memory backend's test image is needed (a daemon
    /// whose policy refuses the pull cannot get it).
    struct StartOptions {
        QStringList extraArguments;
        QByteArray token;
        bool testImage = true;
    };
    bool start(const StartOptions& options, QString* error);
    /// Prints the log on failure, removes what the case made, stops the daemon.
    void finish();

    DaemonProcess& daemon() { return *m_daemon; }

    /// The label every created object carries: `sockerless.test=<run label>`.
    static QString labelKey() { return QStringLiteral("sockerless.test"); }
    QString labelValue() const;
    QJsonObject labels() const;
    /// `{"label":["sockerless.test=<run>"]}`, percent-encoded for a query string.
    QString labelFilterQuery() const;
    /// A name unique to this run: `sl-<pid>-<stem>-<n>`.
    QString uniqueName(const QString& stem);

    /// A call to the daemon with a JSON body (none when `body` is empty and `raw` is null).
    DaemonProcess::Reply call(const QByteArray& method, const QString& pathAndQuery,
                              const QJsonObject& body = {}, int timeoutMs = 30000);

    /// Creates a labelled container from the test image running `cmd` (with `extra` fields
    /// merged into the create body) through the daemon; returns its id, or empty with
    /// lastError() set.
    QString createContainer(const QStringList& cmd, const QJsonObject& extra = {},
                            const QString& name = {});
    /// createContainer() then start; empty id on failure.
    QString runContainer(const QStringList& cmd, const QJsonObject& extra = {});
    /// Polls the daemon's inspect until `State.Status` is `status`, up to `timeoutMs`.
    bool waitForStatus(const QString& id, const QString& status, int timeoutMs = 20000);
    QString lastError() const { return m_lastError; }

    /// Docker itself: a buffered call, `path` with its query. With the Docker backend it is the
    /// engine under test; with the memory backend use it only to make test input.
    DockerCallResult docker(const QByteArray& method, const QString& pathAndQuery,
                            const QByteArray& body = {});
    /// Docker's own inspect of a container, image, network or volume (`kind` is the path
    /// prefix: `containers`, `images`, `networks`, `volumes`); empty when absent.
    QJsonObject dockerInspect(const QString& kind, const QString& id);

    /// The engine's own inspect of a container, image, network, volume or exec (`kind`:
    /// `containers`, `images`, `networks`, `volumes`, `exec`): Docker's for the Docker backend,
    /// the daemon's for the memory backend. Empty when absent.
    QJsonObject engineInspect(const QString& kind, const QString& id);
    /// The HTTP status of that inspect: 200 when the engine has it, 404 when not.
    int engineInspectStatus(const QString& kind, const QString& id);
    /// The engine's list of containers (all of them, also stopped), networks or volumes matching
    /// `filters` (Docker's filter object, e.g. `{"label":["a=b"]}`; none when empty).
    QJsonArray engineList(const QString& kind, const QJsonObject& filters = {});
    /// Creates a network or volume for a case's set-up in the engine directly (Docker's
    /// `/networks/create`, `/volumes/create`; the daemon's API for the memory backend), with the
    /// case's label added to `body`. Returns the network's Id or the volume's Name, or empty with
    /// lastError() set.
    QString engineCreate(const QString& kind, const QJsonObject& body);

    /// An image name to remove from the engine at finish() (nothing to do for the memory
    /// backend: its images die with the daemon).
    void trackImage(const QString& name);
    /// An image made in Docker as test input (tagged for a push or a save): removed from Docker
    /// at finish() whatever the backend.
    void trackInputImage(const QString& name);

private:
    bool makeTestImageAvailable(QString* error);
    void removeLabelled();
    void removeDockerImages();

    std::unique_ptr<DaemonProcess> m_daemon;
    std::unique_ptr<docker::DockerClient> m_docker;
    QStringList m_dockerImages; ///< removed from Docker at finish()
    QString m_lastError;
    int m_counter = 0;
};

} // namespace sockerless::test
