#include "daemonprocess.h"

#include "api/httpheaders.h"
#include "testenv.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <csignal>

namespace sockerless::test {

namespace {

// Runs the event loop until `done()` is true or the deadline passes; true when done.
template <typename Pred> bool waitUntil(Pred done, int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QEventLoop loop;
        QTimer::singleShot(10, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

} // namespace

QByteArray DaemonProcess::Reply::header(const QByteArray& name) const {
    return api::headerValue(headers, name);
}

DaemonProcess::DaemonProcess() {
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    QObject::connect(&m_process, &QProcess::readyReadStandardError,
                     [this] { m_log += m_process.readAllStandardError(); });
}

DaemonProcess::~DaemonProcess() {
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString DaemonProcess::binaryPath() {
    return qEnvironmentVariable("SOCKERLESS_BUILD_DIR") + QStringLiteral("/daemon/sockerlessd");
}

QString DaemonProcess::testBackend() {
    const QString value = qEnvironmentVariable("SOCKERLESS_TEST_BACKEND");
    return value.isEmpty() ? QStringLiteral("docker") : value;
}

QStringList DaemonProcess::defaultArguments() {
    const QStringList logging{QStringLiteral("--log-format"), QStringLiteral("json"),
                              QStringLiteral("--log-level"), QStringLiteral("debug")};
    // Every case that starts a daemon this way runs against each backend; the memory backend
    // needs no Docker, so it gets no Docker host.
    if (testBackend() != QLatin1String("docker"))
        return QStringList{QStringLiteral("--backend"), testBackend()} + logging;
    return QStringList{QStringLiteral("--backend"), QStringLiteral("docker"),
                       QStringLiteral("--docker-host"), TestEnv::dockerHost()} +
           logging;
}

void DaemonProcess::launch(const QStringList& arguments) {
    m_log.clear();
    m_process.start(binaryPath(), arguments);
}

bool DaemonProcess::start(const QStringList& arguments, QString* error) {
    auto failWith = [&](const QString& message) {
        if (error)
            *error = message + QStringLiteral("\n--- daemon log ---\n") + QString::fromUtf8(log());
        return false;
    };
    QStringList all = arguments;
    if (!all.contains(QStringLiteral("--listen")))
        all << QStringLiteral("--listen") << QStringLiteral("127.0.0.1:0");
    launch(all);
    if (!m_process.waitForStarted(5000))
        return failWith(QStringLiteral("sockerlessd did not start: ") + m_process.errorString());

    QString address;
    const bool listening = waitUntil(
        [&] {
            for (const QJsonObject& record : logRecords(QStringLiteral("listening"))) {
                const QString candidate = record.value(QStringLiteral("address")).toString();
                if (!candidate.contains(QLatin1Char('/'))) {
                    address = candidate;
                    return true;
                }
            }
            return m_process.state() == QProcess::NotRunning;
        },
        10000);
    if (!listening || address.isEmpty())
        return failWith(QStringLiteral("sockerlessd never logged a TCP listening address"));
    m_baseUrl = QUrl(QStringLiteral("http://") + address);

    const Reply health = get(QStringLiteral("/internal/v1/healthz"));
    if (health.status != 200)
        return failWith(QStringLiteral("healthz answered %1: %2")
                            .arg(health.status)
                            .arg(QString::fromUtf8(health.body)));
    return true;
}

bool DaemonProcess::waitForExit(int timeoutMs) {
    return waitUntil([this] { return m_process.state() == QProcess::NotRunning; }, timeoutMs);
}

qint64 DaemonProcess::pid() const {
    return m_process.processId();
}

QByteArray DaemonProcess::log() {
    m_log += m_process.readAllStandardError();
    return m_log;
}

QList<QJsonObject> DaemonProcess::logRecords(const QString& message) {
    QList<QJsonObject> records;
    for (const QByteArray& line : log().split('\n')) {
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object.value(QStringLiteral("msg")).toString() == message)
            records.append(object);
    }
    return records;
}

DaemonProcess::Reply DaemonProcess::request(const QByteArray& method, const QString& pathAndQuery,
                                            const QByteArray& body,
                                            const QList<QPair<QByteArray, QByteArray>>& headers,
                                            int timeoutMs) {
    QNetworkAccessManager manager;
    QNetworkRequest request(m_baseUrl.resolved(QUrl(pathAndQuery)));
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    for (const auto& [key, value] : headers)
        request.setRawHeader(key, value);
    if (!body.isEmpty() && !request.hasRawHeader("Content-Type"))
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    QNetworkReply* reply = manager.sendCustomRequest(request, method, body);
    Reply result;
    if (!waitUntil([reply] { return reply->isFinished(); }, timeoutMs)) {
        reply->abort();
        result.error = QStringLiteral("no answer within %1 ms").arg(timeoutMs);
        return result;
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.headers = reply->rawHeaderPairs();
    result.body = reply->readAll();
    if (result.status == 0)
        result.error = reply->errorString();
    delete reply;
    return result;
}

DaemonProcess::Reply DaemonProcess::rawRequest(const QByteArray& method,
                                               const QByteArray& rawTarget, int timeoutMs) {
    Reply result;
    QTcpSocket socket;
    socket.connectToHost(m_baseUrl.host(), static_cast<quint16>(m_baseUrl.port()));
    socket.write(method + ' ' + rawTarget +
                 " HTTP/1.1\r\nHost: sockerless\r\nContent-Length: 0\r\n\r\n");
    QByteArray data;
    qsizetype headEnd = -1;
    qsizetype length = 0;
    // The daemon keeps the connection open: read until the head and Content-Length bytes are in.
    const bool complete = waitUntil(
        [&] {
            data += socket.readAll();
            if (headEnd < 0) {
                headEnd = data.indexOf("\r\n\r\n");
                if (headEnd < 0)
                    return false;
                const QList<QByteArray> lines = data.left(headEnd).split('\n');
                result.status = lines.first().split(' ').value(1).toInt();
                for (const QByteArray& line : lines.mid(1)) {
                    const qsizetype colon = line.indexOf(':');
                    if (colon > 0)
                        result.headers.append(
                            {line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
                }
                length = result.header("Content-Length").toLongLong();
            }
            return data.size() - headEnd - 4 >= length;
        },
        timeoutMs);
    if (!complete) {
        result.status = 0;
        result.error = QStringLiteral("no whole answer within %1 ms").arg(timeoutMs);
        return result;
    }
    result.body = data.mid(headEnd + 4, length);
    return result;
}

std::unique_ptr<QWebSocket>
DaemonProcess::openWebSocket(const QString& pathAndQuery, int timeoutMs,
                             const std::function<void(QWebSocket*)>& beforeOpen) {
    auto socket = std::make_unique<QWebSocket>();
    bool connected = false;
    QObject::connect(socket.get(), &QWebSocket::connected, [&connected] { connected = true; });
    if (beforeOpen)
        beforeOpen(socket.get());
    QUrl url = m_baseUrl.resolved(QUrl(pathAndQuery));
    url.setScheme(QStringLiteral("ws"));
    QNetworkRequest request(url);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    socket->open(request);
    const bool settled =
        waitUntil([&] { return connected || socket->state() == QAbstractSocket::UnconnectedState; },
                  timeoutMs);
    // Stop updating the local flag once this function returns.
    QObject::disconnect(socket.get(), &QWebSocket::connected, nullptr, nullptr);
    if (!settled || !connected)
        return nullptr;
    return socket;
}

int DaemonProcess::terminate(int timeoutMs) {
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitCode();
    ::kill(static_cast<pid_t>(m_process.processId()), SIGTERM);
    if (!waitForExit(timeoutMs)) {
        m_process.kill();
        m_process.waitForFinished(5000);
        return -1;
    }
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

} // namespace sockerless::test
