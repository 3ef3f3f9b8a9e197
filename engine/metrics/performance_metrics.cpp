#include "metrics/performance_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace tradelab::metrics {
namespace {

double mean(std::span<const double> values) {
    if (values.empty()) return 0.0;
    return std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
}

double population_std(std::span<const double> values) {
    if (values.size() < 2) return 0.0;
    const double m = mean(values);
    double squares = 0.0;
    for (const double v : values) squares += (v - m) * (v - m);
    return std::sqrt(squares / double(values.size()));
}

double pearson(std::span<const double> a, std::span<const double> b) {
    const std::size_t n = std::min(a.size(), b.size());
    if (n < 2) return 0.0;
    const double ma = mean(a.first(n));
    const double mb = mean(b.first(n));
    double sab = 0.0, saa = 0.0, sbb = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) * (a[i] - ma);
        sbb += (b[i] - mb) * (b[i] - mb);
    }
    const double r = sab / std::sqrt(saa * sbb);
    return std::isfinite(r) ? r : 0.0;
}

// Linear interpolation between order statistics (numpy's default percentile).
double percentile(std::vector<double> values, double q) {
    if (values.empty()) return 0.0;
    std::sort(values.begin(), values.end());
    const double position = q / 100.0 * double(values.size() - 1);
    const auto lower = static_cast<std::size_t>(std::floor(position));
    const auto upper = std::min(lower + 1, values.size() - 1);
    return values[lower] + (position - double(lower)) * (values[upper] - values[lower]);
}

int longest_drawdown(double starting_equity, std::span<const backtest::EquityPoint> curve) {
    double peak = starting_equity;
    int run = 0;
    int longest = 0;
    for (const auto& point : curve) {
        peak = std::max(peak, point.equity);
        run = point.equity < peak ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return longest;
}

void trade_statistics(const std::vector<backtest::TradeRecord>& trades, PerformanceMetrics& m) {
    m.total_trades = int(trades.size());
    double gains = 0.0, losses = 0.0, r_sum = 0.0, holding = 0.0;
    int r_count = 0, holding_count = 0, losing_run = 0;
    for (const auto& trade : trades) {
        m.realized_pnl += trade.realized_pnl;
        if (trade.realized_pnl > 0) {
            ++m.winning_trades;
            gains += trade.realized_pnl;
        } else {
            losses += trade.realized_pnl;
        }
        if (trade.realized_pnl < 0) ++m.losing_trades;
        losing_run = trade.realized_pnl < 0 ? losing_run + 1 : 0;
        m.max_consecutive_losses = std::max(m.max_consecutive_losses, losing_run);
        if (const double r = trade.r_multiple(); std::isfinite(r)) {
            r_sum += r;
            ++r_count;
        }
        if (trade.holding_days() > 0) {
            holding += trade.holding_days();
            ++holding_count;
        }
    }
    if (trades.empty()) return;
    m.win_rate = double(m.winning_trades) / double(trades.size());
    m.expectancy = r_count > 0 ? r_sum / r_count : 0.0;
    if (losses < 0)
        m.profit_factor = gains / -losses;
    else
        m.profit_factor = gains > 0 ? std::numeric_limits<double>::infinity() : 0.0;
    m.average_holding_period = holding_count > 0 ? holding / holding_count : 0.0;
}

}  // namespace

std::vector<double> daily_returns(double starting_equity, std::span<const backtest::EquityPoint> curve) {
    std::vector<double> returns;
    returns.reserve(curve.size());
    double previous = starting_equity;
    for (const auto& point : curve) {
        returns.push_back(previous != 0.0 ? point.equity / previous - 1.0 : 0.0);
        previous = point.equity;
    }
    return returns;
}

double sharpe(std::span<const double> returns, double periods_per_year) {
    const double deviation = population_std(returns);
    if (returns.size() < 2 || deviation == 0.0) return 0.0;
    return mean(returns) / deviation * std::sqrt(periods_per_year);
}

double max_drawdown(double starting_equity, std::span<const backtest::EquityPoint> curve) {
    double peak = starting_equity;
    double worst = 0.0;
    for (const auto& point : curve) {
        peak = std::max(peak, point.equity);
        if (peak > 0) worst = std::max(worst, (peak - point.equity) / peak);
    }
    return worst;
}

PerformanceMetrics compute_metrics(const backtest::RunResult& run, double periods_per_year,
                                   std::span<const double> benchmark_returns) {
    PerformanceMetrics m;
    const auto returns = daily_returns(run.starting_equity, run.equity_curve);
    const double start = run.starting_equity;
    const double end = run.final_equity();
    const auto n = double(returns.size());
    m.total_return = start > 0 ? end / start - 1.0 : 0.0;
    m.volatility = population_std(returns) * std::sqrt(periods_per_year);
    m.sharpe_ratio = sharpe(returns, periods_per_year);
    m.max_drawdown = max_drawdown(start, run.equity_curve);
    if (n > 0 && start > 0 && end > 0) m.cagr = std::pow(end / start, periods_per_year / n) - 1.0;
    if (m.max_drawdown > 0 && returns.size() >= 2) m.calmar_ratio = m.cagr / m.max_drawdown;
    if (m.max_drawdown > 0) m.recovery_factor = m.total_return / m.max_drawdown;
    m.drawdown_duration = longest_drawdown(start, run.equity_curve);
    if (!benchmark_returns.empty()) m.correlation_to_benchmark = pearson(returns, benchmark_returns);
    std::vector<double> losses;
    for (const double r : returns)
        if (r < 0) losses.push_back(-r);
    m.percentile_99_daily_loss = percentile(losses, 99.0);
    trade_statistics(run.trades, m);
    const double points_per_month = periods_per_year / 12.0;
    if (n > 0) m.turnover = double(m.total_trades) / (n / points_per_month);
    return m;
}

}  // namespace tradelab::metrics
