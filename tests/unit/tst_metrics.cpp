// The Prometheus metrics (daemon/observe/metrics) and the upstream attribution
// (daemon/observe/upstreamattribution, daemon/http/upstreamcalls).

#include "http/upstreamcalls.h"
#include "observe/metrics.h"
#include "observe/upstreamattribution.h"

#include <QHash>
#include <QRegularExpression>
#include <QTest>

using sockerless::docker::DockerCallReport;
using sockerless::docker::DockerError;
using sockerless::http::RequestRecord;
using sockerless::http::UpstreamCallList;
using sockerless::http::UpstreamCollector;
using sockerless::observe::Metrics;
using sockerless::observe::UpstreamAttribution;

namespace {

RequestRecord request(const QString& route, const QString& method, int status, double ms) {
    RequestRecord r;
    r.route = route;
    r.method = method;
    r.status = status;
    r.durationMs = ms;
    return r;
}

DockerCallReport call(const QByteArray& method, int status, DockerError::Kind failure,
                      bool finished = true) {
    DockerCallReport report;
    report.method = method;
    report.target = "/containers/json";
    report.status = status;
    report.failure = failure;
    report.finished = finished;
    return report;
}

struct Sample {
    QString name;
    QString labels; ///< as written, without braces
    double value = 0;
};

// A strict reading of the text format: `# HELP name text`, `# TYPE name type` before the first
// sample of a family, samples `name{labels} value` with well-formed, escaped label values.
struct Parsed {
    QList<Sample> samples;
    QHash<QString, QString> types;
    QStringList errors;

    double value(const QString& name, const QString& labels) const {
        for (const Sample& s : samples) {
            if (s.name == name && s.labels == labels)
                return s.value;
        }
        return -1;
    }
};

Parsed parse(const QByteArray& text) {
    Parsed out;
    static const QRegularExpression sampleLine(
        QStringLiteral("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^"
                       "\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*)\\})? (\\S+)$"));
    static const QRegularExpression commentLine(
        QStringLiteral("^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$"));
    QSet<QString> helped;
    if (!text.endsWith('\n'))
        out.errors.append(QStringLiteral("no final newline"));
    for (const QByteArray& raw : text.split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.isEmpty())
            continue;
        if (line.startsWith(QLatin1Char('#'))) {
            const auto m = commentLine.match(line);
            if (!m.hasMatch()) {
                out.errors.append(QStringLiteral("bad comment: ") + line);
                continue;
            }
            if (m.captured(1) == QLatin1String("HELP"))
                helped.insert(m.captured(2));
            else
                out.types.insert(m.captured(2), m.captured(3));
            continue;
        }
        const auto m = sampleLine.match(line);
        if (!m.hasMatch()) {
            out.errors.append(QStringLiteral("bad sample: ") + line);
            continue;
        }
        QString family = m.captured(1);
        for (const char* suffix : {"_bucket", "_sum", "_count"}) {
            const QString base = family.chopped(qMin(family.size(), qsizetype(qstrlen(suffix))));
            if (family.endsWith(QLatin1String(suffix)) &&
                out.types.value(base) == QLatin1String("histogram"))
                family = base;
        }
        if (!out.types.contains(family) || !helped.contains(family))
            out.errors.append(QStringLiteral("sample before HELP/TYPE: ") + line);
        bool ok = false;
        const QString valueText = m.captured(3);
        const double value = valueText == QLatin1String("+Inf") ? qInf() : valueText.toDouble(&ok);
        if (!ok && valueText != QLatin1String("+Inf"))
            out.errors.append(QStringLiteral("bad value: ") + line);
        out.samples.append(Sample{m.captured(1), m.captured(2), value});
    }
    return out;
}

} // namespace

class TstMetrics : public QObject {
    Q_OBJECT

private slots:
    void countsRequestsByRouteMethodStatus();
    void histogramBucketsAreCumulative();
    void labelValuesAreEscaped();
    void upstreamCallsAndErrors();
    void gaugesAreReadAtRender();
    void emptyMetricsStillParse();
    void upstreamCallsLandInTheirRequest();
    void upstreamPathIsRedacted();
};

