#pragma once

#include "docker/dockercallreport.h"
#include "http/requestrecorder.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <array>
#include <functional>

namespace sockerless::observe {

/// The daemon's Prometheus metrics, rendered in the text exposition format 0.0.4:
///
/// - `sockerless_requests_total{route,method,status}` counter, one per finished request (a
///   stream counts when it closes);
/// - `sockerless_request_duration_seconds{route}` histogram;
/// - `sockerless_upstream_requests_total{method,status}` counter, one per finished Docker call;
/// - `sockerless_upstream_errors_total{reason}` counter: `http_5xx`, `unreachable`, `timeout`,
///   `protocol`, `aborted` (aborted before Docker answered);
/// - gauges read when rendering (setGauge): open connections, open streams, Docker up, records
///   in the request log.
///
/// Labels stay bounded: `route` is the route template (`unmatched` when none matched), never a
/// path; methods and statuses are a small set. No label ever holds a path, query or header.
class Metrics {
public:
    /// The histogram's upper bounds in seconds (+Inf is implied).
    static constexpr std::array<double, 12> kBuckets{0.001, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                     0.25,  0.5,   1,    2.5,   5,    10};

    /// Counts a record; a stream's opening record is not counted (its close is).
    void recordRequest(const http::RequestRecord& record);
    /// Counts a finished Docker call (reports of headers only are ignored).
    void recordUpstream(const docker::DockerCallReport& report);
    /// A gauge whose value is read from `value` at every render(), in registration order.
    void setGauge(const QString& name, const QString& help, std::function<double()> value);

    /// The exposition text.
    QByteArray render() const;
    /// `text/plain; version=0.0.4; charset=utf-8`
    static QByteArray contentType();
    /// A label value escaped as the format wants: `\` → `\\`, `"` → `\"`, newline → `\n`.
    static QString escapeLabel(const QString& value);

    /// The reason label of a finished upstream call that counts as an error; empty for none.
    static QString upstreamErrorReason(const docker::DockerCallReport& report);

private:
    struct Histogram {
        std::array<quint64, kBuckets.size() + 1> counts{}; // per bucket, the last is +Inf
        double sum = 0;
        quint64 count = 0;
    };
    struct Gauge {
        QString name;
        QString help;
        std::function<double()> value;
    };

    // Keys are the rendered label sets (`route="...",method="GET",status="200"`), escaped once.
    QHash<QString, quint64> m_requests;
    QHash<QString, Histogram> m_durations; // by escaped route
    QHash<QString, quint64> m_upstream;
    QHash<QString, quint64> m_upstreamErrors;
    QList<Gauge> m_gauges;
};

} // namespace sockerless::observe
