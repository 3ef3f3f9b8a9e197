#include "validation/sweep.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include <yaml-cpp/yaml.h>
#include "core/text_file.hpp"

#include "config/config_loader.hpp"
#include "config/config_schema.hpp"
#include "core/parallel.hpp"
#include "metrics/metrics_json.hpp"

namespace tradelab::validation {
namespace {

constexpr std::string_view kStrategyPrefix = "strategy.";

bool is_strategy_key(const std::string& key) {
    return key.starts_with(kStrategyPrefix);
}

const config::KeySpec* find_spec(const std::vector<config::KeySpec>& schema, const std::string& path) {
    for (const auto& spec : schema)
        if (spec.path == path) return &spec;
    return nullptr;
}

// "exit.exit_ma" -> "strategy.exit.exit_ma"; run keys and already prefixed keys stay as they are.
std::string qualified_key(const std::string& key) {
    if (is_strategy_key(key)) return key;
    if (find_spec(config::run_config_schema(), key)) return key;
    if (find_spec(config::strategy_config_schema(), key)) return std::string(kStrategyPrefix) + key;
    throw std::invalid_argument(
        fmt::format("'{}' is not a key of the run config or of a strategy config", key));
}

std::string number_text(double value) {
    std::string text = fmt::format("{:.10g}", value);
    return text == "-0" ? "0" : text;
}

AxisValue single(const std::string& key, const std::string& value) {
    return {value, {{key, value}}};
}

template <typename T, typename Format>
ParameterAxis axis_of(const std::string& name, const std::string& key, const std::vector<T>& values,
                      Format format) {
    ParameterAxis axis{name, {}};
    for (const auto& value : values) axis.values.push_back(single(key, format(value)));
    return axis;
}

std::string vol_mode_text(config::VolScalingMode mode) {
    return std::string(config::to_string(mode));
}

// Spec 02 §6.1: the crypto exit modes become one axis whose values set exit.mode and exit.exit_ma
// together, in the order the config lists them (the reference's set order was nondeterministic).
ParameterAxis crypto_exit_axis(const std::vector<config::CryptoExitMode>& modes) {
    ParameterAxis axis{"crypto_exit_mode", {}};
    for (const auto mode : modes) {
        switch (mode) {
            case config::CryptoExitMode::Ma20:
                axis.values.push_back(
                    {"MA20", {{"strategy.exit.mode", "ma_cross"}, {"strategy.exit.exit_ma", "20"}}});
                break;
            case config::CryptoExitMode::Ma50:
                axis.values.push_back(
                    {"MA50", {{"strategy.exit.mode", "ma_cross"}, {"strategy.exit.exit_ma", "50"}}});
                break;
            case config::CryptoExitMode::Staged:
                axis.values.push_back({"staged", {{"strategy.exit.mode", "staged"}}});
                break;
        }
    }
    return axis;
}

SweepGrid grid_for_slot(const std::string& slot, const config::SensitivityConfig& s) {
    const auto number = [](double v) { return number_text(v); };
    const auto integer = [](int v) { return std::to_string(v); };
    SweepGrid grid{slot, {}};
    if (slot == "equity") {
        grid.axes.push_back(axis_of("exit.hard_stop_atr_mult", "strategy.exit.hard_stop_atr_mult",
                                    s.equity_atr_mult, number));
        grid.axes.push_back(axis_of("entry.fast_clearance", "strategy.entry.fast_clearance",
                                    s.equity_breakout_clearance, number));
        grid.axes.push_back(axis_of("exit.exit_ma", "strategy.exit.exit_ma", s.equity_exit_ma, integer));
    } else {
        grid.axes.push_back(axis_of("exit.hard_stop_atr_mult", "strategy.exit.hard_stop_atr_mult",
                                    s.crypto_atr_mult, number));
        grid.axes.push_back(axis_of("entry.fast_clearance", "strategy.entry.fast_clearance",
                                    s.crypto_breakout_clearance, number));
        grid.axes.push_back(crypto_exit_axis(s.crypto_exit_mode));
    }
    grid.axes.push_back(
        axis_of("volatility_scaling.mode", "volatility_scaling.mode", s.vol_scaling_mode, vol_mode_text));
    std::erase_if(grid.axes, [](const ParameterAxis& axis) { return axis.values.empty(); });
    return grid;
}

// Sets `value` (YAML scalar text) at the dotted `path` of `root`, creating sections as needed.
// A YAML::Node is a handle: taken by value, writes go to the caller's tree.
void set_path(YAML::Node root, const std::string& path,
              const std::string& value) {  // NOLINT(performance-unnecessary-value-param)
    std::vector<std::string> parts;
    std::size_t begin = 0;
    while (begin <= path.size()) {
        const std::size_t dot = path.find('.', begin);
        parts.push_back(path.substr(begin, dot == std::string::npos ? std::string::npos : dot - begin));
        if (dot == std::string::npos) break;
        begin = dot + 1;
    }
    std::vector<YAML::Node> chain{root};
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) chain.push_back(chain.back()[parts[i]]);
    chain.back()[parts.back()] = YAML::Load(value);
}

std::string dump(const YAML::Node& node) {
    YAML::Emitter out;
    out << node;
    return out.c_str();
}

std::vector<std::string> error_messages(const std::vector<config::Diagnostic>& diagnostics) {
    std::vector<std::string> errors;
    for (const auto& d : diagnostics)
        if (d.severity == config::Severity::Error)
            errors.push_back(d.key_path.empty() ? d.message : d.key_path + ": " + d.message);
    return errors;
}

const config::StrategySlot* slot_of(const config::RunConfig& run, const std::string& slot) {
    const auto& s = slot == "equity" ? run.strategies.equity : run.strategies.crypto;
    return s && s->enabled && s->config ? &*s : nullptr;
}

config::StrategySlot* slot_of(config::RunConfig& run, const std::string& slot) {
    auto& s = slot == "equity" ? run.strategies.equity : run.strategies.crypto;
    return s && s->enabled && s->config ? &*s : nullptr;
}

// Two levels of sharing. Points whose indicator windows agree share feature tables (a feature group);
// within it, points whose entry rules also agree share their entry signals (a signal group), so a
// point that changes only stops, sizing or costs costs one backtest. Points run grouped, and a group's
// market is dropped once its last point is done: memory holds a few groups whatever the grid size.
class GroupMarkets {
  public:
    GroupMarkets(std::vector<std::size_t> sizes)
        : remaining_(std::move(sizes)), markets_(remaining_.size()) {}

