#pragma once
#include <nlohmann/json.hpp>

#include "metrics/performance_metrics.hpp"

namespace tradelab::metrics {

// Every headline metric, under its spec 02 name where the spec has one (docs/metrics.md), in a fixed order; a non-finite value (a profit factor
// without losing trades) is written as null.
nlohmann::ordered_json metrics_to_json(const PerformanceMetrics& m);

}  // namespace tradelab::metrics
