#include "validation/pbo.hpp"

#include <fmt/format.h>

#include "metrics/performance_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/parallel.hpp"

namespace tradelab::validation {
namespace {

constexpr int kMaxBlocks = 24;
constexpr std::size_t kSplitsPerTask = 64;
constexpr double kZeroDeviation = 1e-10;  // same guard as the bootstrap's Sharpe

// Count, mean and sum of squared deviations of one configuration's values in one block. Two such
// summaries merge exactly (Chan, Golub & LeVeque), so a split's Sharpe costs S/2 merges instead of a
// pass over T/2 values.
struct Moments {
    double count = 0.0;
    double mean = 0.0;
    double squares = 0.0;

    void merge(const Moments& other) {
        const double total = count + other.count;
        if (total == 0.0) return;
        const double delta = other.mean - mean;
        mean += delta * other.count / total;
        squares += other.squares + delta * delta * count * other.count / total;
        count = total;
    }
};

Moments moments_of(std::span<const double> values) {
    Moments m;
    m.count = double(values.size());
    if (values.empty()) return m;
    for (const double v : values) m.mean += v;
    m.mean /= m.count;
    for (const double v : values) m.squares += (v - m.mean) * (v - m.mean);
    return m;
}

// Per-block moments of every configuration: moments[config × blocks + block].
class BlockTable {
  public:
    BlockTable(std::span<const double> column_major, std::size_t periods, std::size_t configs, int blocks)
        : configs_(configs), blocks_(std::size_t(blocks)), moments_(configs * blocks_) {
        for (std::size_t c = 0; c < configs; ++c) {
            const auto column = column_major.subspan(c * periods, periods);
            for (std::size_t b = 0; b < blocks_; ++b) {
                const std::size_t begin = b * periods / blocks_;
                const std::size_t end = (b + 1) * periods / blocks_;
                moments_[c * blocks_ + b] = moments_of(column.subspan(begin, end - begin));
            }
        }
    }

    std::size_t configs() const { return configs_; }

    // Sharpe of configuration `config` over the blocks whose bits are set in `mask`.
    double sharpe(std::size_t config, std::uint32_t mask, double periods_per_year) const {
        Moments merged;
        for (std::size_t b = 0; b < blocks_; ++b)
            if (mask >> b & 1u) merged.merge(moments_[config * blocks_ + b]);
        if (merged.count < 2.0) return 0.0;
        const double deviation = std::sqrt(merged.squares / merged.count);
        if (!(deviation >= kZeroDeviation)) return 0.0;
        return merged.mean / deviation * std::sqrt(periods_per_year);
    }

