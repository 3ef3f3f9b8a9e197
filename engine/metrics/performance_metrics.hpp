#pragma once
// Headline metrics of one run (spec 02 §2.2), annualised with the number of curve points per year of
// the run's calendar: 252 for a portfolio on the NYSE calendar, 365 when it marks every calendar day.
#include <span>
#include <vector>

#include "backtest/run_result.hpp"

namespace tradelab::metrics {

struct PerformanceMetrics {
    double total_return = 0.0;
    double cagr = 0.0;
    double volatility = 0.0;  // annualised population std of daily returns
    double sharpe_ratio = 0.0;
    double max_drawdown = 0.0;  // positive fraction
    double calmar_ratio = 0.0;
    int total_trades = 0;
    int winning_trades = 0;
    int losing_trades = 0;
    double win_rate = 0.0;
    double expectancy = 0.0;  // mean price R of trades with positive initial risk
    double profit_factor = 0.0;
    double correlation_to_benchmark = 0.0;
    double percentile_99_daily_loss = 0.0;
    double recovery_factor = 0.0;
    int drawdown_duration = 0;  // longest run of curve points below the running peak
    double turnover = 0.0;      // trades per ~month (21 trading days, or 30.4 calendar days)
    double average_holding_period = 0.0;
    int max_consecutive_losses = 0;
    double realized_pnl = 0.0;
};

// r_k = E_k / E_{k-1} - 1 with E_0 = starting equity.
std::vector<double> daily_returns(double starting_equity, std::span<const backtest::EquityPoint> curve);

double sharpe(std::span<const double> returns, double periods_per_year);
double max_drawdown(double starting_equity, std::span<const backtest::EquityPoint> curve);

// `benchmark_returns` (may be empty) is aligned with the daily returns.
PerformanceMetrics compute_metrics(const backtest::RunResult& run, double periods_per_year,
                                   std::span<const double> benchmark_returns = {});

}  // namespace tradelab::metrics
