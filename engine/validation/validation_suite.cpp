#include "validation/validation_suite.hpp"

#include <chrono>
#include <cmath>

#include <fmt/format.h>

#include "core/parallel.hpp"
#include "metrics/benchmark_alignment.hpp"
#include "metrics/metrics_json.hpp"
#include "validation/sweep_analysis.hpp"

namespace tradelab::validation {
namespace {

// Maps each stage's own 0..1 progress into its share of the suite and remembers a cancel.
class StageProgress {
  public:
    explicit StageProgress(const Progress& progress) : progress_(progress) {}

    Progress stage(double from, double to) {
        return [this, from, to](double f) {
            if (cancelled_) return false;
            if (!report_progress(progress_, from + (to - from) * f)) cancelled_ = true;
            return !cancelled_;
        };
    }
    bool cancelled() const { return cancelled_; }

  private:
    const Progress& progress_;
    bool cancelled_ = false;
};

PeriodOutcome run_period(const backtest::RunMarket& market, const config::RunConfig& run,
                         const backtest::Scenario& scenario, const Progress& progress) {
    PeriodOutcome outcome{
        scenario.period_name, backtest::run_backtest(market, run, scenario, {}, progress), {}};
    outcome.metrics = metrics::compute_metrics(outcome.run, backtest::periods_per_year(market),
                                               metrics::benchmark_returns(market, outcome.run));
    return outcome;
}

// validation.statistical, with the documented defaults when the block is absent.
config::StatisticalConfig statistical_settings(const config::RunConfig& run) {
    return run.validation.statistical.value_or(config::StatisticalConfig{});
}

// The sensitivity grid over the continuous period, keeping each point's daily returns for PBO and the
// Sharpe spread for the DSR.
void analyse_overfitting(const backtest::RunMarket& market, const PointConfigSource& source,
                         const ValidationOptions& options, const PeriodOutcome& continuous,
                         ValidationReport& report, const Progress& progress) {
    const auto grids =
        grids_from_config(source.base, backtest::enabled_strategies(source.base).front().first);
    SweepOptions sweep_options;
    sweep_options.period = "custom";
    sweep_options.scenario = continuous_scenario(source.base);
    sweep_options.threads = options.threads;
    sweep_options.keep_daily_returns = true;
    auto sweep = run_sweep(market, source, grids.front(), sweep_options, progress);
    if (sweep.partial) {
        report.overfitting_note = "the grid sweep was cancelled";
        return;
    }
    std::vector<std::vector<double>> columns;
    std::vector<double> sharpes;
    const double per_year = backtest::periods_per_year(market);
    for (auto& point : sweep.points) {
        if (!point.done) continue;
        sharpes.push_back(point.metrics.sharpe_ratio / std::sqrt(per_year));
        columns.push_back(std::move(point.daily_returns));
        point.daily_returns = {};
    }
    report.grid = std::move(sweep);
    if (columns.size() < 2) {
        report.overfitting_note = "fewer than 2 valid grid points: no PBO or DSR";
        return;
    }
    const double deviation = metrics::population_std(sharpes);
    const double variance = deviation * deviation;
    const auto returns = metrics::daily_returns(continuous.run.starting_equity, continuous.run.equity_curve);
    try {
        report.deflated_sharpe = metrics::deflated_sharpe_ratio(returns, sharpes.size(), variance);
    } catch (const std::invalid_argument& error) {
        report.overfitting_note = fmt::format("no DSR: {}", error.what());
    }
    const std::size_t periods = columns.front().size();
    if (periods < std::size_t(options.pbo_blocks)) {
        report.overfitting_note +=
            fmt::format("{}no PBO: {} days for {} blocks", report.overfitting_note.empty() ? "" : "; ",
                        periods, options.pbo_blocks);
        return;
    }
    report.pbo = probability_of_backtest_overfitting(columns, PboParams{options.pbo_blocks, per_year},
                                                     options.threads);
}

GoNoGoInputs verdict_inputs(const ValidationReport& report, const config::RunConfig& run,
                            const PeriodOutcome& judged) {
    GoNoGoInputs inputs;
    inputs.period = judged.name;
    inputs.metrics = judged.metrics;
    inputs.expectancy_without_top_trades = expectancy_without_top_trades(judged.run.trades);
    inputs.stress = &report.stress;
    if (report.r_bootstrap.iterations_done > 0) inputs.bootstrap_sharpe_5th = report.r_bootstrap.sharpe_5th;
    if (!report.permutation.null_values.empty()) inputs.permutation_p_value = report.permutation.p_value;
    inputs.bootstrap_threshold = statistical_settings(run).bootstrap_5th_percentile_threshold;
    return inputs;
}

void collect_warnings(ValidationReport& report) {
    for (const auto& w : report.r_bootstrap.warnings) report.warnings.push_back("bootstrap: " + w);
    for (const auto& w : report.stress.warnings) report.warnings.push_back("stress: " + w);
    if (report.pbo && report.pbo->pbo > 0.5)
        report.warnings.push_back(
            fmt::format("PBO {:.2f}: the best in-sample grid point is more likely than not "
                        "below the median out of sample",
                        report.pbo->pbo));
    if (report.deflated_sharpe && report.deflated_sharpe->dsr < 0.95)
        report.warnings.push_back(fmt::format("deflated Sharpe ratio {:.3f} < 0.95 after {} trials",
                                              report.deflated_sharpe->dsr, report.deflated_sharpe->trials));
}

}  // namespace

const PeriodOutcome* ValidationReport::period(const std::string& name) const {
    for (const auto& p : periods)
        if (p.name == name) return &p;
    return nullptr;
}

ValidationReport run_validation(const backtest::RunMarket& market, const PointConfigSource& source,
                                const ValidationOptions& options, const Progress& progress) {
    const auto started = std::chrono::steady_clock::now();
    const auto& run = source.base;
    ValidationReport report;
    report.config_file = source.run_file.string();
    report.seed = run.random_seed;
    report.threads = resolve_threads(options.threads);
    StageProgress stages(progress);

    auto baseline = stages.stage(0.0, 0.02);
    for (const char* name : {"train", "validation"})
        report.periods.push_back(run_period(market, run, backtest::period_scenario(run, name), baseline));
    report.periods.push_back(run_period(market, run, continuous_scenario(run), baseline));
    if (options.evaluate_period == "holdout")
        report.periods.push_back(
            run_period(market, run, backtest::period_scenario(run, "holdout"), baseline));
    const PeriodOutcome& continuous = *report.period("train+validation");
    const PeriodOutcome* judged = report.period(options.evaluate_period);
    if (!judged)
        throw std::invalid_argument(fmt::format("cannot judge period '{}'", options.evaluate_period));

    report.r_multiples = metrics::r_multiples(continuous.run.trades);
    const config::StatisticalConfig statistical = statistical_settings(run);
    RBootstrapParams r_params;
    r_params.iterations = options.bootstrap_iterations.value_or(statistical.bootstrap_iterations);
    r_params.seed = mix_seed(run.random_seed, 1);
    r_params.sharpe_5th_reject_below = statistical.bootstrap_5th_percentile_threshold;
    if (report.r_multiples.size() >= 2 && !stages.cancelled())
        report.r_bootstrap =
            bootstrap_r_multiples(report.r_multiples, r_params, options.threads, stages.stage(0.02, 0.04));
    else
        report.warnings.push_back("fewer than 2 closed trades with a stop: no R bootstrap");

    const auto returns = metrics::daily_returns(continuous.run.starting_equity, continuous.run.equity_curve);
    StationaryBootstrapParams block_params;
    block_params.iterations = r_params.iterations;
    block_params.seed = mix_seed(run.random_seed, 2);
    block_params.periods_per_year = backtest::periods_per_year(market);
    if (returns.size() >= 2 && !stages.cancelled())
        report.return_bootstrap =
            stationary_bootstrap(returns, block_params, options.threads, stages.stage(0.04, 0.06));

    PermutationTestOptions permutation;
    permutation.iterations = options.permutation_iterations.value_or(statistical.permutation_iterations);
    permutation.seed = mix_seed(run.random_seed, 3);
    permutation.threads = options.threads;
    if (!stages.cancelled())
        report.permutation = monte_carlo_permutation_test(market, run, continuous_scenario(run), permutation,
                                                          stages.stage(0.06, 0.70));
    if (!stages.cancelled())
        report.entry_timing =
            entry_timing_test(market, continuous.run, permutation.iterations, mix_seed(run.random_seed, 4),
                              options.threads, stages.stage(0.70, 0.72));
    if (!stages.cancelled())
        report.stress =
            run_stress_tests(market, run, continuous.run, options.threads, stages.stage(0.72, 0.82));
    if (options.overfitting_analysis && !stages.cancelled())
        analyse_overfitting(market, source, options, continuous, report, stages.stage(0.82, 1.0));

    report.partial = stages.cancelled() || report.permutation.partial || report.stress.cancelled;
    report.verdict = evaluate_go_no_go(run.metrics, verdict_inputs(report, run, *judged));
    collect_warnings(report);
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace tradelab::validation
