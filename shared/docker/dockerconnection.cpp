#include "docker/dockerconnection.h"

#include "api/httpheaders.h"

#include "docker/dockerreply.h"
#include "docker/httpresponseparser.h"

#include <QAbstractSocket>
#include <QFile>
#include <QLocalSocket>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

namespace sockerless::docker {

namespace {

/// How much is read from the socket and fed to the parser at once: the granularity at which
/// pause() takes effect.
constexpr qint64 kReadSlice = qint64{64} * 1024;
/// The socket's own read buffer. With a limit, a socket whose buffer is full stops reading from
/// the kernel, so a paused reply makes Docker block on its writes instead of growing our memory.
constexpr qint64 kSocketReadBuffer = qint64{64} * 1024;
/// A streamed request body is read in pieces of this size...
constexpr qint64 kBodyPieceSize = qint64{64} * 1024;
/// ...and no more is read while this much is still waiting in the socket: together they keep a
/// tarball upload well under 1 MiB of memory whatever its size.
constexpr qint64 kWriteHighWater = qint64{512} * 1024;
/// An error answer is kept for its `message`; nothing sensible is bigger than this.
constexpr qsizetype kMaxErrorBody = qsizetype{1024} * 1024;
/// Connecting has its own bound, since streams (headerTimeoutMs 0) have no header timeout.
constexpr int kConnectTimeoutMs = 30000;

bool isValidToken(const QByteArray& token) {
    if (token.isEmpty())
        return false;
    for (const char c : token) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f || c == ':' || c == '(' || c == ')' || c == '"')
            return false;
    }
    return true;
}

bool hasLineBreakOrControl(const QByteArray& value) {
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (u == '\r' || u == '\n' || u == 0)
            return true;
    }
    return false;
}

bool isRawStream(const QList<QPair<QByteArray, QByteArray>>& headers) {
    for (const auto& [name, value] : headers) {
        if (name.compare("Content-Type", Qt::CaseInsensitive) != 0)
            continue;
        const QByteArray type = value.trimmed().toLower();
        return type.startsWith("application/vnd.docker.raw-stream") ||
               type.startsWith("application/vnd.docker.multiplexed-stream");
    }
    return false;
}

