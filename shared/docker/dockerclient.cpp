#include "docker/dockerclient.h"

#include "docker/dockerconnectionpool.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QUrl>
#include <memory>

namespace sockerless::docker {

namespace {

/// The version Docker assumes for clients that do not say, and that servers too old to send
/// `API-Version` speak at least.
const char* const kFallbackVersion = "1.24";

/// `1.41` → {1, 41}; {-1, -1} when it is not `<number>.<number>`.
std::pair<int, int> parseVersion(const QString& text) {
    const QStringList parts = text.trimmed().split(QLatin1Char('.'));
    if (parts.size() != 2)
        return {-1, -1};
    bool okMajor = false;
    bool okMinor = false;
    const int major = parts[0].toInt(&okMajor);
    const int minor = parts[1].toInt(&okMinor);
    if (!okMajor || !okMinor || major < 0 || minor < 0)
        return {-1, -1};
    return {major, minor};
}

} // namespace

DockerClient::DockerClient(DockerEndpoint endpoint, QObject* parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_pool(new DockerConnectionPool(m_endpoint, this)) {}

DockerClient::~DockerClient() {
    // Connections first: they detach the replies (our other children) without signals, so no
    // reply reports anything while the client is half destroyed.
    m_versionWaiters.clear();
    delete m_pool;
    m_pool = nullptr;
}

void DockerClient::resetApiVersion() {
    m_apiVersion.clear();
}

QString DockerClient::maxApiVersion() {
    return QStringLiteral("1.45");
}

QString DockerClient::negotiateVersion(const QString& serverVersion) {
    const auto server = parseVersion(serverVersion);
    if (server.first < 0)
        return QString::fromLatin1(kFallbackVersion);
    const auto ours = parseVersion(maxApiVersion());
    const auto chosen = server < ours ? server : ours; // numeric: 1.9 < 1.41
    return QStringLiteral("%1.%2").arg(chosen.first).arg(chosen.second);
}

QByteArray DockerClient::buildTarget(const DockerRequest& request, const QString& version) {
    QByteArray target;
    if (!version.isEmpty())
        target = "/v" + version.toLatin1();
    target += request.path;
    const auto items = request.query.queryItems(QUrl::FullyDecoded);
    for (qsizetype i = 0; i < items.size(); ++i) {
        target += i == 0 ? '?' : '&';
        target += QUrl::toPercentEncoding(items[i].first);
        target += '=';
        target += QUrl::toPercentEncoding(items[i].second);
    }
    return target;
}

DockerReply* DockerClient::send(DockerRequest request, QObject* origin) {
    request.origin = origin;
    return send(request);
}

void DockerClient::observe(DockerReply* reply, const DockerRequest& request) {
    auto report = std::make_shared<DockerCallReport>();
    report->id = m_nextCallId++;
    report->origin = request.origin;
    report->method = request.method;
    report->target = buildTarget(request, {});
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    // Connected before the caller can connect anything: the report goes out before a consumer's
    // slot could delete the reply or its origin.
    connect(reply, &DockerReply::headersReceived, this, [this, report, timer](int status) {
        report->status = status;
        report->durationNs = timer->nsecsElapsed();
        emit callReported(*report);
    });
    connect(reply, &DockerReply::finished, this, [this, report, timer, reply] {
        report->status = reply->status();
        report->durationNs = timer->nsecsElapsed();
        report->finished = true;
        emit callReported(*report);
    });
    connect(reply, &DockerReply::failed, this,
            [this, report, timer, reply](const DockerError& error) {
                report->status = reply->status();
                report->durationNs = timer->nsecsElapsed();
                report->finished = true;
                report->failure = error.kind;
                emit callReported(*report);
            });
}

DockerReply* DockerClient::send(const DockerRequest& request) {
    auto* reply = new DockerReply(this);
    reply->m_endpoint = m_endpoint.toString();
    reply->m_upgradeRequest = request.upgrade;
    observe(reply, request);
    if (request.unversioned) {
        m_pool->dispatch(reply, request, buildTarget(request, {}));
        return reply;
    }
    const QPointer<DockerReply> guard(reply);
    whenVersionKnown(request.origin.data(), [this, guard, request](const DockerError& error) {
        DockerReply* const waiting = guard.data();
        if (!waiting || waiting->isFinished())
            return; // aborted or deleted while waiting for the version
        if (error.isError())
            waiting->fail(error);
        else
            m_pool->dispatch(waiting, request, buildTarget(request, m_apiVersion));
    });
    return reply;
}

void DockerClient::whenVersionKnown(QObject* origin, std::function<void(const DockerError&)> then) {
    if (!m_apiVersion.isEmpty()) {
        then(DockerError{});
        return;
    }
    m_versionWaiters.push_back(std::move(then));
    if (m_negotiating)
        return;
    m_negotiating = true;
    DockerRequest ping;
    ping.path = "/_ping";
    ping.unversioned = true;
    ping.origin = origin;
    DockerReply* reply = send(ping);
    connect(reply, &DockerReply::finished, this, [this, reply] {
        m_apiVersion = negotiateVersion(QString::fromLatin1(reply->header("API-Version")));
        versionSettled(DockerError{});
    });
    connect(reply, &DockerReply::failed, this,
            [this](const DockerError& error) { versionSettled(error); });
}

void DockerClient::versionSettled(const DockerError& error) {
    m_negotiating = false;
    const auto waiters = std::exchange(m_versionWaiters, {});
    const QPointer<DockerClient> self(this);
    for (const auto& waiter : waiters) {
        waiter(error);
        if (!self)
            return; // a consumer deleted us from a failed handler
    }
}

void DockerClient::ping(QObject* context, std::function<void(const DockerError&)> done) {
    const bool hasContext = context != nullptr;
    const QPointer<QObject> guard(context);
    auto call = [hasContext, guard, done = std::move(done)](const DockerError& error) {
        if (hasContext && !guard)
            return;
        if (done)
            done(error);
    };
    if (m_apiVersion.isEmpty()) {
        // The negotiation is a ping: its answer is this ping's answer.
        whenVersionKnown(context, std::move(call));
        return;
    }
    DockerRequest request;
    request.path = "/_ping";
    request.unversioned = true;
    request.origin = context;
    DockerReply* reply = send(request);
    connect(reply, &DockerReply::finished, this, [call] { call(DockerError{}); });
    connect(reply, &DockerReply::failed, this, [call](const DockerError& error) { call(error); });
}

void DockerClient::setMaxIdleConnections(int count) {
    m_pool->setMaxIdle(count);
}

int DockerClient::idleConnectionCount() const {
    return m_pool->idleCount();
}

int DockerClient::openConnectionCount() const {
    return m_pool->openCount();
}

} // namespace sockerless::docker
