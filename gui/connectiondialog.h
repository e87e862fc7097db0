#pragma once

#include <QDialog>
#include <QUrl>

class QLineEdit;

namespace sockerless::gui {

/// Asks for the daemon URL and token. The token field echoes nothing readable.
class ConnectionDialog : public QDialog {
    Q_OBJECT
public:
    ConnectionDialog(const QUrl& url, const QByteArray& token, QWidget* parent = nullptr);
    QUrl url() const;
    QByteArray token() const;

private:
    QLineEdit* m_url = nullptr;
    QLineEdit* m_token = nullptr;
};

} // namespace sockerless::gui
