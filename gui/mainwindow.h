#pragma once

#include <QMainWindow>

class QLabel;

namespace sockerless::gui {

/// The console's main window. Until the console talks to a daemon it says so plainly.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

private:
    QLabel* m_status = nullptr;
};

} // namespace sockerless::gui
