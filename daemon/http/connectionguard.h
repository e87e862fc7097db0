#pragma once

#include "http/requestframer.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QTcpSocket;

namespace sockerless::http {

class ConnectionHub;

/// Stands in front of QHttpServer on one client connection (Qt 6.4's QHttpServer has no body or
/// header limit, no idle timeout, ignores `Connection: close` and merges pipelined requests).
///
/// Its readyRead slot is connected before QHttpServer's, so it sees every byte first: it peeks at
/// them and frames them with a RequestFramer. A body or header block over its limit, or bytes
/// that are not HTTP, end the connection through a ConnectionCloser (413, 431, 400) before
/// QHttpServer buffers anything more. Several requests in one read are handed to QHttpServer one
/// per readyRead (the rest is held back and put back in front of the socket's buffer), because
/// QHttpServer 6.4 would parse them into one merged request; the next one goes once the previous
/// answer ended, so answers keep the requests' order. (Bytes arriving while a request is held
/// release it at once: holding them too would make QHttpServer 6.4 run its last request again on
/// an empty read.) After a WebSocket upgrade the guard steps aside.
///
/// HttpExchange tells it when an answer starts and ends (beginExchange/endExchange): a
/// connection with no answer pending, no bytes moving and no held request for the idle timeout
/// is closed, and a request that asked for `Connection: close` (or HTTP/1.0 without keep-alive)
/// closes the connection after its answer. A child of the socket.
class ConnectionGuard : public QObject {
    Q_OBJECT
public:
    /// Attaches to `socket` (which becomes the parent) and counts against `hub`.
    ConnectionGuard(QTcpSocket* socket, ConnectionHub* hub);
    ~ConnectionGuard() override;

    /// The guard of a client socket, or null (a socket not accepted through a guarded listener).
    static ConnectionGuard* of(const QObject* socket);

    /// An answer to the request QHttpServer is handing over now starts. Returns true when the
    /// client asked to close the connection after it (the answer then says `Connection: close`).
    bool beginExchange();
    /// The answer started by beginExchange() was handed to the socket in full (or dropped).
    /// `closeAfter` is what beginExchange() returned: the connection is closed once it is sent.
    void endExchange(bool closeAfter);

    /// Answers whose exchange began and did not end yet.
    int exchangesInFlight() const { return m_inFlight; }

private:
    void onReadyRead();
    void onActivity();
    void onIdleTimeout();
    void putBackHeld();
    void deliverHeld();
    void reject(int status, const QString& message);
    void detach();

    QPointer<QTcpSocket> m_socket;
    QPointer<ConnectionHub> m_hub;
    RequestFramer m_framer;
    QTimer m_idle;
    QList<bool> m_keepAlive;                       ///< of delivered requests not yet begun
    QByteArray m_held;                             ///< pipelined bytes not yet given to QHttpServer
    QList<RequestFramer::Message> m_heldBounds;    ///< request ends inside m_held
    qsizetype m_putBack = 0;                       ///< bytes at the buffer's front already framed
    QList<RequestFramer::Message> m_putBackBounds; ///< request ends inside those bytes
    int m_inFlight = 0;
    bool m_detached = false;
    bool m_rejected = false;
};

} // namespace sockerless::http
