#include "dockercall.h"

#include <QJsonDocument>
#include <QTest>
#include <memory>

namespace sockerless::test {

using docker::DockerError;
using docker::DockerReply;

QJsonObject DockerCallResult::json() const {
    return QJsonDocument::fromJson(body).object();
}

QString DockerCallResult::describe() const {
    return error.isError()
               ? error.toString()
               : QStringLiteral("status %1: %2").arg(status).arg(QString::fromUtf8(body.left(300)));
}

DockerCallResult callDocker(docker::DockerClient& client, const docker::DockerRequest& request,
                            int timeoutMs) {
    auto result = std::make_shared<DockerCallResult>();
    DockerReply* reply = client.send(request);
    QObject::connect(reply, &DockerReply::finished, reply, [result, reply] {
        result->done = true;
        result->status = reply->status();
        result->headers = reply->headers();
        result->body = reply->body();
    });
    QObject::connect(reply, &DockerReply::failed, reply, [result, reply](const DockerError& e) {
        result->done = true;
        result->status = reply->status();
        result->error = e;
    });
    if (!QTest::qWaitFor([&] { return result->done; }, timeoutMs))
        reply->abort(); // reports failed(Aborted) into result
    return *result;
}

} // namespace sockerless::test
