#include "indicators/correlation.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace tradelab::indicators {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool both_finite(double a, double b) {
    return std::isfinite(a) && std::isfinite(b);
}

std::size_t count_finite(std::span<const double> values) {
    return static_cast<std::size_t>(
        std::count_if(values.begin(), values.end(), [](double v) { return std::isfinite(v); }));
}

void check_window(const ReturnWindow& window, const char* caller) {
    if (window.values.size() != window.rows * window.days)
        throw std::invalid_argument(fmt::format("{}: {} values for {} rows x {} days", caller,
                                                window.values.size(), window.rows, window.days));
}

// Rows whose sums are formed together: the sums are independent, each still runs in index order
// exactly as in pearson(), so interleaving them changes no rounding and only overlaps their add
// latencies. The lane loops are unrolled so the sums stay in registers.
constexpr std::size_t kLanes = 8;
// The most days a candidate's deviations are staged for on the stack (the lane path is skipped for
// longer windows).
constexpr std::size_t kMaxLaneDays = 512;

bool complete(const RowMoments& moments, std::size_t days) {
    return moments.finite == days;
}

// For each lane l: sum over k of a[k * a_stride] * lanes[k * lane_stride + l], k ascending. Given
// two complete rows' deviations (value - mean, as pearson() forms them), this is pearson()'s `cross`
// for the pair, bit for bit: the same products added in the same order.
void cross_sums(const double* a, std::size_t a_stride, std::size_t days, const double* lanes,
                std::size_t lane_stride, double* out) {
    double sum[kLanes];
#pragma GCC unroll 8
    for (std::size_t l = 0; l < kLanes; ++l) sum[l] = 0.0;
    for (std::size_t k = 0; k < days; ++k) {
        const double da = a[k * a_stride];
        const double* const block = lanes + k * lane_stride;
#pragma GCC unroll 8
        for (std::size_t l = 0; l < kLanes; ++l) sum[l] += da * block[l];
    }
#pragma GCC unroll 8
    for (std::size_t l = 0; l < kLanes; ++l) out[l] = sum[l];
}

// row_moments() of kLanes complete rows of `days` values at once (unused lanes may repeat a row).
void complete_moments(const double* const* rows, std::size_t days, RowMoments* out) {
    const double* row[kLanes];
    double sum[kLanes];
#pragma GCC unroll 8
    for (std::size_t l = 0; l < kLanes; ++l) {
        row[l] = rows[l];
        sum[l] = 0.0;
    }
    for (std::size_t k = 0; k < days; ++k) {
#pragma GCC unroll 8
        for (std::size_t l = 0; l < kLanes; ++l) sum[l] += row[l][k];
    }
    double mean[kLanes];
    double squares[kLanes];
#pragma GCC unroll 8
    for (std::size_t l = 0; l < kLanes; ++l) {
        mean[l] = sum[l] / static_cast<double>(days);
        squares[l] = 0.0;
    }
    for (std::size_t k = 0; k < days; ++k) {
#pragma GCC unroll 8
        for (std::size_t l = 0; l < kLanes; ++l) {
            const double d = row[l][k] - mean[l];
            squares[l] += d * d;
        }
    }
#pragma GCC unroll 8
    for (std::size_t l = 0; l < kLanes; ++l) out[l] = {days, mean[l], squares[l]};
}

// pearson(a, b, min_pairs) of two complete rows of `days` values from their moments and cross sum:
// every position is a complete pair, so pearson() would form exactly these sums.
double complete_pearson(double cross, const RowMoments& a, const RowMoments& b, std::size_t days,
                        std::size_t min_pairs) {
    if (days < std::max<std::size_t>(min_pairs, 2)) return kNaN;
    if (a.squares == 0.0 || b.squares == 0.0) return kNaN;
    return std::clamp(cross / std::sqrt(a.squares * b.squares), -1.0, 1.0);
}

