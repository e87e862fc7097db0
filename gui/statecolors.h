#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

namespace sockerless::gui {

/// Colours for states and status classes, derived from the current palette so that they read on
/// a light and a dark base alike: a hue of its own, with a lightness picked against the base.
namespace StateColors {

/// Semantic roles the console colours.
enum class Role { Good, Warning, Bad, Neutral, Info };

/// The foreground colour for `role` on `palette`'s base.
QColor color(Role role, const QPalette& palette);
/// A container state (`running`, `exited`, `paused`, `created`, `restarting`, `dead`).
QColor forContainerState(const QString& state, const QPalette& palette);
/// An HTTP status, by class (2xx good, 3xx info, 4xx warning, 5xx / none bad).
QColor forHttpStatus(int status, const QPalette& palette);

} // namespace StateColors

} // namespace sockerless::gui
