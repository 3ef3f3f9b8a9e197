#include "report/run_outputs.hpp"

#include <cmath>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "metrics/metrics_json.hpp"
#include "report/atomic_file.hpp"

namespace tradelab::report {
namespace {

using backtest::EquityPoint;
using backtest::RunResult;
using backtest::TradeRecord;

std::string iso_datetime(Date date) {
    return format_date(date) + "T00:00:00";
}

double within_drawdown(std::span<const double> equity) {
    double peak = equity.empty() ? 0.0 : equity.front();
    double worst = 0.0;
    for (const double e : equity) {
        peak = std::max(peak, e);
        if (peak > 0) worst = std::max(worst, (peak - e) / peak);
    }
    return worst;
}

// Rows of the daily table grouped by a key (ISO week or month); daily return has a leading 0.0.
struct Group {
    std::string label;
    std::size_t first = 0;
    std::size_t last = 0;
};

template <typename KeyOf>
std::vector<Group> group_rows(const std::vector<EquityPoint>& curve, KeyOf key_of) {
    std::vector<Group> groups;
    for (std::size_t i = 0; i < curve.size(); ++i) {
        const std::string key = key_of(curve[i].date);
        if (groups.empty() || groups.back().label != key) groups.push_back({key, i, i});
        groups.back().last = i;
    }
    return groups;
}

std::string week_label(Date date) {
    const auto monday = date - (std::chrono::weekday{date} - std::chrono::Monday);
    return format_date(monday) + "/" + format_date(monday + std::chrono::days{6});
}

std::string month_label(Date date) {
    return format_date(date).substr(0, 7);
}

struct GroupFigures {
    double start_equity, end_equity, period_return, volatility, drawdown;
};

GroupFigures figures(const std::vector<EquityPoint>& curve, const std::vector<double>& daily,
                     const Group& group, double periods_per_year) {
    std::vector<double> equity, returns;
    for (std::size_t i = group.first; i <= group.last; ++i) {
        equity.push_back(curve[i].equity);
        returns.push_back(daily[i]);
    }
    const double start = equity.front();
    const double end = equity.back();
    return {start, end, start != 0 ? end / start - 1.0 : 0.0,
            metrics::population_std(returns) * std::sqrt(periods_per_year), within_drawdown(equity)};
}

std::vector<double> daily_with_leading_zero(const RunResult& run) {
    std::vector<double> daily(run.equity_curve.size(), 0.0);
    for (std::size_t i = 1; i < daily.size(); ++i) {
        daily[i] = run.equity_curve[i - 1].equity != 0
                       ? run.equity_curve[i].equity / run.equity_curve[i - 1].equity - 1.0
                       : 0.0;
    }
    return daily;
}

std::string number(double value) {
    return std::isfinite(value) ? fmt::format("{}", value) : "";
}

}  // namespace

std::string equity_curve_csv(const RunResult& run) {
    std::string text =
        "date,equity,cash,positions,exposure,exposure_pct,positions_equity,positions_crypto,risk_multiplier,"
        "portfolio_vol_20d,avg_pairwise_corr,dd_from_peak\n";
    double peak = run.starting_equity;
    for (const auto& p : run.equity_curve) {
        peak = std::max(peak, p.equity);
        const double drawdown = peak > 0 ? (peak - p.equity) / peak : 0.0;
        fmt::format_to(std::back_inserter(text), "{},{},{},{},{},{},{},{},{},{},{},{}\n", format_date(p.date),
                       p.equity, p.cash, p.positions, p.gross_exposure, p.exposure_pct(), p.positions_equity,
                       p.positions_crypto, p.risk_multiplier, number(p.portfolio_vol_20d),
                       number(p.avg_pairwise_corr), drawdown);
    }
    return text;
}

std::string trade_log_csv(const RunResult& run) {
    std::string text =
        "trade_id,symbol,asset_class,entry_date,exit_date,entry_price,exit_price,quantity,entry_fill_id,"
        "exit_fill_id,realized_pnl,entry_slippage_bps,entry_fee_bps,entry_total_cost,exit_slippage_bps,"
        "exit_fee_bps,exit_total_cost,total_cost,initial_stop_price,stop_price,exit_reason,triggered_on,"
        "holding_days,r_multiple,adv20_at_entry,entry_notional,pnl_pct,entry_gap\n";
    for (const auto& t : run.trades) {
        const double entry_cost = t.entry_fee + t.entry_slippage_cost;
        const double exit_cost = t.exit_fee + t.exit_slippage_cost;
        const double notional = t.entry_price * t.quantity;
        fmt::format_to(
            std::back_inserter(text),
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}D,{},{},{},{},{},{}\n",
            t.trade_id, t.symbol_name, to_string(t.asset_class), format_date(t.entry_date),
            format_date(t.exit_date), t.entry_price, t.exit_price, t.quantity, t.entry_fill_id,
            t.exit_fill_id, t.realized_pnl, t.entry_slippage_bps, t.entry_fee_bps, entry_cost,
            t.exit_slippage_bps, t.exit_fee_bps, exit_cost, entry_cost + exit_cost, t.initial_stop_price,
            t.stop_price, backtest::to_string(t.exit_reason), t.triggered_on, t.holding_days(),
            number(t.r_multiple()), t.adv20_at_entry, notional,
            notional > 0 ? t.realized_pnl / notional * 100.0 : 0.0, t.entry_gap ? 1 : 0);
    }
    return text;
}

