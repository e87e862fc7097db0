#pragma once

#include "api/imagetypes.h"
#include "backends/backend.h"
#include "backends/memory/imagename.h"
#include "backends/memory/registryclient.h"
#include "backends/memory/registrymanifest.h"

#include <QStringList>

class QNetworkAccessManager;

namespace sockerless::backends::memory {

class ImageStore;
class MemoryEvents;

/// One `images/pull` from a registry, as a progress stream: the manifest (a list resolved to
/// the request's platform), then the config blob; the image is then stored with its tag and
/// repo digest, and Docker's progress lines and `pull` event follow. Layers are not fetched.
///
/// A refusal before the manifest arrived (no such tag, bad or missing credentials, registry
/// unreachable) is `failed` with Docker's status and text; later failures are an error line.
/// Destroying the stream (its context) aborts the registry requests.
class ImagePull : public BackendStream {
    Q_OBJECT
public:
    /// Starts at once; `store` and `events` must outlive the stream. `request.reference` was
    /// checked by the route.
    ImagePull(ImageStore& store, MemoryEvents* events, QNetworkAccessManager* network,
              const api::ImagePullRequest& request, QObject* context);
    ~ImagePull() override;

private:
    void fetchManifest(const QString& reference);
    void manifestArrived(const QString& reference, const RegistryResponse& response);
    void fetchConfig(const RegistryManifest& manifest, const QString& manifestDigest);
    void configArrived(const RegistryManifest& manifest, const QString& manifestDigest,
                       const RegistryResponse& response);
    void refuse(int status, const QString& message);
    void failPartWay(const QString& message);
    void emitLine(const QByteArray& line);
    QString scrub(QString message) const;

    ImageStore& m_store;
    MemoryEvents* m_events;
    ImageName m_name;
    QString m_platform;
    QStringList m_secrets;
    RegistryClient* m_client = nullptr;
    bool m_opened = false;
    QString m_listDigest; ///< the manifest list's digest, when the reference named a list
};

} // namespace sockerless::backends::memory