    template <typename Make>
    std::shared_ptr<const backtest::RunMarket> acquire(std::size_t group, Make make) {
        {
            const std::lock_guard lock(mutex_);
            if (markets_[group]) return markets_[group];
        }
        auto fresh = std::make_shared<const backtest::RunMarket>(make());
        const std::lock_guard lock(mutex_);
        if (!markets_[group]) markets_[group] = std::move(fresh);
        return markets_[group];
    }

    void release(std::size_t group) {
        const std::lock_guard lock(mutex_);
        if (--remaining_[group] == 0) markets_[group].reset();
    }

  private:
    std::mutex mutex_;
    std::vector<std::size_t> remaining_;
    std::vector<std::shared_ptr<const backtest::RunMarket>> markets_;
};

struct PointKey {
    std::vector<indicators::IndicatorWindows> windows;
    std::vector<backtest::EntryRules> entries;
};

PointKey key_of(const config::RunConfig& run) {
    PointKey key;
    for (const auto& [slot, s] : backtest::enabled_strategies(run)) {
        key.windows.push_back(strategies::windows_for(*s));
        key.entries.push_back(backtest::entry_rules_of(*s));
    }
    return key;
}

struct PointPlan {
    std::vector<std::size_t> feature_group;  // per point; kNoGroup for invalid points
    std::vector<std::size_t> signal_group;
    std::vector<std::size_t> feature_group_sizes;
    std::vector<std::size_t> signal_group_sizes;
    std::vector<std::size_t> order;  // by feature group, then signal group, then grid order
};

constexpr std::size_t kNoGroup = std::size_t(-1);

// The index of `key` in `keys`, appended when new; counts the member in `sizes`.
template <typename Key>
std::size_t group_index(std::vector<Key>& keys, std::vector<std::size_t>& sizes, const Key& key) {
    auto found = std::find(keys.begin(), keys.end(), key);
    if (found == keys.end()) {
        keys.push_back(key);
        sizes.push_back(0);
        found = keys.end() - 1;
    }
    const auto index = std::size_t(found - keys.begin());
    ++sizes[index];
    return index;
}

PointPlan group_points(const std::vector<std::optional<PointKey>>& keys) {
    PointPlan plan;
    plan.feature_group.assign(keys.size(), kNoGroup);
    plan.signal_group.assign(keys.size(), kNoGroup);
    std::vector<std::vector<indicators::IndicatorWindows>> feature_keys;
    std::vector<std::pair<std::size_t, std::vector<backtest::EntryRules>>> signal_keys;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (!keys[i]) continue;
        plan.feature_group[i] = group_index(feature_keys, plan.feature_group_sizes, keys[i]->windows);
        plan.signal_group[i] = group_index(signal_keys, plan.signal_group_sizes,
                                           std::pair{plan.feature_group[i], keys[i]->entries});
    }
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (keys[i]) plan.order.push_back(i);
    std::stable_sort(plan.order.begin(), plan.order.end(), [&](std::size_t a, std::size_t b) {
        return std::pair{plan.feature_group[a], plan.signal_group[a]} <
               std::pair{plan.feature_group[b], plan.signal_group[b]};
    });
    return plan;
}

