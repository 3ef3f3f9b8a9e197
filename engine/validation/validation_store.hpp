#pragma once
// A validation in the results store: the judged period's run (kind validation, the verdict and the
// headline statistics among its figures, which the tearsheet shows) and the stress backtests as its
// children (kind stress_scenario, the scenario as variant). The same for every face.
#include <cstdint>

#include "backtest/run_market.hpp"
#include "store/results_store.hpp"
#include "validation/validation_suite.hpp"

namespace tradelab::validation {

struct StoredValidation {
    std::int64_t run_id = 0;
    std::size_t stress_runs = 0;
};

// `base` describes the config (store::describe_run); its kind, variant and parent are set here.
StoredValidation store_validation(store::ResultsStore& results_store, store::RunDescription base,
                                  const ValidationReport& report, const std::string& judged_period,
                                  const backtest::RunMarket& market);

}  // namespace tradelab::validation