void TstMetrics::countsRequestsByRouteMethodStatus() {
    Metrics metrics;
    const QString start = QStringLiteral("/internal/v1/containers/{id}/start");
    metrics.recordRequest(request(start, QStringLiteral("POST"), 204, 3));
    metrics.recordRequest(request(start, QStringLiteral("POST"), 204, 4));
    metrics.recordRequest(request(start, QStringLiteral("POST"), 304, 1));
    metrics.recordRequest(request(QString(), QStringLiteral("GET"), 404, 0.1));
    // A stream's opening is not a finished request; its close is.
    RequestRecord opened =
        request(QStringLiteral("/internal/v1/events"), QStringLiteral("WS"), 101, 0);
    opened.phase = RequestRecord::Phase::StreamOpened;
    metrics.recordRequest(opened);
    RequestRecord closed = opened;
    closed.status = 1000;
    closed.phase = RequestRecord::Phase::StreamClosed;
    metrics.recordRequest(closed);

    const Parsed p = parse(metrics.render());
    QVERIFY2(p.errors.isEmpty(), qPrintable(p.errors.join(QLatin1Char('\n'))));
    QCOMPARE(p.types.value(QStringLiteral("sockerless_requests_total")), QStringLiteral("counter"));
    const QString total = QStringLiteral("sockerless_requests_total");
    QCOMPARE(
        p.value(total, QStringLiteral("route=\"%1\",method=\"POST\",status=\"204\"").arg(start)),
        2.0);
    QCOMPARE(
        p.value(total, QStringLiteral("route=\"%1\",method=\"POST\",status=\"304\"").arg(start)),
        1.0);
    QCOMPARE(p.value(total, QStringLiteral("route=\"unmatched\",method=\"GET\",status=\"404\"")),
             1.0);
    QCOMPARE(p.value(total,
                     QStringLiteral("route=\"/internal/v1/events\",method=\"WS\",status=\"1000\"")),
             1.0);
    QCOMPARE(p.value(total,
                     QStringLiteral("route=\"/internal/v1/events\",method=\"WS\",status=\"101\"")),
             -1.0);
}

void TstMetrics::histogramBucketsAreCumulative() {
    Metrics metrics;
    const QString route = QStringLiteral("/internal/v1/info");
    // 0.5 ms, 3 ms, 30 ms, 0.7 s, 20 s: buckets .001, .005, .05, 1, +Inf; 1 ms exactly is le=.001.
    for (const double ms : {0.5, 1.0, 3.0, 30.0, 700.0, 20000.0})
        metrics.recordRequest(request(route, QStringLiteral("GET"), 200, ms));
    const Parsed p = parse(metrics.render());
    QVERIFY2(p.errors.isEmpty(), qPrintable(p.errors.join(QLatin1Char('\n'))));
    QCOMPARE(p.types.value(QStringLiteral("sockerless_request_duration_seconds")),
             QStringLiteral("histogram"));
    const QStringList bounds{
        QStringLiteral("0.001"), QStringLiteral("0.005"), QStringLiteral("0.01"),
        QStringLiteral("0.025"), QStringLiteral("0.05"),  QStringLiteral("0.1"),
        QStringLiteral("0.25"),  QStringLiteral("0.5"),   QStringLiteral("1"),
        QStringLiteral("2.5"),   QStringLiteral("5"),     QStringLiteral("10"),
        QStringLiteral("+Inf")};
    const QList<double> expected{2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 6};
    double previous = 0;
    for (qsizetype i = 0; i < bounds.size(); ++i) {
        const double count =
            p.value(QStringLiteral("sockerless_request_duration_seconds_bucket"),
                    QStringLiteral("route=\"%1\",le=\"%2\"").arg(route, bounds[i]));
        QCOMPARE(count, expected[i]);
        QVERIFY(count >= previous);
        previous = count;
    }
    const QString label = QStringLiteral("route=\"%1\"").arg(route);
    QCOMPARE(p.value(QStringLiteral("sockerless_request_duration_seconds_count"), label), 6.0);
    QCOMPARE(p.value(QStringLiteral("sockerless_request_duration_seconds_sum"), label),
             (0.5 + 1 + 3 + 30 + 700 + 20000) / 1000.0);
}

void TstMetrics::labelValuesAreEscaped() {
    QCOMPARE(Metrics::escapeLabel(QStringLiteral("a\\b\"c\nd")), QStringLiteral("a\\\\b\\\"c\\nd"));
    Metrics metrics;
    metrics.recordRequest(
        request(QStringLiteral("/x/\"{id}\"\n\\"), QStringLiteral("GET"), 200, 1));
    const Parsed p = parse(metrics.render());
    QVERIFY2(p.errors.isEmpty(), qPrintable(p.errors.join(QLatin1Char('\n'))));
    QCOMPARE(
        p.value(QStringLiteral("sockerless_requests_total"),
                QStringLiteral("route=\"/x/\\\"{id}\\\"\\n\\\\\",method=\"GET\",status=\"200\"")),
        1.0);
}