// Loads every point's config once to find the invalid ones and the groups. Nullopt when cancelled.
std::optional<PointPlan> plan_points(const PointConfigs& configs, std::vector<SweepPoint>& points,
                                     int threads, const Progress& progress) {
    std::vector<std::optional<PointKey>> keys(points.size());
    const auto outcome = parallel_for(
        points.size(), threads,
        [&](std::size_t i, const CancelFlag&) {
            std::vector<std::string> errors;
            if (const auto run = configs.build(i, errors)) {
                keys[i] = key_of(*run);
                points[i].valid = true;
            } else {
                points[i].invalid_reason = errors.empty() ? "invalid combination" : errors.front();
                for (std::size_t e = 1; e < errors.size(); ++e) points[i].invalid_reason += "; " + errors[e];
            }
            return true;
        },
        progress);
    if (outcome.cancelled) return std::nullopt;
    return group_points(keys);
}

backtest::Scenario sweep_scenario(const config::RunConfig& run, const SweepOptions& options) {
    if (options.period == "custom") {
        if (!options.scenario) throw std::invalid_argument("a sweep over a custom period needs its scenario");
        return *options.scenario;
    }
    return backtest::period_scenario(run, options.period);
}

}  // namespace

std::size_t SweepGrid::size() const {
    std::size_t total = 1;
    for (const auto& axis : axes) total *= axis.values.size();
    return axes.empty() ? 0 : total;
}

std::vector<std::size_t> SweepGrid::coordinates(std::size_t index) const {
    std::vector<std::size_t> coordinates(axes.size());
    for (std::size_t a = axes.size(); a-- > 0;) {
        coordinates[a] = index % axes[a].values.size();
        index /= axes[a].values.size();
    }
    return coordinates;
}

