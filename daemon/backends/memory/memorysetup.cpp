#include "backends/memory/memorysetup.h"

#include "backends/memory/memoryclock.h"
#include "backends/memory/memoryvolumes.h"

#include <QJsonArray>

namespace sockerless::backends::memory {

namespace {

QStringList stringList(const QJsonValue& value) {
    QStringList list;
    for (const auto& item : value.toArray())
        list.append(item.toString());
    return list;
}

// The request's Env over the image's: a key the request sets replaces the image's value.
QStringList mergedEnv(const QStringList& image, const QStringList& request) {
    QStringList merged = image;
    for (const QString& entry : request) {
        const QString key = entry.section(u'=', 0, 0);
        const auto same = [&key](const QString& existing) {
            return existing.section(u'=', 0, 0) == key;
        };
        merged.erase(std::remove_if(merged.begin(), merged.end(), same), merged.end());
        merged.append(entry);
    }
    return merged;
}

// The image's config fills in what the request leaves unsaid, as Docker's create does.
void applyImageDefaults(api::ContainerConfig& config, const QJsonObject& image) {
    if (!config.entrypoint) {
        if (const QJsonValue entrypoint = image.value(QStringLiteral("Entrypoint"));
            entrypoint.isArray())
            config.entrypoint = stringList(entrypoint);
        if (!config.cmd) {
            if (const QJsonValue cmd = image.value(QStringLiteral("Cmd")); cmd.isArray())
                config.cmd = stringList(cmd);
        }
    }
    config.env = mergedEnv(stringList(image.value(QStringLiteral("Env"))),
                           config.env.value_or(QStringList{}));
    if (!config.workingDir || config.workingDir->isEmpty()) {
        const QString dir = image.value(QStringLiteral("WorkingDir")).toString();
        config.workingDir = dir;
    }
    if (!config.user)
        config.user = image.value(QStringLiteral("User")).toString();
    QMap<QString, QString> labels;
    const QJsonObject imageLabels = image.value(QStringLiteral("Labels")).toObject();
    for (auto it = imageLabels.begin(); it != imageLabels.end(); ++it)
        labels.insert(it.key(), it.value().toString());
    labels.insert(config.labels.value_or(QMap<QString, QString>{}));
    config.labels = labels;
    if (!config.stopSignal && image.contains(QStringLiteral("StopSignal")))
        config.stopSignal = image.value(QStringLiteral("StopSignal")).toString();
    if (!config.exposedPorts && image.value(QStringLiteral("ExposedPorts")).isObject())
        config.exposedPorts = image.value(QStringLiteral("ExposedPorts")).toObject().keys();
    QJsonObject volumes = image.value(QStringLiteral("Volumes")).toObject();
    const QJsonObject own = config.extra.value(QStringLiteral("Volumes")).toObject();
    for (auto it = own.begin(); it != own.end(); ++it)
        volumes.insert(it.key(), it.value());
    if (!volumes.isEmpty())
        config.extra.insert(QStringLiteral("Volumes"), volumes);
}

// Docker's defaults for what inspect shows of a HostConfig the client left out.
void applyHostDefaults(api::HostConfig& host) {
    if (!host.networkMode || host.networkMode->isEmpty())
        host.networkMode = QStringLiteral("default");
    if (!host.restartPolicy)
        host.restartPolicy = api::RestartPolicy{QStringLiteral("no"), 0, {}};
    if (!host.restartPolicy->name || host.restartPolicy->name->isEmpty())
        host.restartPolicy->name = QStringLiteral("no");
    if (!host.restartPolicy->maximumRetryCount)
        host.restartPolicy->maximumRetryCount = 0;
    if (!host.logConfig)
        host.logConfig = api::LogConfig{QStringLiteral("json-file"), QMap<QString, QString>{}, {}};
    if (!host.autoRemove)
        host.autoRemove = false;
    if (!host.privileged)
        host.privileged = false;
    if (!host.portBindings)
        host.portBindings = QMap<QString, QList<api::PortBinding>>{};
}

api::MountPoint volumeMount(const api::Volume& volume, const QString& destination, bool readOnly) {
    api::MountPoint mount;
    mount.type = QStringLiteral("volume");
    mount.name = volume.name;
    mount.source = volume.mountpoint;
    mount.destination = destination;
    mount.driver = volume.driver.value_or(QStringLiteral("local"));
    mount.mode = QStringLiteral("z");
    mount.rw = !readOnly;
    mount.propagation = QString();
    return mount;
}

api::MountPoint bindMount(const QString& source, const QString& destination, bool readOnly) {
    api::MountPoint mount;
    mount.type = QStringLiteral("bind");
    mount.source = source;
    mount.destination = destination;
    mount.mode = QString();
    mount.rw = !readOnly;
    mount.propagation = QStringLiteral("rprivate");
    return mount;
}

// `HostConfig.Binds`, `HostConfig.Mounts` and the anonymous `Volumes`, in Docker's order.
api::Result<QList<api::MountPoint>> mountsOf(const api::ContainerConfig& config,
                                             const api::HostConfig& host, const QString& id,
                                             MemoryVolumes* volumes) {
    QList<api::MountPoint> mounts;
    QStringList destinations;
    const auto addVolume = [&](const QString& name, const QString& destination,
                               bool readOnly) -> std::optional<api::ApiError> {
        const auto volume = volumes->mountFor(name, id);
        if (!volume.ok())
            return volume.error();
        mounts.append(volumeMount(volume.value(), destination, readOnly));
        destinations.append(destination);
        return std::nullopt;
    };
    for (const QString& bind : host.binds.value_or(QStringList{})) {
        const QStringList parts = bind.split(u':');
        if (parts.size() < 2 || parts[1].isEmpty())
            return api::ApiError::badRequest(
                QStringLiteral("invalid volume specification: '%1'").arg(bind));
        const bool readOnly = parts.size() > 2 && parts[2].split(u',').contains(u"ro"_qs);
        if (parts[0].startsWith(u'/')) {
            mounts.append(bindMount(parts[0], parts[1], readOnly));
            destinations.append(parts[1]);
        } else if (auto error = addVolume(parts[0], parts[1], readOnly)) {
            return *error;
        }
    }
    for (const api::Mount& mount : host.mounts.value_or(QList<api::Mount>{})) {
        const QString type = mount.type.value_or(QStringLiteral("volume"));
        const QString target = mount.target.value_or(QString());
        if (target.isEmpty())
            return api::ApiError::badRequest(QStringLiteral("Mounts.Target must not be empty"));
        if (type == QLatin1String("volume")) {
            if (auto error = addVolume(mount.source.value_or(QString()), target,
                                       mount.readOnly.value_or(false)))
                return *error;
        } else if (type == QLatin1String("bind")) {
            mounts.append(bindMount(mount.source.value_or(QString()), target,
                                    mount.readOnly.value_or(false)));
            destinations.append(target);
        } else if (type == QLatin1String("tmpfs")) {
            api::MountPoint tmpfs;
            tmpfs.type = type;
            tmpfs.source = QString();
            tmpfs.destination = target;
            tmpfs.mode = QString();
            tmpfs.rw = !mount.readOnly.value_or(false);
            tmpfs.propagation = QString();
            mounts.append(tmpfs);
            destinations.append(target);
        } else {
            return api::ApiError::badRequest(QStringLiteral("mount type unknown: %1").arg(type));
        }
    }
    const QJsonObject anonymous = config.extra.value(QStringLiteral("Volumes")).toObject();
    for (auto it = anonymous.begin(); it != anonymous.end(); ++it) {
        if (destinations.contains(it.key()))
            continue;
        if (auto error = addVolume(QString(), it.key(), false))
            return *error;
    }
    return mounts;
}

} // namespace

api::Result<ContainerSetup> MemorySetup::build(const api::ContainerCreateRequest& request,
                                               const api::Image& image, const QString& id,
                                               const QString& name, MemoryVolumes* volumes) {
    ContainerSetup setup;
    setup.id = id;
    setup.name = name;
    setup.createdNanos = MemoryClock::nowNanos();
    setup.imageId = image.id;
    setup.imageSize = image.size;
    setup.config = request.config;
    applyImageDefaults(setup.config, image.config.value_or(QJsonObject{}));
    setup.command =
        setup.config.entrypoint.value_or(QStringList{}) + setup.config.cmd.value_or(QStringList{});
    if (setup.command.isEmpty())
        return api::ApiError::badRequest(QStringLiteral("No command specified"));
    if (!setup.config.hostname || setup.config.hostname->isEmpty())
        setup.config.hostname = id.left(12);
    // Inspect shows every flag, false when the client left it out.
    for (std::optional<bool>* flag :
         {&setup.config.tty, &setup.config.openStdin, &setup.config.stdinOnce,
          &setup.config.attachStdin, &setup.config.attachStdout, &setup.config.attachStderr}) {
        if (!*flag)
            *flag = false;
    }
    if (!setup.config.domainname)
        setup.config.domainname = QString();
    setup.hostConfig = request.hostConfig.value_or(api::HostConfig{});
    applyHostDefaults(setup.hostConfig);
    auto mounts = mountsOf(setup.config, setup.hostConfig, id, volumes);
    if (!mounts.ok())
        return mounts.error();
    setup.mounts = mounts.value();
    return setup;
}

} // namespace sockerless::backends::memory
