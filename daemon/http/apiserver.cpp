#include "http/apiserver.h"

#include "http/chunkedstream.h"
#include "http/connectionhub.h"
#include "http/guardedsslserver.h"
#include "http/guardedtcpserver.h"
#include "http/requestrecorder.h"
#include "http/tlsconfig.h"
#include "http/unixlistener.h"
#include "http/websocketsession.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <exception>
#include <optional>

namespace sockerless::http {

namespace {

QByteArray methodName(QHttpServerRequest::Method method) {
    using M = QHttpServerRequest::Method;
    switch (method) {
    case M::Get:
        return "GET";
    case M::Put:
        return "PUT";
    case M::Delete:
        return "DELETE";
    case M::Post:
        return "POST";
    case M::Head:
        return "HEAD";
    case M::Options:
        return "OPTIONS";
    case M::Patch:
        return "PATCH";
    case M::Connect:
        return "CONNECT";
    case M::Trace:
        return "TRACE";
    case M::Unknown:
    case M::AnyKnown:
        break;
    }
    return "UNKNOWN";
}

bool isWebSocketUpgrade(const QHttpServerRequest& request) {
    return request.value("upgrade").compare("websocket", Qt::CaseInsensitive) == 0;
}

// `[::1]:3375`, `127.0.0.1:0`, `localhost:3375`.
bool parseHostPort(const QString& address, QHostAddress* host, quint16* port, QString* error) {
    const qsizetype colon = address.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0) {
        *error = QStringLiteral("%1: expected host:port or a socket path").arg(address);
        return false;
    }
    QString hostText = address.left(colon);
    bool ok = false;
    const uint portNumber = address.mid(colon + 1).toUInt(&ok);
    if (!ok || portNumber > 65535) {
        *error = QStringLiteral("%1: invalid port").arg(address);
        return false;
    }
    if (hostText.startsWith(QLatin1Char('[')) && hostText.endsWith(QLatin1Char(']')))
        hostText = hostText.mid(1, hostText.size() - 2);
    if (hostText == QLatin1String("localhost")) {
        *host = QHostAddress(QHostAddress::LocalHost);
    } else if (hostText == QLatin1String("*")) {
        *host = QHostAddress(QHostAddress::Any);
    } else if (!host->setAddress(hostText)) {
        *error = QStringLiteral("%1: the host must be an IP address or localhost").arg(address);
        return false;
    }
    *port = static_cast<quint16>(portNumber);
    return true;
}

QString formatHostPort(const QHostAddress& host, quint16 port) {
    const QString text = host.toString();
    if (host.protocol() == QAbstractSocket::IPv6Protocol)
        return QStringLiteral("[%1]:%2").arg(text).arg(port);
    return QStringLiteral("%1:%2").arg(text).arg(port);
}

template <typename T> void prune(QList<QPointer<T>>* list) {
    list->removeIf([](const QPointer<T>& p) { return p.isNull(); });
}

} // namespace

struct ApiServer::Private {
    ApiServer* q = nullptr;
    QPointer<RequestRecorder> recorder;
    std::unique_ptr<QHttpServer> server;
    Router router;
    QList<Handler> handlers;
    Router webSocketRouter;
    QList<WebSocketHandler> webSocketHandlers;
    QList<QPointer<QTcpServer>> tcpListeners;
    QList<QPointer<UnixListener>> unixListeners;
    QList<QPointer<WebSocketSession>> sessions;
    QList<QPointer<ChunkedStream>> streams;
    AccessControl access;
    ConnectionHub* hub = nullptr; ///< a child of the ApiServer: outlives the QHttpServer's sockets
    std::optional<QSslConfiguration> tls;
    bool shuttingDown = false;

    void handle(const QHttpServerRequest& request, QHttpServerResponder&& responder);
    void acceptWebSockets();
    void dispatch(WebSocketSession* session, const Router::Match& match);
};

