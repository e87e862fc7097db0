#pragma once

#include "api/containertypes.h"
#include "backends/backend.h"

#include <QPointer>

namespace sockerless::backends::memory {

class MemoryContainer;

/// `wait`: opens at once, then sends Docker's `{"Error":null,"StatusCode":N}` when the
/// condition is met and ends.
class MemoryWaitStream : public BackendStream {
    Q_OBJECT
public:
    MemoryWaitStream(MemoryContainer* container, api::WaitCondition condition, QObject* parent);

private:
    void begin();
    void answer(int statusCode);

    QPointer<MemoryContainer> m_container;
    api::WaitCondition m_condition;
    bool m_answered = false;
};

/// `logs`: the kept log from `tail`/`since`, framed as Docker frames it (8-byte headers, or raw
/// for a TTY container), then with `follow` the new lines until the container stops. Reads the
/// container's bounded log at its own pace, so a slow reader costs no memory.
class MemoryLogStream : public BackendStream {
    Q_OBJECT
public:
    MemoryLogStream(MemoryContainer* container, const api::ContainerLogsOptions& options,
                    QObject* parent);

    void pause() override;
    void resume() override;

private:
    void begin();
    void pump();

    QPointer<MemoryContainer> m_container;
    api::ContainerLogsOptions m_options;
    bool m_raw = false;
    bool m_paused = false;
    bool m_begun = false;
    bool m_ended = false;
    quint64 m_cursor = 0; ///< the sequence number of the next line to consider
    qint64 m_sinceNanos = 0;
    qint64 m_untilNanos = 0; ///< 0: no limit
};

} // namespace sockerless::backends::memory
