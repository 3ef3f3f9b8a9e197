#include "validation/bootstrap.hpp"

#include <fmt/format.h>

#include "metrics/performance_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <stdexcept>

#include "core/parallel.hpp"

namespace tradelab::validation {
namespace {

// The reference treats a deviation this small as zero, so a constant sample has Sharpe 0 instead of
// the huge ratio that rounding noise in the mean would give.
constexpr double kZeroDeviation = 1e-10;

double population_deviation(std::span<const double> values, double mean) {
    double squares = 0.0;
    for (const double v : values) squares += (v - mean) * (v - mean);
    return std::sqrt(squares / double(values.size()));
}

double guarded_sharpe(std::span<const double> values, double periods_per_year) {
    if (values.size() < 2) return 0.0;
    const double mean = metrics::mean(values);
    const double deviation = population_deviation(values, mean);
    if (!(deviation >= kZeroDeviation)) return 0.0;
    const double sharpe = mean / deviation * std::sqrt(periods_per_year);
    return std::isfinite(sharpe) ? sharpe : 0.0;
}

void require_finite(std::span<const double> values, const char* what) {
    for (std::size_t i = 0; i < values.size(); ++i)
        if (!std::isfinite(values[i]))
            throw std::invalid_argument(fmt::format("{}: value {} is not finite ({})", what, i, values[i]));
}

// ---------------------------------------------------------------------------------------------------
// Chunked iterations

struct ChunkRange {
    std::size_t begin = 0;
    std::size_t end = 0;
};

std::size_t chunk_count(std::size_t iterations) {
    return (iterations + bootstrap_chunk_iterations - 1) / bootstrap_chunk_iterations;
}

ChunkRange chunk_range(std::size_t chunk, std::size_t iterations) {
    const std::size_t begin = chunk * bootstrap_chunk_iterations;
    return {begin, std::min(begin + bootstrap_chunk_iterations, iterations)};
}

// Fills iteration slots [range.begin, range.end) with draws from `random`; false when cancelled.
using ChunkTask = std::function<bool(ChunkRange range, Random& random, const CancelFlag& cancel)>;

ParallelOutcome run_chunks(std::size_t iterations, std::uint64_t seed, int threads, const Progress& progress,
                           const ChunkTask& task) {
    return parallel_for(
        chunk_count(iterations), threads,
        [&](std::size_t chunk, const CancelFlag& cancel) {
            Random random(mix_seed(seed, chunk));
            return task(chunk_range(chunk, iterations), random, cancel);
        },
        progress);
}

// Moves the slots of completed chunks to the front, in chunk order, and drops the rest.
void keep_completed_chunks(std::vector<double>& values, const ParallelOutcome& outcome) {
    std::size_t kept = 0;
    for (std::size_t chunk = 0; chunk < outcome.done.size(); ++chunk) {
        if (!outcome.done[chunk]) continue;
        const auto [begin, end] = chunk_range(chunk, values.size());
        std::copy(values.begin() + std::ptrdiff_t(begin), values.begin() + std::ptrdiff_t(end),
                  values.begin() + std::ptrdiff_t(kept));
        kept += end - begin;
    }
    values.resize(kept);
}

struct Percentiles3 {
    double p5 = 0.0, p50 = 0.0, p95 = 0.0;
};

Percentiles3 percentiles_5_50_95(std::span<const double> sorted) {
    return {metrics::sorted_percentile(sorted, 5), metrics::sorted_percentile(sorted, 50),
            metrics::sorted_percentile(sorted, 95)};
}

// ---------------------------------------------------------------------------------------------------
// R-multiple bootstrap

struct RSamples {
    std::vector<double> sharpe, max_dd, calmar, expectancy;

    explicit RSamples(std::size_t iterations)
        : sharpe(iterations), max_dd(iterations), calmar(iterations), expectancy(iterations) {}

    void record(std::size_t i, std::span<const double> r, const RBootstrapParams& params) {
        sharpe[i] = sharpe_r(r, params.trades_per_year);
        max_dd[i] = max_drawdown_r(r, params.risk_fraction);
        calmar[i] = calmar_r(sharpe[i], max_dd[i]);
        expectancy[i] = metrics::mean(r);
    }

    void keep_completed(const ParallelOutcome& outcome) {
        for (auto* column : {&sharpe, &max_dd, &calmar, &expectancy}) keep_completed_chunks(*column, outcome);
    }

