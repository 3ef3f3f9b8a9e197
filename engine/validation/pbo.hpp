#pragma once
// Probability of Backtest Overfitting by Combinatorially Symmetric Cross-Validation (Bailey, Borwein,
// López de Prado & Zhu, "The probability of backtest overfitting", J. Computational Finance, 2017;
// working paper 2015).
//
// N configurations were tried over the same T periods. The periods are cut into S contiguous blocks;
// for every choice of S/2 blocks as in-sample (the other S/2 are out-of-sample) the configuration with
// the best in-sample performance is "selected", and its out-of-sample performance is ranked among all
// N. If selection carried real information the selected configuration lands above the out-of-sample
// median; PBO is the share of splits where it does not.
//
// Conventions:
// - Blocks: block b covers periods [b·T/S, (b+1)·T/S) (integer division), so block sizes differ by
//   at most one and no period is dropped (the paper assumes S divides T).
// - Performance: Sharpe of the values of the chosen blocks taken together,
//   mean / population std × sqrt(periods_per_year); 0 when the deviation is below 1e-10. Mean and
//   deviation do not depend on the order of the values, so block order does not matter.
// - Selection: highest in-sample Sharpe; ties go to the lowest configuration index.
// - Out-of-sample rank: 1 (worst) .. N (best); tied values share the average of their ranks.
//   ω = rank / (N + 1) lies strictly inside (0, 1); λ = ln(ω / (1 - ω)).
// - PBO = share of splits with λ <= 0, i.e. the selected configuration at or below the median.
// - Splits are enumerated in increasing order of the in-sample bitmask (bit b = block b in-sample);
//   each split and its mirror image (in- and out-of-sample swapped) both appear.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/progress.hpp"

namespace tradelab::validation {

struct PboParams {
    int blocks = 16;                  // S: even, 2..24 (C(24, 12) = 2,704,156 splits)
    double periods_per_year = 252.0;  // annualises the reported Sharpe ratios; ranks do not depend on it
};

// One in-sample / out-of-sample split.
struct PboSplit {
    std::uint32_t in_sample_blocks = 0;  // bit b set when block b is in-sample
    std::size_t selected = 0;            // configuration with the best in-sample Sharpe
    double in_sample_sharpe = 0.0;       // of the selected configuration
    double out_of_sample_sharpe = 0.0;   // of the selected configuration
    double relative_rank = 0.0;          // ω
    double logit = 0.0;                  // λ
};

struct PboResult {
    double pbo = 0.0;
    double probability_oos_loss = 0.0;  // share of splits whose selected configuration has OOS Sharpe < 0
    double logit_mean = 0.0;
    double logit_std = 0.0;  // population
    double logit_5th = 0.0;  // percentiles: linear between closest ranks (NumPy default)
    double logit_50th = 0.0;
    double logit_95th = 0.0;
    // Performance degradation: OLS fit OOS Sharpe = intercept + slope × IS Sharpe over the selected
    // configurations. A slope well below 1 (or negative) means in-sample excellence does not carry over.
    // Within one configuration the in- and out-of-sample halves share the full-sample mean, so the slope
    // leans negative even without overfitting (-1 when the same configuration wins every split): read
    // it together with the intercept and probability_oos_loss.
    double degradation_slope = 0.0;
    double degradation_intercept = 0.0;
    std::size_t splits_total = 0;  // C(S, S/2)
    std::size_t splits_done = 0;
    bool partial = false;          // cancelled: the figures cover the completed splits only
    std::vector<PboSplit> splits;  // the completed splits, in enumeration order
};

// `column_major[c × periods + t]` = performance (e.g. daily return) of configuration c in period t.
// Throws std::invalid_argument unless blocks is even and in 2..24, periods >= blocks, configs >= 2,
// the size matches and every value is finite.
PboResult probability_of_backtest_overfitting(std::span<const double> column_major, std::size_t periods,
                                              std::size_t configs, const PboParams& params = {},
                                              int threads = 1, const Progress& progress = {});

// One vector of per-period values per configuration, all of the same length.
PboResult probability_of_backtest_overfitting(const std::vector<std::vector<double>>& columns,
                                              const PboParams& params = {}, int threads = 1,
                                              const Progress& progress = {});

}  // namespace tradelab::validation
