#pragma once

#include "api/exectypes.h"
#include "backends/memory/memorycontainer.h"

#include <QObject>
#include <QPointer>

namespace sockerless::backends::memory {

namespace shell {
class ShellProcess;
}

/// One exec instance: its request, its process once started, and its exit code once ended.
/// The process ends with its container (as Docker's exec processes do).
class MemoryExecInstance : public QObject {
    Q_OBJECT
public:
    MemoryExecInstance(QString id, MemoryContainer* container, api::ExecCreateRequest request,
                       QObject* parent);
    ~MemoryExecInstance() override;

    const QString& id() const { return m_id; }
    const api::ExecCreateRequest& request() const { return m_request; }
    MemoryContainer* container() const { return m_container.data(); }
    bool started() const { return m_started; }
    bool running() const { return m_process != nullptr; }
    api::ExecInspect inspect() const;

    /// Reserves the instance for one start: a second start is refused from now on.
    void claim() { m_started = true; }
    /// Starts the process; output and exit are signalled. `attached` keeps stdin open for
    /// writeStdin() when the request attached stdin.
    void start(bool attached);
    void writeStdin(const QByteArray& data);
    void closeStdin();

signals:
    void output(int stream, const QByteArray& data);
    void finished(int exitCode);

private:
    void onFinished(int exitCode);

    QString m_id;
    QPointer<MemoryContainer> m_container;
    QString m_containerId;
    api::ExecCreateRequest m_request;
    shell::ShellProcess* m_process = nullptr;
    bool m_started = false;
    std::optional<int> m_exitCode;
    qint64 m_pid = 0;
};

} // namespace sockerless::backends::memory