std::vector<SweepGrid> grids_from_config(const config::RunConfig& run, const std::string& slot) {
    const config::SensitivityConfig sensitivity =
        run.validation.sensitivity.value_or(config::SensitivityConfig{});
    std::vector<SweepGrid> grids;
    for (const auto& [name, strategy] : backtest::enabled_strategies(run)) {
        if (!slot.empty() && name != slot) continue;
        grids.push_back(grid_for_slot(name, sensitivity));
    }
    if (!slot.empty() && grids.empty())
        throw std::invalid_argument(fmt::format("the run config does not enable a {} strategy", slot));
    return grids;
}

ParameterAxis parse_axis(const std::string& spec) {
    const auto equals = spec.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == spec.size())
        throw std::invalid_argument(fmt::format("'{}': expected KEY=START:STOP:STEP or KEY=V1,V2,...", spec));
    const std::string name = spec.substr(0, equals);
    const std::string key = qualified_key(name);
    const std::string values = spec.substr(equals + 1);
    ParameterAxis axis{is_strategy_key(name) ? name.substr(kStrategyPrefix.size()) : name, {}};
    if (values.find(':') == std::string::npos) {
        std::size_t begin = 0;
        while (begin <= values.size()) {
            const auto comma = values.find(',', begin);
            const std::string value =
                values.substr(begin, comma == std::string::npos ? std::string::npos : comma - begin);
            if (value.empty())
                throw std::invalid_argument(fmt::format("'{}': empty value in the list", spec));
            axis.values.push_back(single(key, value));
            if (comma == std::string::npos) break;
            begin = comma + 1;
        }
        return axis;
    }
    double start = 0.0;
    double stop = 0.0;
    double step = 0.0;
    char colon1 = 0;
    char colon2 = 0;
    std::istringstream in(values);
    if (!(in >> start >> colon1 >> stop >> colon2 >> step) || colon1 != ':' || colon2 != ':' || !in.eof())
        throw std::invalid_argument(fmt::format("'{}': expected START:STOP:STEP with numbers", spec));
    if (!(step > 0.0) || stop < start)
        throw std::invalid_argument(fmt::format("'{}': needs STEP > 0 and STOP >= START", spec));
    const auto count = std::size_t(std::floor((stop - start) / step + 0.5)) + 1;
    if (count > 100'000) throw std::invalid_argument(fmt::format("'{}': {} values is too many", spec, count));
    for (std::size_t i = 0; i < count; ++i)
        axis.values.push_back(single(key, number_text(start + double(i) * step)));
    return axis;
}

void apply_axes(SweepGrid& grid, const std::vector<ParameterAxis>& axes) {
    for (const auto& axis : axes) {
        const auto same = std::find_if(grid.axes.begin(), grid.axes.end(),
                                       [&](const ParameterAxis& a) { return a.name == axis.name; });
        if (same != grid.axes.end())
            *same = axis;
        else
            grid.axes.push_back(axis);
    }
}

struct PointConfigs::State {
    State(const PointConfigSource& s, const SweepGrid& g) : source(s), grid(g) {}

    const PointConfigSource& source;
    const SweepGrid& grid;
    std::string run_text;
    std::string strategy_text;
    std::filesystem::path strategy_file;
    using Overrides = std::vector<std::pair<std::string, std::string>>;
    struct RunLoad {
        std::optional<config::RunConfig> run;
        std::vector<std::string> errors;
    };
    mutable std::mutex mutex;
    mutable std::map<Overrides, std::shared_ptr<const RunLoad>> run_loads;
    // Points built once are kept (up to kMemoLimit): a sweep builds each point twice (planning, running)
    // and a walk-forward builds the same grid for every fold. Bounded so a huge grid stays small.
    static constexpr std::size_t kMemoLimit = 4096;
    mutable std::map<std::size_t, std::shared_ptr<const RunLoad>> points;