  private:
    std::size_t configs_;
    std::size_t blocks_;
    std::vector<Moments> moments_;
};

// Every S-bit mask with S/2 bits set, in increasing order (Gosper's hack).
std::vector<std::uint32_t> in_sample_masks(int blocks) {
    std::vector<std::uint32_t> masks;
    const std::uint64_t limit = std::uint64_t(1) << blocks;
    for (std::uint64_t mask = (std::uint64_t(1) << (blocks / 2)) - 1; mask < limit;) {
        masks.push_back(std::uint32_t(mask));
        const std::uint64_t lowest = mask & (~mask + 1);
        const std::uint64_t ripple = mask + lowest;
        mask = ripple | (((mask ^ ripple) >> 2) / lowest);
    }
    return masks;
}

// Ascending rank (1 = worst) of values[index] among `values`, ties sharing their average rank.
double average_rank(std::span<const double> values, std::size_t index) {
    const double score = values[index];
    std::size_t below = 0;
    std::size_t equal = 0;
    for (const double v : values) {
        below += v < score;
        equal += v == score;
    }
    return double(below) + double(equal + 1) / 2.0;
}

// Reuses the two per-configuration buffers across the splits of one task.
PboSplit evaluate_split(const BlockTable& table, std::uint32_t mask, std::uint32_t all_blocks,
                        double periods_per_year, std::vector<double>& in_sample,
                        std::vector<double>& out_of_sample) {
    const std::size_t n = table.configs();
    for (std::size_t c = 0; c < n; ++c) {
        in_sample[c] = table.sharpe(c, mask, periods_per_year);
        out_of_sample[c] = table.sharpe(c, all_blocks & ~mask, periods_per_year);
    }
    PboSplit split;
    split.in_sample_blocks = mask;
    split.selected = std::size_t(std::max_element(in_sample.begin(), in_sample.end()) - in_sample.begin());
    split.in_sample_sharpe = in_sample[split.selected];
    split.out_of_sample_sharpe = out_of_sample[split.selected];
    split.relative_rank = average_rank(out_of_sample, split.selected) / double(n + 1);
    split.logit = std::log(split.relative_rank / (1.0 - split.relative_rank));
    return split;
}

void validate(std::span<const double> column_major, std::size_t periods, std::size_t configs,
              const PboParams& params) {
    if (params.blocks < 2 || params.blocks > kMaxBlocks || params.blocks % 2 != 0)
        throw std::invalid_argument(
            fmt::format("probability_of_backtest_overfitting: blocks must be even and in 2..{}, got {}",
                        kMaxBlocks, params.blocks));
    if (configs < 2)
        throw std::invalid_argument(fmt::format(
            "probability_of_backtest_overfitting: need at least 2 configurations, got {}", configs));
    if (periods < std::size_t(params.blocks))
        throw std::invalid_argument(fmt::format(
            "probability_of_backtest_overfitting: {} periods cannot fill {} blocks", periods, params.blocks));
    if (column_major.size() != periods * configs)
        throw std::invalid_argument(
            fmt::format("probability_of_backtest_overfitting: {} values for {} periods × {} configurations",
                        column_major.size(), periods, configs));
    if (!(params.periods_per_year > 0.0))
        throw std::invalid_argument(
            fmt::format("probability_of_backtest_overfitting: periods_per_year must be positive, got {}",
                        params.periods_per_year));
    for (std::size_t i = 0; i < column_major.size(); ++i)
        if (!std::isfinite(column_major[i]))
            throw std::invalid_argument(fmt::format(
                "probability_of_backtest_overfitting: configuration {} period {} is not finite ({})",
                i / periods, i % periods, column_major[i]));
}

// Moves the splits of completed tasks to the front, in enumeration order, and drops the rest.
void keep_completed(std::vector<PboSplit>& splits, const ParallelOutcome& outcome) {
    std::size_t kept = 0;
    for (std::size_t task = 0; task < outcome.done.size(); ++task) {
        if (!outcome.done[task]) continue;
        const std::size_t begin = task * kSplitsPerTask;
        const std::size_t end = std::min(begin + kSplitsPerTask, splits.size());
        std::copy(splits.begin() + std::ptrdiff_t(begin), splits.begin() + std::ptrdiff_t(end),
                  splits.begin() + std::ptrdiff_t(kept));
        kept += end - begin;
    }
    splits.resize(kept);
}

void summarise_logits(PboResult& result) {
    std::vector<double> logits;
    logits.reserve(result.splits.size());
    for (const auto& split : result.splits) logits.push_back(split.logit);
    const double n = double(logits.size());
    double sum = 0.0;
    for (const double l : logits) sum += l;
    result.logit_mean = sum / n;
    double squares = 0.0;
    for (const double l : logits) squares += (l - result.logit_mean) * (l - result.logit_mean);
    result.logit_std = std::sqrt(squares / n);
    std::sort(logits.begin(), logits.end());
    result.logit_5th = metrics::sorted_percentile(logits, 5);
    result.logit_50th = metrics::sorted_percentile(logits, 50);
    result.logit_95th = metrics::sorted_percentile(logits, 95);
    const auto at_or_below_median = std::upper_bound(logits.begin(), logits.end(), 0.0) - logits.begin();
    result.pbo = double(at_or_below_median) / n;
}

void fit_degradation(PboResult& result) {
    const double n = double(result.splits.size());
    double mean_is = 0.0, mean_oos = 0.0;
    for (const auto& split : result.splits) {
        mean_is += split.in_sample_sharpe;
        mean_oos += split.out_of_sample_sharpe;
    }
    mean_is /= n;
    mean_oos /= n;
    double covariance = 0.0, variance = 0.0;
    for (const auto& split : result.splits) {
        covariance += (split.in_sample_sharpe - mean_is) * (split.out_of_sample_sharpe - mean_oos);
        variance += (split.in_sample_sharpe - mean_is) * (split.in_sample_sharpe - mean_is);
    }
    // Every split selecting the same in-sample Sharpe leaves the slope undetermined: report a flat fit.
    result.degradation_slope = variance > 0.0 ? covariance / variance : 0.0;
    result.degradation_intercept = mean_oos - result.degradation_slope * mean_is;
}

void summarise(PboResult& result) {
    result.splits_done = result.splits.size();
    result.partial = result.splits_done < result.splits_total;
    if (result.splits.empty()) return;
    summarise_logits(result);
    const auto losses = std::count_if(result.splits.begin(), result.splits.end(),
                                      [](const PboSplit& split) { return split.out_of_sample_sharpe < 0.0; });
    result.probability_oos_loss = double(losses) / double(result.splits.size());
    fit_degradation(result);
}

}  // namespace

PboResult probability_of_backtest_overfitting(std::span<const double> column_major, std::size_t periods,
                                              std::size_t configs, const PboParams& params, int threads,
                                              const Progress& progress) {
    validate(column_major, periods, configs, params);
    const BlockTable table(column_major, periods, configs, params.blocks);
    const auto masks = in_sample_masks(params.blocks);
    const std::uint32_t all_blocks = std::uint32_t((std::uint64_t(1) << params.blocks) - 1);

    PboResult result;
    result.splits_total = masks.size();
    result.splits.resize(masks.size());
    const std::size_t tasks = (masks.size() + kSplitsPerTask - 1) / kSplitsPerTask;
    const ParallelOutcome outcome = parallel_for(
        tasks, threads,
        [&](std::size_t task, const CancelFlag& cancel) {
            std::vector<double> in_sample(configs), out_of_sample(configs);
            const std::size_t end = std::min((task + 1) * kSplitsPerTask, masks.size());
            for (std::size_t i = task * kSplitsPerTask; i < end; ++i) {
                if (cancel.load(std::memory_order_relaxed)) return false;
                result.splits[i] = evaluate_split(table, masks[i], all_blocks, params.periods_per_year,
                                                  in_sample, out_of_sample);
            }
            return true;
        },
        progress);
    keep_completed(result.splits, outcome);
    summarise(result);
    return result;
}

PboResult probability_of_backtest_overfitting(const std::vector<std::vector<double>>& columns,
                                              const PboParams& params, int threads,
                                              const Progress& progress) {
    const std::size_t periods = columns.empty() ? 0 : columns.front().size();
    std::vector<double> column_major;
    column_major.reserve(periods * columns.size());
    for (std::size_t c = 0; c < columns.size(); ++c) {
        if (columns[c].size() != periods)
            throw std::invalid_argument(fmt::format(
                "probability_of_backtest_overfitting: configuration {} has {} periods, configuration 0 "
                "has {}",
                c, columns[c].size(), periods));
        column_major.insert(column_major.end(), columns[c].begin(), columns[c].end());
    }
    return probability_of_backtest_overfitting(column_major, periods, columns.size(), params, threads,
                                               progress);
}

}  // namespace tradelab::validation
