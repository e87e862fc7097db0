#pragma once

#include "api/imagetypes.h"

#include <QByteArray>
#include <QList>

namespace sockerless::backends::memory {

class ImageStore;
class MemoryEvents;

/// `images/load`: reads a `docker save` tarball into the store, tags what it names, and answers
/// with Docker's lines: `Loading layer` bars for layers not seen before (not when quiet),
/// `Loaded image: name:tag` per tag (`Loaded image ID: sha256:...` for an untagged image), or
/// one error line for a tarball Docker could not load either. One `load` event per image.
QList<QByteArray> loadImages(ImageStore& store, MemoryEvents* events,
                             const api::ImageLoadRequest& request);

} // namespace sockerless::backends::memory