// prepare_rows() into raw buffers of window.rows moments and deviation_stride(rows) * days values.
void fill_prepared(const ReturnWindow& window, RowMoments* moments, double* deviations) {
    const std::size_t stride = deviation_stride(window.rows);
    // Moments: rows with a gap only need their count; the complete ones are summed kLanes at a time.
    const double* lane_rows[kLanes];
    std::size_t lane_index[kLanes];
    std::size_t pending = 0;
    const auto flush = [&] {
        if (pending == 0) return;
        for (std::size_t l = pending; l < kLanes; ++l) lane_rows[l] = lane_rows[0];
        RowMoments lane_moments[kLanes];
        complete_moments(lane_rows, window.days, lane_moments);
        for (std::size_t l = 0; l < pending; ++l) moments[lane_index[l]] = lane_moments[l];
        pending = 0;
    };
    for (std::size_t r = 0; r < window.rows; ++r) {
        const auto row = window.row(r);
        const std::size_t finite = count_finite(row);
        if (window.days == 0 || finite != window.days) {
            moments[r] = {finite, 0.0, 0.0};
            continue;
        }
        lane_rows[pending] = row.data();
        lane_index[pending] = r;
        if (++pending == kLanes) flush();
    }
    flush();
    // Deviations, as pearson() forms them (value - mean); 0 where unused (gaps, padding rows).
    for (std::size_t k = 0; k < window.days; ++k) {
        double* const day = deviations + k * stride;
        for (std::size_t r = 0; r < stride; ++r) {
            const bool used = r < window.rows && complete(moments[r], window.days);
            day[r] = used ? window.values[r * window.days + k] - moments[r].mean : 0.0;
        }
    }
}

// A window's moments and deviations: its own when it carries them, else prepared here on the stack
// when small enough. ready() is false otherwise: the callers then pair rows through pearson().
class PreparedRows {
  public:
    explicit PreparedRows(const ReturnWindow& window) {
        const std::size_t stride = deviation_stride(window.rows);
        if (!window.moments.empty()) {
            if (window.moments.size() < window.rows || window.deviations.size() < stride * window.days)
                throw std::invalid_argument(
                    fmt::format("correlation: {} row moments and {} deviations for {} rows x {} days",
                                window.moments.size(), window.deviations.size(), window.rows, window.days));
            moments_ = window.moments.data();
            deviations_ = window.deviations.data();
        } else if (window.rows <= kStackRows && stride * window.days <= kStackValues) {
            fill_prepared(window, local_moments_, local_deviations_);
            moments_ = local_moments_;
            deviations_ = local_deviations_;
        }
        stride_ = stride;
    }
    bool ready() const { return moments_ != nullptr; }
    const RowMoments& moments(std::size_t r) const { return moments_[r]; }
    // Day k's deviations of rows first .. first + kLanes - 1 start at block(first) + k * stride().
    const double* block(std::size_t first) const { return deviations_ + first; }
    std::size_t stride() const { return stride_; }

  private:
    static constexpr std::size_t kStackRows = 64;
    static constexpr std::size_t kStackValues = 2048;
    const RowMoments* moments_ = nullptr;
    const double* deviations_ = nullptr;
    std::size_t stride_ = 0;
    union {  // left uninitialised unless used: the busiest windows carry their own
        RowMoments local_moments_[kStackRows];
    };
    union {
        double local_deviations_[kStackValues];
    };
};

}  // namespace

RowMoments row_moments(std::span<const double> row) {
    RowMoments moments;
    moments.finite = count_finite(row);
    if (row.empty() || moments.finite != row.size()) return moments;
    // pearson()'s two passes over a row whose every pair is complete.
    double sum = 0.0;
    for (const double v : row) sum += v;
    moments.mean = sum / static_cast<double>(row.size());
    double squares = 0.0;
    for (const double v : row) {
        const double d = v - moments.mean;
        squares += d * d;
    }
    moments.squares = squares;
    return moments;
}

std::size_t deviation_stride(std::size_t rows) {
    return (rows + kLanes - 1) / kLanes * kLanes;
}