void TstMetrics::upstreamCallsAndErrors() {
    using Kind = DockerError::Kind;
    Metrics metrics;
    metrics.recordUpstream(call("GET", 200, Kind::None));
    metrics.recordUpstream(call("GET", 200, Kind::None, false)); // headers only: not counted
    metrics.recordUpstream(call("GET", 404, Kind::Http));
    metrics.recordUpstream(call("POST", 500, Kind::Http));
    metrics.recordUpstream(call("GET", 0, Kind::Unreachable));
    metrics.recordUpstream(call("GET", 0, Kind::Timeout));
    metrics.recordUpstream(call("GET", 0, Kind::Aborted));
    metrics.recordUpstream(call("GET", 200, Kind::Aborted)); // a stream the client left
    const Parsed p = parse(metrics.render());
    QVERIFY2(p.errors.isEmpty(), qPrintable(p.errors.join(QLatin1Char('\n'))));
    const QString total = QStringLiteral("sockerless_upstream_requests_total");
    QCOMPARE(p.value(total, QStringLiteral("method=\"GET\",status=\"200\"")), 2.0);
    QCOMPARE(p.value(total, QStringLiteral("method=\"GET\",status=\"404\"")), 1.0);
    QCOMPARE(p.value(total, QStringLiteral("method=\"POST\",status=\"500\"")), 1.0);
    QCOMPARE(p.value(total, QStringLiteral("method=\"GET\",status=\"0\"")), 3.0);
    const QString errors = QStringLiteral("sockerless_upstream_errors_total");
    QCOMPARE(p.value(errors, QStringLiteral("reason=\"http_5xx\"")), 1.0);
    QCOMPARE(p.value(errors, QStringLiteral("reason=\"unreachable\"")), 1.0);
    QCOMPARE(p.value(errors, QStringLiteral("reason=\"timeout\"")), 1.0);
    QCOMPARE(p.value(errors, QStringLiteral("reason=\"aborted\"")), 1.0);
    QCOMPARE(p.value(errors, QStringLiteral("reason=\"protocol\"")), -1.0);
}

void TstMetrics::gaugesAreReadAtRender() {
    Metrics metrics;
    int open = 3;
    metrics.setGauge(QStringLiteral("sockerless_open_streams"), QStringLiteral("Open streams."),
                     [&open] { return static_cast<double>(open); });
    Parsed p = parse(metrics.render());
    QVERIFY2(p.errors.isEmpty(), qPrintable(p.errors.join(QLatin1Char('\n'))));
    QCOMPARE(p.types.value(QStringLiteral("sockerless_open_streams")), QStringLiteral("gauge"));
    QCOMPARE(p.value(QStringLiteral("sockerless_open_streams"), QString()), 3.0);
    open = 0;
    p = parse(metrics.render());
    QCOMPARE(p.value(QStringLiteral("sockerless_open_streams"), QString()), 0.0);
}

void TstMetrics::emptyMetricsStillParse() {
    const Parsed p = parse(Metrics().render());
    QVERIFY2(p.errors.isEmpty(), qPrintable(p.errors.join(QLatin1Char('\n'))));
    QCOMPARE(p.types.size(), 4);
    QVERIFY(Metrics::contentType().startsWith("text/plain; version=0.0.4"));
}

void TstMetrics::upstreamCallsLandInTheirRequest() {
    auto calls = std::make_shared<UpstreamCallList>();
    UpstreamCollector collector(calls, nullptr);
    QObject child(&collector); // a backend helper made under the request's context
    QObject grandChild(&child);
    QObject stranger;

    DockerCallReport report = call("POST", 200, DockerError::Kind::None, false);
    report.id = 41;
    report.origin = &grandChild;
    report.durationNs = 2'000'000;
    QVERIFY(UpstreamAttribution::attribute(report));
    QCOMPARE(calls->calls().size(), 1);
    QCOMPARE(calls->calls().at(0).status, 200);
    QCOMPARE(calls->calls().at(0).durationMs, 2.0);
    // The end of the same call updates its entry instead of adding one.
    report.finished = true;
    report.durationNs = 9'000'000;
    QVERIFY(UpstreamAttribution::attribute(report));
    QCOMPARE(calls->calls().size(), 1);
    QCOMPARE(calls->calls().at(0).durationMs, 9.0);
    QCOMPARE(calls->calls().at(0).method, QStringLiteral("POST"));
    QCOMPARE(calls->calls().at(0).path, QStringLiteral("/containers/json"));

    report.id = 42;
    report.origin = &stranger;
    QVERIFY(!UpstreamAttribution::attribute(report));
    report.origin = nullptr;
    QVERIFY(!UpstreamAttribution::attribute(report));
    QCOMPARE(calls->calls().size(), 1);

    // Bounded: a request cannot grow its record without limit.
    report.origin = &child;
    for (quint64 id = 100; id < 300; ++id) {
        report.id = id;
        UpstreamAttribution::attribute(report);
    }
    QCOMPARE(calls->calls().size(), UpstreamCallList::maxCalls());
}

void TstMetrics::upstreamPathIsRedacted() {
    DockerCallReport report = call("GET", 200, DockerError::Kind::None);
    report.target = "/images/search?term=x&auth=c2VjcmV0&registryToken=abc";
    const auto entry = UpstreamAttribution::toCall(report);
    QVERIFY(!entry.path.contains(QStringLiteral("c2VjcmV0")));
    QVERIFY(!entry.path.contains(QStringLiteral("abc")));
    QCOMPARE(entry.path,
             QStringLiteral("/images/search?term=x&auth=REDACTED&registryToken=REDACTED"));
}

QTEST_GUILESS_MAIN(TstMetrics)
#include "tst_metrics.moc"