    std::shared_ptr<const RunLoad> run_for(const Overrides& overrides, std::size_t index) const {
        {
            const std::lock_guard lock(mutex);
            if (const auto found = run_loads.find(overrides); found != run_loads.end()) return found->second;
        }
        auto load = std::make_shared<RunLoad>();
        if (overrides.empty()) {
            load->run = source.base;
        } else {
            YAML::Node root = YAML::Load(run_text);
            for (const auto& [key, value] : overrides) set_path(root, key, value);
            auto loaded = config::load_run_config_from_string(
                dump(root), fmt::format("{} [grid point {}]", source.run_file.string(), index),
                source.run_file.parent_path());
            load->errors = error_messages(loaded.diagnostics);
            if (load->errors.empty()) load->run = std::move(loaded.config);
        }
        const std::lock_guard lock(mutex);
        return run_loads.emplace(overrides, std::move(load)).first->second;
    }
};

PointConfigs::PointConfigs(const PointConfigSource& source, const SweepGrid& grid)
    : state_(new State{source, grid}) {
    if (!source.run_file.empty()) state_->run_text = read_text_file(source.run_file);
    const auto* slot = slot_of(source.base, grid.slot);
    if (!slot)
        throw std::invalid_argument(fmt::format("the run config does not enable a {} strategy", grid.slot));
    state_->strategy_file = slot->config_path.resolved;
    state_->strategy_text =
        source.strategy_yaml.empty() ? read_text_file(state_->strategy_file) : source.strategy_yaml;
    for (const auto& axis : grid.axes)
        for (const auto& value : axis.values)
            for (const auto& [key, text] : value.overrides)
                if (!is_strategy_key(key) && source.run_file.empty())
                    throw std::invalid_argument(fmt::format(
                        "axis {} changes the run config, which was not read from a file", axis.name));
}

PointConfigs::~PointConfigs() = default;

std::optional<config::RunConfig> PointConfigs::build(std::size_t index,
                                                     std::vector<std::string>& errors) const {
    {
        const std::lock_guard lock(state_->mutex);
        if (const auto found = state_->points.find(index); found != state_->points.end()) {
            errors = found->second->errors;
            return found->second->run;
        }
    }
    auto built = std::make_shared<State::RunLoad>();
    built->run = build_uncached(index, built->errors);
    errors = built->errors;
    const std::lock_guard lock(state_->mutex);
    if (state_->points.size() < State::kMemoLimit) state_->points.emplace(index, built);
    return built->run;
}

std::optional<config::RunConfig> PointConfigs::build_uncached(std::size_t index,
                                                              std::vector<std::string>& errors) const {
    const auto coordinates = state_->grid.coordinates(index);
    State::Overrides run_overrides;
    State::Overrides strategy_overrides;
    for (std::size_t a = 0; a < state_->grid.axes.size(); ++a) {
        for (const auto& [key, value] : state_->grid.axes[a].values[coordinates[a]].overrides) {
            if (is_strategy_key(key))
                strategy_overrides.emplace_back(key.substr(kStrategyPrefix.size()), value);
            else
                run_overrides.emplace_back(key, value);
        }
    }
    const auto run_load = state_->run_for(run_overrides, index);
    errors = run_load->errors;
    if (!run_load->run) return std::nullopt;
    config::RunConfig run = *run_load->run;
    if (strategy_overrides.empty()) return run;
    YAML::Node root = YAML::Load(state_->strategy_text);
    for (const auto& [key, value] : strategy_overrides) set_path(root, key, value);
    auto load = config::load_strategy_config_from_string(
        dump(root), fmt::format("{} [grid point {}]", state_->strategy_file.string(), index),
        state_->strategy_file.parent_path());
    errors = error_messages(load.diagnostics);
    if (!errors.empty()) return std::nullopt;
    slot_of(run, state_->grid.slot)->config = std::move(load.config);
    return run;
}

