#pragma once

#include "backends/backend.h"

namespace sockerless::backends::memory {

/// A stream refused before it opened (an unknown container or exec instance): `failed` with the
/// error on the event loop, after the caller has connected to it.
class MemoryFailedStream : public BackendStream {
    Q_OBJECT
public:
    MemoryFailedStream(const api::ApiError& error, QObject* parent);
};

} // namespace sockerless::backends::memory
