#include <gtest/gtest.h>

#include "validation/go_no_go.hpp"

namespace tradelab::validation {
namespace {

metrics::PerformanceMetrics strong_metrics() {
    metrics::PerformanceMetrics m;
    m.sharpe_ratio = 1.6;
    m.max_drawdown = 0.10;
    m.calmar_ratio = 2.0;
    m.total_trades = 80;
    m.expectancy_r_after_costs = 0.45;
    m.profit_factor = 1.8;
    m.correlation_to_benchmark = 0.35;
    m.percentile_99_daily_loss = 0.03;
    return m;
}

StressReport stress_with(bool sharpe_2x, bool calmar_3x, bool bear, bool bear_applicable = true) {
    StressReport report;
    const auto add = [&](const char* name, double value, const char* comparison, double threshold,
                         bool passed, bool applicable) {
        StressCheck c;
        c.name = name;
        c.value = value;
        c.comparison = comparison;
        c.threshold = threshold;
        c.passed = passed;
        c.applicable = applicable;
        report.checks.push_back(c);
    };
    add("slippage_2x_sharpe", sharpe_2x ? 1.2 : 0.5, ">", 0.75, sharpe_2x, true);
    add("slippage_2x_expectancy", 0.3, ">", 0.0, true, true);
    add("slippage_3x_calmar", calmar_3x ? 1.4 : 0.6, ">", 1.0, calmar_3x, true);
    add("bear_market", bear ? 0.12 : 0.3, "<", 0.20, bear || !bear_applicable, bear_applicable);
    return report;
}

GoNoGoInputs inputs_with(const metrics::PerformanceMetrics& m, const StressReport* stress) {
    GoNoGoInputs in;
    in.period = "validation";
    in.metrics = m;
    in.expectancy_without_top_trades = 0.2;
    in.stress = stress;
    in.bootstrap_sharpe_5th = 0.8;
    in.permutation_p_value = 0.01;
    return in;
}

TEST(GoNoGo, StrongStrategyProceedsWithEveryCheckInTheTable) {
    const auto stress = stress_with(true, true, true);
    const auto result = evaluate_go_no_go({}, inputs_with(strong_metrics(), &stress));
    EXPECT_EQ(result.verdict, Verdict::Proceed) << result.reason;
    EXPECT_EQ(result.checks.size(), 18u);  // 7 rejection, 4 primary, 4 secondary, 3 stress
    EXPECT_EQ(result.secondary_passed, 4);
    EXPECT_EQ(result.stress_passed, 3);
    EXPECT_NE(verdict_table(result).find("verdict: PROCEED"), std::string::npos);
    EXPECT_EQ(to_json(result)["verdict"], "PROCEED");
}

TEST(GoNoGo, AnyHardRejectionRejects) {
    const auto stress = stress_with(true, true, true);
    auto m = strong_metrics();
    m.max_drawdown = 0.25;
    auto result = evaluate_go_no_go({}, inputs_with(m, &stress));
    EXPECT_EQ(result.verdict, Verdict::Reject);
    EXPECT_NE(result.reason.find("hard rejection: max_drawdown"), std::string::npos) << result.reason;

    auto in = inputs_with(strong_metrics(), &stress);
    in.permutation_p_value = 0.20;
    result = evaluate_go_no_go({}, in);
    EXPECT_EQ(result.verdict, Verdict::Reject);
    EXPECT_NE(result.reason.find("permutation_p_value"), std::string::npos);

    in = inputs_with(strong_metrics(), &stress);
    in.expectancy_without_top_trades = -0.01;
    EXPECT_EQ(evaluate_go_no_go({}, in).verdict, Verdict::Reject);

    in = inputs_with(strong_metrics(), &stress);
    in.bootstrap_sharpe_5th = 0.39;
    EXPECT_EQ(evaluate_go_no_go({}, in).verdict, Verdict::Reject);
}

TEST(GoNoGo, PrimaryComparisonsAreStrict) {
    const auto stress = stress_with(true, true, true);
    auto m = strong_metrics();
    m.sharpe_ratio = 1.0;  // "Sharpe > 1.0": equal fails
    const auto result = evaluate_go_no_go({}, inputs_with(m, &stress));
    EXPECT_EQ(result.verdict, Verdict::Reject);
    EXPECT_EQ(result.reason, "primary criteria failed: sharpe_ratio");
}

TEST(GoNoGo, ThresholdsComeFromTheRunConfig) {
    const auto stress = stress_with(true, true, true);
    config::MetricsConfig relaxed;
    relaxed.primary = config::PrimaryMetrics{1.0, 0.15, 1.5, 10};
    auto m = strong_metrics();
    m.total_trades = 20;
    EXPECT_EQ(evaluate_go_no_go({}, inputs_with(m, &stress)).verdict, Verdict::Reject);
    EXPECT_EQ(evaluate_go_no_go(relaxed, inputs_with(m, &stress)).verdict, Verdict::Proceed);
}

TEST(GoNoGo, TwoSecondaryPassesAreConditional) {
    const auto stress = stress_with(true, true, true);
    auto m = strong_metrics();
    m.profit_factor = 1.2;
    m.correlation_to_benchmark = 0.9;
    const auto result = evaluate_go_no_go({}, inputs_with(m, &stress));
    EXPECT_EQ(result.verdict, Verdict::Conditional);
    EXPECT_EQ(result.reason, "2 of 4 secondary criteria passed (3 needed)");
}

TEST(GoNoGo, StressDecidesBetweenProceedConditionalAndReject) {
    const auto two = stress_with(true, false, true);
    EXPECT_EQ(evaluate_go_no_go({}, inputs_with(strong_metrics(), &two)).verdict, Verdict::Proceed);
    const auto one = stress_with(false, false, true);
    const auto conditional = evaluate_go_no_go({}, inputs_with(strong_metrics(), &one));
    EXPECT_EQ(conditional.verdict, Verdict::Conditional);
    EXPECT_EQ(conditional.stress_required, 2);
    const auto none = stress_with(false, false, false);
    EXPECT_EQ(evaluate_go_no_go({}, inputs_with(strong_metrics(), &none)).verdict, Verdict::Reject);
    // No bear month: 2 applicable checks, both needed.
    const auto no_bear = stress_with(true, false, false, false);
    const auto result = evaluate_go_no_go({}, inputs_with(strong_metrics(), &no_bear));
    EXPECT_EQ(result.stress_applicable, 2);
    EXPECT_EQ(result.stress_required, 2);
    EXPECT_EQ(result.verdict, Verdict::Conditional);
}

TEST(GoNoGo, ExpectancyWithoutTheThreeMostProfitableTrades) {
    std::vector<backtest::TradeRecord> trades;
    // (pnl, entry, exit, stop): R = (exit - entry) / (entry - stop)
    for (const auto& [pnl, exit] : std::vector<std::pair<double, double>>{
             {500, 120}, {-100, 98}, {300, 110}, {400, 115}, {-50, 99}, {100, 104}}) {
        backtest::TradeRecord t;
        t.realized_pnl = pnl;
        t.entry_price = 100;
        t.exit_price = exit;
        t.initial_stop_price = 90;
        trades.push_back(t);
    }
    // Without 500, 400, 300: R of -100 (-0.2), -50 (-0.1), 100 (0.4) -> mean 0.0333...
    EXPECT_NEAR(expectancy_without_top_trades(trades), 0.1 / 3.0, 1e-12);
    EXPECT_EQ(expectancy_without_top_trades({}), 0.0);
}

}  // namespace
}  // namespace tradelab::validation
