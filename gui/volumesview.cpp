#include "volumesview.h"

#include "client/internalapiclient.h"
#include "volumesmodel.h"

#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageBox>
#include <QToolButton>

namespace sockerless::gui {

VolumesView::VolumesView(client::InternalApiClient* client, QWidget* parent)
    : ResourceView(client, new VolumesModel, QStringLiteral("/internal/v1/volumes"),
                   QStringLiteral("/internal/v1/volumes/"), QStringLiteral("volumes"), parent) {
    setColumnWidths({180, 60, 140, 60, 140});
    connect(addAction(tr("Create…"), QStringLiteral("add"), Qt::CTRL | Qt::Key_N),
            &QToolButton::clicked, this, [this] {
                const QString name = QInputDialog::getText(
                    this, tr("Create volume"), tr("Volume name (empty: a generated one):"));
                createVolume(name.trimmed());
            });
    connect(addAction(tr("Remove"), QStringLiteral("remove"), Qt::Key_Delete),
            &QToolButton::clicked, this, [this] {
                if (selectedKeys().isEmpty())
                    return;
                const auto answer = QMessageBox::question(
                    this, tr("Remove volumes"),
                    tr("Remove %1?\n(Yes to All: also when in use, force)")
                        .arg(selectedKeys().join(QStringLiteral(", "))),
                    QMessageBox::Yes | QMessageBox::YesToAll | QMessageBox::Cancel);
                if (answer != QMessageBox::Cancel)
                    removeSelected(answer == QMessageBox::YesToAll);
            });
}

QList<QJsonObject> VolumesView::rowsFrom(const client::ApiResult& result) const {
    QList<QJsonObject> rows;
    for (const auto& value : result.object().value(QStringLiteral("Volumes")).toArray())
        rows.append(value.toObject());
    return rows;
}

void VolumesView::createVolume(const QString& name) {
    QJsonObject body;
    if (!name.isEmpty())
        body.insert(QStringLiteral("Name"), name);
    m_client->post(
        QStringLiteral("/internal/v1/volumes"), this,
        [this](const client::ApiResult& result) { finishAction(result, tr("create the volume")); },
        QJsonDocument(body).toJson(QJsonDocument::Compact));
}

void VolumesView::removeSelected(bool force) {
    for (const QString& name : selectedKeys())
        m_client->remove(QStringLiteral("/internal/v1/volumes/") +
                             client::InternalApiClient::segment(name) +
                             (force ? QStringLiteral("?force=1") : QString()),
                         this, [this](const client::ApiResult& result) {
                             finishAction(result, tr("remove the volume"));
                         });
}

} // namespace sockerless::gui