ApiServer::ApiServer(RequestRecorder* recorder, QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>()) {
    d->q = this;
    d->recorder = recorder;
    d->hub = new ConnectionHub(this);
    d->server = std::make_unique<QHttpServer>();
    Private* p = d.get();
    // Qt 6.4: QHttpServer's own router answers a wrong method with 404 (never 405), matches
    // decoded paths (so `%2F` would split an id) and cannot say which route matched for the
    // request log. One catch-all route hands every request to our Router instead. It also makes
    // QHttpServer accept every WebSocket upgrade, which acceptWebSockets() then dispatches.
    d->server->route(QStringLiteral("/<arg>"), [p](const QUrl&, const QHttpServerRequest& request,
                                                   QHttpServerResponder&& responder) {
        p->handle(request, std::move(responder));
    });
    // Methods QHttpServer does not know (Method::Unknown) never reach a route.
    d->server->setMissingHandler(
        [p](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
            p->handle(request, std::move(responder));
        });
    connect(d->server.get(), &QHttpServer::newWebSocketConnection, this,
            [p] { p->acceptWebSockets(); });
}

ApiServer::~ApiServer() {
    // Sessions first: their QWebSockets wrap sockets the QHttpServer's listeners may still own.
    for (const auto& session : std::as_const(d->sessions))
        delete session.data();
    for (const auto& listener : std::as_const(d->unixListeners)) {
        if (listener)
            listener->stop();
    }
    d->server.reset();
}

void ApiServer::route(const QByteArray& method, const QString& pathTemplate, Handler handler) {
    const int index = static_cast<int>(d->handlers.size());
    if (!d->router.add(method, pathTemplate, index)) {
        qWarning("ApiServer: malformed route template %s %s, route ignored", method.constData(),
                 qPrintable(pathTemplate));
        return;
    }
    d->handlers.append(std::move(handler));
}

void ApiServer::webSocket(const QString& pathTemplate, WebSocketHandler handler) {
    const int index = static_cast<int>(d->webSocketHandlers.size());
    if (!d->webSocketRouter.add("GET", pathTemplate, index)) {
        qWarning("ApiServer: malformed WebSocket template %s, route ignored",
                 qPrintable(pathTemplate));
        return;
    }
    d->webSocketHandlers.append(std::move(handler));
}

void ApiServer::setLimits(const ConnectionLimits& limits) {
    d->hub->setLimits(limits);
}

bool ApiServer::setTls(const QString& certFile, const QString& keyFile, QString* error) {
    QSslConfiguration configuration;
    if (!TlsConfig::load(certFile, keyFile, &configuration, error))
        return false;
    d->tls = configuration;
    return true;
}

void ApiServer::setAccess(const AccessSettings& settings) {
    d->access = AccessControl(settings);
}

QList<QPair<QByteArray, QString>> ApiServer::routes() const {
    return d->router.routes();
}

QStringList ApiServer::webSocketRoutes() const {
    QStringList out;
    for (const auto& route : d->webSocketRouter.routes())
        out.append(route.second);
    return out;
}

