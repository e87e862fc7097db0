#pragma once

#include <QString>

namespace sockerless::backends::memory {

class MemoryEvents;
struct ImageRecord;

/// Publishes an image event as dockerd 20.10 does: `name` is `name` and the image's labels are
/// added to the attributes. `actorId` is the image id (tag, load) or the reference (pull).
void publishImageEvent(MemoryEvents* events, const QString& action, const QString& actorId,
                       const QString& name, const ImageRecord& image);

} // namespace sockerless::backends::memory
