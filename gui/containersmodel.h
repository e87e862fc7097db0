#pragma once

#include "jsontablemodel.h"

namespace sockerless::gui {

/// The containers table: name, short id, image, state (coloured), status, created, ports; one row
/// per container summary of `GET /internal/v1/containers?all=1`, keyed by `Id`.
class ContainersModel : public JsonTableModel {
    Q_OBJECT
public:
    enum ColumnIndex { Name, ShortId, Image, State, Status, Created, Ports };
    explicit ContainersModel(QObject* parent = nullptr);
};

} // namespace sockerless::gui