/// Headers the connection writes itself; a caller's copy would contradict the framing.
bool isManagedHeader(const QByteArray& name) {
    static const char* const managed[] = {"Host",    "Content-Length", "Transfer-Encoding",
                                          "Upgrade", "Connection",     "User-Agent"};
    for (const char* m : managed) {
        if (name.compare(m, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString localSocketReason(QLocalSocket::LocalSocketError error, const QString& fallback) {
    // Qt's texts ("QLocalSocket::connectToServer: Invalid name") say little; these are what the
    // Docker CLI shows for the same errno.
    switch (error) {
    case QLocalSocket::ServerNotFoundError:
        return QStringLiteral("No such file or directory");
    case QLocalSocket::ConnectionRefusedError:
        return QStringLiteral("Connection refused");
    case QLocalSocket::SocketAccessError:
        return QStringLiteral("Permission denied");
    default:
        return fallback;
    }
}

QString tcpSocketReason(QAbstractSocket::SocketError error, const QString& fallback) {
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return QStringLiteral("Connection refused");
    case QAbstractSocket::HostNotFoundError:
        return QStringLiteral("host not found");
    default:
        return fallback;
    }
}

} // namespace

DockerConnection::DockerConnection(const DockerEndpoint& endpoint, QObject* parent)
    : QObject(parent)
    , m_endpoint(endpoint)
    , m_endpointText(endpoint.toString()) {
    HttpResponseParser::Callbacks callbacks;
    // The callbacks only record: delivering (and so running consumer code, which may delete
    // the reply, the client or us) happens after feed() returned.
    callbacks.onHeaders = [this](int status, const QList<QPair<QByteArray, QByteArray>>& headers) {
        const bool upgrade = m_ex.reply && m_ex.request.upgrade &&
                             (status == 101 || (status == 200 && isRawStream(headers)));
        if (upgrade)
            m_ex.upgraded = true;
        // The answer is here even if a paused reply hears of it later.
        m_ex.headersDone = true;
        m_headerTimer->stop();
        ParserEvent event;
        event.type = ParserEvent::Type::Headers;
        event.status = status;
        event.headers = headers;
        m_queue.push_back(std::move(event));
        return !upgrade;
    };
    callbacks.onBody = [this](const QByteArray& piece) {
        ParserEvent event;
        event.type = ParserEvent::Type::Body;
        event.piece = piece;
        m_queue.push_back(std::move(event));
    };
    callbacks.onComplete = [this](bool keepAlive) {
        ParserEvent event;
        event.type = ParserEvent::Type::Complete;
        event.keepAlive = keepAlive;
        m_queue.push_back(std::move(event));
    };
    m_parser = std::make_unique<HttpResponseParser>(std::move(callbacks));

    m_headerTimer = new QTimer(this);
    m_headerTimer->setSingleShot(true);
    connect(m_headerTimer, &QTimer::timeout, this,
            [this] { guarded([this] { onHeaderTimeout(); }); });
    m_connectTimer = new QTimer(this);
    m_connectTimer->setSingleShot(true);
    connect(m_connectTimer, &QTimer::timeout, this,
            [this] { guarded([this] { onConnectTimeout(); }); });
    createSocket();
}

DockerConnection::~DockerConnection() {
    resetExchange();
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        if (m_local)
            m_local->abort();
        else if (m_tcp)
            m_tcp->abort();
    }
    if (m_callbackDepth > 0) {
        // We are being destroyed from inside a slot that the socket or a timer is running (a
        // consumer deleted the client in a finished handler): they still have code to run after
        // our slot returns, so they must outlive this frame.
        for (QObject* child :
             {static_cast<QObject*>(m_socket), static_cast<QObject*>(m_headerTimer),
              static_cast<QObject*>(m_connectTimer)}) {
            if (!child)
                continue;
            child->disconnect(this);
            child->setParent(nullptr);
            child->deleteLater();
        }
        if (m_headerTimer)
            m_headerTimer->stop();
        if (m_connectTimer)
            m_connectTimer->stop();
    }
}

void DockerConnection::guarded(const std::function<void()>& slot) {
    const QPointer<DockerConnection> self(this);
    ++m_callbackDepth;
    slot();
    if (self)
        --m_callbackDepth;
}

void DockerConnection::createSocket() {
    if (m_endpoint.kind == DockerEndpoint::Kind::Unix) {
        auto* socket = new QLocalSocket(this);
        socket->setReadBufferSize(kSocketReadBuffer);
        connect(socket, &QLocalSocket::connected, this,
                [this] { guarded([this] { onConnected(); }); });
        connect(socket, &QLocalSocket::errorOccurred, this,
                [this, socket](QLocalSocket::LocalSocketError error) {
                    guarded([&] {
                        onSocketError(localSocketReason(error, socket->errorString()),
                                      error == QLocalSocket::PeerClosedError);
                    });
                });
        connect(socket, &QLocalSocket::disconnected, this,
                [this] { guarded([this] { onSocketDisconnected(); }); });
        m_local = socket;
        m_socket = socket;
    } else {
        QTcpSocket* socket = nullptr;
        if (m_endpoint.tls) {
            auto* ssl = new QSslSocket(this);
            connect(ssl, &QSslSocket::encrypted, this,
                    [this] { guarded([this] { onConnected(); }); });
            socket = ssl;
        } else {
            socket = new QTcpSocket(this);
            connect(socket, &QTcpSocket::connected, this,
                    [this] { guarded([this] { onConnected(); }); });
        }
        socket->setReadBufferSize(kSocketReadBuffer);
        connect(socket, &QAbstractSocket::errorOccurred, this,
                [this, socket](QAbstractSocket::SocketError error) {
                    guarded([&] {
                        onSocketError(tcpSocketReason(error, socket->errorString()),
                                      error == QAbstractSocket::RemoteHostClosedError);
                    });
                });
        connect(socket, &QAbstractSocket::disconnected, this,
                [this] { guarded([this] { onSocketDisconnected(); }); });
        m_tcp = socket;
        m_socket = socket;
    }
    connect(m_socket, &QIODevice::readyRead, this, [this] { guarded([this] { processInput(); }); });
    connect(m_socket, &QIODevice::bytesWritten, this,
            [this] { guarded([this] { onBytesWritten(); }); });
}

bool DockerConnection::isReusable() const {
    if (m_phase != Phase::Ready || m_ex.reply || m_eof || m_unexpectedInput)
        return false;
    if (m_local && m_local->state() != QLocalSocket::ConnectedState)
        return false;
    if (m_tcp && m_tcp->state() != QAbstractSocket::ConnectedState)
        return false;
    return m_socket->bytesAvailable() == 0 && !m_parser->inResponse() && !m_parser->hasError() &&
           !m_parser->isStopped();
}

void DockerConnection::start(DockerReply* reply, const DockerRequest& request,
                             const QByteArray& target, bool mayRetry) {
    resetExchange();
    m_ex.reply = reply;
    m_ex.request = request;
    m_ex.target = target;
    m_ex.mayRetry = mayRetry;
    m_paused = reply->m_paused;
    reply->m_connection = this;
    m_parser->expectNoBody(request.method == "HEAD");
    if (!m_beginScheduled) {
        m_beginScheduled = true;
        // Connecting a QLocalSocket to a missing path reports the error synchronously: starting
        // on the next pass keeps every signal of the reply after send() returned.
        QMetaObject::invokeMethod(this, &DockerConnection::begin, Qt::QueuedConnection);
    }
}

void DockerConnection::begin() {
    m_beginScheduled = false;
    if (!m_ex.reply || m_phase == Phase::Closed)
        return;
    if (m_ex.request.headerTimeoutMs > 0)
        m_headerTimer->start(m_ex.request.headerTimeoutMs);
    if (m_phase == Phase::Ready) {
        const QPointer<DockerConnection> self(this);
        writeRequest();
        // A reused connection may have seen its peer go while idle.
        if (self && m_phase == Phase::Ready && (m_eof || m_socket->bytesAvailable() > 0))
            processInput();
    } else if (m_phase == Phase::Unconnected) {
        connectSocket();
    }
}

void DockerConnection::connectSocket() {
    m_phase = Phase::Connecting;
    m_connectTimer->start(kConnectTimeoutMs);
    if (m_local) {
        // May fail synchronously (missing path); nothing below may touch `this` afterwards.
        m_local->connectToServer(m_endpoint.socketPath);
        return;
    }
    if (auto* ssl = qobject_cast<QSslSocket*>(m_tcp)) {
        if (!QSslSocket::supportsSsl()) {
            failExchange(DockerError::Kind::Unreachable,
                         QStringLiteral("TLS is not available in this build"));
            return;
        }
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        const QString dir = m_endpoint.certPath;
        if (m_endpoint.tlsVerify) {
            const QString caPath = dir + QStringLiteral("/ca.pem");
            const QList<QSslCertificate> ca = QSslCertificate::fromPath(caPath);
            if (ca.isEmpty()) {
                failExchange(DockerError::Kind::Unreachable,
                             QStringLiteral("cannot read the CA certificate %1").arg(caPath));
                return;
            }
            config.setCaCertificates(ca);
            config.setPeerVerifyMode(QSslSocket::VerifyPeer);
        } else {
            config.setPeerVerifyMode(QSslSocket::VerifyNone);
        }
        // Like Docker's CLI: the client certificate is presented whenever it is there.
        QFile certFile(dir + QStringLiteral("/cert.pem"));
        QFile keyFile(dir + QStringLiteral("/key.pem"));
        if (!dir.isEmpty() && certFile.open(QIODevice::ReadOnly) &&
            keyFile.open(QIODevice::ReadOnly)) {
            const QByteArray keyPem = keyFile.readAll();
            QSslKey key(keyPem, QSsl::Rsa);
            if (key.isNull())
                key = QSslKey(keyPem, QSsl::Ec);
            const QList<QSslCertificate> certs = QSslCertificate::fromData(certFile.readAll());
            if (!certs.isEmpty() && !key.isNull()) {
                config.setLocalCertificate(certs.first());
                config.setPrivateKey(key);
            } else if (m_endpoint.tlsVerify) {
                failExchange(
                    DockerError::Kind::Unreachable,
                    QStringLiteral("cannot read the client certificate or key in %1").arg(dir));
                return;
            }
        }
        ssl->setSslConfiguration(config);
        ssl->connectToHostEncrypted(m_endpoint.host, m_endpoint.port);
        return;
    }
    m_tcp->connectToHost(m_endpoint.host, m_endpoint.port);
}

void DockerConnection::onConnected() {
    if (m_phase == Phase::Closed)
        return;
    m_phase = Phase::Ready;
    m_connectTimer->stop();
    if (m_ex.reply)
        writeRequest();
    else
        close(); // the exchange went away while we connected
}

void DockerConnection::onSocketError(const QString& reason, bool peerClosed) {
    if (m_phase == Phase::Closed)
        return;
    if (m_phase != Phase::Ready) {
        if (m_ex.reply)
            failExchange(DockerError::Kind::Unreachable, reason);
        else
            close();
        return;
    }
    // Once connected, every socket error ends the stream; what was received before it is still
    // handled (processInput handles the end after the data).
    if (!peerClosed && m_eofReason.isEmpty())
        m_eofReason = reason;
    m_eof = true;
    processInput();
}

void DockerConnection::onSocketDisconnected() {
    if (m_phase == Phase::Closed)
        return;
    if (m_phase != Phase::Ready) {
        onSocketError(QStringLiteral("the connection was closed"), true);
        return;
    }
    m_eof = true;
    processInput();
}

void DockerConnection::onHeaderTimeout() {
    if (!m_ex.reply || m_ex.headersDone)
        return;
    failExchange(
        DockerError::Kind::Timeout,
        QStringLiteral("no response headers within %1 ms").arg(m_ex.request.headerTimeoutMs));
}

void DockerConnection::onConnectTimeout() {
    if (m_phase != Phase::Connecting)
        return;
    if (m_ex.reply)
        failExchange(DockerError::Kind::Unreachable, QStringLiteral("connection timed out"));
    else
        close();
}

void DockerConnection::writeRequest() {
    const DockerRequest& request = m_ex.request;
    if (!isValidToken(request.method) || !request.path.startsWith('/') ||
        hasLineBreakOrControl(m_ex.target) || m_ex.target.contains(' ')) {
        failExchange(DockerError::Kind::Protocol, QStringLiteral("invalid request line: %1 %2")
                                                      .arg(QString::fromLatin1(request.method),
                                                           QString::fromLatin1(m_ex.target)));
        return;
    }
    const bool device = !request.bodyDevice.isNull();
    if (device && !request.bodyDevice->isReadable()) {
        failExchange(DockerError::Kind::Protocol,
                     QStringLiteral("the request body device is not open for reading"));
        return;
    }

    QByteArray head;
    head.reserve(256 + 64 * request.headers.size());
    head += request.method + ' ' + m_ex.target + " HTTP/1.1\r\n";
    head += "Host: docker\r\nUser-Agent: sockerless/" SOCKERLESS_VERSION "\r\n";
    for (const auto& [name, value] : request.headers) {
        if (!isValidToken(name) || hasLineBreakOrControl(value)) {
            failExchange(
                DockerError::Kind::Protocol,
                QStringLiteral("invalid request header %1").arg(QString::fromLatin1(name)));
            return;
        }
        if (!isManagedHeader(name))
            head += name + ": " + value + "\r\n";
    }
    const bool hasBody = device || !request.body.isEmpty();
    if (hasBody && !api::hasHeader(request.headers, "Content-Type")) {
        const QByteArray type =
            request.contentType.isEmpty() ? QByteArray("application/json") : request.contentType;
        if (hasLineBreakOrControl(type)) {
            failExchange(DockerError::Kind::Protocol, QStringLiteral("invalid content type"));
            return;
        }
        head += "Content-Type: " + type + "\r\n";
    }
    if (request.upgrade)
        head += "Connection: Upgrade\r\nUpgrade: tcp\r\n";
    if (device)
        head += "Transfer-Encoding: chunked\r\n";
    else if (hasBody || (request.method != "GET" && request.method != "HEAD"))
        head += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
    head += "\r\n";

    // Head and body go separately: the body's shared data goes to the socket as it is.
    m_socket->write(head);
    if (!request.body.isEmpty() && !device)
        m_socket->write(request.body);
    m_ex.requestWritten = true;
    if (!device) {
        m_ex.bodyDone = true;
        flushNow();
        return;
    }
    QIODevice* source = request.bodyDevice;
    connect(source, &QIODevice::readyRead, this, &DockerConnection::pumpBody);
    connect(source, &QIODevice::readChannelFinished, this, [this] {
        m_ex.deviceFinished = true;
        pumpBody();
    });
    // A device destroyed before its end must fail the request, not leave Docker waiting; queued
    // because the device is mid-destruction here.
    connect(source, &QObject::destroyed, this, [this] {
        QMetaObject::invokeMethod(this, &DockerConnection::pumpBody, Qt::QueuedConnection);
    });
    pumpBody();
}

bool DockerConnection::bodyDeviceAtEnd() const {
    QIODevice* device = m_ex.request.bodyDevice;
    if (!device->isOpen())
        return true;
    if (!device->isSequential())
        return device->atEnd();
    if (device->bytesAvailable() > 0)
        return false;
    if (m_ex.deviceFinished)
        return true;
    // Devices whose end came before we connected to readChannelFinished.
    if (auto* process = qobject_cast<QProcess*>(device))
        return process->state() == QProcess::NotRunning;
    if (auto* socket = qobject_cast<QAbstractSocket*>(device))
        return socket->state() == QAbstractSocket::UnconnectedState;
    if (auto* socket = qobject_cast<QLocalSocket*>(device))
        return socket->state() == QLocalSocket::UnconnectedState;
    return false;
}

void DockerConnection::flushNow() {
    // Qt's sockets write buffered data only when the event loop reports the socket writable: one
    // more pass per request. A whole request goes out now, without waiting for it (flush() never
    // blocks; what the kernel does not take is written on that pass as before).
    // QSslSocket::flush() hides the non-virtual QAbstractSocket::flush(): call the right one.
    if (m_local)
        m_local->flush();
    else if (auto* ssl = qobject_cast<QSslSocket*>(m_tcp))
        ssl->flush();
    else if (m_tcp)
        m_tcp->flush();
}

void DockerConnection::pumpBody() {
    if (!m_ex.reply || !m_ex.requestWritten || m_ex.bodyDone || m_phase != Phase::Ready)
        return;
    QIODevice* device = m_ex.request.bodyDevice;
    if (!device) {
        failExchange(DockerError::Kind::Aborted,
                     QStringLiteral("the request body device was destroyed before its end"));
        return;
    }
    while (socketBytesToWrite() < kWriteHighWater) {
        const QByteArray piece = device->read(kBodyPieceSize);
        if (!piece.isEmpty()) {
            m_socket->write(QByteArray::number(piece.size(), 16) + "\r\n");
            m_socket->write(piece);
            m_socket->write("\r\n");
            continue;
        }
        if (bodyDeviceAtEnd()) {
            m_socket->write("0\r\n\r\n");
            m_ex.bodyDone = true;
            disconnect(device, nullptr, this, nullptr);
        }
        return; // otherwise readyRead / readChannelFinished bring the rest
    }
    // The socket holds enough: bytesWritten brings us back.
}

void DockerConnection::onBytesWritten() {
    pumpBody();
    tryHalfClose();
}

void DockerConnection::tryHalfClose() {
    if (!m_ex.closeWritePending || m_phase != Phase::Ready || socketBytesToWrite() > 0)
        return;
    m_ex.closeWritePending = false;
    m_ex.writeClosed = true;
    // Qt has no half-close: disconnectFromServer()/close() end both directions, but the
    // process must see stdin EOF while its output still flows back. shutdown(SHUT_WR) on the
    // descriptor sends the FIN and leaves the read side alone. (With TLS this skips the
    // close_notify alert, which Qt cannot send without closing the read side too.)
    const qintptr fd = socketDescriptor();
    if (fd >= 0)
        ::shutdown(static_cast<int>(fd), SHUT_WR);
}

qint64 DockerConnection::socketBytesToWrite() const {
    if (m_local)
        return m_local->bytesToWrite();
    if (auto* ssl = qobject_cast<QSslSocket*>(m_tcp))
        return ssl->bytesToWrite() + ssl->encryptedBytesToWrite();
    return m_tcp ? m_tcp->bytesToWrite() : 0;
}

qintptr DockerConnection::socketDescriptor() const {
    if (m_local)
        return m_local->socketDescriptor();
    return m_tcp ? m_tcp->socketDescriptor() : -1;
}

void DockerConnection::setPaused(bool paused) {
    if (m_paused == paused)
        return;
    m_paused = paused;
    // Data that arrived while paused raises no new readyRead: look again once resumed.
    if (!paused)
        scheduleProcessInput();
}

void DockerConnection::scheduleProcessInput() {
    if (m_processScheduled)
        return;
    m_processScheduled = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_processScheduled = false;
            if (m_phase == Phase::Ready)
                processInput();
        },
        Qt::QueuedConnection);
}

