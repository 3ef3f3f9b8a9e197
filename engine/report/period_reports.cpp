#include "report/period_reports.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace tradelab::report {
namespace {

// Keys in the order written, so a period reads date range, equity, trades, metrics and periods read
// train, validation, holdout.
using json = nlohmann::ordered_json;
using store::StoredRun;

constexpr std::array<std::string_view, 11> key_metric_names = {
    "sharpe_ratio",          "max_drawdown", "calmar_ratio",    "total_trades", "expectancy",
    "profit_factor",         "win_rate",     "recovery_factor", "turnover",     "average_holding_period",
    "max_consecutive_losses"};

// JSON has no infinity or NaN: an infinite profit factor (no losing trade) is written as null.
json finite_or_null(double value) {
    return std::isfinite(value) ? json(value) : json(nullptr);
}

json optional_or_null(const std::optional<double>& value) {
    return value ? json(*value) : json(nullptr);
}

std::string iso_date(Date date) {
    return format_date(date) + "T00:00:00";
}

std::string generated_at() {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return fmt::format("{:%Y-%m-%dT%H:%M:%S}", now);
}

json header(const ReportOrigin& origin) {
    return {
        {"generated_at", generated_at()}, {"run_id", origin.run_id}, {"run_directory", origin.run_directory}};
}

// Every stored figure of the run, as the store kept it.
json stored_metrics(const StoredRun& run) {
    if (run.metrics_json.empty()) return json::object();
    return json::parse(run.metrics_json);
}

json date_range(const StoredRun& run) {
    return {{"start", iso_date(run.record.start)},
            {"end", iso_date(run.record.end)},
            {"trading_days", run.result.equity_curve.size()}};
}

json equity_summary(const StoredRun& run) {
    const double start = run.result.starting_equity;
    const double end = run.result.final_equity();
    const double total_return = start > 0.0 ? end / start - 1.0 : 0.0;
    const auto rows = double(run.result.equity_curve.size());
    const double per_year = run.record.description.periods_per_year;
    const double annualized = rows > 0.0 ? std::pow(1.0 + total_return, per_year / rows) - 1.0 : 0.0;
    return {{"start", start},
            {"end", end},
            {"total_return", finite_or_null(total_return)},
            {"total_return_pct", finite_or_null(total_return * 100.0)},
            {"annualized_return", finite_or_null(annualized)},
            {"annualized_return_pct", finite_or_null(annualized * 100.0)}};
}

json trades_summary(const StoredRun& run) {
    int winning = 0, losing = 0;
    double total_pnl = 0.0;
    for (const auto& trade : run.result.trades) {
        winning += trade.realized_pnl > 0.0;
        losing += trade.realized_pnl < 0.0;
        total_pnl += trade.realized_pnl;
    }
    return {{"total", run.result.trades.size()},
            {"winning", winning},
            {"losing", losing},
            {"total_pnl", total_pnl}};
}

json period_summary(const StoredRun& run) {
    return {{"period", run.record.period},
            {"date_range", date_range(run)},
            {"equity", equity_summary(run)},
            {"trades", trades_summary(run)},
            {"metrics", stored_metrics(run)}};
}

json metric_comparison(std::span<const StoredRun> periods, std::string_view metric) {
    json values = json::object();
    const StoredRun* best = nullptr;
    const StoredRun* worst = nullptr;
    double low = INFINITY, high = -INFINITY;
    const auto value_of = [&](const StoredRun& run) { return key_metric_value(run.metrics, metric); };
    const auto better = [&](double a, double b) { return lower_is_better(metric) ? a < b : a > b; };
    for (const auto& run : periods) {
        const double value = value_of(run);
        values[run.record.period] = finite_or_null(value);
        if (std::isnan(value)) continue;
        if (!best || better(value, value_of(*best))) best = &run;
        if (!worst || better(value_of(*worst), value)) worst = &run;
        low = std::min(low, value);
        high = std::max(high, value);
    }
    const auto side = [&](const StoredRun* run) {
        return run ? json{{"period", run->record.period}, {"value", finite_or_null(value_of(*run))}}
                   : json(nullptr);
    };
    return {{"best", side(best)},
            {"worst", side(worst)},
            {"range", best ? finite_or_null(high - low) : json(nullptr)},
            {"values", values}};
}

json degradation(const StoredRun& train, const StoredRun& other) {
    json figures = json::object();
    for (const auto metric : key_metrics()) {
        const double from = key_metric_value(train.metrics, metric);
        const double to = key_metric_value(other.metrics, metric);
        figures[std::string(metric)] = {
            {"train", finite_or_null(from)},
            {other.record.period, finite_or_null(to)},
            {"change_pct", optional_or_null(change_pct(from, to))},
            {"degradation_pct", optional_or_null(degradation_pct(metric, from, to))}};
    }
    return figures;
}

const StoredRun* find_period(std::span<const StoredRun> periods, std::string_view name) {
    const auto found = std::find_if(periods.begin(), periods.end(),
                                    [&](const StoredRun& run) { return run.record.period == name; });
    return found == periods.end() ? nullptr : &*found;
}

}  // namespace

