#pragma once

#include "jsontablemodel.h"

namespace sockerless::gui {

/// The networks table: name, short id, driver, scope, subnet, attached containers, internal.
class NetworksModel : public JsonTableModel {
    Q_OBJECT
public:
    explicit NetworksModel(QObject* parent = nullptr);
};

} // namespace sockerless::gui
