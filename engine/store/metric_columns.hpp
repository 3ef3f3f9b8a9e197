#pragma once
// The metric columns of run_metrics: their names, which way is better, how they map to
// PerformanceMetrics. Internal to the store; the public names are in results_store.hpp.
#include <optional>
#include <string>
#include <string_view>

#include "store/results_store.hpp"

namespace tradelab::store {

struct MetricColumn {
    std::string_view name;
    Better better;
};

// The column of `name` (or of one of its aliases); nullopt for anything else, so a name from the
// command line never reaches SQL unchecked.
std::optional<MetricColumn> find_metric_column(std::string_view name);

// Like find_metric_column, but throws std::invalid_argument listing the known names.
MetricColumn metric_column(std::string_view name);

std::string_view sql_operator(Threshold threshold);

}  // namespace tradelab::store
