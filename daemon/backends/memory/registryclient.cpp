#include "backends/memory/registryclient.h"

#include "backends/memory/registryauth.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

namespace sockerless::backends::memory {

namespace {

constexpr int kMaxRedirects = 10;

bool isLoopback(const QString& host) {
    if (host == QLatin1String("localhost"))
        return true;
    QString bare = host;
    if (bare.startsWith(u'[') && bare.endsWith(u']'))
        bare = bare.mid(1, bare.size() - 2);
    const QHostAddress address(bare);
    return !address.isNull() && address.isLoopback();
}

// Go's wording for what went wrong on the wire.
QString transportReason(QNetworkReply* reply, bool timedOut) {
    const QUrl url = reply->url();
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("dial tcp %1:%2: connect: connection refused")
            .arg(url.host())
            .arg(port);
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("dial tcp: lookup %1: no such host").arg(url.host());
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        if (timedOut)
            return QStringLiteral(
                "net/http: request canceled (Client.Timeout exceeded while awaiting headers)");
        return QStringLiteral("context canceled");
    default:
        return reply->errorString();
    }
}

QByteArray basicAuthorization(const RegistryCredentials& credentials) {
    return "Basic " + (credentials.username + u':' + credentials.password).toUtf8().toBase64();
}

} // namespace

struct RegistryClient::Call {
    QString path;
    QByteArray accept;
    QString verb;
    Done done;
    bool challenged = false; ///< a challenge was answered already: a second 401 is the answer
    int redirects = 0;
};

