#pragma once
// The market one run config trades: the loaded bars (immutable, shared), and for each enabled
// strategy its resolved universe with the feature tables computed once, with that strategy's windows.
// Every run of the config — a backtest period, a grid point, a fold — reads it through a const&.
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/run_config.hpp"
#include "core/progress.hpp"
#include "data/market_data.hpp"
#include "indicators/feature_table.hpp"
#include "strategies/momentum.hpp"

namespace tradelab::backtest {

struct StrategyBook {
    int index = 0;     // order in the run config: equity first, then crypto
    std::string slot;  // "equity" or "crypto"
    strategies::MomentumStrategy strategy;
    std::vector<data::SymbolId> symbols;  // the resolved universe, in list order
    // Parallel to symbols. Shared: runs whose strategies differ only in parameters that no indicator
    // reads (stops, clearances, sizing) reuse one set of tables.
    std::shared_ptr<const std::vector<indicators::FeatureTable>> features;
    std::optional<data::SymbolId> benchmark;  // SPY for equity, BTC for crypto
    // Parallel to symbols: the rows at which the strategy is eligible and a breakout fires. Both depend
    // only on the symbol's own bars and features, so they are found once here and the daily loop visits
    // a symbol only on its signal days.
    std::vector<std::vector<std::uint32_t>> entry_signal_rows;
};

struct RunMarket {
    std::shared_ptr<const data::MarketData> data;
    std::vector<StrategyBook> books;
    std::vector<data::DataIssue> issues;  // everything the load found (warnings and dropped bars)
};

// The data cannot support the run: a universe symbol or benchmark without a usable file, an unknown
// universe. Lists every such problem as file:line: field: message.
class DataError : public std::runtime_error {
  public:
    explicit DataError(std::vector<data::DataIssue> issues);
    const std::vector<data::DataIssue>& issues() const { return issues_; }

  private:
    std::vector<data::DataIssue> issues_;
};

// Which benchmarks to load: those of the enabled strategies (SPY for equity, BTC for crypto), or both
// whatever is enabled, as the reference always did; its loop calendar includes both benchmarks' dates
// (spec 01 §12.1, §13 #17), so ReferenceCompatibility::calendar_day_rows needs Both.
enum class Benchmarks { OfStrategies, Both };

// Resolves each enabled strategy's universe against the config's data folders, loads the bars of
// [dataset.start_date, dataset.end_date] and prepares the features. Throws DataError.
RunMarket load_run_market(const config::RunConfig& run, const Progress& progress = {},
                          Benchmarks benchmarks = Benchmarks::OfStrategies);

// Prepares features for market data already in memory (generated or loaded elsewhere). Every universe
// symbol must be present in `data`. Throws DataError or std::invalid_argument (strategy config).
RunMarket prepare_run_market(std::shared_ptr<const data::MarketData> data, const config::RunConfig& run);

// The market of `run` on the same data as `base`: each strategy book reuses `base`'s feature tables
// when its indicator windows are unchanged (else they are computed), and its entry signals when its
// windows and entry rules are unchanged (else they are found again). `run` must enable the same
// strategies with the same universes as the config of `base`, and `base`'s signals must cover
// [from, to] (a base built for the full range, or for the same window, does).
// This is how a parameter sweep prepares a grid point in milliseconds instead of recomputing features.
// With `from`/`to`, entry signals are found only on bars dated in [from, to]: enough for a run of that
// period (the loop never looks at earlier or later signals) and much cheaper for short windows.
RunMarket rebind_run_market(const RunMarket& base, const config::RunConfig& run,
                            std::optional<Date> from = std::nullopt, std::optional<Date> to = std::nullopt);

// What a strategy's entry signals depend on besides its indicator windows (see entry_signal_rows):
// stops, sizing and costs do not change them.
struct EntryRules {
    AssetClass asset_class{};
    config::IndicatorsConfig indicators;
    config::EligibilityConfig eligibility;
    config::EntryConfig entry;
    bool operator==(const EntryRules&) const = default;
};
EntryRules entry_rules_of(const config::StrategyConfig& strategy);

// The rows of one symbol at which `strategy` is eligible and a breakout fires.
std::vector<std::uint32_t> entry_signal_rows(const strategies::MomentumStrategy& strategy,
                                             const data::BarSeries& bars,
                                             const indicators::FeatureTable& features,
                                             std::size_t first_row = 0,
                                             std::size_t end_row = std::size_t(-1));

// The enabled strategy configs of a run config, equity first.
std::vector<std::pair<std::string, const config::StrategyConfig*>> enabled_strategies(
    const config::RunConfig& run);

}  // namespace tradelab::backtest
