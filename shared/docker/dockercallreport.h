#pragma once

#include "docker/dockererror.h"

#include <QByteArray>
#include <QMetaType>
#include <QObject>
#include <QPointer>

namespace sockerless::docker {

/// What DockerClient tells observers about one call (DockerClient::callReported): who asked
/// (the request's origin), what was asked, Docker's status and how long it took. Never carries
/// headers or bodies, so no credential (`X-Registry-Auth`, an `/auth` body) can leak through it.
///
/// A call is reported when Docker's headers arrive (`finished` false: a stream may go on for a
/// long time) and once more when it ends (`finished` true), both reports with the same `id`. A
/// call that fails before any answer is reported once, finished, with status 0.
struct DockerCallReport {
    quint64 id = 0;           ///< per client, increasing
    QPointer<QObject> origin; ///< DockerRequest::origin; null when none or gone
    QByteArray method;        ///< `GET`, `POST`, ...
    QByteArray target;        ///< path and query as sent, without the `/vX.Y` prefix
    int status = 0;           ///< Docker's status; 0 while (or when) no answer came
    qint64 durationNs = 0;    ///< to the headers, or to the end for a finished report
    bool finished = false;    ///< false: only the headers arrived so far
    /// How a finished call failed: None for a success (status < 400), Http for Docker's error
    /// answer, or the transport failure (Unreachable, Timeout, Protocol, Aborted).
    DockerError::Kind failure = DockerError::Kind::None;
};

} // namespace sockerless::docker

Q_DECLARE_METATYPE(sockerless::docker::DockerCallReport)
