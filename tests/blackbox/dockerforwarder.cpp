#include "dockerforwarder.h"

#include <utility>

namespace sockerless::test {

DockerForwarder::DockerForwarder(QString path, QString dockerPath)
    : m_path(std::move(path))
    , m_dockerPath(std::move(dockerPath)) {}

DockerForwarder::~DockerForwarder() {
    stop();
}

bool DockerForwarder::start() {
    if (isListening())
        return true;
    m_server = std::make_unique<QLocalServer>();
    QLocalServer::removeServer(m_path);
    if (!m_server->listen(m_path))
        return false;
    connect(m_server.get(), &QLocalServer::newConnection, this, &DockerForwarder::accept);
    return true;
}

void DockerForwarder::stop() {
    // The listener first: a daemon that reconnects at once must find nobody, as with a dead
    // Docker. QLocalServer::close() removes the socket file.
    if (m_server)
        m_server->close();
    const auto pairs = std::exchange(m_pairs, {});
    for (const auto& pair : pairs)
        closePair(pair);
    m_server.reset();
}

int DockerForwarder::openPairs() const {
    return int(m_pairs.size());
}

void DockerForwarder::accept() {
    while (QLocalSocket* client = m_server->nextPendingConnection()) {
        ++m_accepted;
        client->setParent(this); // a pair outlives the server that accepted it until stop()
        auto pair = std::make_shared<Pair>();
        pair->client = client;
        auto* upstream = new QLocalSocket(this);
        pair->upstream = upstream;
        m_pairs.append(pair);
        // Raw pointers in the lambdas: each socket's own signals only fire while it lives, and
        // closePair() disconnects both before deleting them.
        connect(client, &QLocalSocket::readyRead, this, [pair] {
            const QByteArray bytes = pair->client->readAll();
            if (pair->upstream && pair->upstream->state() == QLocalSocket::ConnectedState)
                pair->upstream->write(bytes);
            else
                pair->pending += bytes;
        });
        connect(upstream, &QLocalSocket::connected, this, [pair] {
            if (!pair->pending.isEmpty())
                pair->upstream->write(std::exchange(pair->pending, {}));
        });
        connect(upstream, &QLocalSocket::readyRead, this, [pair] {
            if (pair->client)
                pair->client->write(pair->upstream->readAll());
        });
        // Either side going closes both: whatever was read is written first.
        connect(client, &QLocalSocket::disconnected, this, [this, pair] {
            m_pairs.removeAll(pair);
            closePair(pair);
        });
        connect(upstream, &QLocalSocket::disconnected, this, [this, pair] {
            if (pair->client && pair->upstream)
                pair->client->write(pair->upstream->readAll());
            m_pairs.removeAll(pair);
            closePair(pair);
        });
        connect(upstream, &QLocalSocket::errorOccurred, this,
                [this, pair](QLocalSocket::LocalSocketError error) {
                    if (error == QLocalSocket::PeerClosedError)
                        return; // `disconnected` handles it
                    m_pairs.removeAll(pair);
                    closePair(pair);
                });
        upstream->connectToServer(m_dockerPath);
    }
}

void DockerForwarder::closePair(const std::shared_ptr<Pair>& pair) {
    for (QLocalSocket* socket : {pair->client.data(), pair->upstream.data()}) {
        if (!socket)
            continue;
        socket->disconnect(this);
        if (socket->state() == QLocalSocket::ConnectedState)
            socket->flush();
        socket->abort();
        socket->deleteLater();
    }
    pair->client.clear();
    pair->upstream.clear();
}

} // namespace sockerless::test
