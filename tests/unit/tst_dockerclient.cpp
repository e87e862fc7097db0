// DockerClient against a fake Docker: a QLocalServer in the test process that parses each request
// with libhttp-parser and answers what the test wants, byte for byte (split writes, broken
// answers, early closes, hijacked streams).

#include "api/httpheaders.h"
#include "docker/dockerclient.h"

#include <QBuffer>
#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QPointer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <http_parser.h>
#include <map>
#include <memory>

using sockerless::docker::DockerClient;
using sockerless::docker::DockerEndpoint;
using sockerless::docker::DockerError;
using sockerless::docker::DockerReply;
using sockerless::docker::DockerRequest;

namespace {

/// One request as the fake Docker saw it.
struct FakeRequest {
    QByteArray method;
    QByteArray target;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int connection = 0; ///< 1 for the first connection the server accepted, 2 for the next ...

    QByteArray header(const QByteArray& name) const {
        return sockerless::api::headerValue(headers, name);
    }
};

/// A fake Docker on a Unix socket. Each complete request goes to `onRequest` (after `/_ping`,
/// which it answers itself with `API-Version: apiVersion` unless `answerPing` is off); once a
/// request was upgraded, the bytes that follow go to `onRaw`.
class FakeDocker : public QObject {
    Q_OBJECT
public:
    using RequestHandler = std::function<void(QLocalSocket* socket, const FakeRequest& request)>;
    using RawHandler = std::function<void(QLocalSocket* socket, const QByteArray& bytes)>;

    FakeDocker() {
        m_path = m_dir.path() + QStringLiteral("/docker.sock");
        connect(&m_server, &QLocalServer::newConnection, this, &FakeDocker::accept);
    }

    ~FakeDocker() override {
        // The sockets outlive our members (they are children of the server): no more slots.
        for (const auto& entry : m_connections)
            disconnect(entry.first, nullptr, this, nullptr);
    }

    bool listen() { return m_server.listen(m_path); }
    QString path() const { return m_path; }
    DockerEndpoint endpoint() const {
        DockerEndpoint endpoint;
        endpoint.kind = DockerEndpoint::Kind::Unix;
        endpoint.socketPath = m_path;
        return endpoint;
    }

    RequestHandler onRequest = [](QLocalSocket* socket, const FakeRequest&) {
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                      "Content-Length: 2\r\n\r\n{}");
    };
    RawHandler onRaw;
    QByteArray apiVersion = "1.41";
    bool answerPing = true;

    QList<FakeRequest> requests;
    int connections = 0;
    int disconnects = 0;

    /// Requests other than the automatic `/_ping`.
    QList<FakeRequest> apiRequests() const {
        QList<FakeRequest> result;
        for (const FakeRequest& request : requests) {
            if (!request.target.endsWith("/_ping"))
                result.append(request);
        }
        return result;
    }

signals:
    void requestReceived();
    void clientDisconnected();

private:
    struct Connection {
        FakeDocker* server = nullptr;
        QLocalSocket* socket = nullptr;
        int index = 0;
        http_parser parser{};
        FakeRequest current;
        QByteArray url;
        bool lastWasValue = false;
        bool raw = false;
        QList<FakeRequest> complete;
    };

    static Connection* of(http_parser* parser) { return static_cast<Connection*>(parser->data); }

    static const http_parser_settings& settings() {
        static const http_parser_settings s = [] {
            http_parser_settings init{};
            http_parser_settings_init(&init);
            init.on_message_begin = [](http_parser* p) {
                Connection* c = of(p);
                c->current = FakeRequest{};
                c->current.connection = c->index;
                c->lastWasValue = false;
                return 0;
            };
            init.on_url = [](http_parser* p, const char* at, size_t length) {
                of(p)->current.target.append(at, qsizetype(length));
                return 0;
            };
            init.on_header_field = [](http_parser* p, const char* at, size_t length) {
                Connection* c = of(p);
                if (c->lastWasValue || c->current.headers.isEmpty())
                    c->current.headers.append({QByteArray(at, qsizetype(length)), QByteArray()});
                else
                    c->current.headers.last().first.append(at, qsizetype(length));
                c->lastWasValue = false;
                return 0;
            };
            init.on_header_value = [](http_parser* p, const char* at, size_t length) {
                Connection* c = of(p);
                c->current.headers.last().second.append(at, qsizetype(length));
                c->lastWasValue = true;
                return 0;
            };
            init.on_body = [](http_parser* p, const char* at, size_t length) {
                of(p)->current.body.append(at, qsizetype(length));
                return 0;
            };
            init.on_message_complete = [](http_parser* p) {
                Connection* c = of(p);
                c->current.method = http_method_str(http_method(p->method));
                c->complete.append(c->current);
                return 0;
            };
            return init;
        }();
        return s;
    }

    void accept() {
        while (QLocalSocket* socket = m_server.nextPendingConnection()) {
            auto connection = std::make_unique<Connection>();
            connection->server = this;
            connection->socket = socket;
            connection->index = ++connections;
            http_parser_init(&connection->parser, HTTP_REQUEST);
            connection->parser.data = connection.get();
            Connection* c = connection.get();
            m_connections[socket] = std::move(connection);
            connect(socket, &QLocalSocket::readyRead, this, [this, c] { read(c); });
            connect(socket, &QLocalSocket::disconnected, this, [this, socket] {
                ++disconnects;
                m_connections.erase(socket);
                socket->deleteLater();
                emit clientDisconnected();
            });
        }
    }

    void read(Connection* c) {
        const QByteArray bytes = c->socket->readAll();
        if (c->raw) {
            if (onRaw)
                onRaw(c->socket, bytes);
            return;
        }
        const size_t parsed =
            http_parser_execute(&c->parser, &settings(), bytes.constData(), size_t(bytes.size()));
        const QList<FakeRequest> done = std::exchange(c->complete, {});
        QLocalSocket* socket = c->socket;
        const bool upgraded = c->parser.upgrade != 0;
        if (upgraded)
            c->raw = true;
        else if (HTTP_PARSER_ERRNO(&c->parser) != HPE_OK)
            qWarning("fake Docker: bad request: %s",
                     http_errno_description(HTTP_PARSER_ERRNO(&c->parser)));
        for (const FakeRequest& request : done) {
            requests.append(request);
            emit requestReceived();
            if (answerPing && request.target == "/_ping") {
                QByteArray answer = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n";
                if (!apiVersion.isEmpty())
                    answer += "Api-Version: " + apiVersion + "\r\n";
                answer += "Content-Length: 2\r\n\r\nOK";
                socket->write(answer);
            } else if (onRequest) {
                onRequest(socket, request);
            }
        }
        // The handler may have closed the socket (and the connection state with it).
        if (upgraded && m_connections.count(socket) && parsed < size_t(bytes.size()) && onRaw)
            onRaw(socket, bytes.mid(qsizetype(parsed)));
    }

