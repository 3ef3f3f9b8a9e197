// Known answers for the headline metrics on a hand-made 4-return curve. Expected values were computed
// independently with Python's statistics.pstdev and math.sqrt (stated next to each), tolerance 1e-12.
#include <gtest/gtest.h>

#include <cmath>

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

}  // namespace
}  // namespace tradelab::metrics
