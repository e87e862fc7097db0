#include "backends/memory/memoryimages.h"

#include "backends/memory/imageevents.h"
#include "backends/memory/imageload.h"
#include "backends/memory/imagename.h"
#include "backends/memory/imagepull.h"
#include "backends/memory/memoryclock.h"
#include "backends/memory/registryauth.h"
#include "backends/memory/registryclient.h"

#include <QNetworkAccessManager>
#include <QTimer>

namespace sockerless::backends::memory {

namespace {

// A stream of lines known up front, sent from the event loop (the caller connects first).
class LineStream : public BackendStream {
public:
    LineStream(std::function<QList<QByteArray>()> produce, QObject* context)
        : BackendStream(context) {
        setContentType("application/json");
        QTimer::singleShot(0, this, [this, produce = std::move(produce)] {
            const QList<QByteArray> lines = produce();
            emit opened();
            for (const QByteArray& line : lines)
                emit message(line);
            emit ended();
        });
    }
};

// Where `/auth` logs in: Docker's `serveraddress` may carry a scheme and a path
// (`https://index.docker.io/v1/`); empty is Docker Hub.
QString loginDomain(const QString& serverAddress) {
    QString address = serverAddress.trimmed();
    if (address.isEmpty())
        return QStringLiteral("docker.io");
    const qsizetype scheme = address.indexOf(QLatin1String("://"));
    if (scheme >= 0)
        address = address.mid(scheme + 3);
    address = address.section(u'/', 0, 0);
    if (address == QLatin1String("index.docker.io") ||
        address == QLatin1String("registry-1.docker.io"))
        return QStringLiteral("docker.io");
    return address;
}

QString redact(QString message, const QStringList& secrets) {
    for (const QString& secret : secrets) {
        if (secret.size() >= 4)
            message.replace(secret, QStringLiteral("REDACTED"));
    }
    return message;
}

} // namespace

MemoryImages::MemoryImages(MemoryEvents* events)
    : m_events(events) {}

MemoryImages::~MemoryImages() = default;

QNetworkAccessManager* MemoryImages::network() {
    if (!m_network)
        m_network = std::make_unique<QNetworkAccessManager>();
    return m_network.get();
}

std::optional<api::Image> MemoryImages::find(const QString& name) const {
    const ImageRecord* record = m_store.find(name);
    if (!record)
        return std::nullopt;
    return record->toApi();
}

int MemoryImages::count() const {
    return m_store.count();
}

BackendStream* MemoryImages::pull(const api::ImagePullRequest& request, QObject* context) {
    return new ImagePull(m_store, m_events, network(), request, context);
}

void MemoryImages::inspect(const QString& name, QObject* context, Callback<api::Image> done) {
    QTimer::singleShot(0, context, [this, name, done] {
        const auto image = find(name);
        if (!image)
            return done(api::ApiError::notFound(QStringLiteral("image"), name));
        done(*image);
    });
}

BackendStream* MemoryImages::load(const api::ImageLoadRequest& request, QObject* context) {
    return new LineStream([this, request] { return loadImages(m_store, m_events, request); },
                          context);
}

void MemoryImages::tag(const api::ImageTagRequest& request, QObject* context,
                       Callback<Nothing> done) {
    QTimer::singleShot(0, context, [this, request, done] {
        const ImageRecord* image = m_store.find(request.image);
        if (!image)
            return done(api::ApiError::notFound(QStringLiteral("image"), request.image));
        auto name = ImageName::parse(request.repo);
        if (!name || !name->digest.isEmpty())
            return done(api::ApiError::badRequest(QStringLiteral("invalid reference format")));
        if (!request.tag.isEmpty())
            name->tag = request.tag;
        const QString id = image->id; // the record may move when the store changes
        m_store.setTag(name->taggedName(), id);
        m_store.touchTagTime(id, MemoryClock::now());
        publishImageEvent(m_events, QStringLiteral("tag"), id, name->familiar(), *m_store.byId(id));
        done(Nothing{});
    });
}

void MemoryImages::login(const api::AuthConfig& credentials, QObject* context,
                         Callback<api::AuthResponse> done) {
    RegistryCredentials basic{credentials.username, credentials.password};
    if (basic.username.isEmpty() && !credentials.auth.isEmpty()) {
        const QString pair = QString::fromUtf8(QByteArray::fromBase64(credentials.auth.toLatin1()));
        basic.username = pair.section(u':', 0, 0);
        basic.password = pair.section(u':', 1);
    }
    const QStringList secrets = credentials.secrets();
    auto* client = new RegistryClient(network(), loginDomain(credentials.serverAddress), basic,
                                      QString(), context);
    const QString ping = client->url(QStringLiteral("/v2/")).toString();
    // Started from the event loop; the client dies with `context`, and with it the callback.
    QTimer::singleShot(0, client, [client, ping, secrets, done] {
        client->get(
            QStringLiteral("/v2/"), {}, QStringLiteral("Get"),
            [client, ping, secrets, done](const RegistryResponse& response) {
                client->deleteLater();
                if (!response.failure.isEmpty()) {
                    const bool refused =
                        response.failure.contains(QLatin1String("unauthorized")) ||
                        response.failure.contains(QLatin1String("no basic auth credentials"));
                    return done(
                        api::ApiError{refused ? 401 : 500, redact(response.failure, secrets)});
                }
                if (response.status != 200)
                    return done(
                        api::ApiError{response.status == 401 ? 401 : 500,
                                      QStringLiteral("login attempt to %1 failed with status: %2")
                                          .arg(ping, httpStatusText(response.status))});
                api::AuthResponse answer;
                answer.status = QStringLiteral("Login Succeeded");
                done(answer);
            });
    });
}

} // namespace sockerless::backends::memory
