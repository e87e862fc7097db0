#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace sockerless::client {

/// The outcome of one REST call to the daemon: the HTTP status (0 when no answer came: refused,
/// timed out, aborted), the body, and for a failure the contract's `{"message"}` text (or the
/// transport's reason when there was no answer).
struct ApiResult {
    int status = 0;
    QByteArray body;
    QString message;

    /// 2xx, or 304 (already started / stopped: the state the caller wanted).
    bool ok() const { return (status >= 200 && status < 300) || status == 304; }
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
    QJsonObject object() const { return json().object(); }
    QJsonArray array() const { return json().array(); }
    /// "404: No such container: x", or the transport error when there was no answer.
    QString describe() const;

    /// The message of an error body (`{"message": ...}`), else the body as text, cut short.
    static QString messageFromBody(const QByteArray& body);
};

} // namespace sockerless::client
