#include "bench_commands.hpp"

#include <algorithm>
#include <chrono>
#include <vector>

#include <fmt/format.h>

#include "metrics/performance_metrics.hpp"
#include "workloads/synthetic_backtest.hpp"

namespace tradelab::cli {
namespace {

struct BenchOptions {
    int symbols = 500;
    int years = 10;
    std::uint64_t seed = 1;
    int repeat = 7;
};

int bench_backtest(const BenchOptions& options) {
    const auto setup_start = std::chrono::steady_clock::now();
    const auto workload = workloads::make_synthetic_backtest(options.symbols, options.years, options.seed);
    const double setup_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - setup_start).count();
    const auto warm = backtest::run_backtest(workload.market, workload.run, workload.scenario);
    const auto metrics = metrics::compute_metrics(warm, backtest::periods_per_year(workload.market));
    fmt::print("workload: {} symbols x {} years, seed {}; data + features built in {:.1f} ms\n", options.symbols,
               options.years, options.seed, setup_ms);
    fmt::print("warm-up: {} days, {} trades, final equity {:.2f}, sharpe {:.3f}, digest {}\n", warm.equity_curve.size(),
               warm.trades.size(), warm.final_equity(), metrics.sharpe_ratio, warm.digest());

    std::vector<double> times;
    for (int i = 0; i < options.repeat; ++i) {
        const auto start = std::chrono::steady_clock::now();
        const auto result = backtest::run_backtest(workload.market, workload.run, workload.scenario);
        const auto run_metrics = metrics::compute_metrics(result, backtest::periods_per_year(workload.market));
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        if (result.digest() != warm.digest() || run_metrics.total_trades != metrics.total_trades) {
            fmt::print(stderr, "error: run {} gave digest {}, the warm-up gave {}\n", i + 1, result.digest(),
                       warm.digest());
            return 1;
        }
    }
    std::sort(times.begin(), times.end());
    fmt::print("runs: {} (min {:.2f} ms, max {:.2f} ms), every digest identical\n", times.size(), times.front(),
               times.back());
    fmt::print("backtest_ms {:.2f}\n", times[times.size() / 2]);
    return 0;
}

}  // namespace

void register_bench_commands(CLI::App& app, int& exit_code) {
    static BenchOptions options;
    auto* bench = app.add_subcommand("bench", "Reproducible timings of TradeLab's workloads");
    bench->require_subcommand(1);
    auto* backtest = bench->add_subcommand("backtest", "Time the synthetic-universe backtest (median of runs)");
    backtest->add_option("--symbols", options.symbols, "Symbols")->default_val(500)->check(CLI::Range(1, 100000));
    backtest->add_option("--years", options.years, "Years (the first is warm-up)")->default_val(10)->check(CLI::Range(2, 60));
    backtest->add_option("--seed", options.seed, "Seed of the synthetic data and the slippage")->default_val(1);
    backtest->add_option("--repeat", options.repeat, "Timed runs")->default_val(7)->check(CLI::Range(1, 1000));
    backtest->callback([&exit_code] { exit_code = bench_backtest(options); });
}

}  // namespace tradelab::cli
