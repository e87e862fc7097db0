#include "guitestsupport.h"

#include "connectionmonitor.h"

#include <QCoreApplication>
#include <QStandardPaths>

namespace sockerless::test {

bool GuiCase::start(QString* error) {
    QStandardPaths::setTestModeEnabled(true);
    if (!m_case.start(error))
        return false;
    m_window = std::make_unique<gui::MainWindow>(nullptr, false);
    m_window->resize(1200, 800);
    m_window->show();
    m_window->connectTo(m_case.daemon().baseUrl(), m_case.daemon().token(), false);
    const bool connected = QTest::qWaitFor(
        [this] { return m_window->monitor()->state() == gui::ConnectionMonitor::State::Connected; },
        15000);
    if (!connected && error)
        *error = QStringLiteral("the window never connected: ") + m_window->monitor()->detail();
    return connected;
}

void GuiCase::finish() {
    m_window.reset();
    // Objects handed to deleteLater() (sockets, Qt Charts' replaced label items) go now, not never:
    // after the last case no event loop runs again, and LeakSanitizer would report them.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    m_case.finish();
}

} // namespace sockerless::test
