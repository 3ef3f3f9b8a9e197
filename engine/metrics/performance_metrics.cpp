#include "metrics/performance_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

namespace tradelab::metrics {

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

std::vector<double> r_multiples(std::span<const backtest::TradeRecord> trades) {
    std::vector<double> r;
    r.reserve(trades.size());
    for (const auto& trade : trades)
        if (const double value = trade.r_multiple(); std::isfinite(value)) r.push_back(value);
    return r;
}

namespace {

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

// A constant series has no spread, so its shape moments are undefined; comparing the extremes is exact,
// unlike testing a computed variance against 0 (the mean of equal values may round).
bool all_equal(std::span<const double> values) {
    const auto [low, high] = std::minmax_element(values.begin(), values.end());
    return low == values.end() || *low == *high;
}

double central_moment(std::span<const double> values, int order) {
    const double m = mean(values);
    double sum = 0.0;
    for (const double v : values) sum += std::pow(v - m, order);
    return sum / double(values.size());
}

// Calendar days from a peak to the first point back at or above it, or to the last point when the
// curve ends under water. The starting equity is a peak dated at the first curve point.
int longest_drawdown_days(double starting_equity, std::span<const backtest::EquityPoint> curve) {
    if (curve.empty()) return 0;
    double peak = starting_equity;
    Date peak_date = curve.front().date;
    bool under_water = false;
    int longest = 0;
    for (const auto& point : curve) {
        if (point.equity >= peak) {
            if (under_water) longest = std::max(longest, int((point.date - peak_date).count()));
            peak = point.equity;
            peak_date = point.date;
            under_water = false;
        } else {
            under_water = true;
        }
    }
    if (under_water) longest = std::max(longest, int((curve.back().date - peak_date).count()));
    return longest;
}

// R after costs: realized P&L (fees and slippage included) over the currency risked at entry,
// quantity x (entry - initial stop), mirrored for shorts. Trades without positive risk are skipped.
double expectancy_after_costs(const std::vector<backtest::TradeRecord>& trades) {
    double r_sum = 0.0;
    int r_count = 0;
    for (const auto& trade : trades) {
        const double direction = trade.is_short ? -1.0 : 1.0;
        const double risk = trade.quantity * direction * (trade.entry_price - trade.initial_stop_price);
        if (!(risk > 0.0)) continue;
        r_sum += trade.realized_pnl / risk;
        ++r_count;
    }
    return r_count > 0 ? r_sum / r_count : 0.0;
}

void market_presence(std::span<const backtest::EquityPoint> curve, PerformanceMetrics& m) {
    if (curve.empty()) return;
    double exposure_sum = 0.0;
    int invested_points = 0;
    for (const auto& point : curve) {
        exposure_sum += point.exposure_pct() / 100.0;
        if (point.positions > 0) ++invested_points;
    }
    m.exposure = exposure_sum / double(curve.size());
    m.time_in_market = double(invested_points) / double(curve.size());
}

// The return at the (1 - confidence) percentile: the historical one-day VaR threshold. Written
// 100 - 100 c because (1 - 0.95) * 100 is 5.000000000000004, not the 5 NumPy would be given.
double lower_tail_cutoff(std::span<const double> returns, double confidence) {
    return percentile(std::vector<double>(returns.begin(), returns.end()), 100.0 - confidence * 100.0);
}

void return_distribution(std::span<const double> returns, double periods_per_year,
                         std::span<const double> benchmark_returns, PerformanceMetrics& m) {
    m.sortino_ratio = sortino(returns, periods_per_year);
    m.omega_ratio = omega_ratio(returns);
    m.tail_ratio = tail_ratio(returns);
    m.skewness = skewness(returns);
    m.excess_kurtosis = excess_kurtosis(returns);
    m.value_at_risk_95 = value_at_risk(returns, 0.95);
    m.conditional_value_at_risk_95 = conditional_value_at_risk(returns, 0.95);
    m.beta_to_benchmark = beta(returns, benchmark_returns);
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

double sortino(std::span<const double> returns, double periods_per_year) {
    if (returns.size() < 2) return 0.0;
    double downside_squares = 0.0;
    for (const double r : returns)
        if (r < 0) downside_squares += r * r;
    if (downside_squares == 0.0) return 0.0;
    const double downside_deviation = std::sqrt(downside_squares / double(returns.size()));
    return mean(returns) / downside_deviation * std::sqrt(periods_per_year);
}

double sorted_percentile(std::span<const double> sorted, double p) {
    if (!(p >= 0.0 && p <= 100.0))
        throw std::invalid_argument("percentile: p must lie in [0, 100], got " + std::to_string(p));
    if (sorted.empty()) return 0.0;
    const double position = p / 100.0 * double(sorted.size() - 1);
    const auto lower = static_cast<std::size_t>(std::floor(position));
    const auto upper = std::min(lower + 1, sorted.size() - 1);
    return sorted[lower] + (position - double(lower)) * (sorted[upper] - sorted[lower]);
}

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    return sorted_percentile(values, p);
}

double skewness(std::span<const double> values) {
    if (values.size() < 2 || all_equal(values)) return 0.0;
    return central_moment(values, 3) / std::pow(central_moment(values, 2), 1.5);
}

double excess_kurtosis(std::span<const double> values) {
    if (values.size() < 2 || all_equal(values)) return 0.0;
    const double variance = central_moment(values, 2);
    return central_moment(values, 4) / (variance * variance) - 3.0;
}

double omega_ratio(std::span<const double> returns) {
    double gains = 0.0, losses = 0.0;
    for (const double r : returns) {
        if (r > 0) gains += r;
        if (r < 0) losses -= r;
    }
    return losses > 0.0 ? gains / losses : 0.0;
}

double tail_ratio(std::span<const double> returns) {
    const std::vector<double> sample(returns.begin(), returns.end());
    const double left_tail = std::abs(percentile(sample, 5.0));
    return left_tail > 0.0 ? std::abs(percentile(sample, 95.0)) / left_tail : 0.0;
}

double value_at_risk(std::span<const double> returns, double confidence) {
    if (returns.empty()) return 0.0;
    return std::max(0.0, -lower_tail_cutoff(returns, confidence));
}

double conditional_value_at_risk(std::span<const double> returns, double confidence) {
    if (returns.empty()) return 0.0;
    const double cutoff = lower_tail_cutoff(returns, confidence);
    double tail_sum = 0.0;
    int tail_count = 0;  // >= 1: the smallest return never exceeds an interpolated percentile
    for (const double r : returns) {
        if (r > cutoff) continue;
        tail_sum += r;
        ++tail_count;
    }
    return std::max(0.0, -tail_sum / tail_count);
}

double beta(std::span<const double> returns, std::span<const double> benchmark_returns) {
    const std::size_t n = std::min(returns.size(), benchmark_returns.size());
    if (n < 2 || all_equal(benchmark_returns.first(n))) return 0.0;
    const double mr = mean(returns.first(n));
    const double mb = mean(benchmark_returns.first(n));
    double covariance = 0.0, variance = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        covariance += (returns[i] - mr) * (benchmark_returns[i] - mb);
        variance += (benchmark_returns[i] - mb) * (benchmark_returns[i] - mb);
    }
    return covariance / variance;  // both sums share the divisor n, so it cancels
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
    return_distribution(returns, periods_per_year, benchmark_returns, m);
    market_presence(run.equity_curve, m);
    m.max_drawdown_duration_days = longest_drawdown_days(start, run.equity_curve);
    m.expectancy_r_after_costs = expectancy_after_costs(run.trades);
    return m;
}

}  // namespace tradelab::metrics
