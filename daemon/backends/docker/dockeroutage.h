#pragma once

#include "docker/dockererror.h"

#include <functional>

class QObject;

namespace sockerless::docker {
class DockerClient;
class DockerReply;
} // namespace sockerless::docker

namespace sockerless::backends {

/// What the Docker backend does when Docker goes away, so that every caller sees the same
/// `Docker daemon unreachable at <endpoint>: <reason>` (503) and the daemon recovers by itself
/// when Docker returns.
///
/// A stream cannot tell a Docker that stopped from one that ended or broke the stream: both just
/// close the connection (mid-answer for a chunked stream, at any time for a hijacked exec). Only
/// a ping right afterwards tells them apart, so a stream asks confirm() before it reports.
class DockerOutage {
public:
    /// After any failed call: when Docker could not be reached, forget the negotiated API version;
    /// Docker may come back as another version, and the next call negotiates again.
    static void noteFailure(docker::DockerClient* client, const docker::DockerError& error);

    /// A stream's upstream connection closed unexpectedly (`error`: a Protocol failure, or no
    /// error for the end of a hijacked stream). Pings Docker: `done` gets the ping's Unreachable
    /// error when Docker is gone, else `error` unchanged. Other errors pass through at once.
    /// `done` runs only while `context` lives. With no client, `error` passes through.
    static void confirm(docker::DockerClient* client, const docker::DockerError& error,
                        QObject* context,
                        const std::function<void(const docker::DockerError&)>& done);

    /// The client that sent `reply` (DockerClient::send parents every reply to its client), or
    /// nullptr.
    static docker::DockerClient* clientOf(const docker::DockerReply* reply);
};

} // namespace sockerless::backends