void DockerConnection::processInput() {
    if (m_processing || m_phase != Phase::Ready)
        return;
    const QPointer<DockerConnection> self(this);
    m_processing = true;
    for (;;) {
        if (!m_queue.empty()) {
            // What the parser already reported goes out before anything new is read.
            drainQueue();
            if (!self)
                return;
            if (m_phase != Phase::Ready || m_paused)
                break;
            continue;
        }
        if (m_paused || m_socket->bytesAvailable() <= 0)
            break;
        const QByteArray slice = m_socket->read(kReadSlice);
        if (slice.isEmpty())
            break;
        handleSlice(slice);
        if (m_phase != Phase::Ready)
            break;
    }
    m_processing = false;
    if (m_eof && !m_paused && m_phase == Phase::Ready && m_queue.empty() &&
        m_socket->bytesAvailable() == 0)
        handleEof();
}

void DockerConnection::handleSlice(const QByteArray& slice) {
    if (!m_ex.reply) {
        // Docker never speaks unasked: whatever this is, the connection cannot be trusted.
        m_unexpectedInput = true;
        close();
        return;
    }
    m_ex.responseStarted = true;
    if (m_ex.upgraded) {
        pushEvent(ParserEvent::Type::Raw, slice);
        return;
    }
    const qsizetype consumed = m_parser->feed(slice);
    if (m_parser->hasError()) {
        pushEvent(ParserEvent::Type::Error, {}, m_parser->errorString());
    } else if (m_parser->isStopped()) {
        if (!m_ex.upgraded)
            pushEvent(ParserEvent::Type::Error, {},
                      QStringLiteral("Docker switched protocols on a request that did "
                                     "not ask for it"));
        else if (consumed < slice.size())
            // Raw stream bytes that came in the same read as the 101's headers.
            pushEvent(ParserEvent::Type::Raw, slice.mid(consumed));
    }
}

