#pragma once

#include "api/filters.h"
#include "api/result.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrlQuery>
#include <optional>

// The contract's container types (API.md "Containers"). The field names are Docker's, so that
// a Docker client's body can be read as is. Every type follows the same rules:
// - a known field is typed and optional: absent (or null) means "not said", and is never
//   replaced by a default that Docker would read differently (StopTimeout 0, Cmd []);
// - everything else, including known fields sent as null, stays in `extra` and is written back
//   out unchanged, so nothing a client or Docker sends is dropped;
// - fromJson() checks the type of every known field: a wrong one is a 400 naming its path
//   (`HostConfig.Memory`), so a mistake never reaches a backend.

namespace sockerless::api {

/// `Healthcheck` of a container config. Durations are nanoseconds, as Docker has them.
struct HealthcheckConfig {
    std::optional<QStringList> test;
    std::optional<qint64> interval;
    std::optional<qint64> timeout;
    std::optional<qint64> startPeriod;
    std::optional<qint64> retries;
    QJsonObject extra;

    static Result<HealthcheckConfig> fromJson(const QJsonObject& object, const QString& path);
    QJsonObject toJson() const;
};

/// The container's configuration: the create body's top-level fields and inspect's `Config`.
/// `Cmd` and `Entrypoint` accept a string or an array (Docker's strslice: a string is one
/// element) and are always written as arrays. `ExposedPorts` is Docker's `{"80/tcp":{}}`,
/// held as its keys.
struct ContainerConfig {
    std::optional<QString> image;
    std::optional<QStringList> cmd;
    std::optional<QStringList> entrypoint;
    std::optional<QStringList> env;
    std::optional<QString> workingDir;
    std::optional<QString> user;
    std::optional<QMap<QString, QString>> labels;
    std::optional<bool> tty;
    std::optional<bool> openStdin;
    std::optional<bool> stdinOnce;
    std::optional<bool> attachStdin;
    std::optional<bool> attachStdout;
    std::optional<bool> attachStderr;
    std::optional<QStringList> exposedPorts;
    std::optional<HealthcheckConfig> healthcheck;
    std::optional<QString> stopSignal;
    std::optional<qint64> stopTimeout;
    std::optional<QString> hostname;
    std::optional<QString> domainname;
    QJsonObject extra;

    /// `path` prefixes field names in errors (empty for the create body's top level).
    static Result<ContainerConfig> fromJson(const QJsonObject& object, const QString& path = {});
    QJsonObject toJson() const;
};

/// `HostConfig.RestartPolicy`.
struct RestartPolicy {
    std::optional<QString> name;
    std::optional<qint64> maximumRetryCount;
    QJsonObject extra;

    static Result<RestartPolicy> fromJson(const QJsonObject& object, const QString& path);
    QJsonObject toJson() const;
};

/// `HostConfig.LogConfig`: the log driver and its options.
struct LogConfig {
    std::optional<QString> type;
    std::optional<QMap<QString, QString>> config;
    QJsonObject extra;

    static Result<LogConfig> fromJson(const QJsonObject& object, const QString& path);
    QJsonObject toJson() const;
};

/// One host binding of a container port (`HostConfig.PortBindings["80/tcp"][i]`).
struct PortBinding {
    std::optional<QString> hostIp;
    std::optional<QString> hostPort;
    QJsonObject extra;

    static Result<PortBinding> fromJson(const QJsonObject& object, const QString& path);
    QJsonObject toJson() const;
};

/// One entry of `HostConfig.Mounts` (bind, volume, tmpfs). The per-type options
/// (`BindOptions`, `VolumeOptions`, `TmpfsOptions`) are kept in `extra` as sent.
struct Mount {
    std::optional<QString> type;
    std::optional<QString> source;
    std::optional<QString> target;
    std::optional<bool> readOnly;
    QJsonObject extra;

