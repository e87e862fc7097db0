#pragma once

#include "api/apierror.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QString>
#include <QUrlQuery>
#include <memory>

class QWebSocket;

namespace sockerless::http {

class RequestRecorder;

/// One accepted WebSocket on a routed path. Owns the socket; deletes itself once the socket is
/// closed. Records one request-log entry when it opens and one when it closes.
class WebSocketSession : public QObject {
    Q_OBJECT
public:
    WebSocketSession(std::unique_ptr<QWebSocket> socket, QString routeTemplate,
                     QHash<QString, QString> params, RequestRecorder* recorder,
                     QObject* parent = nullptr);
    ~WebSocketSession() override;

    QWebSocket* socket() const { return m_socket.get(); }
    QString param(const QString& name) const { return m_params.value(name); }
    const QUrlQuery& query() const { return m_query; }
    QString queryValue(const QString& key, const QString& fallback = {}) const;
    const QString& routeTemplate() const { return m_route; }

    /// Fail before streaming: one text message `{"message","status"}`, then close 4000+status.
    void fail(const api::ApiError& error);
    /// A normal end: close with 1000.
    void closeNormally();
    /// Daemon shutdown: close with 1001 (going away).
    void closeGoingAway();
    bool isOpen() const;

signals:
    /// The socket closed, from either side. Abort upstream work here.
    void closed();

private:
    void close(int code, const QString& reason);

    std::unique_ptr<QWebSocket> m_socket;
    QString m_route;
    QHash<QString, QString> m_params;
    QUrlQuery m_query;
    RequestRecorder* m_recorder;
    QElapsedTimer m_timer;
    int m_closeCode = 1000;
    bool m_closed = false;
};

} // namespace sockerless::http
