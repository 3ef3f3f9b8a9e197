#include "backtest_commands.hpp"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "backtest/backtest.hpp"
#include "backtest/trade_comparison.hpp"
#include "config/config_loader.hpp"
#include "execution/replay_slippage.hpp"
#include "metrics/benchmark_alignment.hpp"
#include "metrics/performance_metrics.hpp"
#include "progress_bar.hpp"
#include "report/provenance.hpp"
#include "report/run_outputs.hpp"
#include "store/results_store.hpp"

namespace tradelab::cli {
namespace {

namespace fs = std::filesystem;

struct BacktestOptions {
    std::string config;
    std::string period = "train";
    std::string out;
    std::optional<std::uint64_t> seed;
    std::string replay_slippage;  // a reference trade_log.csv: replay its slippage and compare trades
    bool reference_compatibility = false;
    std::string db;  // results store; empty: the default location
    bool no_store = false;
};

std::string default_output_folder(const config::RunConfig& run) {
    if (run.output.run_id) return (fs::path(run.output.base_path) / *run.output.run_id).string();
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "run_%Y%m%d_%H%M%S", &local);
    std::string id = stamp;
    if (run.output.config_name) {
        std::string name = *run.output.config_name;
        for (char& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
        id += "_" + name;
    }
    return (fs::path(run.output.base_path) / id).string();
}

std::vector<std::string> periods_of(const std::string& period) {
    if (period == "all") return {"train", "validation", "holdout"};
    return {period};
}

config::RunConfig load_config_or_report(const std::string& path) {
    if (config::detect_config_kind(path) == config::ConfigKind::Strategy) {
        throw std::runtime_error(fmt::format(
            "{} is a strategy config; backtest takes a run config, which names its strategy configs "
            "(see configs/equity_momentum.yaml)",
            path));
    }
    const auto load = config::load_run_config(path);
    for (const auto& diagnostic : load.diagnostics)
        fmt::print(stderr, "{}\n", config::format_diagnostic(diagnostic));
    if (!load.ok()) throw std::runtime_error(fmt::format("{} has errors; nothing was run", path));
    return load.config;
}

void print_summary_header() {
    fmt::print("{:<11} {:>11} {:>12} {:>9} {:>7} {:>8} {:>7} {:>6} {:>9}  {}\n", "period", "start", "end",
               "return", "sharpe", "max_dd", "trades", "win%", "equity", "digest");
}

void print_summary_row(const backtest::RunResult& result, const metrics::PerformanceMetrics& m) {
    fmt::print("{:<11} {:>11} {:>12} {:>8.2f}% {:>7.2f} {:>7.2f}% {:>7} {:>5.1f}% {:>9.0f}  {}\n",
               result.period_name, format_date(result.start), format_date(result.end), m.total_return * 100.0,
               m.sharpe_ratio, m.max_drawdown * 100.0, m.total_trades, m.win_rate * 100.0,
               result.final_equity(), result.digest());
}

// With --replay-slippage: every fill takes the reference's recorded draw (0 bps, counted, for a fill
// the reference did not log), and the trades are compared with that log afterwards.
struct ReplaySetup {
    std::unique_ptr<execution::ReplaySlippage> model;
    std::vector<backtest::ReferenceTrade> reference;
};

ReplaySetup replay_setup(const BacktestOptions& options, const data::MarketData& market) {
    ReplaySetup setup;
    if (options.replay_slippage.empty()) return setup;
    setup.model = std::make_unique<execution::ReplaySlippage>(
        execution::load_replay_table(options.replay_slippage), execution::symbol_names(market),
        execution::MissingReplay::ZeroAndCount);
    setup.reference = backtest::load_reference_trade_log(options.replay_slippage);
    return setup;
}

void print_comparison(const ReplaySetup& replay, const backtest::RunResult& result) {
    const auto comparison = backtest::compare_trades(replay.reference, result.trades);
    fmt::print("{} vs {}: {}; fills without a reference draw: {}\n", result.period_name,
               "reference trade log", backtest::summary_line(comparison), replay.model->missing_count());
    for (const auto& line : backtest::describe_differences(comparison)) fmt::print("  {}\n", line);
}

// A run whose files are written but which cannot be stored is still a result: warn, do not fail.
void store_period(store::ResultsStore& results_store, const backtest::RunResult& result,
                  const metrics::PerformanceMetrics& metrics, const store::RunDescription& description) {
    try {
        const auto stored = results_store.store_run(result, metrics, description);
        fmt::print("stored {} as run {}{} in {}\n", result.period_name, stored.run_id,
                   stored.replaced ? " (replacing the identical earlier run)" : "",
                   results_store.file().string());
    } catch (const std::exception& error) {
        fmt::print(stderr, "warning: {} was not stored: {}\n", result.period_name, error.what());
    }
}

int run_backtests(const BacktestOptions& options) {
    config::RunConfig run = load_config_or_report(options.config);
    if (options.seed) run.random_seed = *options.seed;
    if (!options.replay_slippage.empty() && options.period == "all")
        throw std::runtime_error("--replay-slippage replays one period's trade log: choose one --period");
    backtest::RunMarket market = [&] {
        ProgressBar bar("loading");
        return backtest::load_run_market(run, bar.callback(),
                                         options.reference_compatibility
                                             ? backtest::Benchmarks::Both
                                             : backtest::Benchmarks::OfStrategies);
    }();
    ReplaySetup replay = replay_setup(options, *market.data);
    backtest::RunOptions run_options;
    run_options.slippage = replay.model.get();
    if (options.reference_compatibility) run_options.compatibility = backtest::ReferenceCompatibility::all();
    for (const auto& issue : market.issues) fmt::print(stderr, "{}\n", data::format_issue(issue));

    const fs::path out = options.out.empty() ? fs::path(default_output_folder(run)) : fs::path(options.out);
    const report::RunProvenance provenance = report::make_provenance(options.config, run, market);
    std::optional<store::ResultsStore> results_store;
    if (!options.no_store)
        results_store.emplace(options.db.empty() ? store::ResultsStore::default_path()
                                                 : fs::path(options.db));
    store::RunDescription stored_as = store::describe_run(provenance, run, market);
    // Diagnostic variants are stored beside, never over, the plain run of the same config.
    if (options.reference_compatibility) stored_as.variant = "reference-compatibility";
    if (!options.replay_slippage.empty())
        stored_as.variant += stored_as.variant.empty() ? "replay" : "+replay";
    std::vector<std::pair<backtest::RunResult, metrics::PerformanceMetrics>> results;
    for (const auto& period : periods_of(options.period)) {
        const auto scenario = backtest::period_scenario(run, period);
        backtest::RunResult result = [&] {
            ProgressBar bar(period);
            return backtest::run_backtest(market, run, scenario, run_options, bar.callback());
        }();
        if (replay.model) print_comparison(replay, result);
        const auto metrics = metrics::compute_metrics(result, provenance.periods_per_year,
                                                      metrics::benchmark_returns(market, result));
        report::write_run_outputs(out / period, result, metrics, provenance);
        if (results_store) store_period(*results_store, result, metrics, stored_as);
        results.emplace_back(std::move(result), metrics);
    }
    print_summary_header();
    for (const auto& [result, metrics] : results) print_summary_row(result, metrics);
    fmt::print("outputs: {}\n", out.string());
    return 0;
}

}  // namespace

void register_backtest_commands(CLI::App& app, int& exit_code) {
    static BacktestOptions options;
    auto* command = app.add_subcommand("backtest", "Run the backtest of a run config for one or all periods");
    command->alias("bt");
    command->add_option("-c,--config", options.config, "Run config (YAML)")
        ->required()
        ->check(CLI::ExistingFile);
    command->add_option("-p,--period", options.period, "train, validation, holdout or all")
        ->default_val("train")
        ->check(CLI::IsMember({"train", "validation", "holdout", "all"}));
    command->add_option("-o,--out", options.out, "Output folder (default: output.base_path/<run id>)");
    command->add_option("--seed", options.seed, "Override the config's random_seed");
    command->add_option("--db", options.db,
                        "Results store (default: $XDG_DATA_HOME/TradeLab/results.sqlite)");
    command->add_flag("--no-store", options.no_store, "Write the output files only; store nothing");
    command
        ->add_option("--replay-slippage", options.replay_slippage,
                     "Replay the slippage of a reference trade_log.csv and compare the trades with it")
        ->check(CLI::ExistingFile);
    command->add_flag("--reference-compatibility", options.reference_compatibility,
                      "Turn on every reference compatibility switch (docs/decisions.md)");
    command->callback([&exit_code] { exit_code = run_backtests(options); });
}

}  // namespace tradelab::cli