void ApiServer::Private::handle(const QHttpServerRequest& request,
                                QHttpServerResponder&& responder) {
    // Qt 6.4 calls the route for an upgrade request before the handshake and then hands the socket
    // to its QWebSocketServer whatever the route did: anything written here would corrupt the
    // handshake (a 401 is followed by `101 Switching Protocols`). acceptWebSockets() decides.
    if (isWebSocketUpgrade(request))
        return;

    // QHttpServerRequest is reused per connection and freed with the socket: copy it all out.
    RequestData data;
    data.method = methodName(request.method());
    const QUrl url = request.url();
    // FullyEncoded keeps `%2F` inside its segment; the router decodes after splitting.
    data.rawPath = url.path(QUrl::FullyEncoded).toUtf8();
    data.path = url.path(QUrl::FullyDecoded);
    data.query = request.query();
    data.headers = request.headers();
    data.body = request.body();
    QTcpSocket* socket = responder.socket();
    data.client = socket && UnixListener::isUnixPeer(socket->peerName())
                      ? UnixListener::peerName()
                      : request.remoteAddress().toString();

    const Router::Match match = router.match(data.method, data.rawPath);
    const Router::Match wsMatch =
        match.status == 200 ? Router::Match{} : webSocketRouter.match("GET", data.rawPath);
    data.routeTemplate = wsMatch.status == 200 ? wsMatch.routeTemplate : match.routeTemplate;
    data.params = match.params;
    const QString method = QString::fromLatin1(data.method);
    auto exchange =
        std::make_shared<HttpExchange>(std::move(data), std::move(responder), recorder.data());
    exchange->setStreamObserver([this](ChunkedStream* stream) {
        prune(&streams);
        streams.append(stream);
    });

    // Before anything reveals whether the route exists (see AccessControl for the order).
    if (const auto refusal = access.checkHttp(exchange->request(), match.status == 200)) {
        exchange->noteError(refusal->message);
        exchange->respond(refusal->status, refusal->toJsonBytes(), "application/json",
                          AccessControl::headersFor(*refusal));
        return;
    }

    if (match.status == 200) {
        const Handler& handler = handlers.at(match.routeIndex);
        try {
            handler(exchange);
        } catch (const std::exception& e) {
            // A handler bug must cost one request, not the daemon.
            if (!exchange->answered())
                exchange->fail(api::ApiError::internal(QString::fromLocal8Bit(e.what())));
        } catch (...) {
            if (!exchange->answered())
                exchange->fail(api::ApiError::internal(QStringLiteral("unexpected failure")));
        }
        return;
    }

    const QString path = exchange->request().path;
    if (wsMatch.status == 200) {
        exchange->respond(426,
                          api::ApiError{426, QStringLiteral("%1 is a WebSocket endpoint: "
                                                            "upgrade required")
                                                 .arg(path)}
                              .toJsonBytes(),
                          "application/json", {{"Upgrade", "websocket"}});
        return;
    }
    if (match.status == 405) {
        const api::ApiError error = api::ApiError::methodNotAllowed(method, path);
        exchange->noteError(error.message);
        exchange->respond(405, error.toJsonBytes(), "application/json",
                          {{"Allow", match.allowedMethods.join(", ")}});
        return;
    }
    exchange->fail(api::ApiError{404, QStringLiteral("No route for %1 %2").arg(method, path)});
}

void ApiServer::Private::acceptWebSockets() {
    while (server->hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = server->nextPendingWebSocketConnection();
        if (!socket)
            break;
        const QByteArray rawPath = socket->requestUrl().path(QUrl::FullyEncoded).toUtf8();
        const Router::Match match = webSocketRouter.match("GET", rawPath);
        auto* session = new WebSocketSession(std::move(socket),
                                             match.status == 200 ? match.routeTemplate : QString(),
                                             match.params, recorder.data(), q);
        prune(&sessions);
        sessions.append(session);
        // Qt 6.4 emits newWebSocketConnection from inside its handshake code, which reads the
        // socket again after this slot returns ("QIODevice::peek: device not open" if a handler
        // closed it here): hand the session over from the event loop instead.
        QMetaObject::invokeMethod(
            session, [this, session, match] { dispatch(session, match); }, Qt::QueuedConnection);
    }
}

void ApiServer::Private::dispatch(WebSocketSession* session, const Router::Match& match) {
    if (!session->isOpen())
        return;
    if (shuttingDown) {
        session->closeGoingAway();
        return;
    }
    // Qt 6.4 cannot refuse an upgrade from the route (upgrade verifiers arrive in 6.8), so a
    // refused session is failed right after the handshake, before its handler runs: the client
    // gets the one failure message and the close (4401, 4403), no stream and no backend call.
    const QNetworkRequest upgrade = session->socket()->request();
    if (const auto refusal = access.checkWebSocket(
            upgrade.rawHeader("Authorization"), upgrade.rawHeader("Sec-WebSocket-Protocol"),
            match.status == 200 ? match.routeTemplate : QString(), session->client(),
            session->socket()->requestUrl().path(QUrl::FullyEncoded))) {
        session->fail(*refusal);
        return;
    }
    if (match.status != 200) {
        session->fail(
            api::ApiError{404, QStringLiteral("No WebSocket endpoint at %1")
                                   .arg(session->socket()->requestUrl().path(QUrl::FullyDecoded))});
        return;
    }
    webSocketHandlers.at(match.routeIndex)(session);
}