void DockerConnection::pushEvent(ParserEvent::Type type, const QByteArray& piece,
                                 const QString& message) {
    // Body pieces parsed from one read go out as one: a log of 1 KiB chunks otherwise became one
    // signal, one WebSocket message or one HTTP chunk per line downstream (bench/: logs).
    if (type == ParserEvent::Type::Body && !m_queue.empty() &&
        m_queue.back().type == ParserEvent::Type::Body) {
        m_queue.back().piece.append(piece);
        return;
    }
    ParserEvent event;
    event.type = type;
    event.piece = piece;
    event.message = message;
    m_queue.push_back(std::move(event));
}

void DockerConnection::drainQueue() {
    const QPointer<DockerConnection> self(this);
    while (self && !m_queue.empty() && !m_paused && m_phase == Phase::Ready) {
        ParserEvent event = std::move(m_queue.front());
        m_queue.pop_front();
        deliver(event);
    }
}

void DockerConnection::deliver(const ParserEvent& event) {
    DockerReply* const reply = m_ex.reply.data();
    if (!reply) {
        // The exchange ended and more came: an answer nobody asked for.
        m_unexpectedInput = true;
        close();
        return;
    }
    switch (event.type) {
    case ParserEvent::Type::Headers:
        m_ex.errorStatus = !m_ex.upgraded && (event.status >= 400 || event.status == 304);
        if (m_ex.upgraded) {
            // Writes made before Docker switched protocols, then a half-close asked early.
            for (const QByteArray& bytes : std::exchange(reply->m_pendingWrites, {}))
                m_socket->write(bytes);
            if (reply->m_writeClosed)
                closeWrite();
        }
        {
            const QPointer<DockerReply> guard(reply);
            const QPointer<DockerConnection> self(this);
            reply->deliverHeaders(event.status, event.headers);
            if (self && guard && m_ex.reply == guard && m_ex.upgraded)
                reply->deliverUpgraded();
        }
        break;
    case ParserEvent::Type::Body:
        if (m_ex.errorStatus) {
            if (m_ex.errorBody.size() < kMaxErrorBody)
                m_ex.errorBody.append(event.piece.left(kMaxErrorBody - m_ex.errorBody.size()));
        } else if (reply->m_streaming) {
            reply->deliverData(event.piece);
        } else {
            reply->m_body.append(event.piece);
        }
        break;
    case ParserEvent::Type::Raw:
        reply->deliverData(event.piece);
        break;
    case ParserEvent::Type::Complete:
        // Anything after the end of the answer was never asked for: do not reuse.
        if (!m_queue.empty())
            m_unexpectedInput = true;
        finishExchange(event.keepAlive);
        break;
    case ParserEvent::Type::Error:
        failExchange(DockerError::Kind::Protocol, event.message);
        break;
    }
}

