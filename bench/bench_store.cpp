// Results store speed, on a store file in the temporary folder:
//   - storing a 10-year daily run (2,520 curve points) with 1,000 trades, one transaction (goal 20 ms);
//   - listing 10,000 stored runs with their headline metrics (goal 200 ms);
//   - loading one run's curve and trades (goal 10 ms).
// The listed runs have short curves: a listing reads only the runs and run_metrics tables, so the
// size of the curves does not change its work, only the setup time.
#include <benchmark/benchmark.h>

#include <cmath>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include <unistd.h>

#include "metrics/performance_metrics.hpp"
#include "store/results_store.hpp"

namespace {

using namespace tradelab;
namespace fs = std::filesystem;

// A folder for the benchmark's store files, removed when the program ends.
const fs::path& bench_folder() {
    struct Folder {
        fs::path path = fs::temp_directory_path() / ("tradelab_bench_store_" + std::to_string(::getpid()));
        Folder() {
            fs::remove_all(path);
            fs::create_directories(path);
        }
        ~Folder() { fs::remove_all(path); }
    };
    static const Folder folder;
    return folder.path;
}

backtest::RunResult synthetic_run(std::uint64_t seed, int days, int trades) {
    backtest::RunResult run;
    run.period_name = "train";
    run.start = make_date(2015, 1, 2);
    run.seed = seed;
    run.starting_equity = 100'000.0;
    double equity = run.starting_equity;
    for (int i = 0; i < days; ++i) {
        equity *= 1.0 + 0.01 * std::sin(double(i + seed));
        backtest::EquityPoint p;
        p.date = run.start + std::chrono::days{i + i / 5 * 2};  // business days
        p.equity = equity;
        p.cash = equity * 0.3;
        p.gross_exposure = equity * 0.7;
        p.positions = 5 + i % 3;
        p.positions_equity = p.positions;
        p.portfolio_vol_20d = 0.12;
        run.equity_curve.push_back(p);
    }
    run.end = run.equity_curve.back().date;
    for (int i = 0; i < trades; ++i) {
        backtest::TradeRecord t;
        t.trade_id = std::uint32_t(i + 1);
        t.symbol = std::uint32_t(i % 500);
        t.symbol_name = "SYM" + std::to_string(i % 500);
        t.entry_date = run.start + std::chrono::days{i * 3};
        t.exit_date = t.entry_date + std::chrono::days{10};
        t.entry_price = 100.0 + i % 50;
        t.exit_price = t.entry_price * (i % 3 ? 1.06 : 0.96);
        t.quantity = 25;
        t.entry_fill_id = std::uint64_t(2 * i + 1);
        t.exit_fill_id = std::uint64_t(2 * i + 2);
        t.realized_pnl = (t.exit_price - t.entry_price) * t.quantity;
        t.initial_stop_price = t.entry_price * 0.93;
        t.stop_price = t.entry_price * 0.97;
        t.triggered_on = 20;
        t.adv20_at_entry = 5e7;
        run.trades.push_back(t);
    }
    return run;
}

store::RunDescription description(const std::string& config_hash) {
    store::RunDescription d;
    d.config_path = "/configs/eq.yaml";
    d.config_name = "eq";
    d.config_text = std::string(4000, '#');  // a realistic run + strategy config
    d.config_hash = config_hash;
    d.strategies = {"equity_momentum"};
    d.data_fingerprint = "0123456789abcdef";
    d.data_files = std::vector<std::string>(101, "data/equity/daily/SYMBOL.csv");
    return d;
}

void BM_StoreTenYearRun(benchmark::State& state) {
    store::ResultsStore results(bench_folder() / "store_run.sqlite");
    auto run = synthetic_run(0, 2520, 1000);
    const auto metrics = metrics::compute_metrics(run, 252.0);
    const auto d = description("store");
    std::uint64_t seed = 0;
    for (auto _ : state) {
        run.seed = ++seed;  // a new run each time, not a replacement
        benchmark::DoNotOptimize(results.store_run(run, metrics, d).run_id);
    }
    state.counters["curve_points"] = double(run.equity_curve.size());
    state.counters["trades"] = double(run.trades.size());
}
BENCHMARK(BM_StoreTenYearRun)->Unit(benchmark::kMillisecond);

// The same, replacing the earlier copy each time (a re-run of the same config and period).
void BM_ReplaceTenYearRun(benchmark::State& state) {
    store::ResultsStore results(bench_folder() / "replace_run.sqlite");
    const auto run = synthetic_run(0, 2520, 1000);
    const auto metrics = metrics::compute_metrics(run, 252.0);
    const auto d = description("replace");
    for (auto _ : state) benchmark::DoNotOptimize(results.store_run(run, metrics, d).run_id);
}
BENCHMARK(BM_ReplaceTenYearRun)->Unit(benchmark::kMillisecond);

const fs::path& ten_thousand_runs() {
    static const fs::path file = [] {
        const fs::path path = bench_folder() / "ten_thousand.sqlite";
        store::ResultsStore results(path);
        constexpr int kRuns = 10'000;
        constexpr int kBatch = 500;
        for (int start = 0; start < kRuns; start += kBatch) {
            std::vector<backtest::RunResult> runs;
            std::vector<metrics::PerformanceMetrics> figures;
            for (int i = start; i < start + kBatch; ++i) {
                runs.push_back(synthetic_run(std::uint64_t(i), 20, 3));
                figures.push_back(metrics::compute_metrics(runs.back(), 252.0));
            }
            std::vector<store::RunToStore> batch;
            for (std::size_t i = 0; i < runs.size(); ++i) {
                auto d = description("sweep");
                d.kind = store::RunKind::SensitivityPoint;
                d.tags = {i % 2 ? "odd" : "even"};
                batch.push_back({&runs[i], &figures[i], d});
            }
            results.store_runs(batch);
        }
        return path;
    }();
    return file;
}

void BM_ListTenThousandRuns(benchmark::State& state) {
    store::ResultsStore results(ten_thousand_runs());
    std::size_t listed = 0;
    for (auto _ : state) {
        const auto runs = results.list();
        listed = runs.size();
        benchmark::DoNotOptimize(runs.data());
    }
    if (listed != 10'000) throw std::runtime_error("the listing did not return 10,000 runs");
    state.counters["runs"] = double(listed);
}
BENCHMARK(BM_ListTenThousandRuns)->Unit(benchmark::kMillisecond);

void BM_ListFilteredBySharpeAndTag(benchmark::State& state) {
    store::ResultsStore results(ten_thousand_runs());
    store::RunFilter filter;
    filter.tag = "odd";
    filter.metrics = {store::parse_metric_condition("sharpe>=0")};
    std::size_t listed = 0;
    for (auto _ : state) {
        const auto runs = results.list(filter);
        listed = runs.size();
        benchmark::DoNotOptimize(runs.data());
    }
    state.counters["runs"] = double(listed);
}
BENCHMARK(BM_ListFilteredBySharpeAndTag)->Unit(benchmark::kMillisecond);

void BM_LoadTenYearRun(benchmark::State& state) {
    store::ResultsStore results(bench_folder() / "load_run.sqlite");
    const auto run = synthetic_run(0, 2520, 1000);
    const auto id = results.store_run(run, metrics::compute_metrics(run, 252.0), description("load")).run_id;
    for (auto _ : state) {
        const auto stored = results.get(id);
        if (!stored.digest_verified) throw std::runtime_error("the stored run does not match its digest");
        benchmark::DoNotOptimize(stored.result.equity_curve.data());
    }
}
BENCHMARK(BM_LoadTenYearRun)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
