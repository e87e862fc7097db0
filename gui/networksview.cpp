#include "networksview.h"

#include "client/internalapiclient.h"
#include "networksmodel.h"

#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageBox>
#include <QToolButton>
#include <memory>

namespace sockerless::gui {

NetworksView::NetworksView(client::InternalApiClient* client, QWidget* parent)
    : ResourceView(client, new NetworksModel, QStringLiteral("/internal/v1/networks"),
                   QStringLiteral("/internal/v1/networks/"), QStringLiteral("networks"), parent) {
    setColumnWidths({150, 100, 70, 60, 120, 85});
    connect(addAction(tr("Create…"), QStringLiteral("add"), Qt::CTRL | Qt::Key_N),
            &QToolButton::clicked, this, [this] {
                const QString name =
                    QInputDialog::getText(this, tr("Create network"), tr("Network name:"));
                if (!name.trimmed().isEmpty())
                    createNetwork(name.trimmed());
            });
    connect(addAction(tr("Remove"), QStringLiteral("remove"), Qt::Key_Delete),
            &QToolButton::clicked, this, [this] {
                if (!selectedKeys().isEmpty() &&
                    QMessageBox::question(this, tr("Remove networks"),
                                          tr("Remove %n network(s)?", nullptr,
                                             int(selectedKeys().size()))) == QMessageBox::Yes)
                    removeSelected();
            });
    connect(addAction(tr("Prune"), QStringLiteral("prune"), {}), &QToolButton::clicked, this,
            [this] {
                if (QMessageBox::question(this, tr("Prune networks"),
                                          tr("Remove every network no container uses?")) ==
                    QMessageBox::Yes)
                    prune();
            });
}

void NetworksView::createNetwork(const QString& name) {
    const QJsonObject body{{QStringLiteral("Name"), name}};
    m_client->post(
        QStringLiteral("/internal/v1/networks"), this,
        [this](const client::ApiResult& result) { finishAction(result, tr("create the network")); },
        QJsonDocument(body).toJson(QJsonDocument::Compact));
}

void NetworksView::removeSelected() {
    for (const QString& id : selectedKeys())
        m_client->remove(QStringLiteral("/internal/v1/networks/") +
                             client::InternalApiClient::segment(id),
                         this, [this](const client::ApiResult& result) {
                             finishAction(result, tr("remove the network"));
                         });
}

void NetworksView::prune() {
    m_client->post(QStringLiteral("/internal/v1/networks/prune"), this,
                   [this](const client::ApiResult& result) { finishAction(result, tr("prune")); });
}

} // namespace sockerless::gui