    QTemporaryDir m_dir;
    QString m_path;
    QLocalServer m_server;
    std::map<QLocalSocket*, std::unique_ptr<Connection>> m_connections;
};

/// Everything a reply reported, in order.
struct Watch {
    int headers = 0;
    int upgraded = 0;
    int finished = 0;
    int failed = 0;
    int status = 0;
    QByteArray data;
    int dataSignals = 0;
    DockerError error;
    QStringList order;

    void attach(DockerReply* reply, QObject* context) {
        QObject::connect(reply, &DockerReply::headersReceived, context, [this](int code) {
            ++headers;
            status = code;
            order << QStringLiteral("headers");
        });
        QObject::connect(reply, &DockerReply::upgraded, context, [this] {
            ++upgraded;
            order << QStringLiteral("upgraded");
        });
        QObject::connect(reply, &DockerReply::data, context, [this](const QByteArray& piece) {
            data += piece;
            ++dataSignals;
        });
        QObject::connect(reply, &DockerReply::finished, context, [this] {
            ++finished;
            order << QStringLiteral("finished");
        });
        QObject::connect(reply, &DockerReply::failed, context, [this](const DockerError& e) {
            ++failed;
            error = e;
            order << QStringLiteral("failed");
        });
    }
    bool done() const { return finished + failed > 0; }
};

DockerRequest get(const QByteArray& path) {
    DockerRequest request;
    request.path = path;
    return request;
}

QByteArray okJson(const QByteArray& body, const QByteArray& extraHeaders = {}) {
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + extraHeaders +
           "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QByteArray chunk(const QByteArray& piece) {
    return QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n";
}

/// Test certificates (EC P-256, valid until 2126): a CA, a server certificate for 127.0.0.1 and
/// localhost and a client certificate signed by it, and an unrelated CA.
const char kCaPem[] = R"(-----BEGIN CERTIFICATE-----
MIIBkjCCATegAwIBAgIULOJUWbmtcHMPoaQSLZyolUXdZPQwCgYIKoZIzj0EAwIw
HTEbMBkGA1UEAwwSc29ja2VybGVzcyB0ZXN0IENBMCAXDTI2MTEyODEzMjY0MFoY
DzIxMjYxMTA0MTMyNjQwWjAdMRswGQYDVQQDDBJzb2NrZXJsZXNzIHRlc3QgQ0Ew
WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQCtyyf5wpqzl4cU52UlxqpaviQgGsW
EdFqlg2rNPAF5tmt+7UPPYVlnqs5ELZJ4I+lJn24MSqABgbPfM89vrQoo1MwUTAd
BgNVHQ4EFgQUTulivC4+yjK3hsXZ4iPHlcRTHwYwHwYDVR0jBBgwFoAUTulivC4+
yjK3hsXZ4iPHlcRTHwYwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNJADBG
AiEA5DQwiDJ1POKMGEY/KcCaG3ppA6GkAqusGib3HM4wvB4CIQCxW3zoomh0Ffrj
tD1EO0iHQ5tF+CRtFMoTkYDqmxLJTQ==
-----END CERTIFICATE-----
)";
const char kOtherCaPem[] = R"(-----BEGIN CERTIFICATE-----
MIIBgTCCASegAwIBAgIUBuWTuhjBGefARlwwcRJdCFcPFhowCgYIKoZIzj0EAwIw
FTETMBEGA1UEAwwKYW5vdGhlciBDQTAgFw0yNjExMjgxMzI2NDBaGA8yMTI2MTEw
NDEzMjY0MFowFTETMBEGA1UEAwwKYW5vdGhlciBDQTBZMBMGByqGSM49AgEGCCqG
SM49AwEHA0IABDPSZcptzlvidLTma9swqhoczwPa+x4RKMA+aCWo63U76zPdlgK9
jhzPmDEbmVw8NIHC0E0AV8QNIa/UvwDHmwOjUzBRMB0GA1UdDgQWBBRFrkU4mgAZ
qdP1htt7aJGiDz54yjAfBgNVHSMEGDAWgBRFrkU4mgAZqdP1htt7aJGiDz54yjAP
BgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIQCWQW67pj8mnFM8A/Fu
gWKowA0+ndN6T8RxnEmUMSh//gIgEZV7rjx6B7Ad9Nwm0f23fNiSeBega3JHcuJo
8JuemYE=
-----END CERTIFICATE-----
)";
const char kServerPem[] = R"(-----BEGIN CERTIFICATE-----
MIIBqDCCAU6gAwIBAgIUBZgpc1/OrB1w/0dwd1FU6QY+T/EwCgYIKoZIzj0EAwIw
HTEbMBkGA1UEAwwSc29ja2VybGVzcyB0ZXN0IENBMCAXDTI2MTEyODEzMjY0MFoY
DzIxMjYxMTA0MTMyNjQwWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjO
PQIBBggqhkjOPQMBBwNCAARV+iJZN85C07PFiO+IVnU343keBYkn4t+9uZpjM02I
/8/V/tOFcFwX5RjzQxWTDJIcjpaBqdSFjG44rJSfy2wQo3MwcTAaBgNVHREEEzAR
gglsb2NhbGhvc3SHBH8AAAEwEwYDVR0lBAwwCgYIKwYBBQUHAwEwHQYDVR0OBBYE
FK3sjq7sJtfoFKaEXSyHQMhMAUgGMB8GA1UdIwQYMBaAFE7pYrwuPsoyt4bF2eIj
x5XEUx8GMAoGCCqGSM49BAMCA0gAMEUCIFh+4ka125I2/Hh8Unx7y3F+2pfMdM1t
FpWw31FMihLsAiEAxrNuladSpVn21bMcXr6K9RadV2Rj22FXahZciECdWt0=
-----END CERTIFICATE-----
)";
const char kServerKey[] = R"(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgkuNhTt4ruumeJSPO
phW5BKLSytvCuqcJBVY0JSHoAKyhRANCAARV+iJZN85C07PFiO+IVnU343keBYkn
4t+9uZpjM02I/8/V/tOFcFwX5RjzQxWTDJIcjpaBqdSFjG44rJSfy2wQ
-----END PRIVATE KEY-----
)";
const char kClientPem[] = R"(-----BEGIN CERTIFICATE-----
MIIBlTCCATqgAwIBAgIUBZgpc1/OrB1w/0dwd1FU6QY+T/IwCgYIKoZIzj0EAwIw
HTEbMBkGA1UEAwwSc29ja2VybGVzcyB0ZXN0IENBMCAXDTI2MTEyODEzMjY0MVoY
DzIxMjYxMTA0MTMyNjQxWjAcMRowGAYDVQQDDBFzb2NrZXJsZXNzIGNsaWVudDBZ
MBMGByqGSM49AgEGCCqGSM49AwEHA0IABCmvnLjEG73i8ECErwqMe8eVb14r2Xs0
kPtCbhEndY8BB3VRYTCwY2ZN9FwHY3xUy5NE5dE1mnzedXf2oTSQqYKjVzBVMBMG
A1UdJQQMMAoGCCsGAQUFBwMCMB0GA1UdDgQWBBTkAEB5hafoAJFMQV0xQFJa8WVR
dDAfBgNVHSMEGDAWgBRO6WK8Lj7KMreGxdniI8eVxFMfBjAKBggqhkjOPQQDAgNJ
ADBGAiEA6NjF65/iDx6G5/J/z+nAPnznNk4pEtI4k5bOT4vkSpwCIQDEnBGEWTjg
BzmktQKA+iMg5vNlXWs6F9HwRDJcT/iLkQ==
-----END CERTIFICATE-----
)";
const char kClientKey[] = R"(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgyo5iwh2aM8enBCQM
Si9NOulMjVwSXxjtJUtDPl1trd6hRANCAAQpr5y4xBu94vBAhK8KjHvHlW9eK9l7
NJD7Qm4RJ3WPAQd1UWEwsGNmTfRcB2N8VMuTROXRNZp83nV39qE0kKmC
-----END PRIVATE KEY-----
)";

