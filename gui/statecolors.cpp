#include "statecolors.h"

namespace sockerless::gui::StateColors {

QColor color(Role role, const QPalette& palette) {
    const bool darkBase = palette.color(QPalette::Base).lightness() < 128;
    int hue = 0;
    switch (role) {
    case Role::Good:
        hue = 130;
        break;
    case Role::Warning:
        hue = 35;
        break;
    case Role::Bad:
        hue = 0;
        break;
    case Role::Info:
        hue = 210;
        break;
    case Role::Neutral:
        return palette.color(QPalette::PlaceholderText);
    }
    // Light text on a dark base, dark text on a light one: the contrast stays the same.
    return QColor::fromHsl(hue, 170, darkBase ? 165 : 85);
}

QColor forContainerState(const QString& state, const QPalette& palette) {
    if (state == QLatin1String("running"))
        return color(Role::Good, palette);
    if (state == QLatin1String("paused") || state == QLatin1String("restarting"))
        return color(Role::Warning, palette);
    if (state == QLatin1String("dead"))
        return color(Role::Bad, palette);
    if (state == QLatin1String("created"))
        return color(Role::Info, palette);
    return color(Role::Neutral, palette);
}

QColor forHttpStatus(int status, const QPalette& palette) {
    if (status >= 200 && status < 300)
        return color(Role::Good, palette);
    if (status >= 300 && status < 400)
        return color(Role::Info, palette);
    if (status >= 400 && status < 500)
        return color(Role::Warning, palette);
    return color(Role::Bad, palette);
}

} // namespace sockerless::gui::StateColors
