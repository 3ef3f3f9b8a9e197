#pragma once
// The validation suite (spec 02 §4, with the reference's statistics fixed): baseline runs, trade and
// return bootstraps, the Monte Carlo permutation test and entry-timing randomisation, stress tests,
// correlation stress, PBO and the deflated Sharpe ratio over the sensitivity grid, and the go / no-go
// verdict. One call, one report; `validation.json` is its JSON.
//
// In-sample history for every test is the continuous train+validation run (one backtest from
// train_start to validation_end). The verdict judges the metrics of `evaluate_period` (validation by
// default; the holdout is meant to be looked at once, so it is judged only when asked for).
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "backtest/backtest.hpp"
#include "metrics/performance_metrics.hpp"
#include "metrics/sharpe_inference.hpp"
#include "validation/bootstrap.hpp"
#include "validation/go_no_go.hpp"
#include "validation/pbo.hpp"
#include "validation/permutation.hpp"
#include "validation/stress.hpp"
#include "validation/sweep.hpp"

namespace tradelab::validation {

struct ValidationOptions {
    int threads = 0;
    std::optional<int> bootstrap_iterations;    // default: validation.statistical (1000)
    std::optional<int> permutation_iterations;  // default: validation.statistical (1000)
    std::string evaluate_period = "validation";
    bool overfitting_analysis = true;  // the grid sweep behind PBO and the DSR trial count
    int pbo_blocks = 16;
};

struct PeriodOutcome {
    std::string name;
    backtest::RunResult run;
    metrics::PerformanceMetrics metrics;
};

struct ValidationReport {
    std::string config_file;
    std::uint64_t seed = 0;
    int threads = 1;
    std::vector<PeriodOutcome> periods;  // train, validation, train+validation, [holdout]
    std::vector<double> r_multiples;     // closed trades of the continuous run with positive risk
    RBootstrapResult r_bootstrap;
    StationaryBootstrapResult return_bootstrap;
    PermutationTestResult permutation;
    EntryTimingResult entry_timing;
    StressReport stress;
    std::optional<SweepResult> grid;  // over the continuous period, daily returns dropped after use
    std::optional<PboResult> pbo;
    std::optional<metrics::DeflatedSharpe> deflated_sharpe;
    std::string overfitting_note;  // why PBO/DSR are missing, when they are
    GoNoGoResult verdict;
    std::vector<std::string> warnings;
    bool partial = false;  // cancelled: what finished is reported, the verdict is not trustworthy
    double seconds = 0.0;

    const PeriodOutcome* period(const std::string& name) const;
};

// `market` must be prepared for source.base. Progress covers the whole suite; cancelling stops the
// running test, keeps what finished and marks the report partial.
ValidationReport run_validation(const backtest::RunMarket& market, const PointConfigSource& source,
                                const ValidationOptions& options, const Progress& progress = {});

nlohmann::ordered_json to_json(const ValidationReport& report);
nlohmann::ordered_json to_json(const RBootstrapResult& result);
nlohmann::ordered_json to_json(const StationaryBootstrapResult& result);
nlohmann::ordered_json to_json(const PboResult& result);

// The readable console summary: periods, statistics, stress, overfitting, the verdict table.
std::string console_summary(const ValidationReport& report);

}  // namespace tradelab::validation
