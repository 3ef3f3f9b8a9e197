#pragma once
// Parameter sweeps (spec 02 §6): a grid of strategy (or run-level) parameters, each point a backtest of
// one period on the market prepared once. A point's config is the base config with YAML overrides
// applied in memory and loaded through the normal validator, so an impossible combination is listed
// with the validator's own message (never scored as 0).
//
// Points share the market data and, when their indicator windows agree, the feature tables
// (rebind_run_market). Every point runs with the config's seed: common random numbers, so two points
// differ only by their parameters. Points go to parallel_for and land in their own slot: the results
// do not depend on the thread count.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "backtest/backtest.hpp"
#include "config/run_config.hpp"
#include "core/progress.hpp"
#include "metrics/performance_metrics.hpp"

namespace tradelab::validation {

// One value of an axis: a label and the config keys it sets. Most values set one key; the crypto exit
// mode sets two (MA20 = exit.mode ma_cross + exit.exit_ma 20).
struct AxisValue {
    std::string label;
    std::vector<std::pair<std::string, std::string>> overrides;  // dotted key, YAML scalar
};

// A key starting with "strategy." is in the slot's strategy config ("strategy.exit.exit_ma"); any other
// key is in the run config ("volatility_scaling.mode").
struct ParameterAxis {
    std::string name;
    std::vector<AxisValue> values;
};

struct SweepGrid {
    std::string slot;  // "equity" or "crypto": whose strategy config the strategy keys change
    std::vector<ParameterAxis> axes;
    std::size_t size() const;
    // The axis coordinates of point `index` (the last axis varies fastest).
    std::vector<std::size_t> coordinates(std::size_t index) const;
};

// The grids of the run config's validation.sensitivity block (spec 02 §6.1), one per enabled strategy,
// or only `slot`'s when given. Axes with the documented defaults when the block is absent.
std::vector<SweepGrid> grids_from_config(const config::RunConfig& run, const std::string& slot = "");

// A numeric axis from "KEY=START:STOP:STEP" (inclusive stop within half a step, values printed with up
// to 10 significant digits) or "KEY=V1,V2,...". KEY is a strategy key (prefixed "strategy." or not,
// judged by the schema) or a run key. Throws std::invalid_argument naming the problem.
ParameterAxis parse_axis(const std::string& spec);

// Replaces the axes of `grid` with the same name, appends the others.
void apply_axes(SweepGrid& grid, const std::vector<ParameterAxis>& axes);

// The configs of a grid's points: the base files with the overrides, loaded and validated. `build`
// puts the validator's messages into `errors` when the combination is invalid (and returns nullopt).
// Thread-safe; run-level overrides are loaded once per distinct combination.
struct PointConfigSource {
    std::filesystem::path run_file;  // may be empty when the grid changes strategy keys only
    config::RunConfig base;
    // The swept strategy's YAML; empty: read from the slot's config file. Lets a config built in memory
    // (the benchmark workloads) be swept.
    std::string strategy_yaml;
};

class PointConfigs {
  public:
    PointConfigs(const PointConfigSource& source, const SweepGrid& grid);
    ~PointConfigs();
    PointConfigs(const PointConfigs&) = delete;
    PointConfigs& operator=(const PointConfigs&) = delete;

    std::optional<config::RunConfig> build(std::size_t index, std::vector<std::string>& errors) const;

  private:
    std::optional<config::RunConfig> build_uncached(std::size_t index,
                                                    std::vector<std::string>& errors) const;
    struct State;
    std::unique_ptr<State> state_;
};

struct SweepPoint;

struct SweepOptions {
    std::string period = "train";                // train | validation | holdout | custom
    std::optional<backtest::Scenario> scenario;  // for period "custom" (walk-forward windows)
    std::string objective = "sharpe_ratio";      // any key of metrics_to_json
    int threads = 0;                             // 0 = every hardware thread
    bool keep_daily_returns = false;             // for PBO: each point's daily returns
    // Called on the worker thread as each point finishes, with its full run (to store it); must be
    // thread-safe. The run is dropped afterwards, so a sweep holds summaries only.
    std::function<void(const SweepPoint&, const backtest::RunResult&, const config::RunConfig&)> on_point;
    // The point configs of this grid and source, when the caller sweeps them repeatedly (walk-forward
    // folds); null: built for this sweep.
    const PointConfigs* configs = nullptr;
};

struct SweepPoint {
    std::size_t index = 0;
    std::vector<std::string> labels;  // one per axis
    bool valid = false;
    bool done = false;  // false: invalid, or not reached before a cancel
    std::string invalid_reason;
    double objective = 0.0;
    metrics::PerformanceMetrics metrics;
    std::string digest;
    std::vector<double> daily_returns;  // when SweepOptions::keep_daily_returns
};

struct SweepResult {
    SweepGrid grid;
    std::string objective;
    std::string period;
    Date start{};
    Date end{};
    std::vector<SweepPoint> points;  // grid order
    bool partial = false;            // cancelled: points not done are marked so
    double seconds = 0.0;
};

// Runs every point of `grid` on `market` (prepared for source.base). Progress is the fraction of points
// done; cancelling returns at once with the finished points and `partial` set.
SweepResult run_sweep(const backtest::RunMarket& market, const PointConfigSource& source,
                      const SweepGrid& grid, const SweepOptions& options, const Progress& progress = {});

// The objective named `name` from a metrics record; throws std::invalid_argument listing the names.
double metric_value(const metrics::PerformanceMetrics& m, const std::string& name);

}  // namespace tradelab::validation
