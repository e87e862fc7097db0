#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sockerless::bench {

/// Latency samples of one run, in nanoseconds. Every sample is kept (a run of a few million
/// requests is a few tens of MB), so percentiles are exact, not bucketed.
class LatencyStats {
public:
    void add(uint64_t nanoseconds) { m_samples.push_back(nanoseconds); }
    void merge(const LatencyStats& other);
    size_t count() const { return m_samples.size(); }
    /// The `fraction` percentile (0.5 = median, 0.99 = p99) by the nearest-rank method; 0 when
    /// there are no samples. Sorts on first use after an add.
    uint64_t percentile(double fraction);
    uint64_t max();
    double mean() const;

private:
    std::vector<uint64_t> m_samples;
    bool m_sorted = false;
    void sort();
};

} // namespace sockerless::bench