RegistryClient::RegistryClient(QNetworkAccessManager* network, const QString& domain,
                               RegistryCredentials credentials, QString scope, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_base(baseUrl(domain))
    , m_credentials(std::move(credentials))
    , m_scope(std::move(scope)) {}

RegistryClient::~RegistryClient() {
    // The replies are not children: a callback may delete this client while a reply is still
    // emitting `finished`, and the reply must outlive that emission.
    for (const QPointer<QNetworkReply>& reply : std::as_const(m_replies)) {
        if (!reply)
            continue;
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
}

QNetworkReply* RegistryClient::track(QNetworkReply* reply) {
    m_replies.removeIf([](const QPointer<QNetworkReply>& old) { return old.isNull(); });
    m_replies.append(reply);
    return reply;
}

QUrl RegistryClient::baseUrl(const QString& domain) {
    QString host = domain;
    if (host == QLatin1String("docker.io") || host == QLatin1String("index.docker.io"))
        host = QStringLiteral("registry-1.docker.io");
    const QString hostOnly =
        host.startsWith(u'[') ? host.section(u']', 0, 0) + u']' : host.section(u':', 0, 0);
    const QString scheme = isLoopback(hostOnly) ? QStringLiteral("http") : QStringLiteral("https");
    return QUrl(scheme + QStringLiteral("://") + host);
}

QUrl RegistryClient::url(const QString& path) const {
    QUrl result = m_base;
    result.setPath(path);
    return result;
}

void RegistryClient::get(const QString& path, const QByteArray& accept, const QString& verb,
                         Done done) {
    auto call = std::make_shared<Call>();
    call->path = path;
    call->accept = accept;
    call->verb = verb;
    call->done = std::move(done);
    send(call, url(path));
}

void RegistryClient::deliver(const Call& call, const RegistryResponse& response) {
    // A copy: the callback may delete this client, and with it what holds the call.
    const Done done = call.done;
    done(response);
}

QString RegistryClient::failureText(const Call& call, const QString& reason) const {
    return QStringLiteral("%1 \"%2\": %3").arg(call.verb, url(call.path).toString(), reason);
}

void RegistryClient::send(const std::shared_ptr<Call>& call, const QUrl& target) {
    if (!m_network)
        return;
    QNetworkRequest request(target);
    // Redirects are followed here, so that the authorization never goes to another host.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    request.setTransferTimeout(m_timeoutMs);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("sockerless-memory"));
    if (!call->accept.isEmpty())
        request.setRawHeader("Accept", call->accept);
    if (!m_authorization.isEmpty() && target.host() == m_base.host() &&
        target.port() == m_base.port())
        request.setRawHeader("Authorization", m_authorization);
    QNetworkReply* reply = track(m_network->get(request));
    connect(reply, &QNetworkReply::finished, this, [this, call, reply] {
        reply->deleteLater();
        finished(call, reply);
    });
}

void RegistryClient::finished(const std::shared_ptr<Call>& call, QNetworkReply* reply) {
    RegistryResponse response;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (response.status == 0) {
        const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError;
        const QString reason = transportReason(reply, timedOut);
        // Docker pings `/v2/` before anything else: an unreachable registry fails there.
        response.failure = m_reached ? failureText(*call, reason)
                                     : QStringLiteral("Get \"%1\": %2")
                                           .arg(url(QStringLiteral("/v2/")).toString(), reason);
        deliver(*call, response);
        return;
    }
    m_reached = true;
    response.body = reply->readAll();
    response.contentType = reply->rawHeader("Content-Type");
    response.contentDigest = reply->rawHeader("Docker-Content-Digest");
    if (response.status >= 300 && response.status < 400 && reply->hasRawHeader("Location") &&
        call->redirects < kMaxRedirects) {
        ++call->redirects;
        send(call, reply->url().resolved(QUrl(QString::fromUtf8(reply->rawHeader("Location")))));
        return;
    }
    if (response.status == 401 && !call->challenged) {
        call->challenged = true;
        answerChallenge(call, reply->rawHeader("WWW-Authenticate"), response);
        return;
    }
    deliver(*call, response);
}

void RegistryClient::answerChallenge(const std::shared_ptr<Call>& call, const QByteArray& header,
                                     const RegistryResponse& refused) {
    const QList<AuthChallenge> challenges = AuthChallenge::parse(header);
    for (const AuthChallenge& challenge : challenges) {
        if (challenge.scheme != QLatin1String("bearer"))
            continue;
        QUrl tokenUrl(challenge.params.value(QStringLiteral("realm")));
        QUrlQuery query;
        const QString service = challenge.params.value(QStringLiteral("service"));
        if (!service.isEmpty())
            query.addQueryItem(QStringLiteral("service"), service);
        const QString scope = challenge.params.value(QStringLiteral("scope"), m_scope);
        if (!scope.isEmpty())
            query.addQueryItem(QStringLiteral("scope"), scope);
        tokenUrl.setQuery(query);
        fetchToken(call, tokenUrl);
        return;
    }
    for (const AuthChallenge& challenge : challenges) {
        if (challenge.scheme != QLatin1String("basic"))
            continue;
        if (!m_credentials.isSet()) {
            RegistryResponse failed;
            failed.failure = failureText(*call, QStringLiteral("no basic auth credentials"));
            deliver(*call, failed);
            return;
        }
        m_authorization = basicAuthorization(m_credentials);
        send(call, url(call->path));
        return;
    }
    deliver(*call, refused); // a 401 with no challenge this client can answer
}

void RegistryClient::fetchToken(const std::shared_ptr<Call>& call, const QUrl& tokenUrl) {
    if (!m_network)
        return;
    QNetworkRequest request(tokenUrl);
    request.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    request.setTransferTimeout(m_timeoutMs);
    if (m_credentials.isSet())
        request.setRawHeader("Authorization", basicAuthorization(m_credentials));
    QNetworkReply* reply = track(m_network->get(request));
    connect(reply, &QNetworkReply::finished, this, [this, call, reply, tokenUrl] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        RegistryResponse failed;
        if (status == 0) {
            const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError;
            failed.failure = failureText(*call, transportReason(reply, timedOut));
            deliver(*call, failed);
            return;
        }
        const QByteArray body = reply->readAll();
        if (status != 200) {
            QString reason = registryErrorText(body);
            if (reason.isEmpty()) {
                QUrl shown = tokenUrl;
                shown.setQuery(QString());
                reason = QStringLiteral("token auth attempt for registry: %1 request failed "
                                        "with status: %2")
                             .arg(shown.toString(), httpStatusText(status));
            }
            failed.failure = failureText(*call, reason);
            deliver(*call, failed);
            return;
        }
        const QJsonObject answer = QJsonDocument::fromJson(body).object();
        QString token = answer.value(QStringLiteral("token")).toString();
        if (token.isEmpty())
            token = answer.value(QStringLiteral("access_token")).toString();
        if (token.isEmpty()) {
            failed.failure = failureText(*call, QStringLiteral("authorization server did not "
                                                               "include a token in the response"));
            deliver(*call, failed);
            return;
        }
        m_authorization = "Bearer " + token.toUtf8();
        send(call, url(call->path));
    });
}

} // namespace sockerless::backends::memory
