#pragma once

#include <QByteArray>
#include <QString>

namespace sockerless::gui {

class MainWindow;

/// Renders each main view of a connected window to a PNG in a directory, with the daemon's real
/// data: containers (with the inspect tree), logs, images, image pull (the pull dialog, when a
/// reference is given), networks, volumes, request log. For the README and for review.
struct Screenshots {
    QString directory;
    /// The image to pull for `image-pull.png`; empty: no pull picture.
    QString pullReference;
    /// base64url X-Registry-Auth for the pull, or empty.
    QByteArray pullAuth;

    /// Waits (bounded) for the data, takes the pictures; returns 0, or 1 with `error` set.
    int take(MainWindow& window, QString* error) const;
};

} // namespace sockerless::gui
