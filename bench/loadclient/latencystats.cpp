#include "latencystats.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sockerless::bench {

void LatencyStats::merge(const LatencyStats& other) {
    m_samples.insert(m_samples.end(), other.m_samples.begin(), other.m_samples.end());
    m_sorted = false;
}

void LatencyStats::sort() {
    if (m_sorted)
        return;
    std::sort(m_samples.begin(), m_samples.end());
    m_sorted = true;
}

uint64_t LatencyStats::percentile(double fraction) {
    if (m_samples.empty())
        return 0;
    sort();
    const double rank = std::ceil(fraction * static_cast<double>(m_samples.size()));
    const size_t index = rank < 1 ? 0 : static_cast<size_t>(rank) - 1;
    return m_samples[std::min(index, m_samples.size() - 1)];
}

uint64_t LatencyStats::max() {
    if (m_samples.empty())
        return 0;
    sort();
    return m_samples.back();
}

double LatencyStats::mean() const {
    if (m_samples.empty())
        return 0;
    const long double sum =
        std::accumulate(m_samples.begin(), m_samples.end(), static_cast<long double>(0));
    return static_cast<double>(sum / static_cast<long double>(m_samples.size()));
}

} // namespace sockerless::bench