    static Result<Mount> fromJson(const QJsonObject& object, const QString& path);
    QJsonObject toJson() const;
};

/// The host side of a container: mounts, network mode, ports, resources, privileges.
struct HostConfig {
    std::optional<QStringList> binds;
    std::optional<QList<Mount>> mounts;
    std::optional<QString> networkMode;
    /// Container port (`80/tcp`) → its host bindings (a null list is read as empty).
    std::optional<QMap<QString, QList<PortBinding>>> portBindings;
    std::optional<bool> autoRemove;
    std::optional<RestartPolicy> restartPolicy;
    std::optional<bool> privileged;
    std::optional<QStringList> capAdd;
    std::optional<QStringList> capDrop;
    std::optional<QStringList> securityOpt;
    std::optional<qint64> memory;
    std::optional<qint64> nanoCpus;
    std::optional<qint64> cpuShares;
    std::optional<qint64> shmSize;
    std::optional<QMap<QString, QString>> tmpfs;
    std::optional<QStringList> extraHosts;
    std::optional<QStringList> dns;
    std::optional<LogConfig> logConfig;
    std::optional<bool> init;
    std::optional<QStringList> volumesFrom;
    std::optional<QStringList> groupAdd;
    QJsonObject extra;

    static Result<HostConfig> fromJson(const QJsonObject& object,
                                       const QString& path = QStringLiteral("HostConfig"));
    QJsonObject toJson() const;
};

/// `IPAMConfig` of a network endpoint: the static addresses asked for.
struct EndpointIpamConfig {
    std::optional<QString> ipv4Address;
    std::optional<QString> ipv6Address;
    std::optional<QStringList> linkLocalIps;
    QJsonObject extra;

    static Result<EndpointIpamConfig> fromJson(const QJsonObject& object, const QString& path);
    QJsonObject toJson() const;
};

/// A container's endpoint on one network, as asked at create (`Aliases`, `IPAMConfig`) and as
/// inspect reports it (`NetworkID`, `IPAddress` ... kept in `extra`).
struct EndpointSettings {
    std::optional<QStringList> aliases;
    std::optional<EndpointIpamConfig> ipamConfig;
    QJsonObject extra;

    static Result<EndpointSettings> fromJson(const QJsonObject& object, const QString& path);
    QJsonObject toJson() const;
};

/// The create body's `NetworkingConfig`: network name → endpoint settings.
struct NetworkingConfig {
    std::optional<QMap<QString, EndpointSettings>> endpointsConfig;
    QJsonObject extra;

    static Result<NetworkingConfig>
    fromJson(const QJsonObject& object, const QString& path = QStringLiteral("NetworkingConfig"));
    QJsonObject toJson() const;
};

/// `POST /internal/v1/containers`: Docker's create body (config at the top level, `HostConfig`,
/// `NetworkingConfig`) and the name, from `?name=` or the body's `Name` (the query wins).
struct ContainerCreateRequest {
    std::optional<QString> name;
    ContainerConfig config;
    std::optional<HostConfig> hostConfig;
    std::optional<NetworkingConfig> networkingConfig;

    /// Reads the body; a missing or empty `Image` is a 400 `missing required field 'Image'`.
    static Result<ContainerCreateRequest> fromJson(const QJsonObject& body);
    /// The body again, `Name` included when known.
    QJsonObject toJson() const;
};

/// The create answer: `{"Id","Warnings":[]}` (never a null `Warnings`).
struct ContainerCreated {
    QString id;
    QStringList warnings;

    static Result<ContainerCreated> fromJson(const QJsonObject& object);
    QJsonObject toJson() const;
};

/// Inspect's `State`.
struct ContainerState {
    std::optional<QString> status; ///< created, running, paused, restarting, removing, exited, dead
    std::optional<bool> running;
    std::optional<bool> paused;
    std::optional<bool> restarting;
    std::optional<bool> oomKilled;
    std::optional<bool> dead;
    std::optional<qint64> pid;
    std::optional<qint64> exitCode;
    std::optional<QString> error;
    std::optional<QString> startedAt;
    std::optional<QString> finishedAt;
    QJsonObject extra; ///< `Health` and whatever else the engine reports

    static Result<ContainerState> fromJson(const QJsonObject& object, const QString& path);
    QJsonObject toJson() const;
};

/// One entry of inspect's `Mounts` (what is mounted, as opposed to HostConfig's requests).
struct MountPoint {
    std::optional<QString> type;
    std::optional<QString> name;
    std::optional<QString> source;
    std::optional<QString> destination;
    std::optional<QString> driver;
    std::optional<QString> mode;
    std::optional<bool> rw;
    std::optional<QString> propagation;
    QJsonObject extra;

