#pragma once

#include "jsontablemodel.h"

namespace sockerless::gui {

/// The images table: tags, short id, size, created, platform, containers using it; one row per
/// image inspect object (`GET /internal/v1/images/{name}`) plus a `_UsedBy` count the view adds.
class ImagesModel : public JsonTableModel {
    Q_OBJECT
public:
    explicit ImagesModel(QObject* parent = nullptr);
};

} // namespace sockerless::gui
