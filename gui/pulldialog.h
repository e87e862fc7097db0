#pragma once

#include "client/apiresult.h"
#include "client/jsonlinestream.h"

#include <QDialog>
#include <QHash>
#include <QPointer>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace sockerless::client {
class InternalApiClient;
} // namespace sockerless::client

namespace sockerless::gui {

/// Pulls an image (`POST /internal/v1/images/pull`) with one progress bar per layer, fed by
/// Docker's progress lines as they stream in; registry credentials come from a small dialog and
/// travel only in the request's `Auth` field (never shown, never stored).
class PullDialog : public QDialog {
    Q_OBJECT
public:
    PullDialog(client::InternalApiClient* client, const QString& reference,
               QWidget* parent = nullptr);
    /// Starts pulling `reference` (with `auth`, the base64url X-Registry-Auth, when non-empty).
    void startPull(const QString& reference, const QByteArray& auth = {});
    /// base64url of `{"username","password","serveraddress"}`, Docker's X-Registry-Auth.
    static QByteArray encodeAuth(const QString& user, const QString& password,
                                 const QString& server);
    bool isRunning() const { return m_stream != nullptr; }
    int layerCount() const { return int(m_layers.size()); }
    QString statusText() const;

signals:
    /// The pull ended; `reference` is what was pulled.
    void pullFinished(bool ok, const QString& reference);

private:
    void onLine(const QJsonObject& line);
    void askCredentials();

    client::InternalApiClient* m_client = nullptr;
    QLineEdit* m_reference = nullptr;
    QPushButton* m_pull = nullptr;
    QPushButton* m_credentials = nullptr;
    QLabel* m_status = nullptr;
    QTreeWidget* m_layerView = nullptr;
    QHash<QString, QTreeWidgetItem*> m_layers;
    QPointer<client::JsonLineStream> m_stream;
    QByteArray m_auth;
};

} // namespace sockerless::gui
