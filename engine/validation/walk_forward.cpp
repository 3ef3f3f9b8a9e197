#include "validation/walk_forward.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace tradelab::validation {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// A fold's sweep runs every grid point, its out-of-sample run one: the sweep gets most of the fold's
// share of the progress.
constexpr double kSweepShareOfFold = 0.95;

backtest::Scenario window_scenario(std::string name, const Period& window, const config::RunConfig& run) {
    backtest::Scenario scenario;
    scenario.period_name = std::move(name);
    scenario.start = window.start;
    scenario.end = window.end;
    scenario.seed = run.random_seed;
    return scenario;
}

struct Winner {
    std::size_t index = 0;
    std::size_t scored = 0;
};

// The valid, finished point with the highest objective; NaN objectives are not comparable and skipped,
// and the strict comparison in grid order gives a tie to the lowest index.
std::optional<Winner> choose_winner(const SweepResult& sweep) {
    std::optional<Winner> winner;
    std::size_t scored = 0;
    for (const auto& point : sweep.points) {
        if (!point.valid || !point.done || std::isnan(point.objective)) continue;
        ++scored;
        if (!winner || point.objective > sweep.points[winner->index].objective)
            winner = Winner{point.index, 0};
    }
    if (winner) winner->scored = scored;
    return winner;
}

// Appends the fold's curve to the stitched one: every point scaled by (stitched equity before the fold)
// / (the run's starting equity), which compounds the fold's daily returns onto the stitched curve.
// Returns the fold's profit in currency on the stitched curve.
double append_stitched(std::vector<StitchedPoint>& stitched, const backtest::RunResult& run,
                       double starting_equity) {
    const double before = stitched.empty() ? starting_equity : stitched.back().equity;
    const double scale = before / run.starting_equity;
    for (const auto& point : run.equity_curve) stitched.push_back({point.date, point.equity * scale});
    const double after = stitched.empty() ? starting_equity : stitched.back().equity;
    return after - before;
}

class FoldRunner {
  public:
    FoldRunner(const backtest::RunMarket& market, const PointConfigSource& source, const SweepGrid& grid,
               const WalkForwardOptions& options)
        : market_(market),
          source_(source),
          grid_(grid),
          options_(options),
          configs_(source, grid),
          per_year_(backtest::periods_per_year(market)) {}

    // Nullopt when cancelled. `oos_run` receives the out-of-sample run for stitching.
    std::optional<FoldResult> run(const Fold& fold, backtest::RunResult& oos_run, const Progress& progress) {
        SweepOptions sweep_options;
        sweep_options.period = "custom";
        sweep_options.scenario =
            window_scenario(fmt::format("fold{}_is", fold.number), fold.in_sample, source_.base);
        sweep_options.objective = options_.objective;
        sweep_options.threads = options_.threads;
        sweep_options.configs = &configs_;
        const auto sweep = run_sweep(market_, source_, grid_, sweep_options, [&](double f) {
            return report_progress(progress, kSweepShareOfFold * f);
        });
        if (sweep.partial) return std::nullopt;
        const auto winner = choose_winner(sweep);
        if (!winner)
            throw std::runtime_error(fmt::format("fold {} (in-sample {}..{}): no grid point has a finite {}",
                                                 fold.number, format_date(fold.in_sample.start),
                                                 format_date(fold.in_sample.end), options_.objective));
        oos_run = run_out_of_sample(fold, winner->index, progress);
        if (oos_run.cancelled) return std::nullopt;
        return fold_result(fold, sweep.points[winner->index], winner->scored, oos_run);
    }

  private:
    backtest::RunResult run_out_of_sample(const Fold& fold, std::size_t index,
                                          const Progress& progress) const {
        std::vector<std::string> errors;
        const auto run = configs_.build(index, errors);
        if (!run)
            throw std::logic_error(
                fmt::format("fold {}: the winning grid point {} became invalid", fold.number, index));
        const auto scenario =
            window_scenario(fmt::format("fold{}_oos", fold.number), fold.out_of_sample, *run);
        const auto point_market = backtest::rebind_run_market(market_, *run, scenario.start, scenario.end);
        return backtest::run_backtest(point_market, *run, scenario, {}, [&](double f) {
            return report_progress(progress, kSweepShareOfFold + (1.0 - kSweepShareOfFold) * f);
        });
    }

