#include "backends/memory/memoryfailedstream.h"

#include <QTimer>

namespace sockerless::backends::memory {

MemoryFailedStream::MemoryFailedStream(const api::ApiError& error, QObject* parent)
    : BackendStream(parent) {
    QTimer::singleShot(0, this, [this, error] { emit failed(error); });
}

} // namespace sockerless::backends::memory
