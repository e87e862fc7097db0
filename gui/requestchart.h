#pragma once

#include <QChartView>
#include <QDateTime>
#include <QList>
#include <QTimer>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace sockerless::gui {

/// Request rate and latency percentiles (p50, p95, p99) over the last minutes, in 5-second
/// buckets, redrawn once a second from the records fed to it.
class RequestChart : public QChartView {
    Q_OBJECT
public:
    explicit RequestChart(QWidget* parent = nullptr);
    /// One finished request: its time and duration.
    void addSample(const QDateTime& time, double durationMs);
    void clear();
    /// The window shown.
    static constexpr int windowSeconds = 300;
    static constexpr int bucketSeconds = 5;

private:
    struct Sample {
        qint64 msecs;
        double durationMs;
    };
    void redraw();

    QList<Sample> m_samples; // oldest first
    QTimer m_timer;
    QLineSeries* m_rate = nullptr;
    QLineSeries* m_p50 = nullptr;
    QLineSeries* m_p95 = nullptr;
    QLineSeries* m_p99 = nullptr;
    QDateTimeAxis* m_time = nullptr;
    QValueAxis* m_rateAxis = nullptr;
    QValueAxis* m_latencyAxis = nullptr;
};

} // namespace sockerless::gui
