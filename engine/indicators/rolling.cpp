#include "indicators/rolling.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

namespace tradelab::indicators {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_shapes(std::span<const double> x, std::span<double> out, std::size_t window, std::size_t minimum,
                  const char* kernel) {
    if (out.size() != x.size())
        throw std::invalid_argument(
            fmt::format("{}: output has {} rows, input has {}", kernel, out.size(), x.size()));
    if (window < minimum)
        throw std::invalid_argument(fmt::format("{}: window must be >= {}, got {}", kernel, minimum, window));
}

// Sum of x[first .. first+count-1], added left to right.
double exact_sum(std::span<const double> x, std::size_t first, std::size_t count) {
    double sum = 0.0;
    for (std::size_t k = first; k < first + count; ++k) sum += x[k];
    return sum;
}

// Mean and sum of squared deviations of one window, kept relative to `shift` (a value of the window):
// prices near 1e4 with a std near 1e-3 would otherwise lose digits in every update, because each
// Welford step subtracts the mean from the data. Subtracting a nearby shift is exact (Sterbenz).
struct Moments {
    double shift = 0.0;
    double mean = 0.0;  // of x - shift
    double m2 = 0.0;
};

// Corrected two-pass algorithm: the second term removes the rounding left in the mean.
Moments exact_moments(std::span<const double> x, std::size_t first, std::size_t count) {
    Moments result;
    result.shift = x[first];
    double sum = 0.0;
    for (std::size_t k = first; k < first + count; ++k) sum += x[k] - result.shift;
    result.mean = sum / static_cast<double>(count);
    double squares = 0.0;
    double deviations = 0.0;
    for (std::size_t k = first; k < first + count; ++k) {
        const double d = (x[k] - result.shift) - result.mean;
        squares += d * d;
        deviations += d;
    }
    result.m2 = squares - deviations * deviations / static_cast<double>(count);
    return result;
}

// Welford's update for a fixed-size window where `leaving` is replaced by `entering`.
void slide(Moments& moments, double leaving, double entering, std::size_t window) {
    const double y_in = entering - moments.shift;
    const double y_out = leaving - moments.shift;
    const double delta = y_in - y_out;
    const double old_mean = moments.mean;
    moments.mean += delta / static_cast<double>(window);
    moments.m2 += delta * (y_in - moments.mean + y_out - old_mean);
}

// Says when the running state is recomputed from scratch: at the first full window, then every
// `window` rows. That costs one window every `window` rows (O(1) amortised) and bounds the drift.
// A countdown, because an integer modulo per row would cost more than the update itself.
class AnchorSchedule {
  public:
    explicit AnchorSchedule(std::size_t window) : window_(window), remaining_(window) {}
    // Call once per row, in order.
    bool next_is_anchor() {
        if (--remaining_ != 0) return false;
        remaining_ = window_;
        return true;
    }

  private:
    std::size_t window_;
    std::size_t remaining_;
};

// Length of the run of identical values ending at x[i], given the run ending at x[i-1].
std::size_t extend_run(std::span<const double> x, std::size_t i, std::size_t previous_run) {
    return (i > 0 && x[i] == x[i - 1]) ? previous_run + 1 : 1;
}

}  // namespace

void rolling_mean(std::span<const double> x, std::size_t window, std::span<double> out) {
    check_shapes(x, out, window, 1, "rolling_mean");
    std::fill(out.begin(), out.end(), kNaN);
    AnchorSchedule anchors(window);
    double sum = 0.0;
    std::size_t same_run = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        same_run = extend_run(x, i, same_run);
        sum += x[i];
        if (i >= window) sum -= x[i - window];
        const bool anchor = anchors.next_is_anchor();
        if (i + 1 < window) continue;
        if (anchor) sum = exact_sum(x, i + 1 - window, window);
        out[i] = same_run >= window ? x[i] : sum / static_cast<double>(window);
    }
}

void rolling_sample_std(std::span<const double> x, std::size_t window, std::span<double> out) {
    check_shapes(x, out, window, 2, "rolling_sample_std");
    std::fill(out.begin(), out.end(), kNaN);
    AnchorSchedule anchors(window);
    Moments moments;
    std::size_t same_run = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        same_run = extend_run(x, i, same_run);
        const bool anchor = anchors.next_is_anchor();
        if (i + 1 < window) continue;
        if (anchor)
            moments = exact_moments(x, i + 1 - window, window);
        else
            slide(moments, x[i - window], x[i], window);
        // A flat window is exactly 0, not a rounding residue, so "std == 0" tests work downstream.
        const double variance = same_run >= window ? 0.0 : std::max(moments.m2, 0.0) / double(window - 1);
        out[i] = std::sqrt(variance);
    }
}

void rolling_max_before(std::span<const double> x, std::size_t window, std::span<double> out) {
    check_shapes(x, out, window, 1, "rolling_max_before");
    std::fill(out.begin(), out.end(), kNaN);
    // Indices whose values decrease strictly from front to back; each index enters and leaves once.
    std::vector<std::size_t> queue(x.size());
    std::size_t front = 0;
    std::size_t back = 0;  // one past the last
    for (std::size_t i = 0; i < x.size(); ++i) {
        // The queue holds rows up to i-1: drop the one that fell out of [i-window, i-1].
        if (front < back && queue[front] + window < i) ++front;
        if (i >= window) out[i] = x[queue[front]];
        while (front < back && x[queue[back - 1]] <= x[i]) --back;
        queue[back++] = i;
    }
}

void change_over(std::span<const double> x, std::size_t lag, std::span<double> out) {
    check_shapes(x, out, lag, 1, "change_over");
    std::fill(out.begin(), out.end(), kNaN);
    for (std::size_t i = lag; i < x.size(); ++i) {
        const double base = x[i - lag];
        if (base != 0.0 && !std::isnan(base)) out[i] = x[i] / base - 1.0;
    }
}

void average_true_range(std::span<const double> high, std::span<const double> low,
                        std::span<const double> close, std::size_t period, std::span<double> out) {
    check_shapes(close, out, period, 1, "average_true_range");
    if (high.size() != close.size() || low.size() != close.size())
        throw std::invalid_argument(fmt::format("average_true_range: high/low/close have {}/{}/{} rows",
                                                high.size(), low.size(), close.size()));
    std::fill(out.begin(), out.end(), kNaN);
    const std::size_t first_reported = std::max<std::size_t>(period - 1, 1);
    double smoothed = kNaN;
    for (std::size_t i = 1; i < close.size(); ++i) {
        const double previous_close = close[i - 1];
        const double true_range = std::max(
            {high[i] - low[i], std::abs(high[i] - previous_close), std::abs(low[i] - previous_close)});
        // Seeded with the first defined true range (TR[1]), as the reference does.
        smoothed = i == 1 ? true_range : smoothed + (true_range - smoothed) / static_cast<double>(period);
        if (i >= first_reported) out[i] = smoothed;
    }
}

}  // namespace tradelab::indicators
