#pragma once

#include "backends/backend.h"

#include <QTimer>

// How the memory backend keeps the Backend contract that `done` is called on the event loop,
// never inside the call, and never once `context` is gone.

namespace sockerless::backends::memory {

/// Answers `done` with `result` from the event loop while `context` lives.
template <typename T>
void answerLater(QObject* context, const Callback<T>& done, const Result<T>& result) {
    QTimer::singleShot(0, context, [done, result] { done(result); });
}

/// Runs `work` on the event loop while `context` lives and answers `done` with what it returns;
/// work for a client that has gone is never done.
template <typename T, typename Work>
void runLater(QObject* context, const Callback<T>& done, Work work) {
    QTimer::singleShot(0, context, [done, work = std::move(work)]() mutable { done(work()); });
}

} // namespace sockerless::backends::memory
