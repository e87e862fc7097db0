#include "backends/memory/memoryexecstream.h"

#include "backends/memory/memoryexecinstance.h"

#include <QTimer>
#include <QtEndian>

namespace sockerless::backends::memory {

MemoryExecStream::MemoryExecStream(MemoryExecInstance* instance, QObject* parent)
    : BackendStream(parent)
    , m_instance(instance)
    , m_raw(instance->request().tty) {
    setContentType(m_raw ? "application/vnd.docker.raw-stream"
                         : "application/vnd.docker.multiplexed-stream");
    connect(instance, &MemoryExecInstance::output, this, &MemoryExecStream::onOutput);
    connect(instance, &MemoryExecInstance::finished, this, [this] {
        m_finished = true;
        flush();
    });
    QTimer::singleShot(0, this, &MemoryExecStream::begin);
}

MemoryExecStream::~MemoryExecStream() {
    if (m_instance)
        m_instance->closeStdin();
}

void MemoryExecStream::begin() {
    if (!m_instance)
        return;
    m_begun = true;
    m_instance->start(true);
    emit opened();
    if (!m_pendingStdin.isEmpty())
        m_instance->writeStdin(std::exchange(m_pendingStdin, {}));
    if (m_stdinClosed)
        m_instance->closeStdin();
}

void MemoryExecStream::write(const QByteArray& data) {
    if (m_begun && m_instance)
        m_instance->writeStdin(data);
    else
        m_pendingStdin += data;
}

void MemoryExecStream::closeWrite() {
    m_stdinClosed = true;
    if (m_begun && m_instance)
        m_instance->closeStdin();
}

void MemoryExecStream::pause() {
    m_paused = true;
}

void MemoryExecStream::resume() {
    m_paused = false;
    QTimer::singleShot(0, this, &MemoryExecStream::flush);
}

void MemoryExecStream::onOutput(int stream, const QByteArray& data) {
    if (!m_raw) {
        char header[8] = {static_cast<char>(stream), 0, 0, 0};
        qToBigEndian(static_cast<quint32>(data.size()), header + 4);
        m_held.append(header, 8);
    }
    m_held += data;
    flush();
}

void MemoryExecStream::flush() {
    if (m_paused)
        return;
    if (!m_held.isEmpty())
        emit message(std::exchange(m_held, {}));
    if (m_finished && m_held.isEmpty() && !m_paused) {
        m_finished = false;
        disconnect(m_instance, nullptr, this, nullptr);
        emit ended();
    }
}

} // namespace sockerless::backends::memory