ReturnWindow prepare_rows(const ReturnWindow& window, std::span<RowMoments> moments,
                          std::span<double> deviations) {
    check_window(window, "prepare_rows");
    const std::size_t values = deviation_stride(window.rows) * window.days;
    if (moments.size() < window.rows || deviations.size() < values)
        throw std::invalid_argument(
            fmt::format("prepare_rows: {} moments and {} deviations for {} rows x {} days", moments.size(),
                        deviations.size(), window.rows, window.days));
    fill_prepared(window, moments.data(), deviations.data());
    ReturnWindow prepared = window;
    prepared.moments = moments.first(window.rows);
    prepared.deviations = deviations.first(values);
    return prepared;
}

double pearson(std::span<const double> a, std::span<const double> b, std::size_t min_pairs) {
    if (a.size() != b.size())
        throw std::invalid_argument(fmt::format("pearson: spans of {} and {} values", a.size(), b.size()));
    // Two passes (means, then centred sums): windows are short, and this stays exact for returns
    // that share a large common offset.
    std::size_t pairs = 0;
    double sum_a = 0.0;
    double sum_b = 0.0;
    for (std::size_t k = 0; k < a.size(); ++k) {
        if (!both_finite(a[k], b[k])) continue;
        ++pairs;
        sum_a += a[k];
        sum_b += b[k];
    }
    if (pairs < std::max<std::size_t>(min_pairs, 2)) return kNaN;
    const double mean_a = sum_a / static_cast<double>(pairs);
    const double mean_b = sum_b / static_cast<double>(pairs);
    double cross = 0.0;
    double squares_a = 0.0;
    double squares_b = 0.0;
    for (std::size_t k = 0; k < a.size(); ++k) {
        if (!both_finite(a[k], b[k])) continue;
        const double da = a[k] - mean_a;
        const double db = b[k] - mean_b;
        cross += da * db;
        squares_a += da * da;
        squares_b += db * db;
    }
    if (squares_a == 0.0 || squares_b == 0.0) return kNaN;
    return std::clamp(cross / std::sqrt(squares_a * squares_b), -1.0, 1.0);
}

std::size_t gather_returns(std::span<const Date> window_dates, std::span<const Date> symbol_dates,
                           std::span<const double> symbol_returns, std::span<double> out) {
    if (symbol_returns.size() != symbol_dates.size())
        throw std::invalid_argument(fmt::format("gather_returns: {} returns for {} dates",
                                                symbol_returns.size(), symbol_dates.size()));
    if (out.size() != window_dates.size())
        throw std::invalid_argument(
            fmt::format("gather_returns: output has {} slots for {} dates", out.size(), window_dates.size()));
    std::fill(out.begin(), out.end(), kNaN);
    if (window_dates.empty()) return 0;
    // Jump to the window start, then walk both ascending lists together. Callers pass the history up
    // to the window's end, so the start is found by galloping back from the last row (O(log distance),
    // touching only recent rows) instead of bisecting the whole history; it is the row std::lower_bound
    // would find: every row from `high` on is dated on or after the start, every row before `low` before.
    std::size_t low = 0;
    std::size_t high = symbol_dates.size();
    for (std::size_t step = 1; high > low; step *= 2) {
        const std::size_t probe = high - std::min(step, high - low);
        if (symbol_dates[probe] < window_dates.front()) {
            low = probe + 1;
            break;
        }
        high = probe;
    }
    auto row =
        std::lower_bound(symbol_dates.begin() + static_cast<std::ptrdiff_t>(low),
                         symbol_dates.begin() + static_cast<std::ptrdiff_t>(high), window_dates.front());
    std::size_t written = 0;
    for (std::size_t k = 0; k < window_dates.size() && row != symbol_dates.end(); ++k) {
        while (row != symbol_dates.end() && *row < window_dates[k]) ++row;
        if (row == symbol_dates.end() || *row != window_dates[k]) continue;
        out[k] = symbol_returns[static_cast<std::size_t>(row - symbol_dates.begin())];
        if (std::isfinite(out[k])) ++written;
    }
    return written;
}

