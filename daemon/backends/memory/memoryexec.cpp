#include "backends/memory/memoryexec.h"

#include "backends/memory/memoryanswer.h"
#include "backends/memory/memoryclock.h"
#include "backends/memory/memorycontainer.h"
#include "backends/memory/memorycontainers.h"
#include "backends/memory/memoryexecinstance.h"
#include "backends/memory/memoryexecstream.h"
#include "backends/memory/memoryfailedstream.h"

#include <QTimer>

namespace sockerless::backends::memory {

namespace {

api::ApiError notRunning(const QString& containerId) {
    return {409, QStringLiteral("Container %1 is not running").arg(containerId)};
}

} // namespace

MemoryExec::MemoryExec(MemoryContainers* containers, QObject* parent)
    : QObject(parent)
    , m_containers(containers) {}

MemoryExec::~MemoryExec() {
    qDeleteAll(m_instances);
}

void MemoryExec::create(const QString& containerId, const api::ExecCreateRequest& request,
                        QObject* context, Callback<QString> done) {
    runLater(context, done, [this, containerId, request]() -> Result<QString> {
        MemoryContainer* container = m_containers->find(containerId);
        if (!container)
            return api::ApiError::notFound(QStringLiteral("container"), containerId);
        if (!container->isRunning())
            return notRunning(container->id());
        const QString id = MemoryClock::newId();
        auto* instance = new MemoryExecInstance(id, container, request, nullptr);
        m_instances.insert(id, instance);
        // Docker forgets a container's exec instances with the container.
        connect(container, &MemoryContainer::removed, this, [this, id] {
            if (MemoryExecInstance* gone = m_instances.take(id))
                gone->deleteLater();
        });
        return id;
    });
}

void MemoryExec::inspect(const QString& id, QObject* context, Callback<api::ExecInspect> done) {
    runLater(context, done, [this, id]() -> Result<api::ExecInspect> {
        const MemoryExecInstance* instance = m_instances.value(id);
        if (!instance)
            return api::ApiError::notFound(QStringLiteral("exec instance"), id);
        return instance->inspect();
    });
}

api::Result<MemoryExecInstance*> MemoryExec::startable(const QString& id) const {
    MemoryExecInstance* instance = m_instances.value(id);
    if (!instance)
        return api::ApiError::notFound(QStringLiteral("exec instance"), id);
    if (instance->running())
        return api::ApiError{409,
                             QStringLiteral("Error: Exec command %1 is already running").arg(id)};
    if (instance->started())
        return api::ApiError{409, QStringLiteral("Error: Exec command %1 has already run").arg(id)};
    if (!instance->container() || !instance->container()->isRunning())
        return notRunning(instance->inspect().containerId);
    return instance;
}

void MemoryExec::startDetached(const QString& id, QObject* context, Callback<Nothing> done) {
    runLater(context, done, [this, id]() -> Result<Nothing> {
        const auto instance = startable(id);
        if (!instance.ok())
            return instance.error();
        instance.value()->start(false);
        return Nothing{};
    });
}

BackendStream* MemoryExec::startAttached(const QString& id, QObject* context) {
    const auto instance = startable(id);
    if (!instance.ok())
        return new MemoryFailedStream(instance.error(), context);
    instance.value()->claim();
    return new MemoryExecStream(instance.value(), context);
}

} // namespace sockerless::backends::memory