bool ApiServer::listen(const QString& address, QString* error) {
    QString message;
    const auto fail = [&](const QString& text) {
        if (error)
            *error = text;
        return false;
    };
    if (address.contains(QLatin1Char('/'))) {
        auto listener = std::make_unique<UnixListener>();
        listener->setHub(d->hub);
        if (!listener->listenOn(address, &message))
            return fail(message);
        // Qt 6.4 has only bind(QTcpServer*); the listener reparents to the QHttpServer.
        d->server->bind(listener.get());
        d->unixListeners.append(listener.release());
        return true;
    }
    QHostAddress host;
    quint16 port = 0;
    if (!parseHostPort(address, &host, &port, &message))
        return fail(message);
    // Guarded listeners: every connection is admitted (limit, ConnectionGuard) before QHttpServer
    // connects to it.
    std::unique_ptr<QTcpServer> tcp;
    if (d->tls) {
        auto ssl = std::make_unique<GuardedSslServer>(d->hub);
        ssl->setSslConfiguration(*d->tls);
        tcp = std::move(ssl);
    } else {
        tcp = std::make_unique<GuardedTcpServer>(d->hub);
    }
    if (!tcp->listen(host, port))
        return fail(QStringLiteral("%1: %2").arg(address, tcp->errorString()));
    d->server->bind(tcp.get());
    d->tcpListeners.append(tcp.release());
    return true;
}

QStringList ApiServer::listeningAddresses() const {
    QStringList out;
    for (const auto& tcp : d->tcpListeners) {
        if (tcp && tcp->isListening())
            out.append(formatHostPort(tcp->serverAddress(), tcp->serverPort()));
    }
    for (const auto& listener : d->unixListeners) {
        if (listener && listener->isListening())
            out.append(listener->path());
    }
    return out;
}

int ApiServer::openStreamCount() const {
    int count = 0;
    for (const auto& session : d->sessions) {
        if (session && session->isOpen())
            ++count;
    }
    for (const auto& stream : d->streams) {
        if (stream && stream->isOpen())
            ++count;
    }
    return count;
}

int ApiServer::openConnectionCount() const {
    // Counted by the guards: every accepted connection from admission until its socket is gone,
    // also after a WebSocket upgrade.
    return d->hub->openConnectionCount();
}

void ApiServer::shutdown(int timeoutMs, std::function<void()> done) {
    d->shuttingDown = true;
    for (const auto& tcp : std::as_const(d->tcpListeners)) {
        if (tcp)
            tcp->close();
    }
    for (const auto& listener : std::as_const(d->unixListeners)) {
        if (listener)
            listener->stop();
    }

    // What must be gone before `done`: every session object (deleted once its socket closed) and
    // the connection of every stream (closed after its last chunk).
    auto waitFor = std::make_shared<QList<QPointer<QObject>>>();
    prune(&d->sessions);
    for (const auto& session : std::as_const(d->sessions)) {
        waitFor->append(session.data());
        session->closeGoingAway();
    }
    prune(&d->streams);
    for (const auto& guarded : std::as_const(d->streams)) {
        ChunkedStream* stream = guarded.data();
        if (!stream)
            continue;
        // end() records the exchange, and a slot on that record could close the connection.
        const QPointer<QTcpSocket> socket(stream->m_socket.data());
        stream->end();
        QTcpSocket* connection = socket.data();
        if (connection && connection->state() != QAbstractSocket::UnconnectedState) {
            waitFor->append(connection);
            // The daemon is going away: close the keep-alive connection after the last chunk.
            connection->disconnectFromHost();
        }
    }

    struct State {
        std::function<void()> done;
        bool fired = false;
    };
    auto state = std::make_shared<State>();
    state->done = std::move(done);
    auto* deadline = new QTimer(this);
    deadline->setSingleShot(true);
    const QPointer<QTimer> timer = deadline;
    const auto finish = [state, timer] {
        if (state->fired)
            return;
        state->fired = true;
        if (timer)
            timer->deleteLater();
        if (state->done)
            state->done();
    };
    const auto check = [waitFor, finish] {
        for (const auto& object : std::as_const(*waitFor)) {
            if (object)
                return;
        }
        finish();
    };
    connect(deadline, &QTimer::timeout, this, finish);
    deadline->start(qMax(0, timeoutMs));
    for (const auto& object : std::as_const(*waitFor)) {
        // Queued: `destroyed` comes from inside the object's destructor, and the QPointer list
        // must see it gone before `check` looks.
        if (object)
            connect(object, &QObject::destroyed, this, check, Qt::QueuedConnection);
    }
    // Always asynchronous, also when nothing is open, so callers see one behaviour.
    QMetaObject::invokeMethod(this, check, Qt::QueuedConnection);
}

} // namespace sockerless::http
