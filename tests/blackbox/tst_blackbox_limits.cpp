// The connection guard in front of QHttpServer: body (413) and header (431) limits before
// anything is buffered, garbage (400) closing only its own connection, idle timeout, `Connection:
// close` and HTTP/1.0, the connection limit (503), pipelining, and bounded memory under a client
// streaming gigabytes at the daemon.

#include "blackboxcase.h"
#include "daemonprocess.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <memory>

using sockerless::test::BlackboxCase;
using sockerless::test::DaemonProcess;

namespace {

// VmRSS of a process in KiB, or -1.
qint64 rssKb(qint64 pid) {
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// One raw HTTP/1.1 client connection: what is written goes out byte for byte, and answers are
// read by Content-Length (every answer under test has one).
class RawClient {
public:
    struct Answer {
        int status = 0;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(const QByteArray& name) const {
            for (const auto& [key, value] : headers) {
                if (key.compare(name, Qt::CaseInsensitive) == 0)
                    return value;
            }
            return {};
        }
        QString message() const {
            return QJsonDocument::fromJson(body)
                .object()
                .value(QStringLiteral("message"))
                .toString();
        }
    };

    bool connectTo(const QUrl& base, int timeoutMs = 5000) {
        socket.connectToHost(base.host(), static_cast<quint16>(base.port()));
        return socket.waitForConnected(timeoutMs);
    }
    // TLS, trusting only `ca`.
    bool connectEncrypted(const QUrl& base, const QSslCertificate& ca, int timeoutMs = 5000) {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setCaCertificates({ca});
        socket.setSslConfiguration(configuration);
        socket.connectToHostEncrypted(base.host(), static_cast<quint16>(base.port()));
        return socket.waitForEncrypted(timeoutMs);
    }
    void send(const QByteArray& bytes) {
        socket.write(bytes);
        socket.flush();
    }
    // The next whole answer, or status 0 after `timeoutMs`.
    Answer read(int timeoutMs = 10000) {
        QDeadlineTimer deadline(timeoutMs);
        Answer answer;
        while (true) {
            buffer += socket.readAll();
            const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
            if (headEnd >= 0) {
                Answer parsed;
                const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
                parsed.status = lines.first().split(' ').value(1).toInt();
                for (const QByteArray& line : lines.mid(1)) {
                    const qsizetype colon = line.indexOf(':');
                    if (colon > 0)
                        parsed.headers.append(
                            {line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
                }
                const qsizetype length = parsed.header("Content-Length").toLongLong();
                if (buffer.size() >= headEnd + 4 + length) {
                    parsed.body = buffer.mid(headEnd + 4, length);
                    buffer.remove(0, headEnd + 4 + length);
                    return parsed;
                }
            }
            if (deadline.hasExpired())
                return answer;
            if (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0)
                return answer;
            socket.waitForReadyRead(50);
        }
    }
    // True once the daemon closed the connection (within `timeoutMs`).
    bool waitClosed(int timeoutMs = 10000) {
        QDeadlineTimer deadline(timeoutMs);
        while (socket.state() != QAbstractSocket::UnconnectedState) {
            if (deadline.hasExpired())
                return false;
            buffer += socket.readAll();
            socket.waitForReadyRead(50);
        }
        return true;
    }

    QSslSocket socket; // plain TCP unless connectEncrypted()
    QByteArray buffer;
};

const QByteArray kHealthz = "GET /internal/v1/healthz HTTP/1.1\r\nHost: sockerless\r\n\r\n";

} // namespace

class TstBlackboxLimits : public QObject {
    Q_OBJECT

private slots:
    void cleanup();

    void contentLengthOverLimitIs413AtHeaderTimeWithBoundedMemory();
    void chunkedBodyOverLimitIs413WithBoundedMemory();
    void imagesLoadIsNotHeldToMaxBody();
    void headersOverLimitAre431();
    void garbageIs400AndOtherConnectionsKeepWorking();
    void idleConnectionIsClosedButOpenStreamIsNot();
    void connectionCloseIsHonoured();
    void http10WithoutKeepAliveCloses();
    void connectionLimitAnswers503();
    void pipelinedRequestsAreAllAnsweredInOrder();
    void tlsServesHttpsAndWssAndRefusesPlainHttp();
    void tlsWithMissingKeyFailsToStartNamingTheFile();
    void slowLogsFollowReaderKeepsMemoryBounded_data();
    void slowLogsFollowReaderKeepsMemoryBounded();

private:
    bool startDaemon(const QStringList& extra);
    std::unique_ptr<DaemonProcess> m_daemon;
};

bool TstBlackboxLimits::startDaemon(const QStringList& extra) {
    m_daemon = std::make_unique<DaemonProcess>();
    QString error;
    if (!m_daemon->start(DaemonProcess::defaultArguments() + extra, &error)) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    return true;
}

void TstBlackboxLimits::cleanup() {
    if (m_daemon) {
        if (QTest::currentTestFailed())
            qWarning("--- daemon log ---\n%s", m_daemon->log().constData());
        QCOMPARE(m_daemon->terminate(), 0);
        m_daemon.reset();
    }
}

void TstBlackboxLimits::contentLengthOverLimitIs413AtHeaderTimeWithBoundedMemory() {
    QVERIFY(startDaemon({}));
    const qint64 pid = m_daemon->pid();
    const qint64 before = rssKb(pid);
    RawClient client;
    QVERIFY(client.connectTo(m_daemon->baseUrl()));
    client.send("POST /internal/v1/containers HTTP/1.1\r\nHost: sockerless\r\n"
                "Content-Type: application/json\r\nContent-Length: 2147483648\r\n\r\n");
    // Answered at header time: not one byte of the body was sent.
    const RawClient::Answer answer = client.read();
    QCOMPARE(answer.status, 413);
    QCOMPARE(answer.header("Connection"), QByteArray("close"));
    QCOMPARE(answer.message(), QStringLiteral("request body of 2147483648 bytes is over the limit "
                                              "of 16777216 bytes (--max-body)"));
    // The client sends its body anyway: the daemon drops it and closes.
    const QByteArray block(qsizetype(1) << 20, 'x');
    qint64 sent = 0;
    QDeadlineTimer deadline(20000);
    while (client.socket.state() == QAbstractSocket::ConnectedState && sent < (qint64(2) << 30) &&
           !deadline.hasExpired()) {
        client.socket.write(block);
        client.socket.waitForBytesWritten(1000);
        sent += block.size();
    }
    QVERIFY(client.waitClosed());
    const qint64 after = rssKb(pid);
    qInfo("Content-Length 2 GiB: %lld MiB sent before the close, VmRSS %lld -> %lld KiB",
          sent >> 20, before, after);
    QVERIFY2(after - before < qint64(16) * 1024,
             qPrintable(QStringLiteral("RSS grew by %1 KiB").arg(after - before)));
    // The daemon still serves.
    QCOMPARE(m_daemon->get(QStringLiteral("/internal/v1/healthz")).status, 200);
}

void TstBlackboxLimits::chunkedBodyOverLimitIs413WithBoundedMemory() {
    QVERIFY(startDaemon({QStringLiteral("--max-body"), QStringLiteral("1M")}));
    const qint64 pid = m_daemon->pid();
    const qint64 before = rssKb(pid);
    RawClient client;
    QVERIFY(client.connectTo(m_daemon->baseUrl()));
    client.send("POST /internal/v1/containers HTTP/1.1\r\nHost: sockerless\r\n"
                "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    const QByteArray payload(qsizetype(64) * 1024, 'x');
    const QByteArray chunk = QByteArray::number(payload.size(), 16) + "\r\n" + payload + "\r\n";
    qint64 sent = 0;
    QDeadlineTimer deadline(30000);
    // Streams up to 2 GiB; the daemon answers once past 1 MiB and closes shortly after.
    while (client.socket.state() == QAbstractSocket::ConnectedState && sent < (qint64(2) << 30) &&
           !deadline.hasExpired()) {
        client.socket.write(chunk);
        client.socket.waitForBytesWritten(1000);
        sent += payload.size();
        client.buffer += client.socket.readAll();
    }
    const RawClient::Answer answer = client.read();
    QCOMPARE(answer.status, 413);
    QCOMPARE(answer.message(), QStringLiteral("request body of more than 1048576 bytes is over the "
                                              "limit of 1048576 bytes (--max-body)"));
    QVERIFY(client.waitClosed());
    const qint64 after = rssKb(pid);
    qInfo("chunked: %lld MiB sent, VmRSS %lld -> %lld KiB", sent >> 20, before, after);
    QVERIFY2(after - before < qint64(16) * 1024,
             qPrintable(QStringLiteral("RSS grew by %1 KiB").arg(after - before)));
    QCOMPARE(m_daemon->get(QStringLiteral("/internal/v1/healthz")).status, 200);
}

void TstBlackboxLimits::imagesLoadIsNotHeldToMaxBody() {
    QVERIFY(startDaemon({QStringLiteral("--max-body"), QStringLiteral("1K")}));
    // Not a tarball, so the backend refuses it; what matters is that it got that far.
    const QByteArray body(qsizetype(8) * 1024, 'x');
    RawClient client;
    QVERIFY(client.connectTo(m_daemon->baseUrl()));
    client.send("POST /internal/v1/images/load HTTP/1.1\r\nHost: sockerless\r\n"
                "Content-Type: application/x-tar\r\nContent-Length: " +
                QByteArray::number(body.size()) + "\r\n\r\n" + body);
    const RawClient::Answer load = client.read(30000);
    QVERIFY2(load.status != 0 && load.status != 413, load.body.constData());
    // The same body to another route is over --max-body.
    RawClient other;
    QVERIFY(other.connectTo(m_daemon->baseUrl()));
    other.send("POST /internal/v1/containers HTTP/1.1\r\nHost: sockerless\r\n"
               "Content-Type: application/json\r\nContent-Length: " +
               QByteArray::number(body.size()) + "\r\n\r\n");
    QCOMPARE(other.read().status, 413);
}

void TstBlackboxLimits::headersOverLimitAre431() {
    QVERIFY(startDaemon({QStringLiteral("--max-header-size"), QStringLiteral("2K")}));
    RawClient ok;
    QVERIFY(ok.connectTo(m_daemon->baseUrl()));
    ok.send("GET /internal/v1/healthz HTTP/1.1\r\nHost: sockerless\r\nX-Pad: " +
            QByteArray(1500, 'p') + "\r\n\r\n");
    QCOMPARE(ok.read().status, 200);
    RawClient big;
    QVERIFY(big.connectTo(m_daemon->baseUrl()));
    big.send("GET /internal/v1/healthz HTTP/1.1\r\nHost: sockerless\r\nX-Pad: " +
             QByteArray(3000, 'p') + "\r\n\r\n");
    const RawClient::Answer answer = big.read();
    QCOMPARE(answer.status, 431);
    QVERIFY2(answer.message().contains(QStringLiteral("--max-header-size")),
             answer.body.constData());
    QVERIFY(big.waitClosed());
}

void TstBlackboxLimits::garbageIs400AndOtherConnectionsKeepWorking() {
    QVERIFY(startDaemon({}));
    RawClient keepAlive;
    QVERIFY(keepAlive.connectTo(m_daemon->baseUrl()));
    keepAlive.send(kHealthz);
    QCOMPARE(keepAlive.read().status, 200);

    RawClient garbage;
    QVERIFY(garbage.connectTo(m_daemon->baseUrl()));
    // The start of a TLS ClientHello, then text: what a client talking TLS to a plain port sends.
    static constexpr char kNotHttp[] =
        "\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03 not http\r\n\r\n";
    garbage.send(QByteArray(kNotHttp, sizeof(kNotHttp) - 1));
    const RawClient::Answer answer = garbage.read();
    QCOMPARE(answer.status, 400);
    QVERIFY2(answer.message().startsWith(QStringLiteral("malformed HTTP request: ")),
             answer.body.constData());
    QVERIFY(garbage.waitClosed());

    // The other connection is untouched, and new ones are served.
    keepAlive.send(kHealthz);
    QCOMPARE(keepAlive.read().status, 200);
    QCOMPARE(keepAlive.socket.state(), QAbstractSocket::ConnectedState);
    QCOMPARE(m_daemon->get(QStringLiteral("/internal/v1/healthz")).status, 200);
}

void TstBlackboxLimits::idleConnectionIsClosedButOpenStreamIsNot() {
    BlackboxCase blackbox;
    QString error;
    BlackboxCase::StartOptions options;
    options.extraArguments = {QStringLiteral("--idle-timeout"), QStringLiteral("1")};
    QVERIFY2(blackbox.start(options, &error), qPrintable(error));
    const auto finish = qScopeGuard([&] { blackbox.finish(); });
    const QString id =
        blackbox.runContainer({QStringLiteral("sh"), QStringLiteral("-c"),
                               QStringLiteral("echo hello; while true; do sleep 0.2; done")});
    QVERIFY2(!id.isEmpty(), qPrintable(blackbox.lastError()));

    RawClient stream;
    QVERIFY(stream.connectTo(blackbox.daemon().baseUrl()));
    stream.send("GET /internal/v1/containers/" + id.toUtf8() +
                "/logs?stdout=1&follow=1 HTTP/1.1\r\nHost: sockerless\r\n\r\n");
    RawClient idle;
    QVERIFY(idle.connectTo(blackbox.daemon().baseUrl()));
    idle.send(kHealthz);
    QCOMPARE(idle.read().status, 200);
    RawClient silent; // never sends a whole request
    QVERIFY(silent.connectTo(blackbox.daemon().baseUrl()));
    silent.send("GET /internal/v1/heal");

    QVERIFY(idle.waitClosed(10000));
    QVERIFY(silent.waitClosed(10000));
    // Both idled out after about a second; the follow stream, quiet all along (one line), stays.
    QTest::qWait(1500);
    QCOMPARE(stream.socket.state(), QAbstractSocket::ConnectedState);
    stream.buffer += stream.socket.readAll();
    QVERIFY2(stream.buffer.startsWith("HTTP/1.1 200"), stream.buffer.constData());
    QVERIFY(stream.buffer.contains("hello"));
}

void TstBlackboxLimits::connectionCloseIsHonoured() {
    QVERIFY(startDaemon({}));
    RawClient client;
    QVERIFY(client.connectTo(m_daemon->baseUrl()));
    client.send(
        "GET /internal/v1/healthz HTTP/1.1\r\nHost: sockerless\r\nConnection: close\r\n\r\n");
    const RawClient::Answer answer = client.read();
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.header("Connection"), QByteArray("close"));
    QVERIFY(client.waitClosed(5000));
    // Without it the connection stays for the next request.
    RawClient keepAlive;
    QVERIFY(keepAlive.connectTo(m_daemon->baseUrl()));
    keepAlive.send(kHealthz);
    const RawClient::Answer first = keepAlive.read();
    QCOMPARE(first.status, 200);
    QVERIFY(first.header("Connection").isEmpty());
    keepAlive.send(kHealthz);
    QCOMPARE(keepAlive.read().status, 200);
}

void TstBlackboxLimits::http10WithoutKeepAliveCloses() {
    QVERIFY(startDaemon({}));
    RawClient client;
    QVERIFY(client.connectTo(m_daemon->baseUrl()));
    client.send("GET /internal/v1/healthz HTTP/1.0\r\n\r\n");
    const RawClient::Answer answer = client.read();
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.header("Connection"), QByteArray("close"));
    QVERIFY(client.waitClosed(5000));
}

void TstBlackboxLimits::connectionLimitAnswers503() {
    QVERIFY(startDaemon({QStringLiteral("--max-connections"), QStringLiteral("3")}));
    // DaemonProcess's own health check may still hold a connection; wait for it to go.
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < 3; ++i) {
        auto client = std::make_unique<RawClient>();
        QVERIFY(client->connectTo(m_daemon->baseUrl()));
        client->send(kHealthz);
        const RawClient::Answer answer = client->read();
        if (answer.status == 503) { // the health check's connection was still counted
            QVERIFY(client->waitClosed());
            --i;
            QTest::qWait(100);
            continue;
        }
        QCOMPARE(answer.status, 200);
        clients.push_back(std::move(client));
    }
    RawClient over;
    QVERIFY(over.connectTo(m_daemon->baseUrl()));
    over.send(kHealthz);
    const RawClient::Answer refused = over.read();
    QCOMPARE(refused.status, 503);
    QCOMPARE(refused.message(),
             QStringLiteral("too many connections (limit 3, --max-connections)"));
    QVERIFY(over.waitClosed());
    // One leaves: a new connection is admitted again.
    clients.front()->socket.disconnectFromHost();
    clients.erase(clients.begin());
    // The daemon frees the slot when it sees the close: try until then, within a deadline.
    QDeadlineTimer deadline(10000);
    int lastStatus = 0;
    while (lastStatus != 200 && !deadline.hasExpired()) {
        RawClient again;
        if (again.connectTo(m_daemon->baseUrl())) {
            again.send(kHealthz);
            lastStatus = again.read().status;
        }
        if (lastStatus != 200)
            QTest::qWait(50);
    }
    QCOMPARE(lastStatus, 200);
}

void TstBlackboxLimits::pipelinedRequestsAreAllAnsweredInOrder() {
    QVERIFY(startDaemon({}));
    RawClient client;
    QVERIFY(client.connectTo(m_daemon->baseUrl()));
    // Three requests in one write; the last asks to close.
    client.send(kHealthz + "GET /internal/v1/no-such-thing HTTP/1.1\r\nHost: sockerless\r\n\r\n" +
                "POST /internal/v1/containers HTTP/1.1\r\nHost: sockerless\r\n"
                "Content-Type: application/json\r\nContent-Length: 9\r\n"
                "Connection: close\r\n\r\nnot json!");
    const RawClient::Answer first = client.read();
    const RawClient::Answer second = client.read();
    const RawClient::Answer third = client.read();
    QCOMPARE(first.status, 200);
    QCOMPARE(second.status, 404);
    QVERIFY2(second.message().contains(QStringLiteral("/internal/v1/no-such-thing")),
             second.body.constData());
    QCOMPARE(third.status, 400);
    QCOMPARE(third.header("Connection"), QByteArray("close"));
    QVERIFY(client.waitClosed(5000));
}

void TstBlackboxLimits::tlsServesHttpsAndWssAndRefusesPlainHttp() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString cert = dir.filePath(QStringLiteral("cert.pem"));
    const QString key = dir.filePath(QStringLiteral("key.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=IP:127.0.0.1"), QStringLiteral("-days"),
                   QStringLiteral("1"), QStringLiteral("-keyout"), key, QStringLiteral("-out"),
                   cert});
    QVERIFY(openssl.waitForFinished(30000));
    QVERIFY2(openssl.exitCode() == 0, openssl.readAllStandardError().constData());
    const QList<QSslCertificate> ca = QSslCertificate::fromPath(cert);
    QCOMPARE(ca.size(), 1);

    m_daemon = std::make_unique<DaemonProcess>();
    m_daemon->launch(DaemonProcess::defaultArguments() +
                     QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                 QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"),
                                 key});
    QTRY_VERIFY_WITH_TIMEOUT(!m_daemon->logRecords(QStringLiteral("listening")).isEmpty() ||
                                 m_daemon->process().state() == QProcess::NotRunning,
                             10000);
    const auto listening = m_daemon->logRecords(QStringLiteral("listening"));
    QVERIFY2(!listening.isEmpty(), m_daemon->log().constData());
    const QString address = listening.first().value(QStringLiteral("address")).toString();
    const QUrl base(QStringLiteral("https://") + address);

    RawClient https;
    QVERIFY2(https.connectEncrypted(base, ca.first()), qPrintable(https.socket.errorString()));
    https.send(kHealthz);
    QCOMPARE(https.read().status, 200);
    https.send(kHealthz); // keep-alive over TLS
    QCOMPARE(https.read().status, 200);

    // The guard sees the decrypted bytes: limits hold over TLS too.
    RawClient tooBig;
    QVERIFY(tooBig.connectEncrypted(base, ca.first()));
    tooBig.send("POST /internal/v1/containers HTTP/1.1\r\nHost: sockerless\r\n"
                "Content-Length: 2147483648\r\n\r\n");
    QCOMPARE(tooBig.read().status, 413);
    QVERIFY(tooBig.waitClosed());

    // WSS on the same port.
    QWebSocket ws;
    QSslConfiguration wsTls = QSslConfiguration::defaultConfiguration();
    wsTls.setCaCertificates(ca);
    ws.setSslConfiguration(wsTls);
    QSignalSpy connected(&ws, &QWebSocket::connected);
    QUrl wsUrl(QStringLiteral("wss://") + address + QStringLiteral("/internal/v1/events"));
    ws.open(wsUrl);
    QVERIFY2(connected.wait(10000), qPrintable(ws.errorString()));
    QCOMPARE(ws.state(), QAbstractSocket::ConnectedState);
    ws.close();

    // Plain HTTP to the TLS port gets no HTTP answer, only a closed connection.
    RawClient plain;
    QVERIFY(plain.connectTo(base));
    plain.send(kHealthz);
    QVERIFY(plain.waitClosed());
    QVERIFY2(!plain.buffer.startsWith("HTTP/"), plain.buffer.constData());
}

