#include "pulldialog.h"

#include "client/internalapiclient.h"
#include "client/jsonlinestream.h"
#include "formatting.h"

#include <QBuffer>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkReply>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sockerless::gui {

PullDialog::PullDialog(client::InternalApiClient* client, const QString& reference, QWidget* parent)
    : QDialog(parent)
    , m_client(client) {
    setWindowTitle(tr("Pull an image"));
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    m_reference = new QLineEdit(reference, this);
    m_reference->setPlaceholderText(QStringLiteral("busybox:1.36"));
    m_credentials =
        new QPushButton(QIcon(QStringLiteral(":/icons/key.svg")), tr("Credentials…"), this);
    m_pull = new QPushButton(QIcon(QStringLiteral(":/icons/pull.svg")), tr("Pull"), this);
    m_pull->setDefault(true);
    bar->addWidget(new QLabel(tr("Image:"), this));
    bar->addWidget(m_reference, 1);
    bar->addWidget(m_credentials);
    bar->addWidget(m_pull);
    layout->addLayout(bar);
    m_layerView = new QTreeWidget(this);
    m_layerView->setHeaderLabels({tr("Layer"), tr("Status"), tr("Progress")});
    m_layerView->setRootIsDecorated(false);
    m_layerView->header()->setStretchLastSection(true);
    m_layerView->setColumnWidth(0, 130);
    m_layerView->setColumnWidth(1, 170);
    layout->addWidget(m_layerView, 1);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_pull, &QPushButton::clicked, this,
            [this] { startPull(m_reference->text().trimmed(), m_auth); });
    connect(m_credentials, &QPushButton::clicked, this, &PullDialog::askCredentials);
    resize(720, 420);
}

QByteArray PullDialog::encodeAuth(const QString& user, const QString& password,
                                  const QString& server) {
    const QJsonObject auth{{QStringLiteral("username"), user},
                           {QStringLiteral("password"), password},
                           {QStringLiteral("serveraddress"), server}};
    return QJsonDocument(auth)
        .toJson(QJsonDocument::Compact)
        .toBase64(QByteArray::Base64UrlEncoding);
}

void PullDialog::askCredentials() {
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Registry credentials"));
    auto* form = new QFormLayout(&dialog);
    auto* server = new QLineEdit(&dialog);
    const QString reference = m_reference->text();
    if (reference.section(QLatin1Char('/'), 0, 0).contains(QLatin1Char('.')) ||
        reference.section(QLatin1Char('/'), 0, 0).contains(QLatin1Char(':')))
        server->setText(reference.section(QLatin1Char('/'), 0, 0));
    auto* user = new QLineEdit(&dialog);
    auto* password = new QLineEdit(&dialog);
    password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Registry:"), server);
    form->addRow(tr("User:"), user);
    form->addRow(tr("Password:"), password);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_auth = encodeAuth(user->text(), password->text(), server->text());
    m_credentials->setText(tr("Credentials: %1").arg(user->text()));
}

QString PullDialog::statusText() const {
    return m_status->text();
}

void PullDialog::startPull(const QString& reference, const QByteArray& auth) {
    if (reference.isEmpty() || m_stream)
        return;
    m_reference->setText(reference);
    m_layerView->clear();
    m_layers.clear();
    m_status->setText(tr("Pulling %1…").arg(reference));
    m_pull->setEnabled(false);
    QJsonObject body{{QStringLiteral("Reference"), reference}};
    if (!auth.isEmpty())
        body.insert(QStringLiteral("Auth"), QString::fromLatin1(auth));
    auto* buffer = new QBuffer(this);
    buffer->setData(QJsonDocument(body).toJson(QJsonDocument::Compact));
    buffer->open(QIODevice::ReadOnly);
    QNetworkReply* reply = m_client->startStreamingPost(QStringLiteral("/internal/v1/images/pull"),
                                                        buffer, "application/json");
    buffer->setParent(reply); // the body lives as long as the request
    m_stream = new client::JsonLineStream(reply, this);
    connect(m_stream, &client::JsonLineStream::line, this, &PullDialog::onLine);
    connect(m_stream, &client::JsonLineStream::finished, this,
            [this, reference](const client::ApiResult& result) {
                m_stream->deleteLater();
                m_stream = nullptr;
                m_pull->setEnabled(true);
                m_status->setText(result.ok() ? tr("Pulled %1.").arg(reference)
                                              : tr("Pull failed: %1").arg(result.describe()));
                emit pullFinished(result.ok(), reference);
            });
}

void PullDialog::onLine(const QJsonObject& line) {
    const QString id = line.value(QStringLiteral("id")).toString();
    const QString status = line.value(QStringLiteral("status")).toString();
    if (line.contains(QStringLiteral("error"))) {
        m_status->setText(tr("Error: %1").arg(line.value(QStringLiteral("error")).toString()));
        return;
    }
    // Lines without a layer id, or "Pulling from <repo>" (its id is the tag), are about the
    // whole pull.
    if (id.isEmpty() || status.startsWith(QLatin1String("Pulling from"))) {
        if (!status.isEmpty())
            m_status->setText(status);
        return;
    }
    QTreeWidgetItem* item = m_layers.value(id);
    QProgressBar* bar = nullptr;
    if (!item) {
        item = new QTreeWidgetItem(m_layerView, {id, status});
        bar = new QProgressBar(m_layerView);
        bar->setRange(0, 100);
        bar->setValue(0);
        bar->setFormat(QStringLiteral("%p%"));
        m_layerView->setItemWidget(item, 2, bar);
        m_layers.insert(id, item);
    } else {
        bar = qobject_cast<QProgressBar*>(m_layerView->itemWidget(item, 2));
    }
    item->setText(1, status);
    const QJsonObject detail = line.value(QStringLiteral("progressDetail")).toObject();
    const auto current = qint64(detail.value(QStringLiteral("current")).toDouble());
    const auto total = qint64(detail.value(QStringLiteral("total")).toDouble());
    if (!bar)
        return;
    if (total > 0) {
        bar->setValue(int(current * 100 / total));
        bar->setFormat(Formatting::bytes(current) + QStringLiteral(" / ") +
                       Formatting::bytes(total));
    } else if (status.contains(QLatin1String("complete")) ||
               status.contains(QLatin1String("Already exists"))) {
        bar->setValue(100);
        bar->setFormat(status);
    }
}

} // namespace sockerless::gui
