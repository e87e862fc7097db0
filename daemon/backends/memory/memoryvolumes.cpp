#include "backends/memory/memoryvolumes.h"

#include "backends/memory/memoryanswer.h"

#include "backends/memory/memoryclock.h"
#include "backends/memory/memoryevents.h"
#include "backends/memory/volumefilters.h"
#include "backends/memory/volumename.h"

#include <QDateTime>
#include <QTimer>

namespace sockerless::backends::memory {

namespace {

// Docker's local driver stamps a volume to the second.
QString createdNow() {
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

} // namespace

MemoryVolumes::MemoryVolumes(MemoryEvents* events)
    : m_events(events) {}

MemoryVolumes::~MemoryVolumes() = default;

void MemoryVolumes::publish(const QString& action, const QString& name) {
    if (m_events)
        m_events->publish(QStringLiteral("volume"), action, name,
                          {{QStringLiteral("driver"), QStringLiteral("local")}});
}

Result<VolumeRecord*> MemoryVolumes::createRecord(const api::VolumeCreateRequest& request,
                                                  bool anonymous) {
    const QString driver = request.driver.value_or(QString());
    QString name = request.name.value_or(QString());
    if (name.isEmpty())
        name = MemoryClock::newId();
    if (!driver.isEmpty() && driver != QLatin1String("local"))
        return api::ApiError{404, QStringLiteral("create %1: error looking up volume plugin %2: "
                                                 "plugin \"%2\" not found")
                                      .arg(name, driver)};
    if (auto existing = m_volumes.find(name); existing != m_volumes.end()) {
        publish(QStringLiteral("create"), name);
        return &existing->second;
    }
    if (auto error = VolumeName::check(name))
        return *error;
    if (auto error =
            VolumeName::checkOptions(name, request.driverOpts.value_or(QMap<QString, QString>())))
        return *error;
    if (count() >= kMaxVolumes)
        return api::ApiError{
            403, QStringLiteral("create %1: the memory backend holds at most %2 volumes")
                     .arg(name)
                     .arg(kMaxVolumes)};
    VolumeRecord record;
    record.name = name;
    record.createdAt = createdNow();
    record.labels = request.labels;
    record.options = request.driverOpts;
    record.anonymous = anonymous;
    VolumeRecord* stored = &m_volumes.emplace(name, std::move(record)).first->second;
    publish(QStringLiteral("create"), name);
    return stored;
}

Result<api::Volume> MemoryVolumes::mountFor(const QString& name, const QString& containerId) {
    api::VolumeCreateRequest request;
    if (!name.isEmpty())
        request.name = name;
    auto record = createRecord(request, name.isEmpty());
    if (!record.ok())
        return record.error();
    record.value()->users.insert(containerId);
    return record.value()->toApi();
}

void MemoryVolumes::release(const QString& containerId, bool removeAnonymous) {
    for (auto it = m_volumes.begin(); it != m_volumes.end();) {
        VolumeRecord& volume = it->second;
        const bool used = volume.users.remove(containerId);
        // Docker removes an anonymous volume with its container unless another still uses it.
        if (used && removeAnonymous && volume.anonymous && volume.users.isEmpty()) {
            publish(QStringLiteral("destroy"), volume.name);
            it = m_volumes.erase(it);
        } else {
            ++it;
        }
    }
}

int MemoryVolumes::count() const {
    return static_cast<int>(m_volumes.size());
}

void MemoryVolumes::create(const api::VolumeCreateRequest& request, QObject* context,
                           Callback<api::Volume> done) {
    const auto record = createRecord(request, false);
    if (!record.ok())
        return answerLater<api::Volume>(context, done, record.error());
    answerLater<api::Volume>(context, done, record.value()->toApi());
}

void MemoryVolumes::list(const api::Filters& filters, QObject* context,
                         Callback<api::VolumeList> done) {
    if (auto error = VolumeFilters::check(filters))
        return answerLater<api::VolumeList>(context, done, *error);
    api::VolumeList list;
    for (const auto& [name, volume] : m_volumes) {
        if (VolumeFilters::matches(volume, filters))
            list.volumes.append(volume.toApi());
    }
    answerLater<api::VolumeList>(context, done, list);
}

void MemoryVolumes::inspect(const QString& name, QObject* context, Callback<api::Volume> done) {
    const auto it = m_volumes.find(name);
    if (it == m_volumes.end())
        return answerLater<api::Volume>(context, done,
                                        api::ApiError::notFound(QStringLiteral("volume"), name));
    answerLater<api::Volume>(context, done, it->second.toApi());
}

void MemoryVolumes::remove(const QString& name, bool force, QObject* context,
                           Callback<Nothing> done) {
    const auto it = m_volumes.find(name);
    if (it == m_volumes.end()) {
        // With force, Docker ignores a volume that is not there.
        if (force)
            return answerLater<Nothing>(context, done, Nothing{});
        return answerLater<Nothing>(context, done,
                                    api::ApiError::notFound(QStringLiteral("volume"), name));
    }
    if (!it->second.users.isEmpty()) {
        QStringList users = it->second.users.values();
        users.sort();
        // Go's %v of a string slice: `[a b]`. Force does not override it, as in Docker.
        return answerLater<Nothing>(
            context, done,
            api::ApiError{
                409,
                QStringLiteral("remove %1: volume is in use - [%2]").arg(name, users.join(u' '))});
    }
    m_volumes.erase(it);
    publish(QStringLiteral("destroy"), name);
    answerLater<Nothing>(context, done, Nothing{});
}

} // namespace sockerless::backends::memory
