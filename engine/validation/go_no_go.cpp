#include "validation/go_no_go.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace tradelab::validation {
namespace {

bool compare(double value, const std::string& comparison, double threshold) {
    if (!std::isfinite(value)) return comparison == "<" || comparison == "<=" ? value < 0 : value > 0;
    if (comparison == ">") return value > threshold;
    if (comparison == ">=") return value >= threshold;
    if (comparison == "<") return value < threshold;
    return value <= threshold;
}

VerdictCheck check(std::string group, std::string name, double value, std::string comparison,
                   double threshold, std::string note = {}) {
    VerdictCheck c{std::move(group), std::move(name), value, std::move(comparison),
                   threshold,        false,           true,  std::move(note)};
    c.passed = compare(c.value, c.comparison, c.threshold);
    return c;
}

VerdictCheck not_applicable(std::string group, std::string name, std::string comparison, double threshold,
                            std::string note) {
    return {std::move(group), std::move(name), 0.0, std::move(comparison), threshold, true, false,
            std::move(note)};
}

// A rejection check passes when the strategy is NOT rejected by it.
void add_rejections(const config::RejectionMetrics& r, const GoNoGoInputs& in,
                    std::vector<VerdictCheck>& checks) {
    const auto& m = in.metrics;
    checks.push_back(check("rejection", "max_drawdown", m.max_drawdown, "<=", r.max_drawdown_max));
    checks.push_back(check("rejection", "sharpe_ratio", m.sharpe_ratio, ">=", r.sharpe_ratio_min));
    checks.push_back(check("rejection", "calmar_ratio", m.calmar_ratio, ">=", r.calmar_ratio_min));
    checks.push_back(check("rejection", "expectancy_without_top_3_trades", in.expectancy_without_top_trades,
                           ">", 0.0, "profits must not depend on the 3 best trades"));
    const StressCheck* slippage_expectancy = nullptr;
    if (in.stress)
        for (const auto& s : in.stress->checks)
            if (s.name == "slippage_2x_expectancy") slippage_expectancy = &s;
    if (slippage_expectancy && slippage_expectancy->applicable)
        checks.push_back(check("rejection", "slippage_2x_expectancy", slippage_expectancy->value, ">", 0.0));
    else
        checks.push_back(
            not_applicable("rejection", "slippage_2x_expectancy", ">", 0.0, "stress tests not run"));
    if (in.bootstrap_sharpe_5th)
        checks.push_back(check("rejection", "bootstrap_sharpe_5th", *in.bootstrap_sharpe_5th,
                               ">=", in.bootstrap_threshold));
    else
        checks.push_back(not_applicable("rejection", "bootstrap_sharpe_5th", ">=", in.bootstrap_threshold,
                                        "bootstrap not run"));
    if (in.permutation_p_value)
        checks.push_back(
            check("rejection", "permutation_p_value", *in.permutation_p_value, "<=", in.permutation_alpha));
    else
        checks.push_back(not_applicable("rejection", "permutation_p_value", "<=", in.permutation_alpha,
                                        "permutation test not run"));
}

void add_primary(const config::PrimaryMetrics& p, const metrics::PerformanceMetrics& m,
                 std::vector<VerdictCheck>& checks) {
    checks.push_back(check("primary", "sharpe_ratio", m.sharpe_ratio, ">", p.sharpe_ratio_min));
    checks.push_back(check("primary", "max_drawdown", m.max_drawdown, "<", p.max_drawdown_max));
    checks.push_back(check("primary", "calmar_ratio", m.calmar_ratio, ">", p.calmar_ratio_min));
    checks.push_back(check("primary", "total_trades", double(m.total_trades), ">=", double(p.min_trades)));
}

void add_secondary(const config::SecondaryMetrics& s, const metrics::PerformanceMetrics& m,
                   std::vector<VerdictCheck>& checks) {
    checks.push_back(
        check("secondary", "expectancy_r_after_costs", m.expectancy_r_after_costs, ">", s.expectancy_R_min));
    checks.push_back(check("secondary", "profit_factor", m.profit_factor, ">", s.profit_factor_min));
    checks.push_back(check("secondary", "correlation_to_benchmark", m.correlation_to_benchmark, "<",
                           s.correlation_to_benchmark_max));
    checks.push_back(check("secondary", "percentile_99_daily_loss", m.percentile_99_daily_loss, "<",
                           s.percentile_99_daily_loss_max));
}

void add_stress(const StressReport* stress, std::vector<VerdictCheck>& checks) {
    for (const char* name : {"slippage_2x_sharpe", "slippage_3x_calmar", "bear_market"}) {
        const StressCheck* found = nullptr;
        if (stress)
            for (const auto& s : stress->checks)
                if (s.name == name) found = &s;
        if (found && found->applicable)
            checks.push_back({"stress", name, found->value, found->comparison, found->threshold,
                              found->passed, true, found->note});
        else
            checks.push_back(not_applicable("stress", name, found ? found->comparison : ">",
                                            found ? found->threshold : 0.0,
                                            found ? found->note : "stress tests not run"));
    }
}

int count_passed(const std::vector<VerdictCheck>& checks, const std::string& group,
                 bool applicable_only = true) {
    return int(std::count_if(checks.begin(), checks.end(), [&](const VerdictCheck& c) {
        return c.group == group && c.passed && (!applicable_only || c.applicable);
    }));
}

std::vector<std::string> failed_names(const std::vector<VerdictCheck>& checks, const std::string& group) {
    std::vector<std::string> names;
    for (const auto& c : checks)
        if (c.group == group && c.applicable && !c.passed) names.push_back(c.name);
    return names;
}

void decide(GoNoGoResult& result) {
    const auto& checks = result.checks;
    if (const auto rejected = failed_names(checks, "rejection"); !rejected.empty()) {
        result.verdict = Verdict::Reject;
        result.reason = fmt::format("hard rejection: {}", fmt::join(rejected, ", "));
        return;
    }
    if (const auto failed = failed_names(checks, "primary"); !failed.empty()) {
        result.verdict = Verdict::Reject;
        result.reason = fmt::format("primary criteria failed: {}", fmt::join(failed, ", "));
        return;
    }
    result.secondary_passed = count_passed(checks, "secondary");
    if (result.secondary_passed < 3) {
        result.verdict = Verdict::Conditional;
        result.reason = fmt::format("{} of 4 secondary criteria passed (3 needed)", result.secondary_passed);
        return;
    }
    result.stress_applicable = int(std::count_if(checks.begin(), checks.end(), [](const VerdictCheck& c) {
        return c.group == "stress" && c.applicable;
    }));
    result.stress_passed = count_passed(checks, "stress");
    result.stress_required = (2 * result.stress_applicable + 2) / 3;
    if (result.stress_passed >= result.stress_required) {
        result.verdict = Verdict::Proceed;
        result.reason = fmt::format("all criteria met ({} of {} stress checks); proceed to paper trading",
                                    result.stress_passed, result.stress_applicable);
    } else if (result.stress_passed > 0) {
        result.verdict = Verdict::Conditional;
        result.reason = fmt::format("{} of {} stress checks passed ({} needed): reduce size and monitor",
                                    result.stress_passed, result.stress_applicable, result.stress_required);
    } else {
        result.verdict = Verdict::Reject;
        result.reason = "every stress check failed";
    }
}

}  // namespace

