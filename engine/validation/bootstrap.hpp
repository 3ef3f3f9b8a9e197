#pragma once
// Bootstrap confidence bands for a strategy's performance.
//
// Two resampling schemes:
// - R-multiple bootstrap (spec 02 §7): the closed trades' R values drawn with replacement, with the
//   reference's statistics and checks. Trades are treated as exchangeable, so serial dependence
//   between trades is ignored, as in the reference.
// - Stationary block bootstrap (Politis & Romano 1994) of daily returns: blocks of geometric length
//   keep the short-range dependence (volatility clustering, autocorrelation) that an iid resample of
//   days would destroy.
//
// Both run their iterations in chunks of `bootstrap_chunk_iterations` on parallel_for; chunk k draws
// from Random(mix_seed(seed, k)), so the result is identical at any thread count. A cancelled run
// keeps the chunks that completed, in chunk order, and is marked `partial`; a time limit (the reference
// stopped after 300 s) is the caller's, through the Progress callback.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/progress.hpp"
#include "core/random.hpp"

namespace tradelab::validation {

inline constexpr int bootstrap_chunk_iterations = 64;

// ---------------------------------------------------------------------------------------------------
// R-multiple bootstrap (spec 02 §7)

struct RBootstrapParams {
    int iterations = 1000;
    std::uint64_t seed = 42;
    double trades_per_year = 15.0;  // annualises sharpe_R (the reference's assumption)
    double risk_fraction = 0.0075;  // equity fraction risked per trade when compounding R for maxdd_R
    // Reject when the 5th-percentile Sharpe is below this (run config
    // validation.statistical.bootstrap_5th_percentile_threshold; the reference hard-coded 0.4).
    double sharpe_5th_reject_below = 0.4;
    double sharpe_5th_warn_below = 0.6;
    double max_dd_95th_warn_above = 0.25;  // positive drawdown fraction
    double sharpe_rank_warn_low = 40.0;    // original Sharpe's percentile rank expected inside
    double sharpe_rank_warn_high = 60.0;   // [low, high] when the trades are exchangeable
};

struct RBootstrapResult {
    double sharpe_5th = 0.0;
    double sharpe_25th = 0.0;
    double sharpe_50th = 0.0;
    double sharpe_75th = 0.0;
    double sharpe_95th = 0.0;
    double max_dd_5th = 0.0;  // drawdowns are positive fractions, so the 95th is the deep tail
    double max_dd_50th = 0.0;
    double max_dd_95th = 0.0;
    double calmar_5th = 0.0;
    double calmar_50th = 0.0;
    double calmar_95th = 0.0;
    double expectancy_5th = 0.0;
    double expectancy_50th = 0.0;
    double expectancy_95th = 0.0;
    double original_sharpe = 0.0;
    double original_max_dd = 0.0;
    double original_calmar = 0.0;
    double original_expectancy = 0.0;
    double sharpe_percentile_rank = 0.0;  // of the original within the resampled values, 0..100
    double calmar_percentile_rank = 0.0;
    bool passed = false;
    std::vector<std::string> rejections;
    std::vector<std::string> warnings;
    int iterations_done = 0;
    bool partial = false;  // cancelled: statistics cover `iterations_done` iterations only
};

// mean(R) / pstdev(R) × sqrt(trades_per_year); 0 for fewer than 2 values, a deviation below 1e-10 or
// a non-finite result.
double sharpe_r(std::span<const double> r_multiples, double trades_per_year);

// Largest peak-to-trough fall, as a positive fraction, of an equity that compounds
// E += R × risk_fraction × E trade by trade; 0 when the equity never falls.
double max_drawdown_r(std::span<const double> r_multiples, double risk_fraction);

// sharpe / max_drawdown; 0 when the drawdown is 0.
double calmar_r(double sharpe, double max_drawdown);

// SciPy percentileofscore(sample, score, kind="rank"):
// (count(< score) + count(<= score) + [count(< score) < count(<= score)]) × 50 / n; 0 for an empty
// sample.
double percentile_rank(std::span<const double> sample, double score);

// Throws std::invalid_argument for no trades, a non-finite R, iterations < 1, trades_per_year <= 0 or a
// risk_fraction outside (0, 1).
RBootstrapResult bootstrap_r_multiples(std::span<const double> r_multiples, const RBootstrapParams& params,
                                       int threads = 1, const Progress& progress = {});

// ---------------------------------------------------------------------------------------------------
// Stationary block bootstrap of daily returns

struct StationaryBootstrapParams {
    int iterations = 1000;
    std::uint64_t seed = 42;
    // Expected block length in periods; 0 picks it from the data (optimal_block_length).
    double mean_block_length = 0.0;
    double periods_per_year = 252.0;
};

struct StationaryBootstrapResult {
    double mean_block_length = 0.0;  // the one used
    double sharpe_5th = 0.0;
    double sharpe_50th = 0.0;
    double sharpe_95th = 0.0;
    double max_dd_5th = 0.0;  // positive fractions
    double max_dd_50th = 0.0;
    double max_dd_95th = 0.0;
    double total_return_5th = 0.0;
    double total_return_50th = 0.0;
    double total_return_95th = 0.0;
    double cagr_5th = 0.0;
    double cagr_50th = 0.0;
    double cagr_95th = 0.0;
    double probability_sharpe_nonpositive = 0.0;  // share of resamples with Sharpe <= 0
    double original_sharpe = 0.0;
    double original_max_dd = 0.0;
    double original_total_return = 0.0;
    double original_cagr = 0.0;
    int iterations_done = 0;
    bool partial = false;
};

// Politis & White (2004) automatic block length for the stationary bootstrap, with the correction of
// Patton, Politis & White (2009): the flat-top lag window picks the bandwidth from the first run of
// insignificant autocorrelations, and the result is capped at min(3 sqrt(n), n / 3). At least 1 (and 1
// for a constant series). Throws std::invalid_argument for fewer than 2 values.
double optimal_block_length(std::span<const double> series);

// One circular stationary-bootstrap resample of `series` into `out` (same length): blocks start at a
// uniform position and have geometric lengths with mean `mean_block_length`, wrapping past the end.
// Allocates nothing.
void stationary_resample(std::span<const double> series, double mean_block_length, Random& random,
                         std::span<double> out);

// Throws std::invalid_argument for fewer than 2 returns, a non-finite return, iterations < 1, a mean
// block length that is neither 0 nor >= 1, or periods_per_year <= 0.
StationaryBootstrapResult stationary_bootstrap(std::span<const double> daily_returns,
                                               const StationaryBootstrapParams& params, int threads = 1,
                                               const Progress& progress = {});

}  // namespace tradelab::validation
