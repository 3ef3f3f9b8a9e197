#include "metrics/benchmark_alignment.hpp"

namespace tradelab::metrics {
namespace {

// The benchmark's last close on or before `day`, or 0 when it has none yet.
double close_on_or_before(const data::BarSeries& bars, Date day) {
    const std::size_t after = bars.lower_bound(day + std::chrono::days(1));
    return after == 0 ? 0.0 : bars.close[after - 1];
}

}  // namespace

std::vector<double> benchmark_returns(const backtest::RunMarket& market, const backtest::RunResult& run) {
    if (market.books.empty() || !market.books.front().benchmark || run.equity_curve.empty()) return {};
    const auto& bars = market.data->bars(*market.books.front().benchmark);
    std::vector<double> returns;
    returns.reserve(run.equity_curve.size());
    double previous = close_on_or_before(bars, run.equity_curve.front().date - std::chrono::days(1));
    for (const auto& point : run.equity_curve) {
        const double close = close_on_or_before(bars, point.date);
        returns.push_back(previous > 0.0 && close > 0.0 ? close / previous - 1.0 : 0.0);
        previous = close;
    }
    return returns;
}

}  // namespace tradelab::metrics