void TstBlackboxLimits::tlsWithMissingKeyFailsToStartNamingTheFile() {
    QTemporaryDir dir;
    const QString cert = dir.filePath(QStringLiteral("cert.pem"));
    const QString key = dir.filePath(QStringLiteral("missing-key.pem"));
    QFile certFile(cert);
    QVERIFY(certFile.open(QIODevice::WriteOnly));
    certFile.write("not a certificate\n");
    certFile.close();
    QProcess daemon;
    daemon.start(DaemonProcess::binaryPath(),
                 DaemonProcess::defaultArguments() + QStringList{QStringLiteral("--listen"),
                                                                 QStringLiteral("127.0.0.1:0"),
                                                                 QStringLiteral("--tls-cert"), cert,
                                                                 QStringLiteral("--tls-key"), key});
    QVERIFY(daemon.waitForFinished(15000));
    QVERIFY(daemon.exitCode() != 0);
    const QByteArray out = daemon.readAllStandardOutput() + daemon.readAllStandardError();
    QVERIFY2(out.contains(QFile::encodeName(key)), out.constData());
}

void TstBlackboxLimits::slowLogsFollowReaderKeepsMemoryBounded_data() {
    QTest::addColumn<bool>("webSocket");
    QTest::newRow("http") << false;
    QTest::newRow("websocket") << true;
}

