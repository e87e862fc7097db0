#pragma once

#include "resourceview.h"

namespace sockerless::gui {

/// The networks tab: the table, the inspect object (with the connected containers), create,
/// remove and prune.
class NetworksView : public ResourceView {
    Q_OBJECT
public:
    explicit NetworksView(client::InternalApiClient* client, QWidget* parent = nullptr);
    /// Creates a bridge network named `name`.
    void createNetwork(const QString& name);
    void removeSelected();
    void prune();
};

} // namespace sockerless::gui
