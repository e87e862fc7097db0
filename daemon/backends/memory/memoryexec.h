#pragma once

#include "backends/execops.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <memory>

namespace sockerless::backends::memory {

class MemoryContainers;
class MemoryExecInstance;

/// The memory backend's exec instances: a second process of the built-in shell in a running
/// container, attached (stdin and output over a stream) or detached.
class MemoryExec : public QObject, public ExecOps {
    Q_OBJECT
public:
    explicit MemoryExec(MemoryContainers* containers, QObject* parent = nullptr);
    ~MemoryExec() override;

    void create(const QString& containerId, const api::ExecCreateRequest& request, QObject* context,
                Callback<QString> done) override;
    void inspect(const QString& id, QObject* context, Callback<api::ExecInspect> done) override;
    void startDetached(const QString& id, QObject* context, Callback<Nothing> done) override;
    BackendStream* startAttached(const QString& id, QObject* context) override;

private:
    /// The instance, or the contract's 404; a 409 when it cannot start (already started, or
    /// its container no longer runs).
    api::Result<MemoryExecInstance*> startable(const QString& id) const;

    MemoryContainers* m_containers;
    QHash<QString, MemoryExecInstance*> m_instances;
};

} // namespace sockerless::backends::memory