std::string weekly_summary_csv(const RunResult& run, double periods_per_year) {
    std::string text =
        "week,week_start,week_end,start_equity,end_equity,weekly_return,weekly_return_pct,trades,realized_"
        "pnl,"
        "volatility_annualized,max_drawdown,max_drawdown_pct\n";
    const auto daily = daily_with_leading_zero(run);
    for (const auto& week : group_rows(run.equity_curve, week_label)) {
        const Date first = run.equity_curve[week.first].date;
        const Date last = run.equity_curve[week.last].date;
        int trades = 0;
        double pnl = 0.0;
        for (const auto& t : run.trades) {
            if (t.exit_date >= first && t.exit_date <= last) {
                ++trades;
                pnl += t.realized_pnl;
            }
        }
        const auto f = figures(run.equity_curve, daily, week, periods_per_year);
        fmt::format_to(std::back_inserter(text), "{},{},{},{},{},{},{},{},{},{},{},{}\n", week.label,
                       format_date(first), format_date(last), f.start_equity, f.end_equity, f.period_return,
                       f.period_return * 100.0, trades, pnl, f.volatility, f.drawdown, f.drawdown * 100.0);
    }
    return text;
}

namespace {}  // namespace

std::string monthly_report_json(const RunResult& run, const metrics::PerformanceMetrics& overall,
                                double periods_per_year) {
    nlohmann::ordered_json report;
    report["period"] = {{"name", run.period_name},
                        {"start_date", iso_datetime(run.start)},
                        {"end_date", iso_datetime(run.end)},
                        {"total_days", run.equity_curve.size()},
                        {"trading_days", run.equity_curve.size()}};
    report["overall_metrics"] = metrics::metrics_to_json(overall);
    report["monthly_summary"] = nlohmann::ordered_json::array();
    const auto daily = daily_with_leading_zero(run);
    for (const auto& month : group_rows(run.equity_curve, month_label)) {
        const Date first = run.equity_curve[month.first].date;
        const Date last = run.equity_curve[month.last].date;
        const auto f = figures(run.equity_curve, daily, month, periods_per_year);
        nlohmann::ordered_json trades = nlohmann::ordered_json::array();
        int winners = 0;
        double pnl = 0.0;
        for (const auto& t : run.trades) {
            if (t.exit_date < first || t.exit_date > last) continue;
            winners += t.realized_pnl > 0;
            pnl += t.realized_pnl;
            const double r = t.r_multiple();
            trades.push_back({{"symbol", t.symbol_name},
                              {"entry_date", iso_datetime(t.entry_date)},
                              {"exit_date", iso_datetime(t.exit_date)},
                              {"realized_pnl", t.realized_pnl},
                              {"r_multiple", std::isfinite(r) ? nlohmann::ordered_json(r)
                                                              : nlohmann::ordered_json(nullptr)}});
        }
        double mean_daily = 0.0;
        for (std::size_t i = month.first; i <= month.last; ++i) mean_daily += daily[i];
        mean_daily /= double(month.last - month.first + 1);
        const int count = int(trades.size());
        report["monthly_summary"].push_back(
            {{"month", month.label},
             {"month_start", iso_datetime(first)},
             {"month_end", iso_datetime(last)},
             {"start_equity", f.start_equity},
             {"end_equity", f.end_equity},
             {"monthly_return", f.period_return},
             {"monthly_return_pct", f.period_return * 100.0},
             {"trades_count", count},
             {"winning_trades", winners},
             {"losing_trades", count - winners},
             {"win_rate", count > 0 ? double(winners) / count : 0.0},
             {"realized_pnl", pnl},
             {"volatility_annualized", f.volatility},
             {"sharpe_ratio", f.volatility > 0 ? mean_daily * periods_per_year / f.volatility : 0.0},
             {"max_drawdown", f.drawdown},
             {"max_drawdown_pct", f.drawdown * 100.0},
             {"trades", trades}});
    }
    return report.dump(2) + "\n";
}

std::string summary_json(const RunResult& run, const metrics::PerformanceMetrics& metrics,
                         const RunProvenance& provenance) {
    nlohmann::ordered_json summary;
    summary["period"] = run.period_name;
    summary["start_date"] = format_date(run.start);
    summary["end_date"] = format_date(run.end);
    summary["starting_equity"] = run.starting_equity;
    summary["final_equity"] = run.final_equity();
    summary["final_cash"] = run.equity_curve.empty() ? run.starting_equity : run.equity_curve.back().cash;
    summary["open_positions"] = run.open_at_end.size();
    summary["equity_points"] = run.equity_curve.size();
    summary["metrics"] = metrics::metrics_to_json(metrics);
    summary["seed"] = run.seed;
    summary["digest"] = run.digest();
    summary["config_path"] = provenance.config_path;
    summary["config_hash"] = provenance.config_hash;
    summary["data_fingerprint"] = provenance.data_fingerprint;
    summary["tradelab_version"] = provenance.tradelab_version;
    summary["periods_per_year"] = provenance.periods_per_year;
    summary["cancelled"] = run.cancelled;
    return summary.dump(2) + "\n";
}

void write_run_outputs(const std::filesystem::path& folder, const RunResult& run,
                       const metrics::PerformanceMetrics& metrics, const RunProvenance& provenance) {
    std::filesystem::create_directories(folder);
    write_file_atomically(folder / "equity_curve.csv", equity_curve_csv(run));
    write_file_atomically(folder / "trade_log.csv", trade_log_csv(run));
    write_file_atomically(folder / "weekly_summary.csv",
                          weekly_summary_csv(run, provenance.periods_per_year));
    write_file_atomically(folder / "monthly_report.json",
                          monthly_report_json(run, metrics, provenance.periods_per_year));
    write_file_atomically(folder / "summary.json", summary_json(run, metrics, provenance));
}

}  // namespace tradelab::report
