#pragma once

#include "daemonprocess.h"
#include "dockercall.h"

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
/// default `docker`), gives the case a label to put on everything it creates, talks to the daemon
/// and, against the Docker backend, to Docker directly so that a case can check that a call
/// really happened. finish() prints the daemon's log when the case failed and removes everything
/// the case labelled (containers, networks, volumes) and the images it tracked.
class BlackboxCase {
public:
    BlackboxCase();
    ~BlackboxCase();

    /// The backend under test: `docker` (default) or `memory`.
    static QString backend();
    bool isDocker() const { return backend() == QLatin1String("docker"); }

    /// Starts the daemon (and, for the Docker backend, a direct Docker client).
    bool start(QString* error);
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

    /// Docker itself (Docker backend only): a buffered call, `path` with its query.
    DockerCallResult docker(const QByteArray& method, const QString& pathAndQuery,
                            const QByteArray& body = {});
    /// Docker's own inspect of a container, image, network or volume (`kind` is the path
    /// prefix: `containers`, `images`, `networks`, `volumes`); empty when absent.
    QJsonObject dockerInspect(const QString& kind, const QString& id);

    /// An image name to remove at finish().
    void trackImage(const QString& name) { m_images.append(name); }

private:
    void removeLabelled();

    std::unique_ptr<DaemonProcess> m_daemon;
    std::unique_ptr<docker::DockerClient> m_docker;
    QStringList m_images;
    QString m_lastError;
    int m_counter = 0;
};

} // namespace sockerless::test