    static Result<MountPoint> fromJson(const QJsonObject& object, const QString& path);
    QJsonObject toJson() const;
};

/// Inspect's `NetworkSettings`: the endpoints per network; the rest (`Ports`, `IPAddress` of
/// the default bridge, `SandboxKey` ...) kept as reported.
struct NetworkSettings {
    std::optional<QMap<QString, EndpointSettings>> networks;
    QJsonObject extra;

    static Result<NetworkSettings> fromJson(const QJsonObject& object, const QString& path);
    QJsonObject toJson() const;
};

/// `GET /internal/v1/containers/{id}`: the whole container. `Name` has Docker's leading `/`.
struct ContainerInspect {
    std::optional<QString> id;
    std::optional<QString> name;
    std::optional<QString> created;
    std::optional<QString> image;
    std::optional<ContainerState> state;
    std::optional<ContainerConfig> config;
    std::optional<HostConfig> hostConfig;
    std::optional<NetworkSettings> networkSettings;
    std::optional<QList<MountPoint>> mounts;
    QJsonObject extra;

    static Result<ContainerInspect> fromJson(const QJsonObject& object);
    QJsonObject toJson() const;
};

/// One published or exposed port of a list entry.
struct ContainerPort {
    std::optional<QString> ip;
    std::optional<qint64> privatePort;
    std::optional<qint64> publicPort;
    std::optional<QString> type;
    QJsonObject extra;

    static Result<ContainerPort> fromJson(const QJsonObject& object, const QString& path);
    QJsonObject toJson() const;
};

/// One entry of `GET /internal/v1/containers`.
struct ContainerSummary {
    std::optional<QString> id;
    std::optional<QStringList> names;
    std::optional<QString> image;
    std::optional<QString> imageId;
    std::optional<QString> command;
    std::optional<qint64> created;
    std::optional<QString> state;
    std::optional<QString> status;
    std::optional<QList<ContainerPort>> ports;
    std::optional<QMap<QString, QString>> labels;
    QJsonObject extra; ///< `SizeRw`, `HostConfig`, `NetworkSettings`, `Mounts` ...

    static Result<ContainerSummary> fromJson(const QJsonObject& object, const QString& path = {});
    QJsonObject toJson() const;
};

/// The query of `GET /internal/v1/containers`.
struct ContainerListOptions {
    bool all = false;
    /// At most this many (the newest); 0 or less: no limit.
    qint64 limit = -1;
    bool size = false;
    Filters filters;

    /// `all`, `limit`, `size`, `filters` (both shapes); a bad value is a 400 naming it.
    static Result<ContainerListOptions> fromQuery(const QUrlQuery& query);
};

/// The query of `POST .../stop`: seconds to wait before the kill, and the signal to stop with.
struct ContainerStopOptions {
    std::optional<qint64> timeout;
    QString signal;

    static Result<ContainerStopOptions> fromQuery(const QUrlQuery& query);
};

/// The query of `DELETE /internal/v1/containers/{id}`.
struct ContainerRemoveOptions {
    bool force = false;
    bool volumes = false; ///< `v`: remove the anonymous volumes too

    static Result<ContainerRemoveOptions> fromQuery(const QUrlQuery& query);
};

/// What `wait` waits for.
enum class WaitCondition { NotRunning, NextExit, Removed };

/// Reads `condition` (`not-running` when absent); anything else is a 400.
Result<WaitCondition> waitConditionFromQuery(const QUrlQuery& query);
/// Docker's name of the condition (`not-running`, `next-exit`, `removed`).
QString waitConditionName(WaitCondition condition);

/// The query of `GET .../logs` and `WS .../logs/stream`.
struct ContainerLogsOptions {
    bool showStdout = false; ///< `stdout`
    bool showStderr = false; ///< `stderr`
    bool follow = false;
    bool timestamps = false;
    /// `all` or a number of lines.
    QString tail = QStringLiteral("all");
    /// UNIX timestamps (`1700000000`, `1700000000.5`), passed on as given; empty: unset.
    QString since;
    QString until;

    /// Reads the query; `follow` is forced on for the WebSocket stream. Neither stdout nor
    /// stderr is a 400 (Docker's rule), and so is a `tail` that is neither `all` nor a count, and a
    /// `since`/`until` that is not a timestamp (Docker would answer 500).
    static Result<ContainerLogsOptions> fromQuery(const QUrlQuery& query, bool followImplied);
};

} // namespace sockerless::api