double avg_pairwise_correlation(const ReturnWindow& returns, const PairwiseCorrelationRules& rules) {
    check_window(returns, "avg_pairwise_correlation");
    const PreparedRows prepared(returns);
    const auto finite = [&](std::size_t r) {
        return prepared.ready() ? prepared.moments(r).finite : count_finite(returns.row(r));
    };
    const auto qualifies = [&](std::size_t r) { return finite(r) >= rules.min_returns; };
    std::size_t qualifying = 0;
    for (std::size_t r = 0; r < returns.rows; ++r) qualifying += qualifies(r) ? 1 : 0;
    if (qualifying < std::max<std::size_t>(rules.min_symbols, 2)) return kNaN;

    // Pairs (r, s), s > r, summed in that order.
    double sum = 0.0;
    std::size_t defined = 0;
    const auto add = [&](double corr) {
        if (std::isnan(corr)) return;
        sum += corr;
        ++defined;
    };
    for (std::size_t r = 0; r < returns.rows; ++r) {
        if (!qualifies(r)) continue;
        if (!prepared.ready() || !complete(prepared.moments(r), returns.days)) {
            for (std::size_t s = r + 1; s < returns.rows; ++s) {
                if (qualifies(s)) add(pearson(returns.row(r), returns.row(s)));
            }
            continue;
        }
        // Row r against kLanes rows at a time, from the block holding r + 1 (lanes up to r unused).
        const RowMoments& moments_r = prepared.moments(r);
        for (std::size_t first = (r + 1) / kLanes * kLanes; first < returns.rows; first += kLanes) {
            double cross[kLanes];
            cross_sums(prepared.block(r), prepared.stride(), returns.days, prepared.block(first),
                       prepared.stride(), cross);
            for (std::size_t s = std::max(first, r + 1); s < std::min(first + kLanes, returns.rows); ++s) {
                if (!qualifies(s)) continue;
                const RowMoments& moments_s = prepared.moments(s);
                add(complete(moments_s, returns.days)
                        ? complete_pearson(cross[s - first], moments_r, moments_s, returns.days, 2)
                        : pearson(returns.row(r), returns.row(s)));
            }
        }
    }
    return defined == 0 ? kNaN : sum / static_cast<double>(defined);
}

double correlation_to_portfolio(std::span<const double> candidate, const ReturnWindow& positions,
                                const PortfolioCorrelationRules& rules, std::size_t skip_row) {
    check_window(positions, "correlation_to_portfolio");
    if (candidate.size() != positions.days)
        throw std::invalid_argument(
            fmt::format("correlation_to_portfolio: candidate has {} days, positions {}", candidate.size(),
                        positions.days));
    const RowMoments moments_candidate = row_moments(candidate);
    if (moments_candidate.finite < rules.min_returns) return kNaN;
    double sum = 0.0;
    std::size_t defined = 0;
    const auto add = [&](double corr) {
        if (std::isnan(corr)) return;
        sum += corr;
        ++defined;
    };
    const PreparedRows prepared(positions);
    if (!prepared.ready() || !complete(moments_candidate, positions.days) || positions.days > kMaxLaneDays) {
        for (std::size_t r = 0; r < positions.rows; ++r) {
            if (r != skip_row) add(pearson(candidate, positions.row(r), rules.min_returns));
        }
        return defined == 0 ? kNaN : sum / static_cast<double>(defined);
    }
    double deviations[kMaxLaneDays];  // the candidate's, as pearson() forms them
    for (std::size_t k = 0; k < positions.days; ++k) deviations[k] = candidate[k] - moments_candidate.mean;
    for (std::size_t first = 0; first < positions.rows; first += kLanes) {
        double cross[kLanes];
        cross_sums(deviations, 1, positions.days, prepared.block(first), prepared.stride(), cross);
        for (std::size_t r = first; r < std::min(first + kLanes, positions.rows); ++r) {
            if (r == skip_row) continue;
            const RowMoments& moments_r = prepared.moments(r);
            add(complete(moments_r, positions.days)
                    ? complete_pearson(cross[r - first], moments_candidate, moments_r, positions.days,
                                       rules.min_returns)
                    : pearson(candidate, positions.row(r), rules.min_returns));
        }
    }
    return defined == 0 ? kNaN : sum / static_cast<double>(defined);
}

}  // namespace tradelab::indicators
