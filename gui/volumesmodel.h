#pragma once

#include "jsontablemodel.h"

namespace sockerless::gui {

/// The volumes table: name, driver, mount point, created, scope, labels; keyed by `Name`.
class VolumesModel : public JsonTableModel {
    Q_OBJECT
public:
    explicit VolumesModel(QObject* parent = nullptr);
};

} // namespace sockerless::gui