/// A fake Docker on TCP, with TLS or without, answering every request with a ping answer.
class TcpFake : public QObject {
    Q_OBJECT
public:
    TcpFake(bool tls, bool requireClientCertificate) {
        if (tls) {
            auto* server = new QSslServer(this);
            QSslConfiguration config = QSslConfiguration::defaultConfiguration();
            config.setLocalCertificate(QSslCertificate(QByteArray(kServerPem)));
            config.setPrivateKey(QSslKey(QByteArray(kServerKey), QSsl::Ec));
            config.setCaCertificates({QSslCertificate(QByteArray(kCaPem))});
            config.setPeerVerifyMode(requireClientCertificate ? QSslSocket::VerifyPeer
                                                              : QSslSocket::VerifyNone);
            server->setSslConfiguration(config);
            m_server = server;
        } else {
            m_server = new QTcpServer(this);
        }
        connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &TcpFake::accept);
    }

    bool listen() { return m_server->listen(QHostAddress::LocalHost, 0); }
    DockerEndpoint endpoint(bool tls, bool verify, const QString& certPath) const {
        DockerEndpoint endpoint;
        endpoint.kind = DockerEndpoint::Kind::Tcp;
        endpoint.host = QStringLiteral("127.0.0.1");
        endpoint.port = m_server->serverPort();
        endpoint.tls = tls;
        endpoint.tlsVerify = verify;
        endpoint.certPath = certPath;
        return endpoint;
    }

    QList<QByteArray> requestLines;
    bool clientCertificateSeen = false;

private:
    void accept() {
        while (QTcpSocket* socket = m_server->nextPendingConnection()) {
            if (auto* ssl = qobject_cast<QSslSocket*>(socket))
                clientCertificateSeen = !ssl->peerCertificate().isNull();
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                m_pending += socket->readAll();
                while (m_pending.contains("\r\n\r\n")) {
                    const qsizetype end = m_pending.indexOf("\r\n\r\n") + 4;
                    requestLines.append(m_pending.left(m_pending.indexOf("\r\n")));
                    m_pending.remove(0, end);
                    socket->write("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\n"
                                  "Content-Length: 2\r\n\r\nOK");
                }
            });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    }

    QTcpServer* m_server = nullptr;
    QByteArray m_pending;
};

/// Writes ca.pem, cert.pem and key.pem as Docker's CLI expects them in DOCKER_CERT_PATH.
bool writeCertDir(const QString& dir, const char* caPem) {
    const QList<QPair<QString, QByteArray>> files = {
        {QStringLiteral("ca.pem"), QByteArray(caPem)},
        {QStringLiteral("cert.pem"), QByteArray(kClientPem)},
        {QStringLiteral("key.pem"), QByteArray(kClientKey)}};
    for (const auto& [name, content] : files) {
        QFile file(dir + u'/' + name);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            return false;
    }
    return true;
}

} // namespace

class TestDockerClient : public QObject {
    Q_OBJECT

private slots:
    void bufferedContentLength();
    void chunkedReply();
    void streamingReply();
    void keepAliveReuse();
    void poolIsBounded();
    void versionNegotiation_data();
    void versionNegotiation();
    void negotiateVersionIsNumeric();
    void pingFailureFailsQueuedAndRetries();
    void malformedAnswer();
    void closedMidResponse();
    void socketMissing();
    void headerTimeout();
    void errorBodyGivesDockerMessage();
    void notModified();
    void abortClosesUpstream();
    void pauseBoundsMemory();
    void requestBodyFromBuffer();
    void requestBodyFromProcess();
    void upgradeWithRawBytesInSamePacket();
    void upgradeAnsweredWith200RawStream();
    void staleConnectionRetriedForGet();
    void staleConnectionNotRetriedForPost();
    void queryIsEncoded();
    void deletingReplyMidStreamClosesConnection();
    void deletingClientInFinishedHandler();
    void plainTcp();
    void tcpRefused();
    void tlsVerified();
    void tlsUnknownCaRejected();
    void tlsWithoutVerification();
};

void TestDockerClient::bufferedContentLength() {
    FakeDocker docker;
    QVERIFY(docker.listen());
    docker.onRequest = [](QLocalSocket* socket, const FakeRequest&) {
        // Headers and body in separate writes: the reply must still hold the whole body.
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Thing: A\r\n"
                      "Content-Length: 11\r\n\r\n");
        socket->flush();
        socket->write("[{\"Id\":1}]\n");
    };
    DockerClient client(docker.endpoint());
    DockerRequest request = get("/containers/json");
    request.query.addQueryItem(QStringLiteral("all"), QStringLiteral("1"));
    DockerReply* reply = client.send(request);
    const QPointer<DockerReply> guard(reply);
    Watch watch;
    watch.attach(reply, this);
    QByteArray body;
    QByteArray header;
    connect(reply, &DockerReply::finished, this, [&] {
        body = reply->body();
        header = reply->header("x-thing"); // any case
    });
    QTRY_VERIFY_WITH_TIMEOUT(watch.done(), 5000);
    QCOMPARE(watch.finished, 1);
    QCOMPARE(watch.failed, 0);
    QCOMPARE(watch.status, 200);
    QCOMPARE(watch.dataSignals, 0); // buffered: no data signals
    QCOMPARE(body, QByteArray("[{\"Id\":1}]\n"));
    QCOMPARE(header, QByteArray("A"));
    QTRY_VERIFY_WITH_TIMEOUT(!guard, 5000); // autoDelete

    const auto requests = docker.apiRequests();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests[0].method, QByteArray("GET"));
    QCOMPARE(requests[0].target, QByteArray("/v1.41/containers/json?all=1"));
    QCOMPARE(requests[0].header("Host"), QByteArray("docker"));
    QCOMPARE(requests[0].header("User-Agent"), QByteArray("sockerless/" SOCKERLESS_VERSION));
    QVERIFY(requests[0].header("Content-Length").isEmpty());
}