double metric_value(const metrics::PerformanceMetrics& m, const std::string& name) {
    const auto json = metrics::metrics_to_json(m);
    const auto found = json.find(name);
    if (found == json.end() || !(found->is_number() || found->is_null())) {
        std::string names;
        for (const auto& [key, value] : json.items())
            if (value.is_number() || value.is_null()) names += (names.empty() ? "" : ", ") + key;
        throw std::invalid_argument(fmt::format("unknown objective '{}'; one of: {}", name, names));
    }
    return found->is_null() ? std::numeric_limits<double>::quiet_NaN() : found->get<double>();
}

SweepResult run_sweep(const backtest::RunMarket& market, const PointConfigSource& source,
                      const SweepGrid& grid, const SweepOptions& options, const Progress& progress) {
    const auto started = std::chrono::steady_clock::now();
    metric_value({}, options.objective);  // an unknown objective fails before any work
    SweepResult result{grid, options.objective, options.period, {}, {}, {}, false, 0.0};
    const backtest::Scenario scenario = sweep_scenario(source.base, options);
    result.start = scenario.start;
    result.end = scenario.end;
    result.points.resize(grid.size());
    for (std::size_t i = 0; i < result.points.size(); ++i) {
        result.points[i].index = i;
        const auto coordinates = grid.coordinates(i);
        for (std::size_t a = 0; a < grid.axes.size(); ++a)
            result.points[i].labels.push_back(grid.axes[a].values[coordinates[a]].label);
    }
    std::optional<PointConfigs> own_configs;
    if (!options.configs) own_configs.emplace(source, grid);
    const PointConfigs& configs = options.configs ? *options.configs : *own_configs;
    // Loading the configs is a few percent of a sweep; progress gives it the first 5 %.
    const auto planned = plan_points(configs, result.points, options.threads,
                                     [&](double f) { return report_progress(progress, 0.05 * f); });
    if (!planned) {
        result.partial = true;
        return result;
    }
    const PointPlan& plan = *planned;
    GroupMarkets feature_markets(plan.feature_group_sizes);
    GroupMarkets signal_markets(plan.signal_group_sizes);
    const double per_year = backtest::periods_per_year(market);
    const auto run_point = [&](std::size_t task, const CancelFlag& cancel) {
        const std::size_t i = plan.order[task];
        auto& point = result.points[i];
        std::vector<std::string> errors;
        const auto run = configs.build(i, errors);
        if (!run) throw std::logic_error(fmt::format("grid point {} became invalid: {}", i, errors.front()));
        const std::size_t f = plan.feature_group[i];
        const std::size_t g = plan.signal_group[i];
        const auto features = feature_markets.acquire(
            f, [&] { return backtest::rebind_run_market(market, *run, scenario.start, scenario.end); });
        const auto signals = signal_markets.acquire(
            g, [&] { return backtest::rebind_run_market(*features, *run, scenario.start, scenario.end); });
        // The point's own strategy (stops, sizing, costs) over the group's features and signals.
        const auto point_market = backtest::rebind_run_market(*signals, *run, scenario.start, scenario.end);
        const auto backtest_result =
            backtest::run_backtest(point_market, *run, scenario, {}, [&](double) { return !cancel.load(); });
        signal_markets.release(g);
        feature_markets.release(f);
        if (backtest_result.cancelled) return false;
        point.metrics = metrics::compute_metrics(backtest_result, per_year);
        point.objective = metric_value(point.metrics, options.objective);
        point.digest = backtest_result.digest();
        if (options.keep_daily_returns)
            point.daily_returns =
                metrics::daily_returns(backtest_result.starting_equity, backtest_result.equity_curve);
        point.done = true;
        if (options.on_point) options.on_point(point, backtest_result, *run);
        return true;
    };
    const auto outcome = parallel_for(plan.order.size(), options.threads, run_point,
                                      [&](double f) { return report_progress(progress, 0.05 + 0.95 * f); });
    result.partial = outcome.cancelled;
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

}  // namespace tradelab::validation
