#pragma once
// The benchmark's daily returns on a run's curve dates, so correlation and beta compare like with like.
#include <vector>

#include "backtest/run_market.hpp"
#include "backtest/run_result.hpp"

namespace tradelab::metrics {

// r_k = B(d_k) / B(d_{k-1}) - 1 for the run's curve dates d_0..d_n (d_{-1}: the last bar before the
// run's first point), where B(d) is the benchmark's last close on or before d: a date the benchmark
// did not trade (a weekend in a crypto loop) has return 0, never a repeated return. Aligned with
// daily_returns(): one value per curve point. Empty when the market has no benchmark for the run's first
// strategy (SPY for equity, BTC for crypto).
std::vector<double> benchmark_returns(const backtest::RunMarket& market, const backtest::RunResult& run);

}  // namespace tradelab::metrics
