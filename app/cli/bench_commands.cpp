#include "bench_commands.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include <sys/resource.h>
#include <vector>

#include <fmt/format.h>

#include "metrics/performance_metrics.hpp"
#include "validation/bootstrap.hpp"
#include "validation/permutation.hpp"
#include "validation/sweep_analysis.hpp"
#include "validation/walk_forward.hpp"
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
    fmt::print("workload: {} symbols x {} years, seed {}; data + features built in {:.1f} ms\n",
               options.symbols, options.years, options.seed, setup_ms);
    fmt::print("warm-up: {} days, {} trades, final equity {:.2f}, sharpe {:.3f}, digest {}\n",
               warm.equity_curve.size(), warm.trades.size(), warm.final_equity(), metrics.sharpe_ratio,
               warm.digest());

    std::vector<double> times;
    for (int i = 0; i < options.repeat; ++i) {
        const auto start = std::chrono::steady_clock::now();
        const auto result = backtest::run_backtest(workload.market, workload.run, workload.scenario);
        const auto run_metrics =
            metrics::compute_metrics(result, backtest::periods_per_year(workload.market));
        times.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        if (result.digest() != warm.digest() || run_metrics.total_trades != metrics.total_trades) {
            fmt::print(stderr, "error: run {} gave digest {}, the warm-up gave {}\n", i + 1, result.digest(),
                       warm.digest());
            return 1;
        }
    }
    std::sort(times.begin(), times.end());
    fmt::print("runs: {} (min {:.2f} ms, max {:.2f} ms), every digest identical\n", times.size(),
               times.front(), times.back());
    fmt::print("backtest_ms {:.2f}\n", times[times.size() / 2]);
    return 0;
}

