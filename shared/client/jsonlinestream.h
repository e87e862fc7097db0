#pragma once

#include "client/apiresult.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>

class QNetworkReply;

namespace sockerless::client {

/// Reads a response of JSON lines as it arrives (pull progress, load): one `line` per complete
/// JSON object, then `finished` once. A line carrying Docker's `error` ends the stream as a
/// failure even on a 200, as Docker reports a pull that fails part-way.
class JsonLineStream : public QObject {
    Q_OBJECT
public:
    /// Takes ownership of `reply`.
    explicit JsonLineStream(QNetworkReply* reply, QObject* parent = nullptr);
    /// Stops reading; `finished` comes with status 0 and "cancelled".
    void cancel();

signals:
    void line(const QJsonObject& object);
    /// Once: ok() on success, else the status and the message (Docker's error line, the
    /// daemon's `{"message"}`, or the transport error).
    void finished(const sockerless::client::ApiResult& result);

private:
    void readAvailable();
    void finish();

    QNetworkReply* m_reply = nullptr;
    QByteArray m_pending;
    QString m_streamError;
    bool m_done = false;
};

} // namespace sockerless::client