    void sort() {
        for (auto* column : {&sharpe, &max_dd, &calmar, &expectancy})
            std::sort(column->begin(), column->end());
    }
};

void validate(std::span<const double> r_multiples, const RBootstrapParams& params) {
    if (r_multiples.empty()) throw std::invalid_argument("bootstrap_r_multiples: no trades to resample");
    if (params.iterations < 1)
        throw std::invalid_argument(
            fmt::format("bootstrap_r_multiples: iterations must be at least 1, got {}", params.iterations));
    if (!(params.trades_per_year > 0.0))
        throw std::invalid_argument(fmt::format(
            "bootstrap_r_multiples: trades_per_year must be positive, got {}", params.trades_per_year));
    if (!(params.risk_fraction > 0.0 && params.risk_fraction < 1.0))
        throw std::invalid_argument(fmt::format(
            "bootstrap_r_multiples: risk_fraction must be in (0, 1), got {}", params.risk_fraction));
    require_finite(r_multiples, "bootstrap_r_multiples: R-multiple");
}

void fill_r_statistics(const RSamples& sorted, RBootstrapResult& result) {
    result.sharpe_5th = metrics::sorted_percentile(sorted.sharpe, 5);
    result.sharpe_25th = metrics::sorted_percentile(sorted.sharpe, 25);
    result.sharpe_50th = metrics::sorted_percentile(sorted.sharpe, 50);
    result.sharpe_75th = metrics::sorted_percentile(sorted.sharpe, 75);
    result.sharpe_95th = metrics::sorted_percentile(sorted.sharpe, 95);
    const auto max_dd = percentiles_5_50_95(sorted.max_dd);
    result.max_dd_5th = max_dd.p5;
    result.max_dd_50th = max_dd.p50;
    result.max_dd_95th = max_dd.p95;
    const auto calmar = percentiles_5_50_95(sorted.calmar);
    result.calmar_5th = calmar.p5;
    result.calmar_50th = calmar.p50;
    result.calmar_95th = calmar.p95;
    const auto expectancy = percentiles_5_50_95(sorted.expectancy);
    result.expectancy_5th = expectancy.p5;
    result.expectancy_50th = expectancy.p50;
    result.expectancy_95th = expectancy.p95;
    result.sharpe_percentile_rank = percentile_rank(sorted.sharpe, result.original_sharpe);
    result.calmar_percentile_rank = percentile_rank(sorted.calmar, result.original_calmar);
}

// Unlike the reference, which returned at the first rejection, every check runs so the report shows
// all concerns; the "below warning level" warning is skipped when the same figure already rejects.
void apply_r_checks(const RBootstrapParams& params, RBootstrapResult& result) {
    if (result.iterations_done == 0) {
        result.rejections.push_back("bootstrap cancelled before any iteration completed");
    } else if (result.sharpe_5th < params.sharpe_5th_reject_below) {
        result.rejections.push_back(fmt::format("bootstrap 5th-percentile Sharpe {:.3f} is below {:.3f}",
                                                result.sharpe_5th, params.sharpe_5th_reject_below));
    } else if (result.sharpe_5th < params.sharpe_5th_warn_below) {
        result.warnings.push_back(fmt::format("bootstrap 5th-percentile Sharpe {:.3f} is below {:.3f}",
                                              result.sharpe_5th, params.sharpe_5th_warn_below));
    }
    if (result.max_dd_95th > params.max_dd_95th_warn_above)
        result.warnings.push_back(
            fmt::format("bootstrap 95th-percentile max drawdown {:.1f}% exceeds {:.1f}%",
                        100 * result.max_dd_95th, 100 * params.max_dd_95th_warn_above));
    if (result.iterations_done > 0 && (result.sharpe_percentile_rank < params.sharpe_rank_warn_low ||
                                       result.sharpe_percentile_rank > params.sharpe_rank_warn_high))
        result.warnings.push_back(fmt::format(
            "original Sharpe sits at percentile rank {:.1f} of the bootstrap, outside [{:g}, {:g}]",
            result.sharpe_percentile_rank, params.sharpe_rank_warn_low, params.sharpe_rank_warn_high));
    result.passed = result.rejections.empty();
}

// ---------------------------------------------------------------------------------------------------
// Stationary bootstrap

struct ReturnStatistics {
    double sharpe = 0.0;
    double max_dd = 0.0;
    double total_return = 0.0;
    double cagr = 0.0;
};

ReturnStatistics return_statistics(std::span<const double> returns, double periods_per_year) {
    ReturnStatistics statistics;
    statistics.sharpe = guarded_sharpe(returns, periods_per_year);
    double equity = 1.0;
    double peak = 1.0;
    for (const double r : returns) {
        equity *= 1.0 + r;
        peak = std::max(peak, equity);
        statistics.max_dd = std::max(statistics.max_dd, (peak - equity) / peak);
    }
    statistics.total_return = equity - 1.0;
    const double years = double(returns.size()) / periods_per_year;
    // A wiped-out equity has no meaningful compound rate; report the total loss.
    statistics.cagr = equity > 0.0 ? std::pow(equity, 1.0 / years) - 1.0 : -1.0;
    return statistics;
}

struct ReturnSamples {
    std::vector<double> sharpe, max_dd, total_return, cagr;

