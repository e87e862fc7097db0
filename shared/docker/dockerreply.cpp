#include "docker/dockerreply.h"

#include "api/httpheaders.h"

#include "docker/dockerconnection.h"

#include <QPointer>

namespace sockerless::docker {

DockerReply::DockerReply(QObject* parent)
    : QObject(parent) {}

DockerReply::~DockerReply() {
    // Deleted mid-exchange: the connection cannot carry half an answer to anyone else.
    if (DockerConnection* connection = std::exchange(m_connection, nullptr))
        connection->detachReply(this);
}

QByteArray DockerReply::header(const QByteArray& name) const {
    return api::headerValue(m_headers, name).trimmed();
}

void DockerReply::pause() {
    if (m_paused || m_done)
        return;
    m_paused = true;
    if (m_connection)
        m_connection->setPaused(true);
}

void DockerReply::resume() {
    if (!m_paused)
        return;
    m_paused = false;
    if (m_connection && !m_done)
        m_connection->setPaused(false);
}

void DockerReply::abort() {
    if (m_done)
        return;
    if (DockerConnection* connection = std::exchange(m_connection, nullptr))
        connection->abortExchange();
    DockerError error;
    error.kind = DockerError::Kind::Aborted;
    error.message = QStringLiteral("aborted by the caller");
    error.endpoint = m_endpoint;
    fail(error);
}

void DockerReply::write(const QByteArray& data) {
    if (!m_upgradeRequest || m_done || m_writeClosed) {
        qWarning("DockerReply::write: not an open upgraded connection; %lld bytes dropped",
                 static_cast<long long>(data.size()));
        return;
    }
    if (!m_upgraded) {
        m_pendingWrites.append(data); // sent as soon as Docker switched protocols
        return;
    }
    if (m_connection)
        m_connection->writeRaw(data);
}

void DockerReply::closeWrite() {
    if (!m_upgradeRequest || m_done || m_writeClosed)
        return;
    m_writeClosed = true;
    if (m_upgraded && m_connection)
        m_connection->closeWrite();
}

void DockerReply::deliverHeaders(int status, const QList<QPair<QByteArray, QByteArray>>& headers) {
    m_status = status;
    m_headers = headers;
    emit headersReceived(status);
}

void DockerReply::deliverUpgraded() {
    m_upgraded = true;
    emit upgraded();
}

void DockerReply::deliverData(const QByteArray& piece) {
    emit data(piece);
}

void DockerReply::complete() {
    if (m_done)
        return;
    m_done = true;
    m_connection = nullptr;
    const QPointer<DockerReply> self(this);
    emit finished();
    if (self)
        afterEnd();
}

void DockerReply::fail(const DockerError& error) {
    if (m_done)
        return;
    m_done = true;
    m_connection = nullptr;
    m_error = error;
    // A copy: a slot deleting the reply must not pull the argument from under the next slot.
    const DockerError copy = error; // NOLINT(performance-unnecessary-copy-initialization)
    const QPointer<DockerReply> self(this);
    emit failed(copy);
    if (self)
        afterEnd();
}

void DockerReply::afterEnd() {
    m_pendingWrites.clear();
    if (m_autoDelete)
        deleteLater();
}

} // namespace sockerless::docker