void DockerConnection::handleEof() {
    if (m_phase == Phase::Closed)
        return;
    if (!m_ex.reply) {
        close(); // an idle connection that Docker closed
        return;
    }
    const QString why =
        m_eofReason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(m_eofReason);
    if (m_ex.upgraded) {
        // Docker closed the hijacked stream: the process is done.
        const QPointer<DockerConnection> self(this);
        finishExchange(false);
        if (self)
            close();
        return;
    }
    if (!m_ex.responseStarted) {
        if (m_ex.mayRetry) {
            // A kept-alive connection Docker had already dropped: the request never reached
            // it, and GET/HEAD may be sent again.
            DockerReply* reply = m_ex.reply;
            const DockerRequest request = m_ex.request;
            const QByteArray target = m_ex.target;
            resetExchange();
            // Before close(): the pool stops listening to a closed connection.
            emit retryRequested(this, reply, request, target);
            close();
            return;
        }
        failExchange(DockerError::Kind::Protocol,
                     QStringLiteral("connection closed before any answer%1").arg(why));
        return;
    }
    if (!m_eofFed) {
        // Completes a read-until-close body (a Complete event), or says it was cut short.
        m_eofFed = true;
        if (!m_parser->finishAtEof())
            pushEvent(ParserEvent::Type::Error, {},
                      QStringLiteral("connection closed mid-response%1").arg(why));
        const QPointer<DockerConnection> self(this);
        drainQueue();
        if (!self || m_phase != Phase::Ready || !m_queue.empty())
            return; // paused: processInput comes back here once resumed
    }
    if (m_ex.reply) {
        failExchange(DockerError::Kind::Protocol,
                     QStringLiteral("connection closed mid-response%1").arg(why));
        return;
    }
    close();
}

