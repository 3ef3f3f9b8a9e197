#pragma once
// Column kernels: each fills `out` (same length as the input) in one O(n) pass over bar rows, with NaN
// where the window is not yet full. Output spans are caller-owned, so nothing here allocates except
// rolling_max_before's index queue. Inputs are finite (the CSV loader guarantees it for bar columns).
#include <cstddef>
#include <span>

namespace tradelab::indicators {

// out[i] = mean(x[i-window+1 .. i]) for i >= window-1.
// A running sum, re-summed exactly once per `window` rows so rounding cannot drift on long series.
// A window of identical values yields exactly that value.
void rolling_mean(std::span<const double> x, std::size_t window, std::span<double> out);

// out[i] = sample standard deviation (divisor window-1) of x[i-window+1 .. i], for i >= window-1.
// Sliding Welford update, re-anchored with an exact two-pass computation once per `window` rows.
// A window of identical values yields exactly 0. Requires window >= 2.
void rolling_sample_std(std::span<const double> x, std::size_t window, std::span<double> out);

// out[i] = max(x[i-window .. i-1]) — the `window` values BEFORE row i — for i >= window.
// Monotonic queue of indices: amortised O(1) per row, exact (no arithmetic on the values).
void rolling_max_before(std::span<const double> x, std::size_t window, std::span<double> out);

// out[i] = x[i] / x[i-lag] - 1 for i >= lag (NaN where x[i-lag] is 0 or NaN).
void change_over(std::span<const double> x, std::size_t lag, std::span<double> out);

// The reference's ATR: TR[0] undefined; TR[i] = max(h-l, |h-c[i-1]|, |l-c[i-1]|);
// A[1] = TR[1], A[i] = A[i-1] + (TR[i] - A[i-1]) / period; reported for i >= max(period-1, 1).
// (Not Wilder's seeding with a 14-bar mean: spec 01 §2.1.)
void average_true_range(std::span<const double> high, std::span<const double> low,
                        std::span<const double> close, std::size_t period, std::span<double> out);

}  // namespace tradelab::indicators
