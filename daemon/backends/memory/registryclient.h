#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>
#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace sockerless::backends::memory {

/// The user name and password a registry is asked with (from `X-Registry-Auth` or `/auth`).
struct RegistryCredentials {
    QString username;
    QString password;
    bool isSet() const { return !username.isEmpty() || !password.isEmpty(); }
};

/// A registry's answer to one GET, after the authentication dance.
struct RegistryResponse {
    int status = 0; ///< the HTTP status; 0 when `failure` is set
    QByteArray body;
    QByteArray contentType;
    QByteArray contentDigest; ///< `Docker-Content-Digest`
    /// Why no answer came, worded as Docker's Go client does: `Get "<url>": dial tcp ...:
    /// connect: connection refused`, `Head "<url>": no basic auth credentials`.
    QString failure;
};

/// A client of one registry (Docker Registry HTTP API v2) on the event loop. Every GET that is
/// refused with 401 is answered by the challenge it carries and sent again, once: `Basic` with
/// the credentials (none: Docker's `no basic auth credentials`), `Bearer` with a token fetched
/// from the realm (with the credentials when there are some, anonymously otherwise). The
/// authorization found is kept for the next GET. Deleting the client aborts what is in flight
/// and drops its callbacks.
///
/// Loopback registries (`localhost`, `127.0.0.0/8`, `::1`) are spoken to over plain HTTP, as
/// Docker's default insecure registries; every other one over HTTPS. Credentials are never
/// part of a failure text.
class RegistryClient : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const RegistryResponse&)>;

    /// A client for the registry `domain` (`127.0.0.1:5000`, `docker.io`), asking tokens for
    /// `scope` (`repository:library/busybox:pull`, or empty).
    RegistryClient(QNetworkAccessManager* network, const QString& domain,
                   RegistryCredentials credentials, QString scope, QObject* parent = nullptr);
    ~RegistryClient() override;

    /// `http://127.0.0.1:5000`, `https://registry-1.docker.io` ...
    static QUrl baseUrl(const QString& domain);
    QUrl url(const QString& path) const;

    /// GETs `path` (`/v2/`, `/v2/<repo>/manifests/<ref>` ...) with `accept`. `verb` is the
    /// method Docker's own client would name in its failure texts (`Get`, `Head`).
    void get(const QString& path, const QByteArray& accept, const QString& verb, Done done);

    /// How long a request may go without progress (default 30 s).
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

private:
    struct Call;
    void send(const std::shared_ptr<Call>& call, const QUrl& url);
    void finished(const std::shared_ptr<Call>& call, QNetworkReply* reply);
    void answerChallenge(const std::shared_ptr<Call>& call, const QByteArray& header,
                         const RegistryResponse& refused);
    void fetchToken(const std::shared_ptr<Call>& call, const QUrl& tokenUrl);
    QString failureText(const Call& call, const QString& reason) const;
    static void deliver(const Call& call, const RegistryResponse& response);
    QNetworkReply* track(QNetworkReply* reply);

    QPointer<QNetworkAccessManager> m_network;
    QUrl m_base;
    RegistryCredentials m_credentials;
    QString m_scope;
    QByteArray m_authorization; ///< what the last challenge asked for, sent with every GET
    int m_timeoutMs = 30000;
    bool m_reached = false; ///< the registry answered once (Docker's ping would have passed)
    QList<QPointer<QNetworkReply>> m_replies; ///< in flight, aborted when the client goes
};

} // namespace sockerless::backends::memory
