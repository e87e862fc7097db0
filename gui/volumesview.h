#pragma once

#include "resourceview.h"

namespace sockerless::gui {

/// The volumes tab: the table, the volume object, create and remove (with force).
class VolumesView : public ResourceView {
    Q_OBJECT
public:
    explicit VolumesView(client::InternalApiClient* client, QWidget* parent = nullptr);
    void createVolume(const QString& name);
    void removeSelected(bool force);

protected:
    QList<QJsonObject> rowsFrom(const client::ApiResult& result) const override;
};

} // namespace sockerless::gui