void TstBlackboxLimits::slowLogsFollowReaderKeepsMemoryBounded() {
    QFETCH(bool, webSocket);
    if (!BlackboxCase::isDocker())
        QSKIP("needs a container producing at full speed: the memory backend's shell has no "
              "fast producer");
#if defined(__SANITIZE_ADDRESS__)
    // ASan keeps freed memory in a quarantine (256 MiB by default) and its shadow memory puts the
    // daemon's baseline near 80 MiB: this daemon gets a small quarantine, and the bound applies to
    // the growth over the baseline rather than to the total.
    const QByteArray savedAsanOptions = qgetenv("ASAN_OPTIONS");
    qputenv("ASAN_OPTIONS", savedAsanOptions + ":quarantine_size_mb=4");
    const auto restoreAsanOptions = qScopeGuard([&] { qputenv("ASAN_OPTIONS", savedAsanOptions); });
    constexpr bool kBoundGrowthOnly = true;
#else
    constexpr bool kBoundGrowthOnly = false;
#endif
    BlackboxCase blackbox;
    QString error;
    QVERIFY2(blackbox.start(&error), qPrintable(error));
    const auto finish = qScopeGuard([&] { blackbox.finish(); });
    // 16 MiB at a time on stdout, each followed by a line on stderr counting what was produced
    // so far. Docker's log files are capped so that the producer cannot fill the disk.
    const QString script =
        QStringLiteral("n=0; while true; do head -c 16777216 /dev/zero | tr '\\0' x; n=$((n+16)); "
                       "echo \"produced $n MiB\" >&2; done");
    const QJsonObject logConfig{
        {QStringLiteral("Type"), QStringLiteral("json-file")},
        {QStringLiteral("Config"), QJsonObject{{QStringLiteral("max-size"), QStringLiteral("20m")},
                                               {QStringLiteral("max-file"), QStringLiteral("2")}}}};
    const QString id = blackbox.runContainer(
        {QStringLiteral("sh"), QStringLiteral("-c"), script},
        {{QStringLiteral("HostConfig"), QJsonObject{{QStringLiteral("LogConfig"), logConfig}}}});
    QVERIFY2(!id.isEmpty(), qPrintable(blackbox.lastError()));
    const qint64 pid = blackbox.daemon().pid();
    const qint64 before = rssKb(pid);

    RawClient reader;
    // A small socket buffer, so that reading slowly really leaves the bytes in the network.
    reader.socket.setReadBufferSize(qint64(128) * 1024);
    QVERIFY(reader.connectTo(blackbox.daemon().baseUrl()));
    const QByteArray path = "/internal/v1/containers/" + id.toUtf8() +
                            (webSocket ? "/logs/stream" : "/logs") + "?stdout=1&follow=1";
    if (webSocket) {
        reader.send("GET " + path +
                    " HTTP/1.1\r\nHost: sockerless\r\nUpgrade: websocket\r\n"
                    "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    "Sec-WebSocket-Version: 13\r\n\r\n");
    } else {
        reader.send("GET " + path + " HTTP/1.1\r\nHost: sockerless\r\n\r\n");
    }
    QByteArray head;
    QDeadlineTimer headDeadline(10000);
    while (!head.contains("\r\n\r\n") && !headDeadline.hasExpired()) {
        reader.socket.waitForReadyRead(50);
        head += reader.socket.read(1); // byte by byte: nothing of the body is read here
    }
    QVERIFY2(head.startsWith(webSocket ? "HTTP/1.1 101" : "HTTP/1.1 200"), head.constData());

    // Read at about 1 MiB/s for 20 s while the container writes as fast as it can.
    const qint64 bytesPerSecond = qint64(1) << 20;
    QElapsedTimer clock;
    clock.start();
    qint64 delivered = 0;
    qint64 peak = before;
    while (clock.elapsed() < 20000) {
        const qint64 allowance = clock.elapsed() * bytesPerSecond / 1000 - delivered;
        if (allowance > 0)
            delivered += reader.socket.read(allowance).size();
        QTest::qWait(50);
        peak = qMax(peak, rssKb(pid));
        QVERIFY2(reader.socket.state() == QAbstractSocket::ConnectedState,
                 "the daemon closed the follow stream");
    }
    // Stopped first: the tail is then read from a log that no longer grows. Docker takes the last
    // entries and then keeps the stderr ones: 3000 reach back past one 16 MiB block.
    blackbox.call("POST", QStringLiteral("/internal/v1/containers/%1/kill").arg(id));
    const auto last = blackbox.call("GET", QStringLiteral("/internal/v1/containers/%1/logs?"
                                                          "stderr=1&tail=3000")
                                               .arg(id));
    const qsizetype at = last.body.lastIndexOf("produced ");
    const QByteArray produced =
        at < 0 ? QByteArray("?") : last.body.mid(at + 9).split(' ').value(0);
    qInfo("%s follow: produced %s MiB, delivered %lld MiB in 20 s; daemon VmRSS %lld KiB before, "
          "peak %lld KiB (tail answer %d, %lld bytes)",
          webSocket ? "WebSocket" : "HTTP", produced.constData(), delivered >> 20, before, peak,
          last.status, static_cast<long long>(last.body.size()));
    const qint64 measured = kBoundGrowthOnly ? peak - before : peak;
    QVERIFY2(
        measured < qint64(100) * 1024,
        qPrintable(
            QStringLiteral("daemon RSS peaked at %1 KiB (%2 KiB before)").arg(peak).arg(before)));
    QVERIFY(produced.toLongLong() > (delivered >> 20));
}

QTEST_GUILESS_MAIN(TstBlackboxLimits)
#include "tst_blackbox_limits.moc"