void TestDockerClient::chunkedReply() {
    FakeDocker docker;
    QVERIFY(docker.listen());
    docker.onRequest = [](QLocalSocket* socket, const FakeRequest&) {
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n");
        socket->write(chunk("[1,"));
        socket->flush();
        socket->write("A\r\n2,3,4,5,6]\r\n"); // upper-case hex size
        socket->flush();
        socket->write("0\r\n\r\n");
    };
    DockerClient client(docker.endpoint());
    DockerReply* reply = client.send(get("/containers/json"));
    reply->setAutoDelete(false);
    Watch watch;
    watch.attach(reply, this);
    QTRY_VERIFY_WITH_TIMEOUT(watch.done(), 5000);
    QCOMPARE(watch.finished, 1);
    QCOMPARE(reply->body(), QByteArray("[1,2,3,4,5,6]"));
    QVERIFY(reply->isFinished());
    delete reply;
}

void TestDockerClient::streamingReply() {
    FakeDocker docker;
    QVERIFY(docker.listen());
    QPointer<QLocalSocket> upstream;
    docker.onRequest = [&](QLocalSocket* socket, const FakeRequest&) {
        upstream = socket;
        socket->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        socket->write(chunk("{\"status\":\"create\"}\n"));
    };
    DockerClient client(docker.endpoint());
    DockerRequest request = get("/events");
    request.headerTimeoutMs = 0;
    DockerReply* reply = client.send(request);
    reply->setStreaming(true);
    Watch watch;
    watch.attach(reply, this);
    QByteArray bodyAtEnd = "unset";
    connect(reply, &DockerReply::finished, this, [&] { bodyAtEnd = reply->body(); });
    // The first piece arrives while the stream is still open.
    QTRY_COMPARE_WITH_TIMEOUT(watch.data, QByteArray("{\"status\":\"create\"}\n"), 5000);
    QCOMPARE(watch.headers, 1);
    QVERIFY(!watch.done());
    QVERIFY(upstream);
    upstream->write(chunk("{\"status\":\"start\"}\n") + "0\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(watch.done(), 5000);
    QCOMPARE(watch.finished, 1);
    QCOMPARE(watch.data, QByteArray("{\"status\":\"create\"}\n{\"status\":\"start\"}\n"));
    QCOMPARE(bodyAtEnd, QByteArray()); // streamed: nothing buffered
    // A streamed reply's connection is never pooled.
    QTRY_COMPARE_WITH_TIMEOUT(client.openConnectionCount(), 0, 5000);
    QCOMPARE(client.idleConnectionCount(), 0);
}

void TestDockerClient::keepAliveReuse() {
    FakeDocker docker;
    QVERIFY(docker.listen());
    DockerClient client(docker.endpoint());
    for (int i = 0; i < 3; ++i) {
        Watch watch;
        DockerReply* reply = client.send(get("/info"));
        watch.attach(reply, this);
        QTRY_VERIFY_WITH_TIMEOUT(watch.done(), 5000);
        QCOMPARE(watch.finished, 1);
        QCOMPARE(client.idleConnectionCount(), 1);
    }
    // The ping and the three calls, all on the first connection.
    QCOMPARE(docker.apiRequests().size(), 3);
    QCOMPARE(docker.connections, 1);
    for (const FakeRequest& request : docker.requests)
        QCOMPARE(request.connection, 1);
    QCOMPARE(client.openConnectionCount(), 1);
}

void TestDockerClient::poolIsBounded() {
    FakeDocker docker;
    QVERIFY(docker.listen());
    QList<QLocalSocket*> held;
    docker.onRequest = [&](QLocalSocket* socket, const FakeRequest&) { held.append(socket); };
    DockerClient client(docker.endpoint());
    client.setMaxIdleConnections(2);
    QList<Watch> watches(5);
    for (Watch& watch : watches)
        watch.attach(client.send(get("/info")), this);
    // Five requests in flight at once: five connections (the ping's one is reused by one).
    QTRY_COMPARE_WITH_TIMEOUT(held.size(), 5, 5000);
    QCOMPARE(client.openConnectionCount(), 5);
    for (QLocalSocket* socket : held)
        socket->write(okJson("{}"));
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(watches.begin(), watches.end(), [](const Watch& w) { return w.finished == 1; }),
        5000);
    QCOMPARE(client.idleConnectionCount(), 2);
    QCOMPARE(client.openConnectionCount(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(docker.disconnects, 3, 5000);
}

void TestDockerClient::versionNegotiation_data() {
    QTest::addColumn<QByteArray>("server");
    QTest::addColumn<QString>("expected");
    QTest::newRow("1.41") << QByteArray("1.41") << QStringLiteral("1.41");
    QTest::newRow("newer is capped") << QByteArray("1.99") << DockerClient::maxApiVersion();
    QTest::newRow("1.9 is older than 1.41") << QByteArray("1.9") << QStringLiteral("1.9");
    QTest::newRow("no header") << QByteArray() << QStringLiteral("1.24");
}

void TestDockerClient::versionNegotiation() {
    QFETCH(QByteArray, server);
    QFETCH(QString, expected);
    FakeDocker docker;
    QVERIFY(docker.listen());
    docker.apiVersion = server;
    DockerClient client(docker.endpoint());
    QVERIFY(client.apiVersion().isEmpty());
    Watch first;
    Watch second;
    first.attach(client.send(get("/version")), this);
    second.attach(client.send(get("/info")), this);
    QTRY_VERIFY_WITH_TIMEOUT(first.done() && second.done(), 5000);
    QCOMPARE(first.finished, 1);
    QCOMPARE(second.finished, 1);
    QCOMPARE(client.apiVersion(), expected);
    // One ping, unversioned, before anything else; both queued requests then use the version.
    QCOMPARE(docker.requests.size(), 3);
    QCOMPARE(docker.requests[0].target, QByteArray("/_ping"));
    const QByteArray prefix = "/v" + expected.toLatin1() + "/";
    QCOMPARE(docker.requests[1].target, prefix + "version");
    QCOMPARE(docker.requests[2].target, prefix + "info");

    // ping() once negotiated: answered by Docker, no new negotiation.
    bool pinged = false;
    DockerError pingError;
    client.ping(this, [&](const DockerError& error) {
        pinged = true;
        pingError = error;
    });
    QTRY_VERIFY_WITH_TIMEOUT(pinged, 5000);
    QVERIFY(!pingError.isError());
    QCOMPARE(docker.requests.size(), 4);
}

void TestDockerClient::negotiateVersionIsNumeric() {
    QCOMPARE(DockerClient::maxApiVersion(), QStringLiteral("1.45"));
    QCOMPARE(DockerClient::negotiateVersion(QStringLiteral("1.41")), QStringLiteral("1.41"));
    QCOMPARE(DockerClient::negotiateVersion(QStringLiteral("1.45")), QStringLiteral("1.45"));
    QCOMPARE(DockerClient::negotiateVersion(QStringLiteral("1.100")), QStringLiteral("1.45"));
    QCOMPARE(DockerClient::negotiateVersion(QStringLiteral("2.0")), QStringLiteral("1.45"));
    QCOMPARE(DockerClient::negotiateVersion(QStringLiteral("1.9")), QStringLiteral("1.9"));
    QCOMPARE(DockerClient::negotiateVersion(QStringLiteral(" 1.44 ")), QStringLiteral("1.44"));
    QCOMPARE(DockerClient::negotiateVersion(QString()), QStringLiteral("1.24"));
    QCOMPARE(DockerClient::negotiateVersion(QStringLiteral("garbage")), QStringLiteral("1.24"));
}

void TestDockerClient::pingFailureFailsQueuedAndRetries() {
    FakeDocker docker;
    QVERIFY(docker.listen());
    docker.answerPing = false;
    int pings = 0;
    docker.onRequest = [&](QLocalSocket* socket, const FakeRequest& request) {
        if (request.target == "/_ping" && ++pings == 1) {
            socket->write("HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json"
                          "\r\nContent-Length: 18\r\n\r\n{\"message\":\"boom\"}");
            return;
        }
        if (request.target == "/_ping") {
            socket->write("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\n\r\nOK");
            return;
        }
        socket->write(okJson("{}"));
    };
    DockerClient client(docker.endpoint());
    Watch a;
    Watch b;
    a.attach(client.send(get("/info")), this);
    b.attach(client.send(get("/version")), this);
    QTRY_VERIFY_WITH_TIMEOUT(a.done() && b.done(), 5000);
    for (const Watch* w : {&a, &b}) {
        QCOMPARE(w->failed, 1);
        QCOMPARE(w->error.kind, DockerError::Kind::Http);
        QCOMPARE(w->error.status, 500);
        QCOMPARE(w->error.message, QStringLiteral("boom"));
    }
    QVERIFY(client.apiVersion().isEmpty());
    QCOMPARE(docker.apiRequests().size(), 0); // nothing went out unversioned

    // The next request negotiates again.
    Watch c;
    c.attach(client.send(get("/info")), this);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 5000);
    QCOMPARE(c.finished, 1);
    QCOMPARE(pings, 2);
    QCOMPARE(client.apiVersion(), QStringLiteral("1.41"));
    QCOMPARE(docker.apiRequests().last().target, QByteArray("/v1.41/info"));
}

void TestDockerClient::malformedAnswer() {
    FakeDocker docker;
    QVERIFY(docker.listen());
    docker.onRequest = [](QLocalSocket* socket, const FakeRequest&) {
        socket->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nnot hex\r\n");
    };
    DockerClient client(docker.endpoint());
    Watch watch;
    watch.attach(client.send(get("/containers/json")), this);
    QTRY_VERIFY_WITH_TIMEOUT(watch.done(), 5000);
    QCOMPARE(watch.failed, 1);
    QCOMPARE(watch.finished, 0);
    QCOMPARE(watch.error.kind, DockerError::Kind::Protocol);
    QVERIFY2(watch.error.message.contains(QStringLiteral("chunk size")),
             qPrintable(watch.error.message));
    QCOMPARE(watch.error.endpoint, docker.endpoint().toString());
    // The connection is not reused after garbage: closed on both ends.
    QCOMPARE(client.openConnectionCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(docker.disconnects, 1, 5000);
}

void TestDockerClient::closedMidResponse() {
    FakeDocker docker;
    QVERIFY(docker.listen());
    docker.onRequest = [](QLocalSocket* socket, const FakeRequest&) {
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
        socket->disconnectFromServer(); // after the write is flushed
    };
    DockerClient client(docker.endpoint());
    Watch watch;
    DockerReply* reply = client.send(get("/containers/json"));
    reply->setStreaming(true);
    watch.attach(reply, this);
    QTRY_VERIFY_WITH_TIMEOUT(watch.done(), 5000);
    QCOMPARE(watch.failed, 1);
    QCOMPARE(watch.finished, 0);
    QCOMPARE(watch.data, QByteArray("0123456789")); // what came is still delivered
    QCOMPARE(watch.error.kind, DockerError::Kind::Protocol);
    QVERIFY2(watch.error.message.contains(QStringLiteral("connection closed mid-response")),
             qPrintable(watch.error.message));
    QCOMPARE(client.openConnectionCount(), 0);
}

void TestDockerClient::socketMissing() {
    QTemporaryDir dir;
    DockerEndpoint endpoint;
    endpoint.kind = DockerEndpoint::Kind::Unix;
    endpoint.socketPath = dir.path() + QStringLiteral("/missing.sock");
    DockerClient client(endpoint);
    Watch watch;
    watch.attach(client.send(get("/info")), this);
    QCOMPARE(watch.failed, 0); // never synchronously from send()
    QTRY_VERIFY_WITH_TIMEOUT(watch.done(), 5000);
    QCOMPARE(watch.failed, 1);
    QCOMPARE(watch.error.kind, DockerError::Kind::Unreachable);
    QCOMPARE(watch.error.endpoint, endpoint.toString());
    // The reason in message, the endpoint beside it; together they read as Docker's CLI says.
    QCOMPARE(watch.error.message, QStringLiteral("No such file or directory"));
    QCOMPARE(watch.error.toString(), QStringLiteral("Docker daemon unreachable at unix://") +
                                         endpoint.socketPath +
                                         QStringLiteral(": No such file or directory"));
    QCOMPARE(client.openConnectionCount(), 0);

    bool pinged = false;
    DockerError pingError;
    client.ping(this, [&](const DockerError& error) {
        pinged = true;
        pingError = error;
    });
    QTRY_VERIFY_WITH_TIMEOUT(pinged, 5000);
    QCOMPARE(pingError.kind, DockerError::Kind::Unreachable);
    QCOMPARE(client.openConnectionCount(), 0);
}

void TestDockerClient::headerTimeout() {
    FakeDocker docker;
    QVERIFY(docker.listen());
    docker.onRequest = [](QLocalSocket*, const FakeRequest&) {}; // never answers
    DockerClient client(docker.endpoint());
    DockerRequest request = get("/containers/json");
    request.headerTimeoutMs = 200;
    Watch watch;
    watch.attach(client.send(request), this);
    QTRY_VERIFY_WITH_TIMEOUT(watch.done(), 5000);
    QCOMPARE(watch.failed, 1);
    QCOMPARE(watch.error.kind, DockerError::Kind::Timeout);
    QVERIFY2(watch.error.message.contains(QStringLiteral("200 ms")),
             qPrintable(watch.error.message));
    QCOMPARE(client.openConnectionCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(docker.disconnects, 1, 5000);
}

void TestDockerClient::errorBodyGivesDockerMessage() {
    FakeDocker docker;
    QVERIFY(docker.listen());
    docker.onRequest = [](QLocalSocket* socket, const FakeRequest&) {
        socket->write("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n");
        socket->flush();
        socket->write(chunk("{\"message\":\"No such ") + chunk("container: x\"}\n") + "0\r\n\r\n");
    };
    DockerClient client(docker.endpoint());
    DockerReply* reply = client.send(get("/containers/x/json"));
    reply->setStreaming(true); // error bodies are never streamed as data
    Watch watch;
    watch.attach(reply, this);
    QTRY_VERIFY_WITH_TIMEOUT(watch.done(), 5000);
    QCOMPARE(watch.failed, 1);
    QCOMPARE(watch.finished, 0);
    QCOMPARE(watch.headers, 1);
    QCOMPARE(watch.dataSignals, 0);
    QCOMPARE(watch.error.kind, DockerError::Kind::Http);
    QCOMPARE(watch.error.status, 404);
    QCOMPARE(watch.error.message, QStringLiteral("No such container: x"));
}

void TestDockerClient::notModified() {
    FakeDocker docker;
    QVERIFY(docker.listen());
    docker.onRequest = [](QLocalSocket* socket, const FakeRequest&) {
        socket->write("HTTP/1.1 304 Not Modified\r\n\r\n");
    };
    DockerClient client(docker.endpoint());
    DockerRequest request = get("/containers/x/start");
    request.method = "POST";
    Watch watch;
    watch.attach(client.send(request), this);
    QTRY_VERIFY_WITH_TIMEOUT(watch.done(), 5000);
    QCOMPARE(watch.failed, 1);
    QCOMPARE(watch.error.kind, DockerError::Kind::Http);
    QCOMPARE(watch.error.status, 304);
    // A POST without a body says so.
    QCOMPARE(docker.apiRequests().at(0).header("Content-Length"), QByteArray("0"));
    // 304 completes the exchange cleanly: the connection stays for reuse.
    QCOMPARE(client.idleConnectionCount(), 1);
}

void TestDockerClient::abortClosesUpstream() {
    FakeDocker docker;
    QVERIFY(docker.listen());
    docker.onRequest = [](QLocalSocket* socket, const FakeRequest&) {
        socket->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        socket->write(chunk("{\"status\":\"start\"}\n"));
    };
    DockerClient client(docker.endpoint());
    DockerRequest request = get("/events");
    request.headerTimeoutMs = 0;
    DockerReply* reply = client.send(request);
    reply->setStreaming(true);
    Watch watch;
    watch.attach(reply, this);
    QTRY_VERIFY_WITH_TIMEOUT(!watch.data.isEmpty(), 5000);
    QCOMPARE(docker.disconnects, 0);
    QCOMPARE(client.openConnectionCount(), 1);
    reply->abort();
    QCOMPARE(watch.failed, 1);
    QCOMPARE(watch.error.kind, DockerError::Kind::Aborted);
    QCOMPARE(client.openConnectionCount(), 0); // at once
    reply->abort();                            // a second abort changes nothing
    QTRY_COMPARE_WITH_TIMEOUT(docker.disconnects, 1, 5000);
    QCOMPARE(watch.failed, 1);
    QCOMPARE(watch.finished, 0);
}

void TestDockerClient::pauseBoundsMemory() {
    constexpr qsizetype total = 8 * 1024 * 1024;
    QByteArray payload(total, Qt::Uninitialized);
    for (qsizetype i = 0; i < total; ++i)
        payload[i] = char('a' + (i * 7 + i / 4096) % 26);
    FakeDocker docker;
    QVERIFY(docker.listen());
    QPointer<QLocalSocket> upstream;
    docker.onRequest = [&](QLocalSocket* socket, const FakeRequest&) {
        upstream = socket;
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                      "Content-Length: " +
                      QByteArray::number(total) + "\r\n\r\n");
        socket->write(payload);
    };
    DockerClient client(docker.endpoint());
    DockerRequest request = get("/images/x/get");
    request.headerTimeoutMs = 0;
    DockerReply* reply = client.send(request);
    reply->setStreaming(true);
    Watch watch;
    watch.attach(reply, this);
    connect(reply, &DockerReply::headersReceived, this, [reply] { reply->pause(); });
    QTRY_COMPARE_WITH_TIMEOUT(watch.headers, 1, 5000);
    QVERIFY(reply->isPaused());
    QVERIFY(upstream);

    // Wait until the fake Docker cannot push any more: its backlog stops shrinking.
    qint64 last = -1;
    int stableRounds = 0;
    QDeadlineTimer deadline(10000);
    while (stableRounds < 5 && !deadline.hasExpired()) {
        QTest::qWait(50);
        const qint64 now = upstream->bytesToWrite();
        stableRounds = now == last ? stableRounds + 1 : 0;
        last = now;
    }
    QCOMPARE(stableRounds, 5);
    const qint64 inTransit = total - upstream->bytesToWrite(); // kernel buffers + client
    qInfo("in transit while paused: %lld", static_cast<long long>(inTransit));
    QVERIFY2(inTransit < 1024 * 1024, qPrintable(QString::number(inTransit)));
    QVERIFY2(watch.data.size() < 1024 * 1024, qPrintable(QString::number(watch.data.size())));
    QVERIFY(!watch.done());

    reply->resume();
    QTRY_VERIFY_WITH_TIMEOUT(watch.done(), 20000);
    QCOMPARE(watch.finished, 1);
    QCOMPARE(watch.data.size(), total);
    QVERIFY(watch.data == payload);
}

void TestDockerClient::requestBodyFromBuffer() {
    QByteArray tarball(3 * 1024 * 1024 + 17, Qt::Uninitialized);
    QRandomGenerator generator(42);
    for (qsizetype i = 0; i < tarball.size(); ++i)
        tarball[i] = char(generator.bounded(256));
    QBuffer buffer(&tarball);
    QVERIFY(buffer.open(QIODevice::ReadOnly));

    FakeDocker docker;
    QVERIFY(docker.listen());
    docker.onRequest = [](QLocalSocket* socket, const FakeRequest&) {
        socket->write(okJson("{\"stream\":\"Loaded image\"}\n"));
    };
    DockerClient client(docker.endpoint());
    DockerRequest request = get("/images/load");
    request.method = "POST";
    request.bodyDevice = &buffer;
    request.contentType = "application/x-tar";
    Watch watch;
    watch.attach(client.send(request), this);
    QTRY_VERIFY_WITH_TIMEOUT(watch.done(), 20000);
    QCOMPARE(watch.finished, 1);
    const FakeRequest seen = docker.apiRequests().at(0);
    QCOMPARE(seen.method, QByteArray("POST"));
    QCOMPARE(seen.header("Transfer-Encoding"), QByteArray("chunked"));
    QCOMPARE(seen.header("Content-Type"), QByteArray("application/x-tar"));
    QVERIFY(seen.header("Content-Length").isEmpty());
    QCOMPARE(seen.body.size(), tarball.size());
    QVERIFY(seen.body == tarball);
    QCOMPARE(client.idleConnectionCount(), 1); // a finished upload leaves a clean connection
}

void TestDockerClient::requestBodyFromProcess() {
    // A sequential device that is still producing when the request starts.
    QProcess producer;
    producer.start(QStringLiteral("seq"), {QStringLiteral("1"), QStringLiteral("200000")});
    QByteArray expected;
    for (int i = 1; i <= 200000; ++i)
        expected += QByteArray::number(i) + '\n';

    FakeDocker docker;
    QVERIFY(docker.listen());
    docker.onRequest = [](QLocalSocket* socket, const FakeRequest&) {
        socket->write(okJson("{}"));
    };
    DockerClient client(docker.endpoint());
    DockerRequest request = get("/build");
    request.method = "POST";
    request.bodyDevice = &producer;
    Watch watch;
    watch.attach(client.send(request), this);
    QTRY_VERIFY_WITH_TIMEOUT(watch.done(), 20000);
    QCOMPARE(watch.finished, 1);
    const FakeRequest seen = docker.apiRequests().at(0);
    QCOMPARE(seen.header("Transfer-Encoding"), QByteArray("chunked"));
    QCOMPARE(seen.header("Content-Type"), QByteArray("application/json")); // the default
    QCOMPARE(seen.body.size(), expected.size());
    QVERIFY(seen.body == expected);
    QTRY_COMPARE_WITH_TIMEOUT(producer.state(), QProcess::NotRunning, 5000);
}

void TestDockerClient::upgradeWithRawBytesInSamePacket() {
    FakeDocker docker;
    QVERIFY(docker.listen());
    docker.onRequest = [](QLocalSocket* socket, const FakeRequest& request) {
        if (request.header("Upgrade") != "tcp" || request.header("Connection") != "Upgrade") {
            socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            return;
        }
        // One write: the raw stream starts in the same packet as the 101's headers.
        socket->write("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream"
                      "\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\nHELLO-RAW|");
    };
    QByteArray echoed;
    docker.onRaw = [&](QLocalSocket* socket, const QByteArray& bytes) {
        echoed += bytes;
        socket->write(bytes); // echo, as `cat` would
    };
    DockerClient client(docker.endpoint());
    DockerRequest request = get("/exec/abc/start");
    request.method = "POST";
    request.body = "{\"Detach\":false,\"Tty\":false}";
    request.upgrade = true;
    request.headerTimeoutMs = 0;
    DockerReply* reply = client.send(request);
    reply->write("early|"); // before the switch: sent right after it
    Watch watch;
    watch.attach(reply, this);
    QTRY_COMPARE_WITH_TIMEOUT(watch.upgraded, 1, 5000);
    QCOMPARE(watch.status, 101);
    QCOMPARE(watch.order.mid(0, 2),
             QStringList({QStringLiteral("headers"), QStringLiteral("upgraded")}));
    QTRY_COMPARE_WITH_TIMEOUT(watch.data, QByteArray("HELLO-RAW|early|"), 5000);
    reply->write("hello\n");
    QTRY_COMPARE_WITH_TIMEOUT(watch.data, QByteArray("HELLO-RAW|early|hello\n"), 5000);
    QVERIFY(!watch.done());
    QCOMPARE(docker.disconnects, 0);
    // Half-close: the fake sees end of input (Qt then closes its side), and that end is our
    // finished. Without the half-close neither side would ever end.
    reply->closeWrite();
    QTRY_COMPARE_WITH_TIMEOUT(docker.disconnects, 1, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(watch.done(), 5000);
    QCOMPARE(watch.finished, 1);
    QCOMPARE(echoed, QByteArray("early|hello\n"));
    QCOMPARE(client.openConnectionCount(), 0);
}

void TestDockerClient::upgradeAnsweredWith200RawStream() {
    // Older engines answer the hijack with 200 and a raw-stream type: no 101, no HTTP framing.
    FakeDocker docker;
    QVERIFY(docker.listen());
    docker.onRequest = [](QLocalSocket* socket, const FakeRequest&) {
        // A frame header has NUL bytes: sized, not a C string.
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n");
        socket->write(QByteArray("\x01\0\0\0\0\0\0\x03out", 11));
        socket->disconnectFromServer();
    };
    DockerClient client(docker.endpoint());
    DockerRequest request = get("/containers/x/attach");
    request.method = "POST";
    request.upgrade = true;
    DockerReply* reply = client.send(request);
    Watch watch;
    watch.attach(reply, this);
    QTRY_VERIFY_WITH_TIMEOUT(watch.done(), 5000);
    QCOMPARE(watch.order, QStringList({QStringLiteral("headers"), QStringLiteral("upgraded"),
                                       QStringLiteral("finished")}));
    QCOMPARE(watch.status, 200);
    QCOMPARE(watch.data, QByteArray("\x01\0\0\0\0\0\0\x03out", 11));
    QCOMPARE(client.openConnectionCount(), 0);
}

void TestDockerClient::staleConnectionRetriedForGet() {
    FakeDocker docker;
    QVERIFY(docker.listen());
    int calls = 0;
    docker.onRequest = [&](QLocalSocket* socket, const FakeRequest&) {
        // The second call lands on the kept-alive connection, which "Docker" drops unanswered.
        if (++calls == 2) {
            socket->abort();
            return;
        }
        socket->write(okJson("{}"));
    };
    DockerClient client(docker.endpoint());
    Watch first;
    first.attach(client.send(get("/info")), this);
    QTRY_VERIFY_WITH_TIMEOUT(first.done(), 5000);
    QCOMPARE(client.idleConnectionCount(), 1);
    Watch second;
    second.attach(client.send(get("/info")), this);
    QTRY_VERIFY_WITH_TIMEOUT(second.done(), 5000);
    QCOMPARE(second.finished, 1);
    QCOMPARE(calls, 3);
    QCOMPARE(docker.connections, 2);
    QCOMPARE(docker.apiRequests().last().connection, 2);
}

void TestDockerClient::staleConnectionNotRetriedForPost() {
    FakeDocker docker;
    QVERIFY(docker.listen());
    int calls = 0;
    docker.onRequest = [&](QLocalSocket* socket, const FakeRequest&) {
        if (++calls == 2) {
            socket->abort();
            return;
        }
        socket->write(okJson("{}"));
    };
    DockerClient client(docker.endpoint());
    Watch first;
    first.attach(client.send(get("/info")), this);
    QTRY_VERIFY_WITH_TIMEOUT(first.done(), 5000);
    DockerRequest post = get("/containers/x/kill");
    post.method = "POST";
    Watch second;
    second.attach(client.send(post), this);
    QTRY_VERIFY_WITH_TIMEOUT(second.done(), 5000);
    QCOMPARE(second.failed, 1);
    QCOMPARE(second.error.kind, DockerError::Kind::Protocol);
    QCOMPARE(calls, 2); // a POST might have done its work: never sent twice
    QCOMPARE(client.openConnectionCount(), 0);
}

void TestDockerClient::queryIsEncoded() {
    FakeDocker docker;
    QVERIFY(docker.listen());
    DockerClient client(docker.endpoint());
    DockerRequest request = get("/containers/json");
    request.addQueryValue(QStringLiteral("filters"), QStringLiteral("{\"label\":[\"a=b c+d&e\"]}"));
    // A `%` in a value is data, not an escape: `%41` must not reach Docker as `A`.
    request.addQueryValue(QStringLiteral("since"), QStringLiteral("%41#?"));
    Watch watch;
    watch.attach(client.send(request), this);
    QTRY_VERIFY_WITH_TIMEOUT(watch.done(), 5000);
    const QByteArray target = docker.apiRequests().at(0).target;
    QCOMPARE(target,
             QByteArray("/v1.41/containers/json?filters=%7B%22label%22%3A%5B%22a%3Db%20c%2Bd%"
                        "26e%22%5D%7D&since=%2541%23%3F"));
}

void TestDockerClient::deletingReplyMidStreamClosesConnection() {
    FakeDocker docker;
    QVERIFY(docker.listen());
    docker.onRequest = [](QLocalSocket* socket, const FakeRequest&) {
        socket->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        socket->write(chunk("one\n"));
        socket->write(chunk("two\n"));
    };
    DockerClient client(docker.endpoint());
    DockerRequest request = get("/containers/x/logs");
    request.headerTimeoutMs = 0;
    DockerReply* reply = client.send(request);
    reply->setStreaming(true);
    int pieces = 0;
    connect(reply, &DockerReply::data, this, [&pieces, reply] {
        ++pieces;
        delete reply; // the consumer is gone, in the middle of a read
    });
    QTRY_COMPARE_WITH_TIMEOUT(pieces, 1, 5000);
    QCOMPARE(client.openConnectionCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(docker.disconnects, 1, 5000);
    QCOMPARE(pieces, 1);
}

void TestDockerClient::deletingClientInFinishedHandler() {
    FakeDocker docker;
    QVERIFY(docker.listen());
    auto* client = new DockerClient(docker.endpoint());
    const QPointer<DockerClient> guard(client);
    DockerReply* reply = client->send(get("/info"));
    bool finished = false;
    connect(reply, &DockerReply::finished, this, [&] {
        finished = true;
        delete client; // with its replies and connections, from inside their own signal
    });
    QTRY_VERIFY_WITH_TIMEOUT(finished, 5000);
    QVERIFY(!guard);
    QTRY_COMPARE_WITH_TIMEOUT(docker.disconnects, 1, 5000);
}

void TestDockerClient::plainTcp() {
    TcpFake docker(false, false);
    QVERIFY(docker.listen());
    DockerClient client(docker.endpoint(false, false, {}));
    Watch watch;
    watch.attach(client.send(get("/version")), this);
    QTRY_VERIFY_WITH_TIMEOUT(watch.done(), 5000);
    QCOMPARE(watch.finished, 1);
    QCOMPARE(docker.requestLines,
             QList<QByteArray>({"GET /_ping HTTP/1.1", "GET /v1.41/version HTTP/1.1"}));
}

void TestDockerClient::tcpRefused() {
    quint16 port = 0;
    {
        QTcpServer probe; // a port that was free a moment ago, and is closed now
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    DockerEndpoint endpoint;
    endpoint.kind = DockerEndpoint::Kind::Tcp;
    endpoint.host = QStringLiteral("127.0.0.1");
    endpoint.port = port;
    DockerClient client(endpoint);
    Watch watch;
    watch.attach(client.send(get("/info")), this);
    QTRY_VERIFY_WITH_TIMEOUT(watch.done(), 5000);
    QCOMPARE(watch.error.kind, DockerError::Kind::Unreachable);
    QCOMPARE(watch.error.message, QStringLiteral("Connection refused"));
    QCOMPARE(watch.error.toString(),
             QStringLiteral("Docker daemon unreachable at tcp://127.0.0.1:%1: Connection refused")
                 .arg(port));
    QCOMPARE(client.openConnectionCount(), 0);
}

void TestDockerClient::tlsVerified() {
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend");
    TcpFake docker(true, true);
    QVERIFY(docker.listen());
    QTemporaryDir certs;
    QVERIFY(writeCertDir(certs.path(), kCaPem));
    DockerClient client(docker.endpoint(true, true, certs.path()));
    Watch watch;
    watch.attach(client.send(get("/version")), this);
    QTRY_VERIFY_WITH_TIMEOUT(watch.done(), 10000);
    QVERIFY2(watch.finished == 1, qPrintable(watch.error.toString()));
    QVERIFY(docker.clientCertificateSeen); // cert.pem/key.pem were presented
    QCOMPARE(docker.requestLines.size(), 2);
}

void TestDockerClient::tlsUnknownCaRejected() {
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend");
    TcpFake docker(true, false);
    QVERIFY(docker.listen());
    QTemporaryDir certs;
    QVERIFY(writeCertDir(certs.path(), kOtherCaPem)); // not the CA that signed the server
    const DockerEndpoint endpoint = docker.endpoint(true, true, certs.path());
    DockerClient client(endpoint);
    Watch watch;
    watch.attach(client.send(get("/version")), this);
    QTRY_VERIFY_WITH_TIMEOUT(watch.done(), 10000);
    QCOMPARE(watch.failed, 1);
    QCOMPARE(watch.error.kind, DockerError::Kind::Unreachable);
    QCOMPARE(watch.error.endpoint, endpoint.toString());
    QVERIFY2(!watch.error.message.isEmpty(), "the TLS failure is described");
    QVERIFY(docker.requestLines.isEmpty()); // nothing was sent to an unverified server
    QCOMPARE(client.openConnectionCount(), 0);
}

void TestDockerClient::tlsWithoutVerification() {
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend");
    TcpFake docker(true, false);
    QVERIFY(docker.listen());
    // No CA at all: without verification the server's certificate is taken as it is.
    DockerClient client(docker.endpoint(true, false, {}));
    Watch watch;
    watch.attach(client.send(get("/version")), this);
    QTRY_VERIFY_WITH_TIMEOUT(watch.done(), 10000);
    QVERIFY2(watch.finished == 1, qPrintable(watch.error.toString()));
    QVERIFY(!docker.clientCertificateSeen);
}

QTEST_MAIN(TestDockerClient)
#include "tst_dockerclient.moc"
