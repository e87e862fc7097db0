#include "client/internalapiclient.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTimer>
#include <QWebSocket>

namespace sockerless::client {

InternalApiClient::InternalApiClient(QObject* parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this)) {
    // The daemon is one host: no proxy in between unless the URL says so.
    m_network->setProxy(QNetworkProxy::NoProxy);
}

void InternalApiClient::setBaseUrl(const QUrl& url) {
    m_baseUrl = url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

QString InternalApiClient::segment(const QString& id) {
    return QString::fromLatin1(QUrl::toPercentEncoding(id));
}

QUrl InternalApiClient::urlFor(const QString& pathAndQuery, bool webSocket) const {
    QUrl base = m_baseUrl;
    if (webSocket)
        base.setScheme(base.scheme() == QLatin1String("https") ? QStringLiteral("wss")
                                                               : QStringLiteral("ws"));
    // Concatenated text, not setPath(): setPath would decode the %2F of an encoded image name.
    return QUrl(base.toString(QUrl::FullyEncoded) + pathAndQuery, QUrl::StrictMode);
}

QNetworkRequest InternalApiClient::requestFor(const QString& pathAndQuery, bool webSocket) const {
    QNetworkRequest request(urlFor(pathAndQuery, webSocket));
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    return request;
}

void InternalApiClient::call(const QByteArray& method, const QString& pathAndQuery,
                             const QByteArray& body, QObject* context, const Callback& done,
                             const Headers& headers) {
    QNetworkRequest request = requestFor(pathAndQuery);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    request.setTransferTimeout(m_timeoutMs);
    QNetworkReply* reply = m_network->sendCustomRequest(request, method, body);
    QPointer<QObject> guard(context);
    connect(reply, &QNetworkReply::finished, this, [reply, guard, done] {
        reply->deleteLater();
        if (!guard)
            return;
        ApiResult result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        if (result.status == 0)
            result.message = reply->errorString();
        else if (!result.ok())
            result.message = ApiResult::messageFromBody(result.body);
        done(result);
    });
}

QNetworkReply* InternalApiClient::startStreamingPost(const QString& pathAndQuery, QIODevice* body,
                                                     const QByteArray& contentType,
                                                     const Headers& headers) {
    QNetworkRequest request = requestFor(pathAndQuery);
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    return m_network->post(request, body);
}

QWebSocket* InternalApiClient::openWebSocket(const QString& pathAndQuery, QObject* parent) {
    auto* socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, parent);
    socket->setProxy(QNetworkProxy::NoProxy);
    const QNetworkRequest request = requestFor(pathAndQuery, true);
    // Queued: the caller connects its handlers first, so a socket that fails at once is seen.
    QTimer::singleShot(0, socket, [socket, request] { socket->open(request); });
    return socket;
}

} // namespace sockerless::client
