#pragma once

#include "api/httpheaders.h"
#include "docker/dockerclient.h"

#include <QJsonObject>
#include <QString>

namespace sockerless::test {

/// The end of a buffered Docker call made by a test.
struct DockerCallResult {
    bool done = false;
    int status = 0;
    api::HttpHeaders headers;
    QByteArray body;
    docker::DockerError error;

    bool ok() const { return done && !error.isError(); }
    QJsonObject json() const;
    /// The error, or the status and the start of the body: for failure messages.
    QString describe() const;
};

/// Sends `request` and runs the event loop until it ends or `timeoutMs` passes (the call is then
/// aborted and reported as failed). For tests that talk to Docker directly.
DockerCallResult callDocker(docker::DockerClient& client, const docker::DockerRequest& request,
                            int timeoutMs = 60000);

} // namespace sockerless::test
