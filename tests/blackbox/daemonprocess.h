#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <functional>
#include <memory>

class QWebSocket;

namespace sockerless::test {

/// The real `sockerlessd` binary, started for one test: on a free loopback port, JSON logs on
/// stderr (kept for failure reports), stopped with SIGTERM. Every wait has a deadline.
class DaemonProcess {
public:
    struct Reply {
        int status = 0; ///< 0 when no answer came (connection failed or timed out)
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QString error;
        QByteArray header(const QByteArray& name) const;
        QJsonDocument json() const { return QJsonDocument::fromJson(body); }
    };

    DaemonProcess();
    ~DaemonProcess();

    /// The built binary: `$SOCKERLESS_BUILD_DIR/daemon/sockerlessd`.
    static QString binaryPath();
    /// The backend under test: `SOCKERLESS_TEST_BACKEND`, `docker` (default) or `memory`.
    static QString testBackend();
    /// The arguments every test daemon gets unless `extraArgs` overrides them: the backend under
    /// test (the Docker one on the test Docker), JSON logs, debug level.
    static QStringList defaultArguments();

    /// Starts the daemon with `--listen 127.0.0.1:0` and `arguments`, waits (bounded) for its
    /// `listening` log line and for `/internal/v1/healthz` to answer 200.
    bool start(const QStringList& arguments = defaultArguments(), QString* error = nullptr);
    /// Starts with exactly `arguments`, and waits for nothing.
    void launch(const QStringList& arguments);
    /// Waits for the process to exit on its own; returns false on timeout.
    bool waitForExit(int timeoutMs);

    /// The bearer token request() and openWebSocket() send (`Authorization: Bearer <token>`,
    /// unless the call passes its own `Authorization`); empty (the default): none.
    void setToken(const QByteArray& token) { m_token = token; }
    QByteArray token() const { return m_token; }

    QUrl baseUrl() const { return m_baseUrl; }
    qint64 pid() const;
    QProcess& process() { return m_process; }
    /// Everything the daemon wrote to stderr so far.
    QByteArray log();
    /// The JSON log lines whose `msg` is `message`.
    QList<QJsonObject> logRecords(const QString& message);

    /// An HTTP request to the daemon (over TCP), waiting at most `timeoutMs`.
    Reply request(const QByteArray& method, const QString& pathAndQuery,
                  const QByteArray& body = {},
                  const QList<QPair<QByteArray, QByteArray>>& headers = {}, int timeoutMs = 10000);
    Reply get(const QString& pathAndQuery) { return request("GET", pathAndQuery); }

    /// A request whose target is sent byte for byte (QUrl would turn `%2E%2E` into `..` and
    /// resolve it away), read up to its Content-Length; status 0 when no answer came in time.
    Reply rawRequest(const QByteArray& method, const QByteArray& rawTarget, int timeoutMs = 10000);

    /// Opens a WebSocket to `pathAndQuery`; returns it once the handshake completed (it may have
    /// been closed by the daemon since: check state()), or nullptr after `timeoutMs`.
    /// `beforeOpen` runs before the handshake starts, to connect message handlers that must not
    /// miss what a quickly closing socket receives.
    std::unique_ptr<QWebSocket>
    openWebSocket(const QString& pathAndQuery, int timeoutMs = 10000,
                  const std::function<void(QWebSocket*)>& beforeOpen = {});

    /// Sends SIGTERM and waits up to `timeoutMs` for the exit. Returns the exit code, or -1 when
    /// the daemon did not exit in time (it is then killed).
    int terminate(int timeoutMs = 5000);

private:
    QProcess m_process;
    QByteArray m_log;
    QUrl m_baseUrl;
    QByteArray m_token;
};

} // namespace sockerless::test
