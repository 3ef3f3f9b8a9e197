// Backtest speed: the reference EQ run on its train period (10 equities, 16 months) and the
// synthetic 500-symbol x 10-year universe. Each benchmark runs once, checks that a second run gives
// the same digest, then times. Market data and features are prepared outside the timed loop, as a
// sweep or a GUI re-run would reuse them.
#include <benchmark/benchmark.h>

#include <stdexcept>

#include <sys/resource.h>

#include "backtest/backtest.hpp"
#include "config/config_loader.hpp"
#include "metrics/performance_metrics.hpp"
#include "workloads/synthetic_backtest.hpp"

namespace {

using namespace tradelab;

double max_rss_mb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

void time_runs(benchmark::State& state, const backtest::RunMarket& market, const config::RunConfig& run,
               const backtest::Scenario& scenario) {
    const auto first = backtest::run_backtest(market, run, scenario);
    if (backtest::run_backtest(market, run, scenario).digest() != first.digest()) {
        throw std::runtime_error("two runs of the same scenario gave different digests");
    }
    const double per_year = backtest::periods_per_year(market);
    for (auto _ : state) {
        auto result = backtest::run_backtest(market, run, scenario);
        auto metrics = metrics::compute_metrics(result, per_year);
        benchmark::DoNotOptimize(metrics.sharpe_ratio);
    }
    state.counters["trades"] = double(first.trades.size());
    state.counters["days"] = double(first.equity_curve.size());
    state.counters["max_rss_MB"] = max_rss_mb();
}

void BM_ReferenceEqTrain(benchmark::State& state) {
    const auto load = config::load_run_config(TRADELAB_SOURCE_DIR "/configs/reference/eq.yaml");
    if (!load.ok()) throw std::runtime_error("configs/reference/eq.yaml does not load");
    const auto market = backtest::load_run_market(load.config);
    time_runs(state, market, load.config, backtest::period_scenario(load.config, "train"));
}
BENCHMARK(BM_ReferenceEqTrain)->Unit(benchmark::kMillisecond);

void BM_Synthetic500x10y(benchmark::State& state) {
    const auto workload = workloads::make_synthetic_backtest(500, 10, 1);
    time_runs(state, workload.market, workload.run, workload.scenario);
}
BENCHMARK(BM_Synthetic500x10y)->Unit(benchmark::kMillisecond)->MinTime(3.0);

}  // namespace

BENCHMARK_MAIN();
