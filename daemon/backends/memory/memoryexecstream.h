#pragma once

#include "backends/backend.h"

#include <QPointer>

namespace sockerless::backends::memory {

class MemoryExecInstance;

/// An attached exec start: runs the instance's process, passes stdin to it and its output out,
/// framed as Docker frames it (8-byte headers, or raw with a TTY), then ends once the process
/// has ended and all its output is out.
class MemoryExecStream : public BackendStream {
    Q_OBJECT
public:
    MemoryExecStream(MemoryExecInstance* instance, QObject* parent);
    /// The client went: the process sees stdin EOF and runs on, as with Docker.
    ~MemoryExecStream() override;

    void write(const QByteArray& data) override;
    void closeWrite() override;
    void pause() override;
    void resume() override;

private:
    void begin();
    void onOutput(int stream, const QByteArray& data);
    void flush();

    QPointer<MemoryExecInstance> m_instance;
    bool m_raw = false;
    bool m_begun = false;
    bool m_paused = false;
    bool m_finished = false;
    bool m_stdinClosed = false;
    QByteArray m_pendingStdin;
    QByteArray m_held; ///< output while paused
};

} // namespace sockerless::backends::memory
