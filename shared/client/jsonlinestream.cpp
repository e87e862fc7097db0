#include "client/jsonlinestream.h"

#include <QJsonDocument>
#include <QNetworkReply>

namespace sockerless::client {

JsonLineStream::JsonLineStream(QNetworkReply* reply, QObject* parent)
    : QObject(parent)
    , m_reply(reply) {
    reply->setParent(this);
    connect(reply, &QNetworkReply::readyRead, this, &JsonLineStream::readAvailable);
    connect(reply, &QNetworkReply::finished, this, &JsonLineStream::finish);
}

void JsonLineStream::cancel() {
    if (m_done)
        return;
    m_done = true;
    m_reply->disconnect(this);
    m_reply->abort();
    ApiResult result;
    result.message = QStringLiteral("cancelled");
    emit finished(result);
}

void JsonLineStream::readAvailable() {
    m_pending += m_reply->readAll();
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200)
        return; // an error body is read whole in finish()
    qsizetype newline = 0;
    while ((newline = m_pending.indexOf('\n')) >= 0) {
        const QByteArray text = m_pending.left(newline).trimmed();
        m_pending.remove(0, newline + 1);
        if (text.isEmpty())
            continue;
        const QJsonObject object = QJsonDocument::fromJson(text).object();
        if (object.contains(QStringLiteral("error")) && m_streamError.isEmpty())
            m_streamError = object.value(QStringLiteral("error")).toString();
        emit line(object);
    }
}

void JsonLineStream::finish() {
    if (m_done)
        return;
    readAvailable();
    m_done = true;
    ApiResult result;
    result.status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (result.status == 200 && !m_pending.trimmed().isEmpty())
        emit line(QJsonDocument::fromJson(m_pending.trimmed()).object());
    if (result.status == 0) {
        result.message = m_reply->errorString();
    } else if (!result.ok()) {
        result.message = ApiResult::messageFromBody(m_pending);
    } else if (!m_streamError.isEmpty()) {
        result.status = 500; // Docker's failure part-way: 200 on the wire, a failure to the user
        result.message = m_streamError;
    }
    emit finished(result);
}

} // namespace sockerless::client