void DockerConnection::finishExchange(bool keepAlive) {
    DockerReply* reply = m_ex.reply;
    const bool reusable = keepAlive && !reply->m_streaming && m_ex.bodyDone && !m_ex.upgraded &&
                          m_phase == Phase::Ready && !m_eof && !m_unexpectedInput &&
                          !m_parser->hasError() && !m_parser->inResponse() &&
                          !m_parser->isStopped() && m_socket->bytesAvailable() == 0;
    const bool errorStatus = m_ex.errorStatus;
    const QByteArray errorBody = m_ex.errorBody;
    const int status = reply->m_status;
    resetExchange();
    // Back to the pool before the reply reports: a request sent from a finished handler can
    // then reuse this connection.
    emit released(this, reusable);
    if (errorStatus)
        reply->fail(DockerError::fromHttp(status, errorBody, m_endpointText));
    else
        reply->complete();
}

void DockerConnection::failExchange(DockerError::Kind kind, const QString& message) {
    DockerReply* reply = m_ex.reply;
    DockerError error;
    error.kind = kind;
    error.message = message;
    error.endpoint = m_endpointText;
    resetExchange();
    close();
    if (reply)
        reply->fail(error);
}

void DockerConnection::resetExchange() {
    if (DockerReply* reply = m_ex.reply.data(); reply && reply->m_connection == this)
        reply->m_connection = nullptr;
    if (QIODevice* device = m_ex.request.bodyDevice)
        disconnect(device, nullptr, this, nullptr);
    if (m_headerTimer)
        m_headerTimer->stop();
    m_ex = Exchange{};
    m_queue.clear();
    m_eofFed = false;
    m_paused = false;
}