std::span<const std::string_view> key_metrics() {
    return key_metric_names;
}

double key_metric_value(const metrics::PerformanceMetrics& m, std::string_view name) {
    if (name == "sharpe_ratio") return m.sharpe_ratio;
    if (name == "max_drawdown") return m.max_drawdown;
    if (name == "calmar_ratio") return m.calmar_ratio;
    if (name == "total_trades") return m.total_trades;
    if (name == "expectancy") return m.expectancy;
    if (name == "profit_factor") return m.profit_factor;
    if (name == "win_rate") return m.win_rate;
    if (name == "recovery_factor") return m.recovery_factor;
    if (name == "turnover") return m.turnover;
    if (name == "average_holding_period") return m.average_holding_period;
    if (name == "max_consecutive_losses") return m.max_consecutive_losses;
    throw std::invalid_argument(fmt::format("'{}' is not a key metric of the period comparison", name));
}

bool lower_is_better(std::string_view metric) {
    return metric == "max_drawdown";
}

std::optional<double> change_pct(double train, double other) {
    if (train == 0.0 || !std::isfinite(train) || !std::isfinite(other)) return std::nullopt;
    return (other - train) / train * 100.0;
}

std::optional<double> degradation_pct(std::string_view metric, double train, double other) {
    if (train == 0.0 || !std::isfinite(train) || !std::isfinite(other)) return std::nullopt;
    const double worse_by = lower_is_better(metric) ? other - train : train - other;
    return worse_by / std::abs(train) * 100.0;
}

std::string summary_report_json(std::span<const StoredRun> periods, const ReportOrigin& origin) {
    if (periods.empty()) throw std::invalid_argument("a summary report needs at least one period");
    json report = header(origin);
    report["periods"] = json::object();
    for (const auto& run : periods) report["periods"][run.record.period] = period_summary(run);
    return report.dump(2);
}

std::optional<std::string> comparison_report_json(std::span<const StoredRun> periods,
                                                  const ReportOrigin& origin) {
    if (periods.size() < 2) return std::nullopt;
    json report = header(origin);
    report["period_metrics"] = json::object();
    for (const auto& run : periods) report["period_metrics"][run.record.period] = stored_metrics(run);
    report["comparison"] = json::object();
    for (const auto metric : key_metrics())
        report["comparison"][std::string(metric)] = metric_comparison(periods, metric);
    if (const StoredRun* train = find_period(periods, "train")) {
        for (const char* other_name : {"validation", "holdout"})
            if (const StoredRun* other = find_period(periods, other_name))
                report[fmt::format("degradation_train_to_{}", other_name)] = degradation(*train, *other);
    }
    return report.dump(2);
}

}  // namespace tradelab::report