// The validation workloads on the synthetic universe: each prints "<name>_s <seconds>" last.
struct ValidationBenchOptions {
    int symbols = 500;
    int years = 10;
    std::uint64_t seed = 1;
    int threads = 2;
    int points = 1000;
    int iterations = 1000;
    int folds = 10;
    int fold_points = 100;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

workloads::SyntheticBacktest build_workload(const ValidationBenchOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    auto workload = workloads::make_synthetic_backtest(options.symbols, options.years, options.seed);
    fmt::print("workload: {} symbols x {} years, seed {}, {} threads; data + features built in {:.2f} s\n",
               options.symbols, options.years, options.seed, options.threads, seconds_since(start));
    return workload;
}

// A grid of about `points` points: exit MA (indicator windows change: 10 feature groups) x stop ATR
// multiple x risk per trade.
validation::SweepGrid bench_grid(int points) {
    const int third = std::max(1, (points + 99) / 100);
    return {"equity",
            {validation::parse_axis("exit.exit_ma=10:100:10"),
             validation::parse_axis("exit.hard_stop_atr_mult=1.5:6:0.5"),
             validation::parse_axis(
                 fmt::format("risk.risk_per_trade=0.002:{}:0.0001", 0.002 + 0.0001 * (third - 1)))}};
}

long peak_rss_mb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

int bench_sweep(const ValidationBenchOptions& options) {
    const auto workload = build_workload(options);
    const validation::PointConfigSource source{
        {}, workload.run, workloads::synthetic_strategy_yaml(workload)};
    const auto grid = bench_grid(options.points);
    validation::SweepOptions sweep;
    sweep.period = "custom";
    sweep.scenario = workload.scenario;
    sweep.threads = options.threads;
    const auto start = std::chrono::steady_clock::now();
    const auto result = validation::run_sweep(workload.market, source, grid, sweep);
    const double seconds = seconds_since(start);
    const auto analysis = validation::analyse_sweep(result);
    fmt::print(
        "grid: {} points ({} evaluated, {} invalid), sharpe {:.3f}..{:.3f}; {:.1f} ms per point per thread; "
        "peak RSS {} MB\n",
        result.points.size(), analysis.evaluated, analysis.invalid, analysis.min, analysis.max,
        1000.0 * seconds * options.threads / double(std::max<std::size_t>(analysis.evaluated, 1)),
        peak_rss_mb());
    fmt::print("sweep_s {:.2f}\n", seconds);
    return analysis.evaluated == result.points.size() ? 0 : 1;
}

int bench_mcpt(const ValidationBenchOptions& options) {
    const auto workload = build_workload(options);
    validation::PermutationTestOptions test;
    test.iterations = options.iterations;
    test.threads = options.threads;
    test.seed = options.seed;
    const auto start = std::chrono::steady_clock::now();
    const auto result =
        validation::monte_carlo_permutation_test(workload.market, workload.run, workload.scenario, test);
    const double seconds = seconds_since(start);
    fmt::print(
        "permutation test: {} re-simulations, actual sharpe {:.3f}, null mean {:.3f} (sd {:.3f}), p = "
        "{:.4f}; "
        "{:.1f} ms per re-simulation per thread; peak RSS {} MB\n",
        result.null_values.size(), result.actual, result.null.mean, result.null.std, result.p_value,
        1000.0 * seconds * options.threads / double(std::max<std::size_t>(result.null_values.size(), 1)),
        peak_rss_mb());
    fmt::print("mcpt_s {:.2f}\n", seconds);
    return 0;
}

int bench_walkforward(const ValidationBenchOptions& options) {
    const auto workload = build_workload(options);
    const validation::PointConfigSource source{
        {}, workload.run, workloads::synthetic_strategy_yaml(workload)};
    const int side = std::max(1, int(std::lround(std::sqrt(double(options.fold_points)))));
    const double clearance_step = 0.009 / std::max(side - 1, 1);
    const validation::SweepGrid grid{
        "equity",
        {validation::parse_axis(fmt::format("exit.hard_stop_atr_mult=1.5:{}:0.5", 1.5 + 0.5 * (side - 1))),
         validation::parse_axis(fmt::format("entry.fast_clearance=0:{:.6f}:{:.6f}",
                                            clearance_step * (side - 1), clearance_step))}};
    validation::WalkForwardOptions wf;
    wf.first_start = workload.scenario.start;
    wf.end = workload.scenario.end;
    const int months = int((workload.scenario.end - workload.scenario.start).count() / 30.44);
    // Folds of equal out-of-sample length after a 2-year in-sample window (shorter on short histories).
    wf.in_sample_months = std::min(24, months / 2);
    wf.out_of_sample_months = std::max(1, (months - wf.in_sample_months) / options.folds);
    wf.threads = options.threads;
    const auto start = std::chrono::steady_clock::now();
    const auto result = validation::run_walk_forward(workload.market, source, grid, wf);
    const double seconds = seconds_since(start);
    fmt::print(
        "walk-forward: {} folds x {} points (IS {} months, OOS {} months), stitched return {:.2f}%, WFE "
        "{:.3f}\n",
        result.folds.size(), grid.size(), wf.in_sample_months, wf.out_of_sample_months,
        100.0 * result.stitched_total_return, result.wfe);
    fmt::print("walkforward_s {:.2f}\n", seconds);
    return 0;
}

int bench_bootstrap(const ValidationBenchOptions& options) {
    const auto workload = build_workload(options);
    const auto run = backtest::run_backtest(workload.market, workload.run, workload.scenario);
    const std::vector<double> r = metrics::r_multiples(run.trades);
    const auto returns = metrics::daily_returns(run.starting_equity, run.equity_curve);
    const auto start = std::chrono::steady_clock::now();
    validation::RBootstrapParams r_params;
    r_params.iterations = options.iterations;
    const auto trades = validation::bootstrap_r_multiples(r, r_params, options.threads);
    validation::StationaryBootstrapParams block;
    block.iterations = options.iterations;
    const auto daily = validation::stationary_bootstrap(returns, block, options.threads);
    const double seconds = seconds_since(start);
    fmt::print(
        "bootstrap: {} iterations of {} trades (sharpe 5th {:.3f}) and of {} daily returns (block {:.1f}, "
        "sharpe 5th {:.3f})\n",
        trades.iterations_done, r.size(), trades.sharpe_5th, returns.size(), daily.mean_block_length,
        daily.sharpe_5th);
    fmt::print("bootstrap_s {:.3f}\n", seconds);
    return 0;
}

void add_validation_bench_options(CLI::App* command, ValidationBenchOptions& options) {
    command->add_option("--symbols", options.symbols, "Symbols")
        ->default_val(options.symbols)
        ->check(CLI::Range(1, 100000));
    command->add_option("--years", options.years, "Years (the first is warm-up)")
        ->default_val(options.years)
        ->check(CLI::Range(2, 60));
    command->add_option("--seed", options.seed, "Seed of the synthetic data")->default_val(1);
    command->add_option("--threads", options.threads, "Worker threads")
        ->default_val(2)
        ->check(CLI::Range(1, 1024));
}

}  // namespace

