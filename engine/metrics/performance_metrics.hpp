#pragma once
// Headline metrics of one run (spec 02 §2.2), annualised with the number of curve points per year of
// the run's calendar: 252 for a portfolio on the NYSE calendar, 365 when it marks every calendar day.
// Conventions: population moments (divisor n), NumPy-linear percentiles, losses and drawdowns reported
// as positive fractions. Every metric that is undefined on its input (too few points, a zero divisor)
// is 0; the per-field comments and docs/metrics.md say when.
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

    // Tearsheet additions (docs/metrics.md), all from the daily returns unless stated.
    double sortino_ratio = 0.0;                 // 0 with < 2 returns or no losing day
    double omega_ratio = 0.0;                   // threshold 0; 0 without a losing day
    double tail_ratio = 0.0;                    // |p95| / |p5|; 0 when p5 is 0
    double skewness = 0.0;                      // population; 0 with < 2 returns or a constant series
    double excess_kurtosis = 0.0;               // population, normal = 0; 0 like skewness
    double value_at_risk_95 = 0.0;              // historical one-day, positive loss fraction
    double conditional_value_at_risk_95 = 0.0;  // mean loss on the days at or below p5, positive
    double beta_to_benchmark = 0.0;             // population cov / var; 0 without a benchmark
    double exposure = 0.0;                      // mean gross exposure / equity over curve points
    double time_in_market = 0.0;                // fraction of curve points holding a position
    int max_drawdown_duration_days = 0;         // calendar days from peak to recovery (or curve end)
    double expectancy_r_after_costs = 0.0;      // mean realized P&L / initial currency risk
};

// Arithmetic mean; 0 for an empty sample.
double mean(std::span<const double> values);
// Standard deviation with divisor n (the spec's convention); 0 for fewer than 2 values.
double population_std(std::span<const double> values);
// The price R of every trade with a positive initial risk, in trade order.
std::vector<double> r_multiples(std::span<const backtest::TradeRecord> trades);

// r_k = E_k / E_{k-1} - 1 with E_0 = starting equity.
std::vector<double> daily_returns(double starting_equity, std::span<const backtest::EquityPoint> curve);

double sharpe(std::span<const double> returns, double periods_per_year);
double max_drawdown(double starting_equity, std::span<const backtest::EquityPoint> curve);

// mean(r) / sqrt(mean(min(r, 0)^2)) * sqrt(periods_per_year): downside deviation with target 0 over
// all n returns. 0 with < 2 returns or no negative return.
double sortino(std::span<const double> returns, double periods_per_year);

// NumPy's default percentile: linear interpolation at position p/100 * (n - 1) of the sorted sample,
// p in [0, 100] (std::invalid_argument otherwise). 0 for an empty sample.
double percentile(std::vector<double> values, double p);
// The same on a sample already sorted ascending (no copy).
double sorted_percentile(std::span<const double> sorted, double p);

// Population (biased) moments, as scipy.stats.skew / kurtosis with their defaults: skewness m3 / m2^1.5,
// excess kurtosis m4 / m2^2 - 3. 0 with < 2 values or when all values are equal.
double skewness(std::span<const double> values);
double excess_kurtosis(std::span<const double> values);

// sum(max(r, 0)) / sum(max(-r, 0)); 0 without a negative return.
double omega_ratio(std::span<const double> returns);
// |percentile 95| / |percentile 5|; 0 when the 5th percentile is 0 (or no returns).
double tail_ratio(std::span<const double> returns);
// Historical one-day VaR and CVaR at `confidence` (0.95 for 95 %), as positive loss fractions:
// VaR = max(0, -p) and CVaR = max(0, -mean(r | r <= p)) with p the (1 - confidence) percentile.
double value_at_risk(std::span<const double> returns, double confidence);
double conditional_value_at_risk(std::span<const double> returns, double confidence);
// Population cov(r, b) / var(b) over the common prefix; 0 with < 2 points or a constant benchmark.
double beta(std::span<const double> returns, std::span<const double> benchmark_returns);

// `benchmark_returns` (may be empty) is aligned with the daily returns.
PerformanceMetrics compute_metrics(const backtest::RunResult& run, double periods_per_year,
                                   std::span<const double> benchmark_returns = {});

}  // namespace tradelab::metrics
