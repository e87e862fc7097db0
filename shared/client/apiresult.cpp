#include "client/apiresult.h"

namespace sockerless::client {

QString ApiResult::describe() const {
    if (status == 0)
        return message.isEmpty() ? QStringLiteral("no answer from the daemon") : message;
    return QString::number(status) + QStringLiteral(": ") + message;
}

QString ApiResult::messageFromBody(const QByteArray& body) {
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    QString message = object.value(QStringLiteral("message")).toString();
    if (!message.isEmpty())
        return message;
    // Not the contract's shape (a proxy in between?): show the start of what came.
    return QString::fromUtf8(body.left(200)).trimmed();
}

} // namespace sockerless::client
