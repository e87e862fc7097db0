#include "imagesview.h"

#include "client/internalapiclient.h"
#include "client/jsonlinestream.h"
#include "imagesmodel.h"
#include "pulldialog.h"

#include <QFile>
#include <QFileDialog>
#include <QHash>
#include <QInputDialog>
#include <QJsonArray>
#include <QNetworkReply>
#include <QProgressDialog>
#include <QToolButton>
#include <memory>

namespace sockerless::gui {

ImagesView::ImagesView(client::InternalApiClient* client, QWidget* parent)
    : ResourceView(client, new ImagesModel, QString(), QStringLiteral("/internal/v1/images/"),
                   QStringLiteral("images"), parent) {
    setColumnWidths({250, 100, 70, 140, 85});
    connect(addAction(tr("Pull…"), QStringLiteral("pull"), Qt::CTRL | Qt::Key_N),
            &QToolButton::clicked, this, [this] { openPullDialog({}, false); });
    connect(addAction(tr("Tag…"), QStringLiteral("tag"), {}), &QToolButton::clicked, this, [this] {
        if (selectedKeys().isEmpty())
            return;
        const QString target =
            QInputDialog::getText(this, tr("Tag image"), tr("New tag (repo:tag):"));
        if (target.trimmed().isEmpty())
            return;
        // The tag is after the last ':' that comes after the last '/' (a registry port is not one).
        const QString text = target.trimmed();
        const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
        const bool hasTag = colon > text.lastIndexOf(QLatin1Char('/'));
        tagSelected(hasTag ? text.left(colon) : text,
                    hasTag ? text.mid(colon + 1) : QStringLiteral("latest"));
    });
    connect(
        addAction(tr("Load…"), QStringLiteral("load"), {}), &QToolButton::clicked, this, [this] {
            const QString path = QFileDialog::getOpenFileName(
                this, tr("Load an image tarball"), {}, tr("Image tarballs (*.tar);;All files (*)"));
            if (!path.isEmpty())
                loadTarball(path);
        });
    connect(addAction(tr("Show…"), QStringLiteral("inspect"), {}), &QToolButton::clicked, this,
            [this] {
                const QString name =
                    QInputDialog::getText(this, tr("Show image"), tr("Image name or id:"));
                if (!name.trimmed().isEmpty())
                    addKnown(name.trimmed());
            });
}

void ImagesView::addKnown(const QString& reference) {
    m_known.insert(reference);
    scheduleRefresh();
}

void ImagesView::refresh() {
    const quint64 generation = ++m_generation;
    m_client->get(
        QStringLiteral("/internal/v1/containers?all=1"), this,
        [this, generation](const client::ApiResult& containers) {
            if (generation != m_generation)
                return;
            if (!containers.ok())
                return emit refreshed(false);
            QHash<QString, int> usage; // image id → containers
            QSet<QString> references = m_known;
            for (const auto& value : containers.array()) {
                const QJsonObject container = value.toObject();
                const QString id = container.value(QStringLiteral("ImageID")).toString();
                references.insert(id.isEmpty() ? container.value(QStringLiteral("Image")).toString()
                                               : id);
                usage[id] += 1;
            }
            references.remove(QString());
            if (references.isEmpty()) {
                model()->setRows({});
                return emit refreshed(true);
            }
            struct Gathering {
                int pending = 0;
                QHash<QString, QJsonObject> byId;
            };
            auto gathering = std::make_shared<Gathering>();
            gathering->pending = int(references.size());
            for (const QString& reference : references) {
                m_client->get(
                    QStringLiteral("/internal/v1/images/") +
                        client::InternalApiClient::segment(reference),
                    this, [this, generation, gathering, usage](const client::ApiResult& result) {
                        if (result.ok()) {
                            QJsonObject image = result.object();
                            const QString id = image.value(QStringLiteral("Id")).toString();
                            image.insert(QStringLiteral("_UsedBy"), usage.value(id));
                            gathering->byId.insert(id, image);
                        }
                        if (--gathering->pending > 0 || generation != m_generation)
                            return;
                        model()->setRows(gathering->byId.values());
                        emit refreshed(true);
                    });
            }
        });
}

PullDialog* ImagesView::openPullDialog(const QString& reference, bool start,
                                       const QByteArray& auth) {
    auto* dialog = new PullDialog(m_client, reference, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PullDialog::pullFinished, this, [this](bool ok, const QString& pulled) {
        if (!ok)
            return;
        addKnown(pulled);
        emit imagesChanged();
    });
    dialog->show();
    if (start)
        dialog->startPull(reference, auth);
    return dialog;
}

void ImagesView::tagSelected(const QString& repo, const QString& tag) {
    for (const QString& id : selectedKeys()) {
        m_client->post(QStringLiteral("/internal/v1/images/") +
                           client::InternalApiClient::segment(id) + QStringLiteral("/tag?repo=") +
                           client::InternalApiClient::segment(repo) + QStringLiteral("&tag=") +
                           client::InternalApiClient::segment(tag),
                       this, [this, repo, tag](const client::ApiResult& result) {
                           if (result.ok()) {
                               m_known.insert(repo + QLatin1Char(':') + tag);
                               emit imagesChanged();
                           }
                           finishAction(result, tr("tag the image"));
                       });
    }
}

void ImagesView::loadTarball(const QString& path) {
    auto* file = new QFile(path, this);
    if (!file->open(QIODevice::ReadOnly)) {
        showError(tr("Cannot read %1: %2").arg(path, file->errorString()));
        file->deleteLater();
        return;
    }
    QNetworkReply* reply = m_client->startStreamingPost(QStringLiteral("/internal/v1/images/load"),
                                                        file, "application/x-tar");
    file->setParent(reply);
    auto* progress = new QProgressDialog(tr("Loading %1…").arg(path), tr("Cancel"), 0, 100, this);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    progress->setMinimumDuration(0);
    connect(reply, &QNetworkReply::uploadProgress, progress, [progress](qint64 sent, qint64 total) {
        if (total > 0)
            progress->setValue(int(sent * 100 / total));
    });
    auto* stream = new client::JsonLineStream(reply, this);
    connect(progress, &QProgressDialog::canceled, stream, &client::JsonLineStream::cancel);
    connect(stream, &client::JsonLineStream::line, this, [this](const QJsonObject& line) {
        // "Loaded image: name:tag" or "Loaded image ID: sha256:..."
        const QString text = line.value(QStringLiteral("stream")).toString().trimmed();
        const qsizetype colon = text.indexOf(QStringLiteral(": "));
        if (text.startsWith(QLatin1String("Loaded image")) && colon > 0)
            m_known.insert(text.mid(colon + 2));
    });
    connect(stream, &client::JsonLineStream::finished, this,
            [this, stream, progress](const client::ApiResult& result) {
                stream->deleteLater();
                progress->close();
                if (result.ok())
                    emit imagesChanged();
                finishAction(result, tr("load the image"));
            });
}

} // namespace sockerless::gui
