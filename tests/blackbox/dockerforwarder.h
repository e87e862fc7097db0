#pragma once

#include <QList>
#include <QLocalServer>
#include <QLocalSocket>
#include <QObject>
#include <QPointer>
#include <QString>
#include <memory>

namespace sockerless::test {

/// A Docker that can be switched off and on: a Unix socket in the test process whose every
/// connection is piped, byte for byte, to the real Docker's socket. stop() is Docker going away
/// (the socket file disappears and every piped connection closes at once, mid-answer or not);
/// start() is Docker coming back at the same address. Point the daemon at url().
///
/// It runs on the test's event loop: wait with QTRY_* / QSignalSpy::wait, never with blocking
/// socket calls. A half-close from either side closes the whole pair (QLocalSocket cannot
/// half-close), so an exec's stdin EOF does not pass through.
class DockerForwarder : public QObject {
    Q_OBJECT
public:
    /// Listens at `path` (after start()) and forwards to the Unix socket `dockerPath`.
    DockerForwarder(QString path, QString dockerPath);
    ~DockerForwarder() override;

    /// Listens again (or for the first time); false if the socket cannot be made.
    bool start();
    /// Closes the listening socket (its file goes away: connecting fails) and every piped
    /// connection, both ends.
    void stop();
    bool isListening() const { return m_server && m_server->isListening(); }

    /// `unix://<path>`, for `--docker-host`.
    QString url() const { return QStringLiteral("unix://") + m_path; }
    /// Connections piped so far, and open now.
    int accepted() const { return m_accepted; }
    int openPairs() const;

private:
    struct Pair {
        QPointer<QLocalSocket> client;   ///< the daemon's connection to us
        QPointer<QLocalSocket> upstream; ///< our connection to Docker
        QByteArray pending;              ///< client bytes that came before upstream connected
    };
    void accept();
    void closePair(const std::shared_ptr<Pair>& pair);

    QString m_path;
    QString m_dockerPath;
    std::unique_ptr<QLocalServer> m_server;
    QList<std::shared_ptr<Pair>> m_pairs;
    int m_accepted = 0;
};

} // namespace sockerless::test
