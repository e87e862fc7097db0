#pragma once

#include "resourceview.h"

#include <QSet>

namespace sockerless::gui {

class PullDialog;

/// The images tab. The contract has no image list call, so the tab shows the images this console
/// knows of: those the containers use, and those pulled, tagged, loaded or looked up here, each
/// read with `GET /internal/v1/images/{name}`. Pull (with per-layer progress and credentials),
/// tag, and load a tarball (with upload progress).
class ImagesView : public ResourceView {
    Q_OBJECT
public:
    explicit ImagesView(client::InternalApiClient* client, QWidget* parent = nullptr);
    void refresh() override;
    /// Adds `reference` to the images shown (and refreshes).
    void addKnown(const QString& reference);
    /// Opens the pull dialog for `reference`, started at once when `start`.
    PullDialog* openPullDialog(const QString& reference, bool start, const QByteArray& auth = {});
    void tagSelected(const QString& repo, const QString& tag);
    /// Loads an image tarball from `path`, with a progress dialog.
    void loadTarball(const QString& path);

signals:
    /// An image was pulled, tagged or loaded.
    void imagesChanged();

private:
    QSet<QString> m_known;
    quint64 m_generation = 0;
};

} // namespace sockerless::gui
