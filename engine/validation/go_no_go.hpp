#pragma once
// The go / no-go decision of spec 02 §3, which the reference configured but never evaluated. Every
// check is kept with its value and threshold, so the verdict can be read back as a table.
//
//   any hard rejection                      -> REJECT
//   a primary check fails                   -> REJECT
//   fewer than 3 of 4 secondary checks pass -> CONDITIONAL
//   stress: enough applicable checks pass   -> PROCEED (paper trading)
//           some but not enough             -> CONDITIONAL (reduce size, monitor)
//           none                            -> REJECT
// Comparisons are strict as the docs write them (Sharpe > 1.0, max DD < 0.15, ...). "Enough" stress
// checks is 2 of 3; when a stress test does not apply (no bear month in the period) the requirement is
// two thirds of the applicable ones, rounded up.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "backtest/run_result.hpp"
#include "config/run_config.hpp"
#include "metrics/performance_metrics.hpp"
#include "validation/stress.hpp"

namespace tradelab::validation {

enum class Verdict { Reject, Conditional, Proceed };
std::string_view to_string(Verdict verdict);  // REJECT | CONDITIONAL | PROCEED

struct VerdictCheck {
    std::string group;  // rejection | primary | secondary | stress
    std::string name;
    double value = 0.0;
    std::string comparison;  // ">", ">=", "<", "<="
    double threshold = 0.0;
    bool passed = false;
    bool applicable = true;
    std::string note;
};

struct GoNoGoInputs {
    std::string period;  // the period whose metrics are judged
    metrics::PerformanceMetrics metrics;
    // Expectancy (price R) of the judged period's trades without the 3 most profitable (by P&L):
    // "profits depend on fewer than 3 trades" when it is not positive.
    double expectancy_without_top_trades = 0.0;
    const StressReport* stress = nullptr;        // null: stress checks not applicable
    std::optional<double> bootstrap_sharpe_5th;  // R-multiple bootstrap
    std::optional<double> permutation_p_value;   // Monte Carlo permutation test
    double bootstrap_threshold = 0.4;            // validation.statistical.bootstrap_5th_percentile_threshold
    double permutation_alpha = 0.05;             // p above this rejects (rank below 95)
};

struct GoNoGoResult {
    Verdict verdict = Verdict::Reject;
    std::string reason;
    std::vector<VerdictCheck> checks;
    int secondary_passed = 0;
    int stress_passed = 0;
    int stress_applicable = 0;
    int stress_required = 0;
};

GoNoGoResult evaluate_go_no_go(const config::MetricsConfig& thresholds, const GoNoGoInputs& inputs);

// Mean price R of `trades` (positive initial risk only) after removing the `count` most profitable by
// realized P&L (ties: the earlier trade goes first). 0 when none is left.
double expectancy_without_top_trades(const std::vector<backtest::TradeRecord>& trades, int count = 3);

nlohmann::ordered_json to_json(const GoNoGoResult& result);

// The check table as aligned text, one row per check, for the console.
std::string verdict_table(const GoNoGoResult& result);

}  // namespace tradelab::validation
