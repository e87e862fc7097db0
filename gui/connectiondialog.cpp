#include "connectiondialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace sockerless::gui {

ConnectionDialog::ConnectionDialog(const QUrl& url, const QByteArray& token, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Connect to a sockerless daemon"));
    auto* form = new QFormLayout(this);
    m_url = new QLineEdit(url.toString(), this);
    m_url->setPlaceholderText(QStringLiteral("http://127.0.0.1:2375"));
    m_token = new QLineEdit(QString::fromUtf8(token), this);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("empty when the daemon needs none"));
    form->addRow(tr("Daemon &URL:"), m_url);
    form->addRow(tr("&Token:"), m_token);
    auto* note = new QLabel(tr("The token is kept in the system keychain, or else in a file only "
                               "you can read; never in the settings file."),
                            this);
    note->setWordWrap(true);
    form->addRow(note);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
    resize(480, sizeHint().height());
}

QUrl ConnectionDialog::url() const {
    return QUrl::fromUserInput(m_url->text().trimmed());
}

QByteArray ConnectionDialog::token() const {
    return m_token->text().trimmed().toUtf8();
}

} // namespace sockerless::gui
