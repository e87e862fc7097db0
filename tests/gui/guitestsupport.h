#pragma once

#include "blackboxcase.h"
#include "mainwindow.h"
#include "testenv.h"

#include <QTest>
#include <memory>

namespace sockerless::test {

/// A GUI case against the real daemon: starts `sockerlessd` (Docker backend, test Docker) through
/// BlackboxCase, opens a MainWindow offscreen connected to it, and cleans up what the case
/// labelled. Settings and the token file go to Qt's test locations, never the user's.
class GuiCase {
public:
    /// Starts the daemon and the window; false with `error` set.
    bool start(QString* error);
    void finish();
    BlackboxCase& api() { return m_case; }
    gui::MainWindow& window() { return *m_window; }

private:
    BlackboxCase m_case;
    std::unique_ptr<gui::MainWindow> m_window;
};

} // namespace sockerless::test
