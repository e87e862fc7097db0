#include "backends/memory/imagepull.h"

#include "backends/memory/imageevents.h"
#include "backends/memory/imageprogress.h"
#include "backends/memory/imagestore.h"
#include "backends/memory/registryauth.h"

#include <QTimer>

namespace sockerless::backends::memory {

namespace {

RegistryCredentials credentialsFrom(const QString& registryAuth) {
    RegistryCredentials credentials;
    const auto config = api::AuthConfig::fromRegistryAuth(registryAuth);
    if (!config)
        return credentials;
    credentials.username = config->username;
    credentials.password = config->password;
    if (credentials.username.isEmpty() && !config->auth.isEmpty()) {
        // Docker's `auth` field: base64 of `user:password`.
        const QString pair = QString::fromUtf8(QByteArray::fromBase64(config->auth.toLatin1()));
        credentials.username = pair.section(u':', 0, 0);
        credentials.password = pair.section(u':', 1);
    }
    return credentials;
}

} // namespace

ImagePull::ImagePull(ImageStore& store, MemoryEvents* events, QNetworkAccessManager* network,
                     const api::ImagePullRequest& request, QObject* context)
    : BackendStream(context)
    , m_store(store)
    , m_events(events)
    , m_platform(request.platform)
    , m_secrets(request.secrets()) {
    setContentType("application/json");
    const auto name = ImageName::parse(request.reference);
    if (!name) {
        // The route checked the reference; this is only a guard.
        QTimer::singleShot(0, this, [this] {
            emit failed(api::ApiError::badRequest(QStringLiteral("invalid reference format")));
        });
        return;
    }
    m_name = *name;
    m_client = new RegistryClient(network, m_name.domain(), credentialsFrom(request.auth),
                                  QStringLiteral("repository:%1:pull").arg(m_name.path()), this);
    const QString reference = m_name.digest.isEmpty() ? m_name.tag : m_name.digest;
    // From the event loop: the caller connects to the stream after this returns.
    QTimer::singleShot(0, this, [this, reference] { fetchManifest(reference); });
}

ImagePull::~ImagePull() = default;

QString ImagePull::scrub(QString message) const {
    for (const QString& secret : m_secrets) {
        if (secret.size() >= 4)
            message.replace(secret, QStringLiteral("REDACTED"));
    }
    return message;
}

void ImagePull::refuse(int status, const QString& message) {
    emit failed(api::ApiError{status, scrub(message)});
}

void ImagePull::emitLine(const QByteArray& line) {
    if (!m_opened) {
        m_opened = true;
        emit opened();
    }
    emit message(line);
}

void ImagePull::failPartWay(const QString& text) {
    emitLine(ImageProgress::error(scrub(text)));
    emit ended();
}

void ImagePull::fetchManifest(const QString& reference) {
    const bool byDigest = reference.startsWith(QLatin1String("sha256:"));
    m_client->get(QStringLiteral("/v2/%1/manifests/%2").arg(m_name.path(), reference),
                  RegistryManifest::acceptHeader(),
                  byDigest ? QStringLiteral("Get") : QStringLiteral("Head"),
                  [this, reference](const RegistryResponse& response) {
                      manifestArrived(reference, response);
                  });
}

void ImagePull::manifestArrived(const QString& reference, const RegistryResponse& response) {
    if (!response.failure.isEmpty())
        return refuse(500, response.failure);
    const QString said = registryErrorText(response.body);
    if (response.status == 404)
        return refuse(404, QStringLiteral("manifest for %1 not found: %2")
                               .arg(m_name.familiar(),
                                    said.isEmpty() ? QStringLiteral("manifest unknown") : said));
    if (response.status == 401)
        return refuse(500, said.isEmpty() ? QStringLiteral("unauthorized: authentication required")
                                          : said);
    if (response.status != 200)
        return refuse(500, said.isEmpty() ? QStringLiteral("received unexpected HTTP status: %1")
                                                .arg(httpStatusText(response.status))
                                          : said);
    QString problem;
    const auto manifest = RegistryManifest::parse(response.body, &problem);
    if (!manifest)
        return refuse(500, problem);
    const QString digest = response.contentDigest.isEmpty()
                               ? sha256Digest(response.body)
                               : QString::fromLatin1(response.contentDigest);
    if (reference.startsWith(QLatin1String("sha256:")) && digest != reference)
        return refuse(500,
                      QStringLiteral("manifest verification failed for digest %1").arg(reference));
    if (manifest->isList) {
        if (!m_listDigest.isEmpty())
            return refuse(500, QStringLiteral("a manifest list names another manifest list"));
        const auto entry = manifest->choose(m_platform);
        if (!entry)
            return refuse(500, QStringLiteral("no matching manifest for %1 in the manifest list "
                                              "entries")
                                   .arg(m_platform.isEmpty() ? RegistryManifest::hostPlatform()
                                                             : m_platform));
        m_listDigest = digest;
        return fetchManifest(entry->digest);
    }
    // Docker says where it pulls from once it has the manifest.
    const QString progressId = m_name.digest.isEmpty() ? m_name.tag : m_name.digestedName();
    emitLine(ImageProgress::status(QStringLiteral("Pulling from ") + m_name.path(), progressId));
    fetchConfig(*manifest, m_listDigest.isEmpty() ? digest : m_listDigest);
}

void ImagePull::fetchConfig(const RegistryManifest& manifest, const QString& manifestDigest) {
    m_client->get(QStringLiteral("/v2/%1/blobs/%2").arg(m_name.path(), manifest.configDigest), {},
                  QStringLiteral("Get"),
                  [this, manifest, manifestDigest](const RegistryResponse& response) {
                      configArrived(manifest, manifestDigest, response);
                  });
}

void ImagePull::configArrived(const RegistryManifest& manifest, const QString& manifestDigest,
                              const RegistryResponse& response) {
    if (!response.failure.isEmpty())
        return failPartWay(response.failure);
    if (response.status != 200) {
        const QString said = registryErrorText(response.body);
        return failPartWay(said.isEmpty() ? QStringLiteral("error fetching image config: %1")
                                                .arg(httpStatusText(response.status))
                                          : said);
    }
    if (sha256Digest(response.body) != manifest.configDigest)
        return failPartWay(QStringLiteral("image config verification failed for digest %1")
                               .arg(manifest.configDigest));
    qint64 size = 0;
    for (const RegistryManifest::Layer& layer : manifest.layers)
        size += layer.size;
    auto record = ImageRecord::fromConfig(response.body, size);
    if (!record)
        return failPartWay(QStringLiteral("invalid image config: not a JSON object"));
    const QStringList diffIds = record->diffIds();
    if (diffIds.size() != manifest.layers.size())
        return failPartWay(QStringLiteral("layers from manifest don't match image configuration"));

    const bool existed = m_store.byId(record->id) != nullptr;
    if (!existed) {
        // Docker skips the layers of an image it has; of the rest it says which it has.
        QStringList fresh;
        for (qsizetype i = 0; i < diffIds.size(); ++i) {
            const QString id = ImageProgress::shortId(manifest.layers.at(i).digest);
            if (m_store.hasLayer(diffIds.at(i))) {
                emitLine(ImageProgress::status(QStringLiteral("Already exists"), id, true));
            } else {
                emitLine(ImageProgress::status(QStringLiteral("Pulling fs layer"), id, true));
                fresh.append(id);
            }
        }
        for (const QString& id : std::as_const(fresh))
            emitLine(ImageProgress::status(QStringLiteral("Download complete"), id, true));
        for (const QString& id : std::as_const(fresh))
            emitLine(ImageProgress::status(QStringLiteral("Pull complete"), id, true));
    }
    m_store.add(*record);
    bool changed = !existed;
    if (m_name.digest.isEmpty())
        changed = m_store.setTag(m_name.taggedName(), record->id) != record->id;
    ImageName digested = m_name;
    digested.tag.clear();
    digested.digest = manifestDigest;
    m_store.addDigest(digested.digestedName(), record->id);

    emitLine(ImageProgress::status(QStringLiteral("Digest: ") + manifestDigest));
    emitLine(ImageProgress::status((changed ? QStringLiteral("Status: Downloaded newer image for ")
                                            : QStringLiteral("Status: Image is up to date for ")) +
                                   m_name.familiar()));
    publishImageEvent(m_events, QStringLiteral("pull"), m_name.familiar(),
                      ImageName::familiarRepository(m_name.repository), *record);
    emit ended();
}

} // namespace sockerless::backends::memory