    explicit ReturnSamples(std::size_t iterations)
        : sharpe(iterations), max_dd(iterations), total_return(iterations), cagr(iterations) {}

    void record(std::size_t i, const ReturnStatistics& statistics) {
        sharpe[i] = statistics.sharpe;
        max_dd[i] = statistics.max_dd;
        total_return[i] = statistics.total_return;
        cagr[i] = statistics.cagr;
    }

    void keep_completed(const ParallelOutcome& outcome) {
        for (auto* column : {&sharpe, &max_dd, &total_return, &cagr}) keep_completed_chunks(*column, outcome);
    }

    void sort() {
        for (auto* column : {&sharpe, &max_dd, &total_return, &cagr})
            std::sort(column->begin(), column->end());
    }
};

void validate(std::span<const double> returns, const StationaryBootstrapParams& params) {
    if (returns.size() < 2)
        throw std::invalid_argument(
            fmt::format("stationary_bootstrap: need at least 2 returns, got {}", returns.size()));
    if (params.iterations < 1)
        throw std::invalid_argument(
            fmt::format("stationary_bootstrap: iterations must be at least 1, got {}", params.iterations));
    if (!(params.mean_block_length == 0.0 || params.mean_block_length >= 1.0))
        throw std::invalid_argument(
            fmt::format("stationary_bootstrap: mean block length must be 0 (automatic) or >= 1, got {}",
                        params.mean_block_length));
    if (!(params.periods_per_year > 0.0))
        throw std::invalid_argument(fmt::format(
            "stationary_bootstrap: periods_per_year must be positive, got {}", params.periods_per_year));
    require_finite(returns, "stationary_bootstrap: return");
}

void fill_return_statistics(const ReturnSamples& sorted, StationaryBootstrapResult& result) {
    const auto sharpe = percentiles_5_50_95(sorted.sharpe);
    result.sharpe_5th = sharpe.p5;
    result.sharpe_50th = sharpe.p50;
    result.sharpe_95th = sharpe.p95;
    const auto max_dd = percentiles_5_50_95(sorted.max_dd);
    result.max_dd_5th = max_dd.p5;
    result.max_dd_50th = max_dd.p50;
    result.max_dd_95th = max_dd.p95;
    const auto total_return = percentiles_5_50_95(sorted.total_return);
    result.total_return_5th = total_return.p5;
    result.total_return_50th = total_return.p50;
    result.total_return_95th = total_return.p95;
    const auto cagr = percentiles_5_50_95(sorted.cagr);
    result.cagr_5th = cagr.p5;
    result.cagr_50th = cagr.p50;
    result.cagr_95th = cagr.p95;
    if (sorted.sharpe.empty()) return;
    const auto nonpositive =
        std::upper_bound(sorted.sharpe.begin(), sorted.sharpe.end(), 0.0) - sorted.sharpe.begin();
    result.probability_sharpe_nonpositive = double(nonpositive) / double(sorted.sharpe.size());
}

// Flat-top lag window of Politis & Romano (1995).
double flat_top(double t) {
    t = std::abs(t);
    if (t <= 0.5) return 1.0;
    return t <= 1.0 ? 2.0 * (1.0 - t) : 0.0;
}

// Sample autocovariances of the demeaned series at lags 0..max_lag (divisor n).
std::vector<double> autocovariances(std::span<const double> series, std::size_t max_lag) {
    const double mean = metrics::mean(series);
    const std::size_t n = series.size();
    std::vector<double> covariance(max_lag + 1, 0.0);
    for (std::size_t lag = 0; lag <= max_lag; ++lag) {
        double sum = 0.0;
        for (std::size_t t = 0; t + lag < n; ++t) sum += (series[t] - mean) * (series[t + lag] - mean);
        covariance[lag] = sum / double(n);
    }
    return covariance;
}

// Bandwidth M = 2 m̂, m̂ the smallest m >= 1 after which `run` consecutive autocorrelations are all
// insignificant; the largest lag when there is no such run.
std::size_t flat_top_bandwidth(const std::vector<double>& covariance, std::size_t n, std::size_t run) {
    const std::size_t max_lag = covariance.size() - 1;
    const double critical = 2.0 * std::sqrt(std::log10(double(n)) / double(n));
    for (std::size_t m = 1; m + run <= max_lag; ++m) {
        bool insignificant = true;
        for (std::size_t k = 1; k <= run && insignificant; ++k)
            insignificant = std::abs(covariance[m + k] / covariance[0]) < critical;
        if (insignificant) return std::min(2 * m, max_lag);
    }
    return max_lag;
}

}  // namespace

double sharpe_r(std::span<const double> r_multiples, double trades_per_year) {
    return guarded_sharpe(r_multiples, trades_per_year);
}

double max_drawdown_r(std::span<const double> r_multiples, double risk_fraction) {
    // The reference starts at 100,000; drawdowns are scale-free, so 1 gives the same fractions.
    double equity = 1.0;
    double peak = 1.0;
    double worst = 0.0;
    for (const double r : r_multiples) {
        equity += r * risk_fraction * equity;
        peak = std::max(peak, equity);
        worst = std::max(worst, (peak - equity) / peak);
    }
    return worst;
}

double calmar_r(double sharpe, double max_drawdown) {
    return max_drawdown != 0.0 ? sharpe / max_drawdown : 0.0;
}

double percentile_rank(std::span<const double> sample, double score) {
    if (sample.empty()) return 0.0;
    std::size_t below = 0;
    std::size_t at_or_below = 0;
    for (const double value : sample) {
        below += value < score;
        at_or_below += value <= score;
    }
    const std::size_t tie_bonus = below < at_or_below ? 1 : 0;
    return double(below + at_or_below + tie_bonus) * 50.0 / double(sample.size());
}

RBootstrapResult bootstrap_r_multiples(std::span<const double> r_multiples, const RBootstrapParams& params,
                                       int threads, const Progress& progress) {
    validate(r_multiples, params);
    const auto iterations = std::size_t(params.iterations);
    RSamples samples(iterations);
    const ParallelOutcome outcome = run_chunks(
        iterations, params.seed, threads, progress,
        [&](ChunkRange range, Random& random, const CancelFlag& cancel) {
            std::vector<double> draw(r_multiples.size());  // reused by every iteration of the chunk
            for (std::size_t i = range.begin; i < range.end; ++i) {
                if (cancel.load(std::memory_order_relaxed)) return false;
                for (double& value : draw) value = r_multiples[random.below(r_multiples.size())];
                samples.record(i, draw, params);
            }
            return true;
        });
    samples.keep_completed(outcome);
    samples.sort();

    RBootstrapResult result;
    result.original_sharpe = sharpe_r(r_multiples, params.trades_per_year);
    result.original_max_dd = max_drawdown_r(r_multiples, params.risk_fraction);
    result.original_calmar = calmar_r(result.original_sharpe, result.original_max_dd);
    result.original_expectancy = metrics::mean(r_multiples);
    result.iterations_done = int(samples.sharpe.size());
    result.partial = result.iterations_done < params.iterations;
    fill_r_statistics(samples, result);
    apply_r_checks(params, result);
    return result;
}

double optimal_block_length(std::span<const double> series) {
    const std::size_t n = series.size();
    if (n < 2)
        throw std::invalid_argument(fmt::format("optimal_block_length: need at least 2 values, got {}", n));
    const auto run = std::max<std::size_t>(5, std::size_t(std::ceil(std::sqrt(std::log10(double(n))))));
    const std::size_t max_lag = std::min(std::size_t(std::ceil(std::sqrt(double(n)))) + run, n - 1);
    const auto covariance = autocovariances(series, max_lag);
    if (!(std::sqrt(covariance[0]) >= kZeroDeviation)) return 1.0;  // constant series: nothing to preserve

    const std::size_t bandwidth = flat_top_bandwidth(covariance, n, run);
    double g = 0.0;                   // Σ λ(k/M) |k| R(k) over k = -M..M
    double spectrum = covariance[0];  // Σ λ(k/M) R(k): 2π × spectral density at 0
    for (std::size_t k = 1; k <= bandwidth; ++k) {
        const double weight = flat_top(double(k) / double(bandwidth));
        g += 2.0 * weight * double(k) * covariance[k];
        spectrum += 2.0 * weight * covariance[k];
    }
    const double cap = std::ceil(std::min(3.0 * std::sqrt(double(n)), double(n) / 3.0));  // >= 1 for n >= 2
    // No long-run variance but dependence left (a strongly anti-correlated series): longest blocks.
    if (spectrum == 0.0) return g == 0.0 ? 1.0 : cap;
    const double d_stationary = 2.0 * spectrum * spectrum;
    const double length = std::cbrt(2.0 * g * g / d_stationary) * std::cbrt(double(n));
    return std::clamp(length, 1.0, cap);
}

void stationary_resample(std::span<const double> series, double mean_block_length, Random& random,
                         std::span<double> out) {
    const std::size_t n = series.size();
    if (n == 0 || out.size() != n)
        throw std::invalid_argument(fmt::format(
            "stationary_resample: output length {} must equal the series length {} (> 0)", out.size(), n));
    if (!(mean_block_length >= 1.0))
        throw std::invalid_argument(
            fmt::format("stationary_resample: mean block length must be >= 1, got {}", mean_block_length));
    // Geometric block lengths with P(L = k) = p (1-p)^(k-1), drawn by inversion: one uniform per block
    // instead of a coin flip per value.
    const double p = 1.0 / mean_block_length;
    const double log_continue = std::log1p(-p);  // -inf when p = 1: every block has length 1
    std::size_t filled = 0;
    while (filled < n) {
        std::size_t start = std::size_t(random.below(n));
        const double extra = p >= 1.0 ? 0.0 : std::floor(std::log1p(-random.uniform()) / log_continue);
        const std::size_t remaining = n - filled;
        std::size_t length = extra >= double(remaining - 1) ? remaining : 1 + std::size_t(extra);
        while (length > 0) {  // at most two pieces: up to the end of the series, then from its start
            const std::size_t piece = std::min(length, n - start);
            std::copy_n(series.begin() + std::ptrdiff_t(start), piece, out.begin() + std::ptrdiff_t(filled));
            filled += piece;
            length -= piece;
            start = 0;
        }
    }
}

StationaryBootstrapResult stationary_bootstrap(std::span<const double> daily_returns,
                                               const StationaryBootstrapParams& params, int threads,
                                               const Progress& progress) {
    validate(daily_returns, params);
    const double block_length =
        params.mean_block_length > 0.0 ? params.mean_block_length : optimal_block_length(daily_returns);
    const auto iterations = std::size_t(params.iterations);
    ReturnSamples samples(iterations);
    const ParallelOutcome outcome = run_chunks(
        iterations, params.seed, threads, progress,
        [&](ChunkRange range, Random& random, const CancelFlag& cancel) {
            std::vector<double> resample(daily_returns.size());  // reused by every iteration of the chunk
            for (std::size_t i = range.begin; i < range.end; ++i) {
                if (cancel.load(std::memory_order_relaxed)) return false;
                stationary_resample(daily_returns, block_length, random, resample);
                samples.record(i, return_statistics(resample, params.periods_per_year));
            }
            return true;
        });
    samples.keep_completed(outcome);
    samples.sort();

    StationaryBootstrapResult result;
    result.mean_block_length = block_length;
    const auto original = return_statistics(daily_returns, params.periods_per_year);
    result.original_sharpe = original.sharpe;
    result.original_max_dd = original.max_dd;
    result.original_total_return = original.total_return;
    result.original_cagr = original.cagr;
    result.iterations_done = int(samples.sharpe.size());
    result.partial = result.iterations_done < params.iterations;
    fill_return_statistics(samples, result);
    return result;
}

}  // namespace tradelab::validation