    FoldResult fold_result(const Fold& fold, const SweepPoint& winner, std::size_t scored,
                           const backtest::RunResult& oos_run) const {
        FoldResult result;
        result.fold = fold;
        result.winner_index = winner.index;
        result.winner_labels = winner.labels;
        result.in_sample_objective = winner.objective;
        result.in_sample_annual_return = winner.metrics.cagr;
        result.in_sample_digest = winner.digest;
        result.points_scored = scored;
        result.out_of_sample = metrics::compute_metrics(oos_run, per_year_);
        result.out_of_sample_digest = oos_run.digest();
        result.out_of_sample_points = oos_run.equity_curve.size();
        result.out_of_sample_run = oos_run;
        return result;
    }

    const backtest::RunMarket& market_;
    const PointConfigSource& source_;
    const SweepGrid& grid_;
    const WalkForwardOptions& options_;
    const PointConfigs configs_;
    double per_year_;
};

WalkForwardOptions resolved(const config::RunConfig& run, WalkForwardOptions options) {
    if (!options.first_start) options.first_start = warm_up_start(run.dataset);
    if (!options.end) options.end = run.dataset.end_date;
    return options;
}

void summarise_stitched(WalkForwardResult& result, double per_year) {
    std::vector<backtest::EquityPoint> curve;
    curve.reserve(result.stitched.size());
    for (const auto& point : result.stitched) curve.push_back({.date = point.date, .equity = point.equity});
    const double start = result.starting_equity;
    const double end = curve.empty() ? start : curve.back().equity;
    const auto n = double(curve.size());
    result.stitched_total_return = end / start - 1.0;
    // As metrics::compute_metrics: years = curve points / points per year.
    result.stitched_cagr = n > 0 && end > 0 ? std::pow(end / start, per_year / n) - 1.0 : 0.0;
    result.stitched_sharpe = metrics::sharpe(metrics::daily_returns(start, curve), per_year);
    result.stitched_max_drawdown = metrics::max_drawdown(start, curve);
}

double mean_of(const std::vector<FoldResult>& folds, double (*value)(const FoldResult&)) {
    if (folds.empty()) return kNaN;
    double sum = 0.0;
    for (const auto& fold : folds) sum += value(fold);
    return sum / double(folds.size());
}

void compute_efficiency(WalkForwardResult& result) {
    result.mean_in_sample_annual_return =
        mean_of(result.folds, [](const FoldResult& f) { return f.in_sample_annual_return; });
    result.mean_out_of_sample_annual_return =
        mean_of(result.folds, [](const FoldResult& f) { return f.out_of_sample.cagr; });
    result.wfe = kNaN;
    if (result.folds.empty())
        result.wfe_note = "undefined: no fold completed";
    else if (!(result.mean_in_sample_annual_return > 0.0))
        result.wfe_note = "undefined: the mean in-sample annualised return is not positive";
    else
        result.wfe = result.mean_out_of_sample_annual_return / result.mean_in_sample_annual_return;
}

WalkForwardCheck check(std::string name, double value, std::string comparison, double threshold,
                       std::string note = {}) {
    bool passed = false;
    if (comparison == ">") passed = value > threshold;
    if (comparison == ">=") passed = value >= threshold;
    if (comparison == "<=") passed = value <= threshold;  // NaN compares false: an undefined value fails
    return {std::move(name), value, threshold, std::move(comparison), passed, std::move(note)};
}

WalkForwardCheck profitable_window_check(const WalkForwardResult& result) {
    const auto profitable = std::count_if(result.folds.begin(), result.folds.end(), [](const FoldResult& f) {
        return f.out_of_sample.total_return > 0.0;
    });
    const double fraction = result.folds.empty() ? kNaN : double(profitable) / double(result.folds.size());
    return check("profitable_window_fraction", fraction,
                 ">=", result.options.thresholds.min_profitable_window_fraction,
                 "folds with out-of-sample total return > 0");
}

// A result carried by one lucky window is not robust. Without any profitable fold the share is
// undefined and the check fails (profitable_overall fails too).
WalkForwardCheck profit_concentration_check(const WalkForwardResult& result) {
    double positive = 0.0;
    double largest = 0.0;
    for (const auto& fold : result.folds) {
        if (fold.profit <= 0.0) continue;
        positive += fold.profit;
        largest = std::max(largest, fold.profit);
    }
    const double share = positive > 0.0 ? largest / positive : kNaN;
    return check("max_single_window_profit_share", share,
                 "<=", result.options.thresholds.max_single_window_profit_share,
                 positive > 0.0 ? "largest fold profit / sum of the positive fold profits"
                                : "undefined: no fold made a profit");
}