void register_bench_commands(CLI::App& app, int& exit_code) {
    static BenchOptions options;
    auto* bench = app.add_subcommand("bench", "Reproducible timings of TradeLab's workloads");
    bench->require_subcommand(1);
    auto* backtest =
        bench->add_subcommand("backtest", "Time the synthetic-universe backtest (median of runs)");
    backtest->add_option("--symbols", options.symbols, "Symbols")
        ->default_val(500)
        ->check(CLI::Range(1, 100000));
    backtest->add_option("--years", options.years, "Years (the first is warm-up)")
        ->default_val(10)
        ->check(CLI::Range(2, 60));
    backtest->add_option("--seed", options.seed, "Seed of the synthetic data and the slippage")
        ->default_val(1);
    backtest->add_option("--repeat", options.repeat, "Timed runs")
        ->default_val(7)
        ->check(CLI::Range(1, 1000));
    backtest->callback([&exit_code] { exit_code = bench_backtest(options); });

    static ValidationBenchOptions sweep_options;
    auto* sweep = bench->add_subcommand("sweep", "Time a sensitivity grid on the synthetic universe");
    add_validation_bench_options(sweep, sweep_options);
    sweep->add_option("--points", sweep_options.points, "Grid points (rounded up to a multiple of 100)")
        ->default_val(1000)
        ->check(CLI::Range(100, 1'000'000));
    sweep->callback([&exit_code] { exit_code = bench_sweep(sweep_options); });

    static ValidationBenchOptions mcpt_options;
    mcpt_options.symbols = 100;
    auto* mcpt =
        bench->add_subcommand("mcpt", "Time the permutation test (full re-simulation per iteration)");
    add_validation_bench_options(mcpt, mcpt_options);
    mcpt->add_option("--iterations", mcpt_options.iterations, "Permutations")
        ->default_val(1000)
        ->check(CLI::Range(1, 1'000'000));
    mcpt->callback([&exit_code] { exit_code = bench_mcpt(mcpt_options); });

    static ValidationBenchOptions wf_options;
    auto* wf = bench->add_subcommand("walkforward", "Time a walk-forward optimisation");
    add_validation_bench_options(wf, wf_options);
    wf->add_option("--folds", wf_options.folds, "Folds")->default_val(10)->check(CLI::Range(1, 1000));
    wf->add_option("--points", wf_options.fold_points, "Grid points per fold (a square grid)")
        ->default_val(100)
        ->check(CLI::Range(1, 100000));
    wf->callback([&exit_code] { exit_code = bench_walkforward(wf_options); });

    static ValidationBenchOptions bootstrap_options;
    auto* bootstrap = bench->add_subcommand("bootstrap", "Time both bootstraps on the synthetic run");
    add_validation_bench_options(bootstrap, bootstrap_options);
    bootstrap->add_option("--iterations", bootstrap_options.iterations, "Resamples")
        ->default_val(1000)
        ->check(CLI::Range(1, 10'000'000));
    bootstrap->callback([&exit_code] { exit_code = bench_bootstrap(bootstrap_options); });
}

}  // namespace tradelab::cli