std::string_view to_string(Verdict verdict) {
    switch (verdict) {
        case Verdict::Reject:
            return "REJECT";
        case Verdict::Conditional:
            return "CONDITIONAL";
        case Verdict::Proceed:
            return "PROCEED";
    }
    return "REJECT";
}

GoNoGoResult evaluate_go_no_go(const config::MetricsConfig& thresholds, const GoNoGoInputs& inputs) {
    GoNoGoResult result;
    add_rejections(thresholds.rejection.value_or(config::RejectionMetrics{}), inputs, result.checks);
    add_primary(thresholds.primary.value_or(config::PrimaryMetrics{}), inputs.metrics, result.checks);
    add_secondary(thresholds.secondary.value_or(config::SecondaryMetrics{}), inputs.metrics, result.checks);
    add_stress(inputs.stress, result.checks);
    decide(result);
    return result;
}

double expectancy_without_top_trades(const std::vector<backtest::TradeRecord>& trades, int count) {
    std::vector<std::size_t> order(trades.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return trades[a].realized_pnl > trades[b].realized_pnl;
    });
    double sum = 0.0;
    int used = 0;
    for (std::size_t k = std::size_t(std::max(count, 0)); k < order.size(); ++k) {
        const double r = trades[order[k]].r_multiple();
        if (!std::isfinite(r)) continue;
        sum += r;
        ++used;
    }
    return used > 0 ? sum / used : 0.0;
}

nlohmann::ordered_json to_json(const GoNoGoResult& result) {
    nlohmann::ordered_json checks = nlohmann::json::array();
    for (const auto& c : result.checks) {
        checks.push_back(
            {{"group", c.group},
             {"name", c.name},
             {"value", std::isfinite(c.value) ? nlohmann::json(c.value) : nlohmann::json(nullptr)},
             {"comparison", c.comparison},
             {"threshold", c.threshold},
             {"passed", c.passed},
             {"applicable", c.applicable},
             {"note", c.note}});
    }
    return {{"verdict", to_string(result.verdict)},
            {"reason", result.reason},
            {"secondary_passed", result.secondary_passed},
            {"stress_passed", result.stress_passed},
            {"stress_applicable", result.stress_applicable},
            {"stress_required", result.stress_required},
            {"checks", checks}};
}

std::string verdict_table(const GoNoGoResult& result) {
    std::string text = fmt::format("{:<10} {:<32} {:>12} {:>4} {:>10}  {}\n", "group", "check", "value", "",
                                   "threshold", "result");
    for (const auto& c : result.checks) {
        if (!c.applicable) {
            text += fmt::format("{:<10} {:<32} {:>12} {:>4} {:>10}  n/a ({})\n", c.group, c.name, "-", "",
                                "-", c.note);
            continue;
        }
        text += fmt::format("{:<10} {:<32} {:>12.4f} {:>4} {:>10.4f}  {}{}\n", c.group, c.name, c.value,
                            c.comparison, c.threshold, c.passed ? "pass" : "FAIL",
                            c.note.empty() || c.passed ? "" : " (" + c.note + ")");
    }
    text += fmt::format("verdict: {} - {}\n", to_string(result.verdict), result.reason);
    return text;
}

}  // namespace tradelab::validation
