#pragma once

#include "options.h"

#include <QObject>
#include <QString>
#include <functional>

namespace sockerless::backends {

class Backend;

/// Chooses and creates the backend the options ask for. `auto` and `docker` first ping Docker,
/// so the daemon knows at start-up whether Docker answers: `auto` then falls back to the memory
/// backend, `docker` serves the Docker backend anyway (503s and a degraded healthz until Docker
/// answers, with a warning logged).
class BackendFactory {
public:
    /// Calls `done` with the new backend (parented to `parent`), or with nullptr and a message
    /// that says what to do. `done` runs on the event loop, never inside this call.
    static void create(const Options& options, QObject* parent,
                       const std::function<void(Backend* backend, const QString& error)>& done);
};

} // namespace sockerless::backends
