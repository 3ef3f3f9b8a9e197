#include "validation_commands.hpp"

#include <atomic>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "config/config_loader.hpp"
#include "core/parallel.hpp"
#include "metrics/benchmark_alignment.hpp"
#include "progress_bar.hpp"
#include "report/atomic_file.hpp"
#include "report/provenance.hpp"
#include "store/results_store.hpp"
#include "store_access.hpp"
#include "validation/sweep_analysis.hpp"
#include "validation/validation_store.hpp"
#include "validation/validation_suite.hpp"
#include "validation/walk_forward.hpp"

namespace tradelab::cli {
namespace {

namespace fs = std::filesystem;

// Ctrl+C asks the running work to stop; what finished is written and marked partial.
std::atomic<bool> interrupted{false};

extern "C" void on_interrupt(int) {
    interrupted.store(true);
}

class InterruptGuard {
  public:
    InterruptGuard() { previous_ = std::signal(SIGINT, on_interrupt); }
    ~InterruptGuard() { std::signal(SIGINT, previous_); }
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

  private:
    void (*previous_)(int) = nullptr;
};

Progress interruptible(Progress inner) {
    return [inner = std::move(inner)](double f) { return !interrupted.load() && report_progress(inner, f); };
}

struct CommonOptions {
    std::string config;
    std::string out;
    int threads = 0;
    std::optional<std::uint64_t> seed;
    std::string db;
    bool no_store = false;
};

struct Loaded {
    validation::PointConfigSource source;
    backtest::RunMarket market;
    report::RunProvenance provenance;
};

Loaded load(const CommonOptions& options) {
    if (config::detect_config_kind(options.config) == config::ConfigKind::Strategy)
        throw std::runtime_error(
            fmt::format("{} is a strategy config; this command takes a run config", options.config));
    const auto load = config::load_run_config(options.config);
    for (const auto& d : load.diagnostics) fmt::print(stderr, "{}\n", config::format_diagnostic(d));
    if (!load.ok()) throw std::runtime_error(fmt::format("{} has errors; nothing was run", options.config));
    Loaded loaded{{fs::path(options.config), load.config, {}}, {}, {}};
    if (options.seed) loaded.source.base.random_seed = *options.seed;
    {
        ProgressBar bar("loading");
        loaded.market = backtest::load_run_market(loaded.source.base, bar.callback());
    }
    for (const auto& issue : loaded.market.issues) fmt::print(stderr, "{}\n", data::format_issue(issue));
    loaded.provenance = report::make_provenance(options.config, loaded.source.base, loaded.market);
    return loaded;
}

fs::path output_folder(const CommonOptions& options, const config::RunConfig& run, const char* kind) {
    if (!options.out.empty()) return options.out;
    return fs::path(run.output.base_path) / kind;
}

void open_store(const CommonOptions& options, std::optional<store::ResultsStore>& results_store) {
    if (!options.no_store) results_store.emplace(store_path(options.db));
}

store::RunDescription description(const Loaded& loaded, store::RunKind kind, int threads) {
    auto d = store::describe_run(loaded.provenance, loaded.source.base, loaded.market);
    d.kind = kind;
    d.thread_count = resolve_threads(threads);
    return d;
}

void add_common(CLI::App* command, CommonOptions& options) {
    command->add_option("-c,--config", options.config, "Run config (YAML)")
        ->required()
        ->check(CLI::ExistingFile);
    command->add_option("-o,--out", options.out, "Output folder");
    command->add_option("--threads", options.threads, "Worker threads (0: every hardware thread)")
        ->default_val(0)
        ->check(CLI::Range(0, 1024));
    command->add_option("--seed", options.seed, "Override the config's random_seed");
    command->add_option("--db", options.db,
                        "Results store (default: $XDG_DATA_HOME/TradeLab/results.sqlite)");
    command->add_flag("--no-store", options.no_store, "Write the output files only; store nothing");
}

// ----------------------------------------------------------------------------------------------- validate

struct ValidateOptions {
    CommonOptions common;
    std::optional<int> bootstrap_iterations;
    std::optional<int> permutation_iterations;
    std::string evaluate = "validation";
    bool no_overfitting = false;
};

int run_validate(const ValidateOptions& options) {
    const Loaded loaded = load(options.common);
    validation::ValidationOptions suite;
    suite.threads = options.common.threads;
    suite.bootstrap_iterations = options.bootstrap_iterations;
    suite.permutation_iterations = options.permutation_iterations;
    suite.evaluate_period = options.evaluate;
    suite.overfitting_analysis = !options.no_overfitting;
    const InterruptGuard guard;
    const auto report = [&] {
        ProgressBar bar("validate");
        return validation::run_validation(loaded.market, loaded.source, suite, interruptible(bar.callback()));
    }();
    const fs::path out = output_folder(options.common, loaded.source.base, "validation");
    fs::create_directories(out);
    report::write_file_atomically(out / "validation.json", validation::to_json(report).dump(2) + "\n");
    fmt::print("{}", validation::console_summary(report));
    std::optional<store::ResultsStore> results_store;
    open_store(options.common, results_store);
    if (results_store) {
        const auto stored = validation::store_validation(
            *results_store, description(loaded, store::RunKind::Validation, options.common.threads), report,
            options.evaluate, loaded.market);
        fmt::print("stored the validation ({} period, verdict {}) as run {} with {} stress scenarios in {}\n",
                   options.evaluate, validation::to_string(report.verdict.verdict), stored.run_id,
                   stored.stress_runs, results_store->file().string());
    }
    fmt::print("wrote {} in {:.1f} s\n", (out / "validation.json").string(), report.seconds);
    if (report.partial) return 130;
    return report.verdict.verdict == validation::Verdict::Reject ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------- sensitivity

struct SensitivityOptions {
    CommonOptions common;
    std::string slot;
    std::string period = "train";
    std::string objective = "sharpe_ratio";
    std::vector<std::string> ranges;
};

// Stores finished grid points in batches of 64, each batch one transaction, under the sweep's parent.
class PointStore {
  public:
    PointStore(store::ResultsStore& results_store, store::RunDescription base)
        : store_(results_store), base_(std::move(base)) {}

    void add(const validation::SweepPoint& point, const validation::SweepGrid& grid,
             const backtest::RunResult& run) {
        std::string variant;
        for (std::size_t a = 0; a < grid.axes.size(); ++a)
            variant += fmt::format("{}{}={}", a ? "," : "", grid.axes[a].name, point.labels[a]);
        const std::lock_guard lock(mutex_);
        pending_.push_back({run, point.metrics, std::move(variant)});
        if (pending_.size() >= 64) flush_locked();
    }
    void flush() {
        const std::lock_guard lock(mutex_);
        flush_locked();
    }
    std::size_t stored() const { return stored_; }

  private:
    struct Pending {
        backtest::RunResult run;
        metrics::PerformanceMetrics metrics;
        std::string variant;
    };
    void flush_locked() {
        std::vector<store::RunToStore> batch;
        for (const auto& p : pending_) {
            auto d = base_;
            d.variant = p.variant;
            batch.push_back({&p.run, &p.metrics, std::move(d)});
        }
        stored_ += store_.store_runs(batch).size();
        pending_.clear();
    }
    store::ResultsStore& store_;
    store::RunDescription base_;
    std::mutex mutex_;
    std::vector<Pending> pending_;
    std::size_t stored_ = 0;
};

// The run of the config as written (the centre of every grid) over the swept period, with its metrics.
struct SweepParent {
    backtest::RunResult run;
    metrics::PerformanceMetrics metrics;
};

SweepParent sweep_parent(const Loaded& loaded, const SensitivityOptions& options) {
    const auto& config = loaded.source.base;
    SweepParent parent{
        backtest::run_backtest(loaded.market, config, backtest::period_scenario(config, options.period)), {}};
    parent.metrics = metrics::compute_metrics(parent.run, backtest::periods_per_year(loaded.market),
                                              metrics::benchmark_returns(loaded.market, parent.run));
    return parent;
}

// A sweep's points hang under that run, stored once per grid as a backtest with the variant
// "sensitivity sweep (<slot>)".
std::int64_t store_sweep_parent(store::ResultsStore& results_store, const Loaded& loaded,
                                const SweepParent& parent, const std::string& slot,
                                const SensitivityOptions& options) {
    auto d = description(loaded, store::RunKind::Backtest, options.common.threads);
    d.variant = fmt::format("sensitivity sweep ({})", slot);
    return results_store.store_run(parent.run, parent.metrics, d).run_id;
}

int run_sensitivity(const SensitivityOptions& options) {
    const Loaded loaded = load(options.common);
    std::vector<validation::ParameterAxis> extra_axes;
    for (const auto& range : options.ranges) extra_axes.push_back(validation::parse_axis(range));
    std::optional<store::ResultsStore> results_store;
    open_store(options.common, results_store);
    const fs::path out = output_folder(options.common, loaded.source.base, "sensitivity");
    const InterruptGuard guard;
    bool partial = false;
    std::optional<SweepParent> parent;  // the same run for every grid: run once
    for (auto grid : validation::grids_from_config(loaded.source.base, options.slot)) {
        validation::apply_axes(grid, extra_axes);
        validation::SweepOptions sweep;
        sweep.period = options.period;
        sweep.objective = options.objective;
        sweep.threads = options.common.threads;
        std::optional<PointStore> points;
        if (results_store) {
            auto point_description =
                description(loaded, store::RunKind::SensitivityPoint, options.common.threads);
            if (!parent) parent = sweep_parent(loaded, options);
            point_description.parent_run_id =
                store_sweep_parent(*results_store, loaded, *parent, grid.slot, options);
            points.emplace(*results_store, std::move(point_description));
            sweep.on_point = [&](const validation::SweepPoint& point, const backtest::RunResult& run,
                                 const config::RunConfig&) { points->add(point, grid, run); };
        }
        const auto result = [&] {
            ProgressBar bar("sensitivity " + grid.slot);
            return validation::run_sweep(loaded.market, loaded.source, grid, sweep,
                                         interruptible(bar.callback()));
        }();
        if (points) points->flush();
        const auto analysis = validation::analyse_sweep(result);
        const auto files = validation::write_sensitivity_outputs(out / grid.slot, result, analysis);
        const auto summary = validation::sensitivity_summary_json(result, analysis);
        fmt::print("{} grid: {} points ({} evaluated, {} invalid) on {} {}..{} in {:.1f} s{}\n", grid.slot,
                   analysis.total, analysis.evaluated, analysis.invalid, result.period,
                   format_date(result.start), format_date(result.end), result.seconds,
                   result.partial ? " (cancelled: partial)" : "");
        fmt::print("  {}: mean {:.3f}, std {:.3f}, min {:.3f}, max {:.3f}\n", result.objective, analysis.mean,
                   analysis.std, analysis.min, analysis.max);
        fmt::print("  best:        {}\n  best stable: {} (worst neighbour {:.3f})\n",
                   summary["best"].is_null() ? "none" : summary["best"].dump(),
                   summary["best_stable"].is_null() ? "none" : summary["best_stable"].dump(),
                   analysis.best_stable_floor);
        fmt::print(
            "  sharp peak at the best: {} (drop to neighbours {:.0f}% of the range); spec z-test: {} (z "
            "{:.2f})\n",
            analysis.best_is_sharp_peak ? "yes" : "no", 100.0 * analysis.best_neighbour_drop,
            analysis.has_sharp_peaks ? "yes" : "no", analysis.peak_z);
        for (const auto& point : result.points)
            if (!point.valid) {
                fmt::print("  invalid: {} — {}\n", fmt::join(point.labels, ", "), point.invalid_reason);
                break;
            }
        if (analysis.invalid > 1)
            fmt::print("  ({} invalid combinations in all; see sensitivity_summary.json)\n",
                       analysis.invalid);
        if (points)
            fmt::print("  stored {} grid points in {}\n", points->stored(), results_store->file().string());
        fmt::print("  wrote {} files to {}\n", files.size(), (out / grid.slot).string());
        partial = partial || result.partial;
    }
    return partial ? 130 : 0;
}

// ---------------------------------------------------------------------------------------------- walkforward

struct WalkForwardCliOptions {
    CommonOptions common;
    std::string slot;
    validation::WalkForwardOptions wf;
    std::vector<std::string> ranges;
};

int run_walkforward(WalkForwardCliOptions options) {
    const Loaded loaded = load(options.common);
    auto grids = validation::grids_from_config(loaded.source.base, options.slot);
    auto grid = grids.front();
    std::vector<validation::ParameterAxis> extra_axes;
    for (const auto& range : options.ranges) extra_axes.push_back(validation::parse_axis(range));
    validation::apply_axes(grid, extra_axes);
    options.wf.threads = options.common.threads;
    const InterruptGuard guard;
    const auto result = [&] {
        ProgressBar bar("walk-forward");
        return validation::run_walk_forward(loaded.market, loaded.source, grid, options.wf,
                                            interruptible(bar.callback()));
    }();
    const fs::path out = output_folder(options.common, loaded.source.base, "walkforward");
    fs::create_directories(out);
    report::write_file_atomically(out / "walkforward.json", validation::to_json(result).dump(2) + "\n");
    fmt::print("{:<5} {:>10} {:>10} {:>10} {:>10}  {:<40} {:>8} {:>8} {:>7}\n", "fold", "is start",
               "oos start", "oos end", "is obj", "winner", "oos ret", "oos dd", "trades");
    for (const auto& f : result.folds)
        fmt::print("{:<5} {:>10} {:>10} {:>10} {:>10.3f}  {:<40} {:>7.2f}% {:>7.2f}% {:>7}\n", f.fold.number,
                   format_date(f.fold.in_sample.start), format_date(f.fold.out_of_sample.start),
                   format_date(f.fold.out_of_sample.end), f.in_sample_objective,
                   fmt::format("{}", fmt::join(f.winner_labels, ", ")), 100.0 * f.out_of_sample.total_return,
                   100.0 * f.out_of_sample.max_drawdown, f.out_of_sample.total_trades);
    fmt::print("stitched out-of-sample: return {:.2f}%, Sharpe {:.3f}, max DD {:.2f}%; WFE {}\n",
               100.0 * result.stitched_total_return, result.stitched_sharpe,
               100.0 * result.stitched_max_drawdown,
               std::isfinite(result.wfe) ? fmt::format("{:.3f}", result.wfe)
                                         : "undefined (" + result.wfe_note + ")");
    for (const auto& c : result.checks)
        fmt::print("  {:<36} {:>10.4f} {:>3} {:>8.4f}  {}\n", c.name, c.value, c.comparison, c.threshold,
                   c.passed ? "pass" : "FAIL");
    fmt::print("walk-forward {}; wrote {}\n", result.passed ? "PASSED" : "FAILED",
               (out / "walkforward.json").string());
    std::optional<store::ResultsStore> results_store;
    open_store(options.common, results_store);
    if (results_store) {
        const auto stored = validation::store_walk_forward(
            *results_store, description(loaded, store::RunKind::WalkforwardFold, options.common.threads),
            result, loaded.market);
        fmt::print("stored {} out-of-sample folds in {}\n", stored.folds(), results_store->file().string());
    }
    if (result.partial) return 130;
    return result.passed ? 0 : 1;
}

}  // namespace

void register_validation_commands(CLI::App& app, int& exit_code) {
    static ValidateOptions validate;
    auto* v = app.add_subcommand("validate",
                                 "Validation suite: bootstraps, permutation test, stress, PBO/DSR, verdict");
    add_common(v, validate.common);
    v->add_option("--bootstrap-iterations", validate.bootstrap_iterations, "Default: validation.statistical")
        ->check(CLI::Range(1, 10'000'000));
    v->add_option("--permutation-iterations", validate.permutation_iterations,
                  "Default: validation.statistical")
        ->check(CLI::Range(1, 10'000'000));
    v->add_option("--evaluate", validate.evaluate, "Period the verdict judges")
        ->default_val("validation")
        ->check(CLI::IsMember({"train", "validation", "holdout", "train+validation"}));
    v->add_flag("--no-overfitting", validate.no_overfitting, "Skip the grid sweep behind PBO and the DSR");
    v->callback([&exit_code] { exit_code = run_validate(validate); });

    static SensitivityOptions sensitivity;
    auto* s = app.add_subcommand("sensitivity",
                                 "Parameter grid: heatmaps, best stable point, invalid combinations");
    add_common(s, sensitivity.common);
    s->add_option("--asset-class", sensitivity.slot, "equity or crypto (default: every enabled strategy)")
        ->check(CLI::IsMember({"equity", "crypto"}));
    s->add_option("-p,--period", sensitivity.period, "Period each point runs")
        ->default_val("train")
        ->check(CLI::IsMember({"train", "validation", "holdout"}));
    s->add_option("--metric", sensitivity.objective, "Objective (a metric name)")
        ->default_val("sharpe_ratio");
    s->add_option("--range", sensitivity.ranges, "KEY=START:STOP:STEP or KEY=V1,V2 (repeatable)");
    s->callback([&exit_code] { exit_code = run_sensitivity(sensitivity); });

    static WalkForwardCliOptions wf;
    auto* w = app.add_subcommand("walkforward", "Walk-forward optimisation, rolling or anchored");
    add_common(w, wf.common);
    w->add_option("--asset-class", wf.slot, "equity or crypto (default: the first enabled strategy)")
        ->check(CLI::IsMember({"equity", "crypto"}));
    w->add_option("--in-sample-months", wf.wf.in_sample_months, "In-sample window")
        ->default_val(24)
        ->check(CLI::Range(1, 600));
    w->add_option("--out-of-sample-months", wf.wf.out_of_sample_months, "Out-of-sample window and step")
        ->default_val(6)
        ->check(CLI::Range(1, 600));
    w->add_flag("--anchored", wf.wf.anchored, "Keep the first in-sample start fixed");
    w->add_option("--metric", wf.wf.objective, "Objective chosen on each in-sample window")
        ->default_val("sharpe_ratio");
    w->add_option("--range", wf.ranges, "KEY=START:STOP:STEP or KEY=V1,V2 (repeatable)");
    w->add_option("--min-wfe", wf.wf.thresholds.min_wfe, "Walk-forward efficiency needed")->default_val(0.5);
    w->add_option("--max-drawdown", wf.wf.thresholds.max_drawdown, "Stitched max drawdown allowed")
        ->default_val(0.40);
    w->callback([&exit_code] { exit_code = run_walkforward(wf); });
}

}  // namespace tradelab::cli