void evaluate_checks(WalkForwardResult& result) {
    const auto& thresholds = result.options.thresholds;
    result.checks = {
        check("profitable_overall", result.stitched_total_return, ">", 0.0,
              "stitched out-of-sample total return"),
        check("walk_forward_efficiency", result.wfe, ">=", thresholds.min_wfe, result.wfe_note),
        profitable_window_check(result),
        profit_concentration_check(result),
        check("max_drawdown", result.stitched_max_drawdown, "<=", thresholds.max_drawdown,
              "of the stitched out-of-sample curve"),
    };
    result.passed = !result.partial && std::all_of(result.checks.begin(), result.checks.end(),
                                                   [](const WalkForwardCheck& c) { return c.passed; });
}

nlohmann::ordered_json number(double value) {
    return std::isfinite(value) ? nlohmann::ordered_json(value) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json period_json(const Period& period) {
    return {{"start", format_date(period.start)}, {"end", format_date(period.end)}};
}

nlohmann::ordered_json options_json(const WalkForwardOptions& options) {
    const auto& t = options.thresholds;
    return {{"mode", options.anchored ? "anchored" : "rolling"},
            {"in_sample_months", options.in_sample_months},
            {"out_of_sample_months", options.out_of_sample_months},
            {"step_months", options.out_of_sample_months},
            {"first_start", options.first_start ? format_date(*options.first_start) : ""},
            {"end", options.end ? format_date(*options.end) : ""},
            {"objective", options.objective},
            {"thresholds",
             {{"min_wfe", t.min_wfe},
              {"min_profitable_window_fraction", t.min_profitable_window_fraction},
              {"max_single_window_profit_share", t.max_single_window_profit_share},
              {"max_drawdown", t.max_drawdown}}}};
}

nlohmann::ordered_json grid_json(const SweepGrid& grid) {
    auto axes = nlohmann::ordered_json::array();
    for (const auto& axis : grid.axes) {
        auto labels = nlohmann::ordered_json::array();
        for (const auto& value : axis.values) labels.push_back(value.label);
        axes.push_back({{"name", axis.name}, {"values", labels}});
    }
    return {{"slot", grid.slot}, {"points", grid.size()}, {"axes", axes}};
}

nlohmann::ordered_json fold_json(const FoldResult& fold, const SweepGrid& grid) {
    nlohmann::ordered_json labels = nlohmann::ordered_json::object();
    for (std::size_t a = 0; a < grid.axes.size() && a < fold.winner_labels.size(); ++a)
        labels[grid.axes[a].name] = fold.winner_labels[a];
    auto in_sample = period_json(fold.fold.in_sample);
    in_sample["objective"] = number(fold.in_sample_objective);
    in_sample["annual_return"] = number(fold.in_sample_annual_return);
    in_sample["points_scored"] = fold.points_scored;
    in_sample["digest"] = fold.in_sample_digest;
    auto oos = period_json(fold.fold.out_of_sample);
    oos["cagr"] = number(fold.out_of_sample.cagr);
    oos["total_return"] = number(fold.out_of_sample.total_return);
    oos["sharpe_ratio"] = number(fold.out_of_sample.sharpe_ratio);
    oos["max_drawdown"] = number(fold.out_of_sample.max_drawdown);
    oos["trades"] = fold.out_of_sample.total_trades;
    oos["curve_points"] = fold.out_of_sample_points;
    oos["profit"] = number(fold.profit);
    oos["digest"] = fold.out_of_sample_digest;
    return {{"fold", fold.fold.number},
            {"winner", {{"index", fold.winner_index}, {"labels", labels}}},
            {"in_sample", in_sample},
            {"out_of_sample", oos}};
}

nlohmann::ordered_json checks_json(const WalkForwardResult& result) {
    auto checks = nlohmann::ordered_json::array();
    for (const auto& c : result.checks)
        checks.push_back({{"name", c.name},
                          {"value", number(c.value)},
                          {"comparison", c.comparison},
                          {"threshold", c.threshold},
                          {"passed", c.passed},
                          {"note", c.note}});
    return checks;
}

nlohmann::ordered_json stitched_json(const WalkForwardResult& result) {
    auto curve = nlohmann::ordered_json::array();
    for (const auto& point : result.stitched)
        curve.push_back({format_date(point.date), number(point.equity)});
    return {
        {"starting_equity", result.starting_equity},
        {"ending_equity", result.stitched.empty() ? result.starting_equity : result.stitched.back().equity},
        {"total_return", number(result.stitched_total_return)},
        {"cagr", number(result.stitched_cagr)},
        {"sharpe_ratio", number(result.stitched_sharpe)},
        {"max_drawdown", number(result.stitched_max_drawdown)},
        {"note",
         "each fold's out-of-sample run starts flat at the starting equity; its curve is scaled onto "
         "the stitched equity before the fold (its daily returns compounded)"},
        {"curve", curve}};
}

}  // namespace

