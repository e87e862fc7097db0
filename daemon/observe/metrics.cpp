#include "observe/metrics.h"

#include <QLocale>
#include <QStringList>
#include <algorithm>
#include <cmath>

namespace sockerless::observe {

namespace {

// Prometheus wants Go's float text: `+Inf`, `NaN`, else the shortest exact form.
QByteArray number(double value) {
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "+Inf" : "-Inf";
    return QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
}

QByteArray bucketBound(double bound) {
    return QByteArray::number(bound, 'g', 6);
}

void header(QByteArray* out, const char* name, const char* type, const char* help) {
    *out += "# HELP ";
    *out += name;
    *out += ' ';
    *out += help;
    *out += "\n# TYPE ";
    *out += name;
    *out += ' ';
    *out += type;
    *out += '\n';
}

// Sorted, so that scrapes are stable and easy to diff.
void counterLines(QByteArray* out, const char* name, const QHash<QString, quint64>& values) {
    QStringList keys = values.keys();
    keys.sort();
    for (const QString& key : std::as_const(keys)) {
        *out += name;
        *out += '{';
        *out += key.toUtf8();
        *out += "} ";
        *out += QByteArray::number(values.value(key));
        *out += '\n';
    }
}

} // namespace

QString Metrics::escapeLabel(const QString& value) {
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        if (c == QLatin1Char('\\'))
            out += QStringLiteral("\\\\");
        else if (c == QLatin1Char('"'))
            out += QStringLiteral("\\\"");
        else if (c == QLatin1Char('\n'))
            out += QStringLiteral("\\n");
        else
            out += c;
    }
    return out;
}

QByteArray Metrics::contentType() {
    return "text/plain; version=0.0.4; charset=utf-8";
}

void Metrics::recordRequest(const http::RequestRecord& record) {
    if (record.phase == http::RequestRecord::Phase::StreamOpened)
        return;
    const QString route =
        escapeLabel(record.route.isEmpty() ? QStringLiteral("unmatched") : record.route);
    const QString key = QStringLiteral("route=\"%1\",method=\"%2\",status=\"%3\"")
                            .arg(route, escapeLabel(record.method))
                            .arg(record.status);
    ++m_requests[key];
    Histogram& histogram = m_durations[route];
    const double seconds = qMax(0.0, record.durationMs / 1000.0);
    const auto bucket = std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds);
    ++histogram.counts[static_cast<size_t>(bucket - kBuckets.begin())];
    histogram.sum += seconds;
    ++histogram.count;
}

QString Metrics::upstreamErrorReason(const docker::DockerCallReport& report) {
    using Kind = docker::DockerError::Kind;
    if (report.status >= 500)
        return QStringLiteral("http_5xx");
    switch (report.failure) {
    case Kind::Unreachable:
        return QStringLiteral("unreachable");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::Protocol:
        return QStringLiteral("protocol");
    case Kind::Aborted:
        // Aborting a stream Docker answered is how a client leaving ends it: not an error.
        return report.status == 0 ? QStringLiteral("aborted") : QString();
    case Kind::None:
    case Kind::Http:
        break;
    }
    return {};
}

void Metrics::recordUpstream(const docker::DockerCallReport& report) {
    if (!report.finished)
        return;
    const QString method = escapeLabel(QString::fromLatin1(report.method));
    ++m_upstream[QStringLiteral("method=\"%1\",status=\"%2\"").arg(method).arg(report.status)];
    const QString reason = upstreamErrorReason(report);
    if (!reason.isEmpty())
        ++m_upstreamErrors[QStringLiteral("reason=\"%1\"").arg(reason)];
}

void Metrics::setGauge(const QString& name, const QString& help, std::function<double()> value) {
    m_gauges.append(Gauge{name, help, std::move(value)});
}

QByteArray Metrics::render() const {
    QByteArray out;
    out.reserve(qsizetype(16) * 1024);
    header(&out, "sockerless_requests_total", "counter",
           "Finished requests by route template, method and status (streams when they close).");
    counterLines(&out, "sockerless_requests_total", m_requests);

    header(&out, "sockerless_request_duration_seconds", "histogram",
           "Request duration by route template, from arrival to the last byte.");
    QStringList routes = m_durations.keys();
    routes.sort();
    for (const QString& route : std::as_const(routes)) {
        const Histogram& histogram = m_durations.value(route);
        const QByteArray label = "route=\"" + route.toUtf8() + '"';
        quint64 cumulative = 0;
        for (size_t i = 0; i <= kBuckets.size(); ++i) {
            cumulative += histogram.counts[i];
            const QByteArray le = i < kBuckets.size() ? bucketBound(kBuckets[i]) : "+Inf";
            out += "sockerless_request_duration_seconds_bucket{" + label + ",le=\"" + le + "\"} " +
                   QByteArray::number(cumulative) + '\n';
        }
        out += "sockerless_request_duration_seconds_sum{" + label + "} " + number(histogram.sum) +
               '\n';
        out += "sockerless_request_duration_seconds_count{" + label + "} " +
               QByteArray::number(histogram.count) + '\n';
    }

    header(&out, "sockerless_upstream_requests_total", "counter",
           "Finished Docker Engine calls by method and status (0: no answer).");
    counterLines(&out, "sockerless_upstream_requests_total", m_upstream);
    header(&out, "sockerless_upstream_errors_total", "counter",
           "Docker Engine calls that failed: http_5xx, unreachable, timeout, protocol, aborted.");
    counterLines(&out, "sockerless_upstream_errors_total", m_upstreamErrors);

    for (const Gauge& gauge : m_gauges) {
        const QByteArray name = gauge.name.toUtf8();
        header(&out, name.constData(), "gauge", gauge.help.toUtf8().constData());
        out += name + ' ' + number(gauge.value ? gauge.value() : 0.0) + '\n';
    }
    return out;
}

} // namespace sockerless::observe
