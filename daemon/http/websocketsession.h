#pragma once

#include "api/apierror.h"
#include "http/upstreamcalls.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrlQuery>
#include <memory>

class QWebSocket;

namespace sockerless::http {

class RequestRecorder;

/// One accepted WebSocket on a routed path. Owns the socket; deletes itself once the socket is
/// closed. Records one request-log entry when it opens and one when it closes.
///
/// `closed` is emitted once: when this side starts the close (fail, closeNormally,
/// closeGoingAway) or when the peer closes or drops the connection. The object (and the socket)
/// is deleted after the socket has disconnected, or a few seconds after a close this side
/// started if the peer never answers the close handshake.
class WebSocketSession : public QObject, public UpstreamRecipient {
    Q_OBJECT
    Q_INTERFACES(sockerless::http::UpstreamRecipient)
public:
    /// Takes over an upgraded socket and records the open (status 101). `routeTemplate` is empty
    /// for a path no WebSocket route matches (the session is then failed with 404).
    WebSocketSession(std::unique_ptr<QWebSocket> socket, QString routeTemplate,
                     QHash<QString, QString> params, RequestRecorder* recorder,
                     QObject* parent = nullptr);
    ~WebSocketSession() override;

    /// The socket, to send and receive messages; owned by the session.
    QWebSocket* socket() const { return m_socket.get(); }
    /// A route placeholder, decoded.
    QString param(const QString& name) const { return m_params.value(name); }
    /// The query of the upgrade request.
    const QUrlQuery& query() const { return m_query; }
    /// A query item, fully decoded, or `fallback` when absent.
    QString queryValue(const QString& key, const QString& fallback = {}) const;
    /// The matching WebSocket route template, or empty.
    const QString& routeTemplate() const { return m_route; }
    /// The peer: its address, or `unix` on the Unix-socket listener.
    const QString& client() const { return m_client; }

    /// Fail before streaming: one text message `{"message","status"}`, then close 4000+status.
    void fail(const api::ApiError& error);
    /// A normal end: close with 1000.
    void closeNormally();
    /// Daemon shutdown: close with 1001 (going away).
    void closeGoingAway();
    /// True until a close started from either side.
    bool isOpen() const;
    /// A Docker call made for this session; listed in its close record.
    void noteUpstream(const UpstreamCall& call) override { m_upstream.upsert(call); }

signals:
    /// The socket closed, from either side. Abort upstream work here.
    void closed();

private:
    void close(int code, const QString& reason);
    void onDisconnected();
    void markClosed(int code, const QString& error);
    void record(int status, const QString& error);

    std::unique_ptr<QWebSocket> m_socket;
    QString m_route;
    QHash<QString, QString> m_params;
    QUrlQuery m_query;
    QString m_path;
    QString m_client;
    QPointer<RequestRecorder> m_recorder; // the recorder may go first at teardown
    UpstreamCallList m_upstream;
    QDateTime m_opened;
    QElapsedTimer m_timer;
    qint64 m_bytesIn = 0;
    qint64 m_bytesOut = 0;
    int m_closeCode = 1000;
    bool m_closed = false;
};

} // namespace sockerless::http
