// Known answers for the headline metrics on a hand-made 4-return curve. Expected values were computed
// independently with Python's statistics.pstdev and math.sqrt (stated next to each), tolerance 1e-12.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "metrics/performance_metrics.hpp"

namespace tradelab::metrics {
namespace {

backtest::RunResult curve_100_110_99_99_121() {
    backtest::RunResult run;
    run.starting_equity = 100.0;
    Date day = make_date(2024, 1, 2);
    for (const double equity : {110.0, 99.0, 99.0, 121.0}) {
        backtest::EquityPoint point;
        point.date = day;
        point.equity = equity;
        run.equity_curve.push_back(point);
        day += std::chrono::days{1};
    }
    for (const double pnl : {50.0, -20.0, -10.0}) {
        backtest::TradeRecord trade;
        trade.realized_pnl = pnl;
        trade.entry_date = make_date(2024, 1, 2);
        trade.exit_date = make_date(2024, 1, 4);
        trade.entry_price = 10.0;
        trade.initial_stop_price = 9.0;
        trade.exit_price = pnl > 0 ? 12.0 : 9.5;
        run.trades.push_back(trade);
    }
    return run;
}

TEST(Metrics, DailyReturnsStartFromStartingEquity) {
    const auto run = curve_100_110_99_99_121();
    const auto returns = daily_returns(run.starting_equity, run.equity_curve);
    ASSERT_EQ(returns.size(), 4u);
    EXPECT_NEAR(returns[0], 0.1, 1e-15);
    EXPECT_NEAR(returns[1], -0.1, 1e-15);
    EXPECT_EQ(returns[2], 0.0);
    EXPECT_NEAR(returns[3], 0.2222222222222222, 1e-15);
}

TEST(Metrics, HandComputedCurve) {
    const auto m = compute_metrics(curve_100_110_99_99_121(), 252.0);
    EXPECT_NEAR(m.sharpe_ratio, 7.385489458759968, 1e-12);  // mean / pstdev * sqrt(252)
    EXPECT_NEAR(m.volatility, 1.8956089610817248, 1e-12);   // pstdev * sqrt(252)
    EXPECT_NEAR(m.total_return, 0.21, 1e-15);
    EXPECT_NEAR(m.max_drawdown, 0.1, 1e-15);              // 110 -> 99
    EXPECT_EQ(m.drawdown_duration, 2);                    // the two 99 points
    EXPECT_NEAR(m.percentile_99_daily_loss, 0.1, 1e-15);  // the only loss
    EXPECT_NEAR(m.recovery_factor, 2.1, 1e-12);
    EXPECT_NEAR(m.turnover, 3.0 / (4.0 / 21.0), 1e-12);
}

TEST(Metrics, TradeStatistics) {
    const auto m = compute_metrics(curve_100_110_99_99_121(), 252.0);
    EXPECT_EQ(m.total_trades, 3);
    EXPECT_EQ(m.winning_trades, 1);
    EXPECT_EQ(m.losing_trades, 2);
    EXPECT_NEAR(m.win_rate, 1.0 / 3.0, 1e-15);
    EXPECT_NEAR(m.profit_factor, 50.0 / 30.0, 1e-15);
    EXPECT_EQ(m.max_consecutive_losses, 2);
    EXPECT_NEAR(m.expectancy, (2.0 - 0.5 - 0.5) / 3.0, 1e-15);  // R = (exit - entry) / (entry - stop)
    EXPECT_NEAR(m.average_holding_period, 2.0, 1e-15);
    EXPECT_NEAR(m.realized_pnl, 20.0, 1e-12);
}

TEST(Metrics, EmptyRunIsAllZero) {
    backtest::RunResult run;
    run.starting_equity = 1000.0;
    const auto m = compute_metrics(run, 365.0);
    EXPECT_EQ(m.sharpe_ratio, 0.0);
    EXPECT_EQ(m.max_drawdown, 0.0);
    EXPECT_EQ(m.total_trades, 0);
    EXPECT_EQ(m.profit_factor, 0.0);
}

TEST(Metrics, ProfitFactorIsInfiniteWithoutLosses) {
    auto run = curve_100_110_99_99_121();
    run.trades.resize(1);
    EXPECT_TRUE(std::isinf(compute_metrics(run, 252.0).profit_factor));
}

// ---- tearsheet additions ------------------------------------------------------------------------
// Same curve: r = [0.1, -0.1, 0, 2/9] (as computed from the equities). Expected values: Python with
// the NumPy-linear percentile rule written out and population moments, tolerance 1e-12.

TEST(Metrics, PercentileIsNumpyLinear) {
    EXPECT_DOUBLE_EQ(percentile({4.0, 1.0, 3.0, 2.0}, 25.0), 1.75);  // numpy.percentile([1,2,3,4], 25)
    EXPECT_DOUBLE_EQ(percentile({1.0, 2.0, 3.0, 4.0}, 100.0), 4.0);
    EXPECT_DOUBLE_EQ(percentile({5.0}, 50.0), 5.0);
    EXPECT_EQ(percentile({}, 50.0), 0.0);
    EXPECT_THROW(percentile({1.0}, 101.0), std::invalid_argument);
}

TEST(Metrics, ReturnDistributionOfHandComputedCurve) {
    const std::vector<double> benchmark{0.05, -0.02, 0.01, 0.04};
    const auto m = compute_metrics(curve_100_110_99_99_121(), 252.0, benchmark);
    // mean 1/18 over downside deviation sqrt(0.1^2 / 4) = 0.05, times sqrt(252)
    EXPECT_NEAR(m.sortino_ratio, 17.638342073763962, 1e-12);
    EXPECT_NEAR(m.omega_ratio, 3.222222222222225, 1e-12);  // (0.1 + 2/9) / 0.1
    // p95 = 0.1 + 0.85 (2/9 - 0.1) = 0.2038..., p5 = -0.1 + 0.15 * 0.1 = -0.085
    EXPECT_NEAR(m.tail_ratio, 2.3986928104575176, 1e-12);
    EXPECT_NEAR(m.value_at_risk_95, 0.085, 1e-12);
    EXPECT_NEAR(m.conditional_value_at_risk_95, 0.1, 1e-12);      // the one return <= p5
    EXPECT_NEAR(m.skewness, 0.11479999998422702, 1e-12);          // m3 / m2^1.5
    EXPECT_NEAR(m.excess_kurtosis, -1.3148366784730428, 1e-12);   // m4 / m2^2 - 3
    EXPECT_NEAR(m.beta_to_benchmark, 3.8148148148148153, 1e-12);  // pop. cov / pop. var of benchmark
    EXPECT_EQ(m.max_drawdown_duration_days, 3);                   // peak 110 on Jan 2, back above on Jan 5
}

TEST(Metrics, ReturnDistributionEdgeCasesAreZero) {
    const std::vector<double> gains_only{0.01, 0.02, 0.03};
    EXPECT_EQ(sortino(gains_only, 252.0), 0.0);       // no downside deviation
    EXPECT_EQ(omega_ratio(gains_only), 0.0);          // no losses
    EXPECT_EQ(value_at_risk(gains_only, 0.95), 0.0);  // p5 is a gain: no loss at 95 %
    EXPECT_EQ(conditional_value_at_risk(gains_only, 0.95), 0.0);
    const std::vector<double> constant{0.01, 0.01, 0.01};
    EXPECT_EQ(skewness(constant), 0.0);
    EXPECT_EQ(excess_kurtosis(constant), 0.0);
    EXPECT_EQ(beta(gains_only, constant), 0.0);  // constant benchmark
    const std::vector<double> zero_left_tail{0.0, 0.0, 0.0, 0.05};
    EXPECT_EQ(tail_ratio(zero_left_tail), 0.0);
    const std::vector<double> single{-0.05};
    EXPECT_EQ(sortino(single, 252.0), 0.0);
    EXPECT_EQ(skewness(single), 0.0);
}

TEST(Metrics, ExposureAndTimeInMarket) {
    backtest::RunResult run;
    run.starting_equity = 100.0;
    Date day = make_date(2024, 1, 2);
    // (equity, gross exposure, positions): exposures 0.5, 0, 1.0 -> mean 0.5; 2 of 3 points invested
    struct Mark {
        double equity;
        double gross;
        int positions;
    };
    for (const Mark& mark : std::vector<Mark>{{100.0, 50.0, 2}, {200.0, 0.0, 0}, {100.0, 100.0, 1}}) {
        backtest::EquityPoint point;
        point.date = day;
        point.equity = mark.equity;
        point.gross_exposure = mark.gross;
        point.positions = mark.positions;
        run.equity_curve.push_back(point);
        day += std::chrono::days{1};
    }
    const auto m = compute_metrics(run, 365.0);
    EXPECT_NEAR(m.exposure, 0.5, 1e-15);
    EXPECT_NEAR(m.time_in_market, 2.0 / 3.0, 1e-15);
}

TEST(Metrics, DrawdownDurationEndingUnderWaterCountsToTheLastPoint) {
    backtest::RunResult run;
    run.starting_equity = 100.0;
    // Jan 1 at the peak, under water Jan 2..5, recovered Jan 6 (5 days); new peak Jan 7, still below it
    // on Jan 20 (13 days, the longest).
    struct Mark {
        unsigned day;
        double equity;
    };
    for (const Mark& mark :
         std::vector<Mark>{{1, 100.0}, {2, 90.0}, {6, 100.0}, {7, 105.0}, {8, 104.0}, {20, 104.0}}) {
        backtest::EquityPoint point;
        point.date = make_date(2024, 1, mark.day);
        point.equity = mark.equity;
        run.equity_curve.push_back(point);
    }
    EXPECT_EQ(compute_metrics(run, 252.0).max_drawdown_duration_days, 13);
}

TEST(Metrics, ExpectancyAfterCostsUsesCurrencyRisk) {
    auto run = curve_100_110_99_99_121();
    run.trades.clear();
    // (quantity, entry, stop, pnl): risk 10 -> R 5; risk 10 -> R -2; risk 10 -> R -0.5; stop above entry
    // -> skipped. Mean (5 - 2 - 0.5) / 3.
    struct Fill {
        double quantity, entry, stop, pnl;
    };
    for (const Fill& fill : std::vector<Fill>{{10.0, 10.0, 9.0, 50.0},
                                              {10.0, 10.0, 9.0, -20.0},
                                              {5.0, 20.0, 18.0, -5.0},
                                              {10.0, 10.0, 11.0, 100.0}}) {
        backtest::TradeRecord trade;
        trade.quantity = fill.quantity;
        trade.entry_price = fill.entry;
        trade.initial_stop_price = fill.stop;
        trade.realized_pnl = fill.pnl;
        run.trades.push_back(trade);
    }
    EXPECT_NEAR(compute_metrics(run, 252.0).expectancy_r_after_costs, 2.5 / 3.0, 1e-15);
}

TEST(Metrics, EmptyRunHasZeroTearsheetMetrics) {
    backtest::RunResult run;
    run.starting_equity = 1000.0;
    const auto m = compute_metrics(run, 365.0);
    for (const double value : {m.sortino_ratio, m.omega_ratio, m.tail_ratio, m.skewness, m.excess_kurtosis,
                               m.value_at_risk_95, m.conditional_value_at_risk_95, m.beta_to_benchmark,
                               m.exposure, m.time_in_market, m.expectancy_r_after_costs}) {
        EXPECT_EQ(value, 0.0);
    }
    EXPECT_EQ(m.max_drawdown_duration_days, 0);
}

}  // namespace
}  // namespace tradelab::metrics
