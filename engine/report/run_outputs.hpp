#pragma once
// The files of one run and period (spec 02 §10): equity_curve.csv, trade_log.csv,
// weekly_summary.csv, monthly_report.json and summary.json. Each is written atomically.
#include <filesystem>
#include <span>
#include <string>

#include "backtest/run_result.hpp"
#include "metrics/performance_metrics.hpp"

namespace tradelab::report {

// Where a result came from: enough to reproduce it and to tell two results apart.
struct RunProvenance {
    std::string config_path;
    std::string config_hash;       // hex hash of the run config and strategy config texts
    std::string data_fingerprint;  // hex hash of the loaded bars
    std::string tradelab_version;
    double periods_per_year = 252.0;
};

std::string equity_curve_csv(const backtest::RunResult& run);
std::string trade_log_csv(const backtest::RunResult& run);
std::string weekly_summary_csv(const backtest::RunResult& run, double periods_per_year);
std::string monthly_report_json(const backtest::RunResult& run, const metrics::PerformanceMetrics& overall,
                                double periods_per_year);
std::string summary_json(const backtest::RunResult& run, const metrics::PerformanceMetrics& metrics,
                         const RunProvenance& provenance);

// Creates `folder` and writes all five files.
void write_run_outputs(const std::filesystem::path& folder, const backtest::RunResult& run,
                       const metrics::PerformanceMetrics& metrics, const RunProvenance& provenance);

}  // namespace tradelab::report