Date warm_up_start(const config::DatasetConfig& dataset) {
    // Trading days to calendar days, rounded up so the warm-up is never short.
    const int calendar_days = (std::max(dataset.min_lookback_days, 0) * 365 + 251) / 252;
    return dataset.start_date + std::chrono::days{calendar_days};
}

std::vector<Fold> walk_forward_folds(Date first_start, Date end, int in_sample_months,
                                     int out_of_sample_months, bool anchored) {
    if (in_sample_months <= 0 || out_of_sample_months <= 0)
        throw std::invalid_argument(
            fmt::format("walk-forward windows need positive lengths, got {} and {} months", in_sample_months,
                        out_of_sample_months));
    std::vector<Fold> folds;
    for (int k = 0;; ++k) {
        const int oos_offset = in_sample_months + k * out_of_sample_months;
        const Date oos_start = add_months(first_start, oos_offset);
        if (oos_start > end) break;
        const Date oos_end =
            add_months(first_start, oos_offset + out_of_sample_months) - std::chrono::days{1};
        // A last window cut to less than half its length says little and weighs as much as a full one
        // in the WFE means: it is left out (unless it would be the only fold).
        const auto full_days = (oos_end - oos_start).count() + 1;
        const auto kept_days = (std::min(oos_end, end) - oos_start).count() + 1;
        if (!folds.empty() && 2 * kept_days < full_days) break;
        const Date is_start = anchored ? first_start : add_months(first_start, k * out_of_sample_months);
        folds.push_back(
            {k + 1, {is_start, oos_start - std::chrono::days{1}}, {oos_start, std::min(oos_end, end)}});
    }
    if (folds.empty())
        throw std::invalid_argument(fmt::format(
            "no walk-forward fold fits: {} in-sample months from {} end on {}, after the last day {}",
            in_sample_months, format_date(first_start),
            format_date(add_months(first_start, in_sample_months) - std::chrono::days{1}), format_date(end)));
    return folds;
}

std::vector<Fold> walk_forward_folds(const config::RunConfig& run, const WalkForwardOptions& options) {
    const auto full = resolved(run, options);
    return walk_forward_folds(*full.first_start, *full.end, full.in_sample_months, full.out_of_sample_months,
                              full.anchored);
}

WalkForwardResult run_walk_forward(const backtest::RunMarket& market, const PointConfigSource& source,
                                   const SweepGrid& grid, const WalkForwardOptions& options,
                                   const Progress& progress) {
    metric_value({}, options.objective);  // an unknown objective fails before any work
    WalkForwardResult result;
    result.options = resolved(source.base, options);
    result.grid = grid;
    result.planned = walk_forward_folds(source.base, result.options);
    result.starting_equity = source.base.portfolio.starting_equity;
    FoldRunner runner(market, source, grid, result.options);
    const auto fold_count = double(result.planned.size());
    for (std::size_t k = 0; k < result.planned.size(); ++k) {
        backtest::RunResult oos_run;
        auto fold = runner.run(result.planned[k], oos_run, [&](double f) {
            return report_progress(progress, (double(k) + f) / fold_count);
        });
        if (!fold) {
            result.partial = true;
            break;
        }
        fold->profit = append_stitched(result.stitched, oos_run, result.starting_equity);
        result.folds.push_back(std::move(*fold));
    }
    summarise_stitched(result, backtest::periods_per_year(market));
    compute_efficiency(result);
    evaluate_checks(result);
    return result;
}

nlohmann::ordered_json to_json(const WalkForwardResult& result) {
    auto folds = nlohmann::ordered_json::array();
    for (const auto& fold : result.folds) folds.push_back(fold_json(fold, result.grid));
    return {{"options", options_json(result.options)},
            {"grid", grid_json(result.grid)},
            {"folds_planned", result.planned.size()},
            {"folds_completed", result.folds.size()},
            {"partial", result.partial},
            {"folds", folds},
            {"walk_forward_efficiency",
             {{"value", number(result.wfe)},
              {"mean_in_sample_annual_return", number(result.mean_in_sample_annual_return)},
              {"mean_out_of_sample_annual_return", number(result.mean_out_of_sample_annual_return)},
              {"definition", "mean out-of-sample CAGR / mean in-sample CAGR of the winners (Pardo)"},
              {"note", result.wfe_note}}},
            {"checks", checks_json(result)},
            {"passed", result.passed},
            {"stitched", stitched_json(result)}};
}

}  // namespace tradelab::validation
