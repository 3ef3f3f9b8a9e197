// validation.json and the console summary of a validation report.
#include <cmath>

#include <fmt/format.h>

#include "core/date.hpp"
#include "metrics/metrics_json.hpp"
#include "validation/sweep_analysis.hpp"
#include "validation/validation_suite.hpp"

namespace tradelab::validation {
namespace {

nlohmann::json finite_or_null(double value) {
    return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json();
}

nlohmann::ordered_json period_json(const PeriodOutcome& p) {
    return {{"period", p.name},
            {"start", format_date(p.run.start)},
            {"end", format_date(p.run.end)},
            {"curve_points", p.run.equity_curve.size()},
            {"digest", p.run.digest()},
            {"metrics", metrics::metrics_to_json(p.metrics)}};
}

nlohmann::ordered_json overfitting_json(const ValidationReport& r) {
    nlohmann::ordered_json j;
    if (r.grid) {
        const auto analysis = analyse_sweep(*r.grid);
        j["grid"] = {{"points", r.grid->points.size()},
                     {"evaluated", analysis.evaluated},
                     {"invalid", analysis.invalid},
                     {"period", {{"start", format_date(r.grid->start)}, {"end", format_date(r.grid->end)}}},
                     {"objective", r.grid->objective}};
    }
    j["pbo"] = r.pbo ? to_json(*r.pbo) : nlohmann::ordered_json();
    if (r.deflated_sharpe) {
        const auto& d = *r.deflated_sharpe;
        j["deflated_sharpe"] = {{"sharpe_per_period", d.sharpe},
                                {"expected_max_sharpe_per_period", d.expected_max_sharpe},
                                {"psr_zero", d.psr_zero},
                                {"dsr", d.dsr},
                                {"trials", d.trials},
                                {"observations", d.observations},
                                {"skewness", d.skewness},
                                {"kurtosis", d.kurtosis}};
    } else {
        j["deflated_sharpe"] = nullptr;
    }
    j["note"] = r.overfitting_note;
    return j;
}

std::string line(const char* label, const std::string& value) {
    return fmt::format("  {:<28} {}\n", label, value);
}

std::string periods_text(const ValidationReport& r) {
    std::string text = fmt::format("{:<18} {:>10} {:>10} {:>8} {:>8} {:>8} {:>7}\n", "period", "start", "end",
                                   "return", "sharpe", "max dd", "trades");
    for (const auto& p : r.periods)
        text += fmt::format("{:<18} {:>10} {:>10} {:>7.2f}% {:>8.3f} {:>7.2f}% {:>7}\n", p.name,
                            format_date(p.run.start), format_date(p.run.end), 100.0 * p.metrics.total_return,
                            p.metrics.sharpe_ratio, 100.0 * p.metrics.max_drawdown, p.metrics.total_trades);
    return text;
}

std::string statistics_text(const ValidationReport& r) {
    std::string text = "statistics (train+validation)\n";
    const auto& b = r.r_bootstrap;
    text += line(
        "R bootstrap",
        fmt::format("{} trades, {} iterations: Sharpe 5th/50th/95th {:.3f} / {:.3f} / {:.3f}",
                    r.r_multiples.size(), b.iterations_done, b.sharpe_5th, b.sharpe_50th, b.sharpe_95th));
    const auto& s = r.return_bootstrap;
    text += line("block bootstrap",
                 fmt::format("block {:.1f} days: Sharpe 5th/50th/95th {:.3f} / {:.3f} / {:.3f}, "
                             "P(Sharpe <= 0) {:.3f}",
                             s.mean_block_length, s.sharpe_5th, s.sharpe_50th, s.sharpe_95th,
                             s.probability_sharpe_nonpositive));
    const auto& p = r.permutation;
    text +=
        line("permutation test", fmt::format("{} {:.3f} vs null mean {:.3f} (sd {:.3f}, 95th {:.3f}) over {} "
                                             "re-runs: p = {:.4f}{}",
                                             p.statistic, p.actual, p.null.mean, p.null.std, p.null.p95,
                                             p.null_values.size(), p.p_value, p.partial ? " (partial)" : ""));
    const auto& e = r.entry_timing;
    text +=
        line("entry timing", fmt::format("mean trade return {:.4f} vs random entries {:.4f} (95th {:.4f}): "
                                         "p = {:.4f}",
                                         e.actual_mean_return, e.null.mean, e.null.p95, e.p_value));
    if (r.pbo)
        text += line("PBO (CSCV)", fmt::format("{:.3f} over {} splits", r.pbo->pbo, r.pbo->splits_done));
    if (r.deflated_sharpe)
        text +=
            line("deflated Sharpe", fmt::format("{:.3f} (PSR vs 0 {:.3f}, {} trials)", r.deflated_sharpe->dsr,
                                                r.deflated_sharpe->psr_zero, r.deflated_sharpe->trials));
    if (!r.overfitting_note.empty()) text += line("overfitting", r.overfitting_note);
    return text;
}

}  // namespace

nlohmann::ordered_json to_json(const RBootstrapResult& b) {
    return {
        {"iterations_done", b.iterations_done},
        {"sharpe",
         {{"5th", b.sharpe_5th},
          {"25th", b.sharpe_25th},
          {"50th", b.sharpe_50th},
          {"75th", b.sharpe_75th},
          {"95th", b.sharpe_95th}}},
        {"max_dd", {{"5th", b.max_dd_5th}, {"50th", b.max_dd_50th}, {"95th", b.max_dd_95th}}},
        {"calmar", {{"5th", b.calmar_5th}, {"50th", b.calmar_50th}, {"95th", b.calmar_95th}}},
        {"expectancy", {{"5th", b.expectancy_5th}, {"50th", b.expectancy_50th}, {"95th", b.expectancy_95th}}},
        {"original",
         {{"sharpe", b.original_sharpe},
          {"max_dd", b.original_max_dd},
          {"calmar", b.original_calmar},
          {"expectancy", b.original_expectancy}}},
        {"sharpe_percentile_rank", b.sharpe_percentile_rank},
        {"calmar_percentile_rank", b.calmar_percentile_rank},
        {"passed", b.passed},
        {"rejections", b.rejections},
        {"warnings", b.warnings},
        {"partial", b.partial}};
}

nlohmann::ordered_json to_json(const StationaryBootstrapResult& s) {
    return {{"iterations_done", s.iterations_done},
            {"mean_block_length", s.mean_block_length},
            {"sharpe", {{"5th", s.sharpe_5th}, {"50th", s.sharpe_50th}, {"95th", s.sharpe_95th}}},
            {"max_dd", {{"5th", s.max_dd_5th}, {"50th", s.max_dd_50th}, {"95th", s.max_dd_95th}}},
            {"total_return",
             {{"5th", s.total_return_5th}, {"50th", s.total_return_50th}, {"95th", s.total_return_95th}}},
            {"cagr", {{"5th", s.cagr_5th}, {"50th", s.cagr_50th}, {"95th", s.cagr_95th}}},
            {"probability_sharpe_nonpositive", s.probability_sharpe_nonpositive},
            {"original",
             {{"sharpe", s.original_sharpe},
              {"max_dd", s.original_max_dd},
              {"total_return", s.original_total_return},
              {"cagr", s.original_cagr}}},
            {"partial", s.partial}};
}

nlohmann::ordered_json to_json(const PboResult& p) {
    return {{"pbo", p.pbo},
            {"probability_oos_loss", p.probability_oos_loss},
            {"logit",
             {{"mean", p.logit_mean},
              {"std", p.logit_std},
              {"5th", p.logit_5th},
              {"50th", p.logit_50th},
              {"95th", p.logit_95th}}},
            {"degradation_slope", finite_or_null(p.degradation_slope)},
            {"degradation_intercept", finite_or_null(p.degradation_intercept)},
            {"splits_total", p.splits_total},
            {"splits_done", p.splits_done},
            {"partial", p.partial}};
}

nlohmann::ordered_json to_json(const ValidationReport& r) {
    nlohmann::ordered_json j;
    j["config_file"] = r.config_file;
    j["seed"] = r.seed;
    j["status"] = r.partial ? "partial" : "complete";
    j["verdict"] = to_json(r.verdict);
    nlohmann::ordered_json periods = nlohmann::json::array();
    for (const auto& p : r.periods) periods.push_back(period_json(p));
    j["periods"] = periods;
    j["r_multiples_count"] = r.r_multiples.size();
    j["bootstrap_r_multiples"] = to_json(r.r_bootstrap);
    j["bootstrap_daily_returns"] = to_json(r.return_bootstrap);
    j["permutation"] = to_json(r.permutation);
    j["entry_timing"] = to_json(r.entry_timing);
    j["stress_tests"] = to_json(r.stress);
    j["overfitting"] = overfitting_json(r);
    j["warnings"] = r.warnings;
    return j;
}

std::string console_summary(const ValidationReport& r) {
    std::string text = periods_text(r) + "\n" + statistics_text(r) + "\n";
    text += "stress (train+validation)\n";
    for (const auto& s : r.stress.slippage)
        text += line(s.name.c_str(),
                     fmt::format("Sharpe {:.3f}, Calmar {:.3f}, return {:.2f}%, max DD {:.2f}%", s.sharpe,
                                 s.calmar, 100.0 * s.total_return, 100.0 * s.max_drawdown));
    if (r.stress.flash_crash)
        text +=
            line("flash crash",
                 fmt::format("{} crash days: max DD {:.2f}%, {}", r.stress.flash_crash->crash_dates.size(),
                             100.0 * r.stress.flash_crash->max_drawdown,
                             r.stress.flash_crash->survived ? "survived" : "did not survive"));
    text += "\n" + verdict_table(r.verdict);
    for (const auto& w : r.warnings) text += "warning: " + w + "\n";
    if (r.partial) text += "cancelled: the report covers what finished (partial)\n";
    return text;
}

}  // namespace tradelab::validation