void DockerConnection::abortExchange() {
    resetExchange();
    close();
}

void DockerConnection::detachReply(DockerReply* reply) {
    if (m_ex.reply != reply)
        return;
    resetExchange();
    close();
}

void DockerConnection::writeRaw(const QByteArray& data) {
    if (!m_ex.reply || !m_ex.upgraded || m_ex.writeClosed || m_ex.closeWritePending ||
        m_phase != Phase::Ready)
        return;
    m_socket->write(data);
}

void DockerConnection::closeWrite() {
    if (!m_ex.reply || !m_ex.upgraded || m_ex.writeClosed || m_phase != Phase::Ready)
        return;
    m_ex.closeWritePending = true;
    tryHalfClose();
}

void DockerConnection::close() {
    if (m_phase == Phase::Closed)
        return;
    if (m_ex.reply) {
        failExchange(DockerError::Kind::Protocol,
                     QStringLiteral("the connection to Docker was closed"));
        return;
    }
    m_phase = Phase::Closed;
    m_headerTimer->stop();
    m_connectTimer->stop();
    disconnect(m_socket, nullptr, this, nullptr);
    if (m_local) {
        m_local->abort();
    } else if (m_tcp) {
        m_tcp->abort();
    }
    emit closed(this);
}

} // namespace sockerless::docker
