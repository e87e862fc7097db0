#include "requestchart.h"

#include "statecolors.h"

#include <QChart>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <memory>

namespace sockerless::gui {

namespace {

double percentile(QList<double> values, double p) {
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = qsizetype(std::ceil(p * double(values.size()))) - 1;
    return values[std::clamp<qsizetype>(rank, 0, values.size() - 1)];
}

QLineSeries* series(QChart* chart, const QString& name, const QColor& color) {
    auto* line = new QLineSeries(chart);
    line->setName(name);
    QPen pen(color);
    pen.setWidthF(1.8);
    line->setPen(pen);
    chart->addSeries(line);
    return line;
}

} // namespace

RequestChart::RequestChart(QWidget* parent)
    : QChartView(parent) {
    auto* chart = new QChart;
    chart->setTitle(tr("Requests per second and latency (last %1 min)").arg(windowSeconds / 60));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    // The chart follows the widget palette instead of a fixed light or dark theme.
    chart->setBackgroundBrush(palette().color(QPalette::Base));
    chart->setTitleBrush(palette().color(QPalette::Text));
    chart->legend()->setLabelColor(palette().color(QPalette::Text));
    m_rate = series(chart, tr("req/s"), StateColors::color(StateColors::Role::Info, palette()));
    m_p50 = series(chart, tr("p50 ms"), StateColors::color(StateColors::Role::Good, palette()));
    m_p95 = series(chart, tr("p95 ms"), StateColors::color(StateColors::Role::Warning, palette()));
    m_p99 = series(chart, tr("p99 ms"), StateColors::color(StateColors::Role::Bad, palette()));
    m_time = new QDateTimeAxis(chart);
    m_time->setFormat(QStringLiteral("HH:mm"));
    m_time->setTickCount(6);
    m_rateAxis = new QValueAxis(chart);
    m_rateAxis->setTitleText(tr("req/s"));
    m_rateAxis->setLabelFormat(QStringLiteral("%.1f"));
    m_latencyAxis = new QValueAxis(chart);
    m_latencyAxis->setTitleText(tr("ms"));
    m_latencyAxis->setLabelFormat(QStringLiteral("%.0f"));
    for (QAbstractAxis* axis :
         {static_cast<QAbstractAxis*>(m_time), static_cast<QAbstractAxis*>(m_rateAxis),
          static_cast<QAbstractAxis*>(m_latencyAxis)}) {
        axis->setLabelsColor(palette().color(QPalette::Text));
        axis->setTitleBrush(palette().color(QPalette::Text));
        axis->setGridLineColor(palette().color(QPalette::Mid));
    }
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_rateAxis, Qt::AlignLeft);
    chart->addAxis(m_latencyAxis, Qt::AlignRight);
    for (QLineSeries* line : {m_rate, m_p50, m_p95, m_p99}) {
        line->attachAxis(m_time);
        line->attachAxis(line == m_rate ? m_rateAxis : m_latencyAxis);
    }
    // QChartView made a default chart of its own; setChart() only releases it (Qt's documented
    // behaviour), so it is deleted here or it would leak.
    std::unique_ptr<QChart> defaultChart(this->chart());
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(200);
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &RequestChart::redraw);
    m_timer.start();
    redraw();
}

void RequestChart::addSample(const QDateTime& time, double durationMs) {
    const qint64 msecs =
        time.isValid() ? time.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
    // Records mostly come in order; keep the list sorted for the bucketing below.
    auto at =
        std::upper_bound(m_samples.begin(), m_samples.end(), msecs,
                         [](qint64 value, const Sample& sample) { return value < sample.msecs; });
    m_samples.insert(at, {msecs, durationMs});
}

void RequestChart::clear() {
    m_samples.clear();
    redraw();
}

void RequestChart::redraw() {
    const qint64 bucketMs = qint64(bucketSeconds) * 1000;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 end = (now / bucketMs + 1) * bucketMs;
    const qint64 start = end - qint64(windowSeconds) * 1000;
    while (!m_samples.isEmpty() && m_samples.first().msecs < start)
        m_samples.removeFirst();
    QList<QPointF> rate, p50, p95, p99;
    double maxRate = 1, maxLatency = 10;
    qsizetype next = 0;
    for (qint64 bucket = start; bucket < end; bucket += bucketMs) {
        QList<double> durations;
        while (next < m_samples.size() && m_samples[next].msecs < bucket + bucketMs)
            durations.append(m_samples[next++].durationMs);
        const double x = double(bucket) + double(bucketMs) / 2.0;
        const double perSecond = double(durations.size()) / bucketSeconds;
        rate.append({x, perSecond});
        maxRate = std::max(maxRate, perSecond);
        if (durations.isEmpty())
            continue; // no requests: no latency point rather than a misleading zero
        const double values[] = {percentile(durations, 0.5), percentile(durations, 0.95),
                                 percentile(durations, 0.99)};
        p50.append({x, values[0]});
        p95.append({x, values[1]});
        p99.append({x, values[2]});
        maxLatency = std::max(maxLatency, values[2]);
    }
    m_rate->replace(rate);
    m_p50->replace(p50);
    m_p95->replace(p95);
    m_p99->replace(p99);
    m_time->setRange(QDateTime::fromMSecsSinceEpoch(start), QDateTime::fromMSecsSinceEpoch(end));
    m_rateAxis->setRange(0, maxRate * 1.15);
    m_latencyAxis->setRange(0, maxLatency * 1.15);
}

} // namespace sockerless::gui
