#pragma once
// Permutation tests that can fail (spec 02 §8 describes one that could not).
//
// Monte Carlo permutation test (Masters; Aronson): the market's daily bar changes inside the tested
// period are shuffled — one shuffle of the dates per asset class, applied to every symbol of that class,
// so cross-sectional correlation survives while serial structure (trends, breakouts) is destroyed —
// and the strategy is re-run on each permuted history. If the strategy exploits structure, its actual
// result beats most permuted ones: p = (1 + #{permuted >= actual}) / (1 + N).
//
// Entry-timing randomisation (the reference docs' intent): each trade is re-priced with a random entry
// day in the period, same symbol and same holding length in bars, entry and exit at the open.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "backtest/backtest.hpp"
#include "config/run_config.hpp"
#include "core/progress.hpp"
#include "data/market_data.hpp"

namespace tradelab::validation {

// A copy of `market` whose bars dated in [first, last] have their relative changes (gap from the
// previous close, then high, low and close relative to the open, with the day's volume) permuted
// across dates; bars before `first` are kept (indicators warm up on real history), bars after `last`
// are dropped. Each symbol keeps its own dates. A symbol with a bar on every date of its class gets
// exactly the class permutation; one with gaps gets its changes in the same relative order. Prices are
// rebuilt from the last bar before `first`, so the multiset of daily changes is unchanged.
std::shared_ptr<const data::MarketData> permute_market(const data::MarketData& market, Date first, Date last,
                                                       std::uint64_t seed);

// The same, with the seed-independent work (each symbol's changes as ratios, the dates of each class)
// done once: a permutation test builds one and asks it for each iteration's market. Thread-safe.
class MarketPermuter {
  public:
    MarketPermuter(const data::MarketData& market, Date first, Date last);
    std::shared_ptr<const data::MarketData> permuted(std::uint64_t seed) const;

  private:
    struct Prepared;
    const data::MarketData& market_;
    std::shared_ptr<const Prepared> prepared_;
};

// Mean, spread and percentiles of a null distribution.
struct NullSummary {
    std::size_t count = 0;
    double mean = 0.0;
    double std = 0.0;  // population
    double min = 0.0;
    double max = 0.0;
    double p5 = 0.0;
    double p25 = 0.0;
    double p50 = 0.0;
    double p75 = 0.0;
    double p95 = 0.0;
};

NullSummary summarise_null(std::vector<double> values);

struct PermutationTestOptions {
    int iterations = 1000;
    std::uint64_t seed = 42;
    int threads = 0;
    std::string statistic = "sharpe_ratio";  // a key of metrics_to_json
};

struct PermutationTestResult {
    std::string statistic;
    double actual = 0.0;
    std::vector<double> null_values;  // iteration order; completed iterations only
    std::size_t iterations_requested = 0;
    double p_value = 1.0;          // (1 + #{null >= actual}) / (1 + n)
    double percentile_rank = 0.0;  // SciPy percentileofscore(null, actual, kind="rank")
    NullSummary null;
    bool partial = false;
    double seconds = 0.0;
};

// Runs `scenario` on `market` once for the actual statistic, then on `iterations` permuted histories
// (iteration i permuted with mix_seed(seed, i)). Cancel keeps the completed iterations, marked partial.
PermutationTestResult monte_carlo_permutation_test(const backtest::RunMarket& market,
                                                   const config::RunConfig& run,
                                                   const backtest::Scenario& scenario,
                                                   const PermutationTestOptions& options,
                                                   const Progress& progress = {});

struct EntryTimingResult {
    std::size_t trades = 0;           // trades that could be re-priced
    double actual_mean_return = 0.0;  // mean open-to-open return of the actual trades
    std::vector<double> null_values;  // mean return of the randomised trades, per iteration
    double p_value = 1.0;
    double percentile_rank = 0.0;
    NullSummary null;
    bool partial = false;
};

// Iterations run in chunks of 64; chunk k draws from mix_seed(seed, k).
EntryTimingResult entry_timing_test(const backtest::RunMarket& market, const backtest::RunResult& actual,
                                    int iterations, std::uint64_t seed, int threads,
                                    const Progress& progress = {});

nlohmann::ordered_json to_json(const NullSummary& summary);
nlohmann::ordered_json to_json(const PermutationTestResult& result);
nlohmann::ordered_json to_json(const EntryTimingResult& result);

}  // namespace tradelab::validation
