#include "backends/memory/memoryexecinstance.h"

#include "backends/memory/memorycontainer.h"
#include "backends/memory/shell/shellprocess.h"

namespace sockerless::backends::memory {

namespace {
constexpr int kSigKill = 9;
}

MemoryExecInstance::MemoryExecInstance(QString id, MemoryContainer* container,
                                       api::ExecCreateRequest request, QObject* parent)
    : QObject(parent)
    , m_id(std::move(id))
    , m_container(container)
    , m_containerId(container->id())
    , m_request(std::move(request)) {
    // Docker's exec processes die with their container.
    connect(container, &MemoryContainer::exited, this, [this] {
        if (m_process)
            m_process->signal(kSigKill);
    });
}

MemoryExecInstance::~MemoryExecInstance() {
    if (m_process) {
        m_process->disconnect(this);
        delete m_process;
    }
}

api::ExecInspect MemoryExecInstance::inspect() const {
    api::ExecInspect inspect;
    inspect.id = m_id;
    inspect.containerId = m_containerId;
    inspect.running = running();
    inspect.exitCode = m_exitCode;
    inspect.pid = m_pid;
    inspect.openStdin = m_request.attachStdin;
    inspect.openStdout = m_request.attachStdout;
    inspect.openStderr = m_request.attachStderr;
    inspect.canRemove = false;
    inspect.detachKeys = m_request.detachKeys;
    inspect.processConfig.tty = m_request.tty;
    inspect.processConfig.entrypoint = m_request.cmd.value(0);
    inspect.processConfig.arguments = m_request.cmd.mid(1);
    inspect.processConfig.privileged = m_request.privileged;
    inspect.processConfig.user = m_request.user;
    return inspect;
}

void MemoryExecInstance::start(bool attached) {
    m_started = true;
    shell::ProcessSpec spec;
    spec.argv = m_request.cmd;
    const ContainerSetup& setup = m_container->setup();
    spec.env = setup.config.env.value_or(QStringList{});
    for (const QString& entry : m_request.env) {
        const QString key = entry.section(u'=', 0, 0);
        spec.env.removeIf([&key](const QString& e) { return e.section(u'=', 0, 0) == key; });
        spec.env.append(entry);
    }
    spec.hostname = setup.config.hostname.value_or(setup.id.left(12));
    spec.workingDir = m_request.workingDir.isEmpty() ? setup.config.workingDir.value_or(QString())
                                                     : m_request.workingDir;
    spec.ignoresDefaultSignals = false; // not PID 1
    spec.fileSystem = m_container->fileSystem();
    spec.user = m_request.user.isEmpty() ? setup.config.user.value_or(QString()) : m_request.user;
    m_process = new shell::ShellProcess(spec, this);
    connect(m_process, &shell::ShellProcess::output, this, [this](int stream, const QByteArray& d) {
        if (!m_request.tty) {
            emit output(stream, d);
            return;
        }
        QByteArray translated = d;
        translated.replace("\n", "\r\n");
        emit output(1, translated);
    });
    connect(m_process, &shell::ShellProcess::finished, this, &MemoryExecInstance::onFinished);
    m_process->start();
    m_pid = m_process->pid();
    if (!attached || !m_request.attachStdin)
        m_process->closeStdin();
}

void MemoryExecInstance::writeStdin(const QByteArray& data) {
    if (m_process && m_request.attachStdin)
        m_process->writeStdin(data);
}

void MemoryExecInstance::closeStdin() {
    if (m_process)
        m_process->closeStdin();
}

void MemoryExecInstance::onFinished(int exitCode) {
    m_process->deleteLater();
    m_process = nullptr;
    m_exitCode = exitCode;
    emit finished(exitCode);
}

} // namespace sockerless::backends::memory
