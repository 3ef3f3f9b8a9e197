#pragma once
// The reports over the periods of one run (spec 02 §11): summary_report.json with each period's dates,
// equity, trades and metrics, and comparison_report.json with the key metrics side by side, the best
// and worst period of each and the change of validation and holdout against train.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/results_store.hpp"

namespace tradelab::report {

// The metrics the comparison covers, in order (spec 02 §11.4).
std::span<const std::string_view> key_metrics();

// The value of a key metric; throws std::invalid_argument for any other name.
double key_metric_value(const metrics::PerformanceMetrics& metrics, std::string_view name);

// max_drawdown is better lower; every other key metric is better higher.
bool lower_is_better(std::string_view metric);

// (other - train) / train × 100; nullopt when train is 0 or either value is not finite.
std::optional<double> change_pct(double train, double other);

// How much worse `other` is than `train`, in % of |train|: positive = worse, whichever way the metric
// is better. nullopt under the same conditions as change_pct.
std::optional<double> degradation_pct(std::string_view metric, double train, double other);

// Where the reports came from: the run asked for and the folder they are written to.
struct ReportOrigin {
    std::string run_id;
    std::string run_directory;
};

// The periods of one config and seed, in the order given (train, validation, holdout as present).
// Throws std::invalid_argument when `periods` is empty.
std::string summary_report_json(std::span<const store::StoredRun> periods, const ReportOrigin& origin);

// nullopt when fewer than two periods are given (the spec writes no file then).
std::optional<std::string> comparison_report_json(std::span<const store::StoredRun> periods,
                                                  const ReportOrigin& origin);

}  // namespace tradelab::report
