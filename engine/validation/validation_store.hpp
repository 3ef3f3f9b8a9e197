#pragma once
// A validation in the results store: the judged period's run (kind validation, the verdict and the
// headline statistics among its figures, which the tearsheet shows) and the stress backtests as its
// children (kind stress_scenario, the scenario as variant). A walk-forward optimisation: each fold's
// out-of-sample run (kind walkforward_fold, "fold N winner-labels" as variant). The same for every face.
#include <cstdint>
#include <vector>

#include "backtest/run_market.hpp"
#include "store/results_store.hpp"
#include "validation/validation_suite.hpp"
#include "validation/walk_forward.hpp"

namespace tradelab::validation {

struct StoredValidation {
    std::int64_t run_id = 0;
    std::size_t stress_runs = 0;
};

// `base` describes the config (store::describe_run); its kind, variant and parent are set here.
// The stress backtests are stored with store_stress_runs under the judged period's run.
StoredValidation store_validation(store::ResultsStore& results_store, store::RunDescription base,
                                  const ValidationReport& report, const std::string& judged_period,
                                  const backtest::RunMarket& market);

// Stores every finished stress backtest of `report` (report.runs) as a child of `parent_run_id` (kind
// stress_scenario, the scenario name as variant, its metrics against the benchmark of `market`), all in
// one transaction, and returns how many. The parent must already be in the store: the validation's
// judged run, or the baseline continuous run when the stress tests ran on their own. `base` describes
// the config (store::describe_run); its kind, variant and parent are set here.
std::size_t store_stress_runs(store::ResultsStore& results_store, store::RunDescription base,
                              std::int64_t parent_run_id, const StressReport& report,
                              const backtest::RunMarket& market);

struct StoredWalkForward {
    std::vector<std::int64_t> fold_run_ids;  // one per stored fold, in fold order
    std::size_t folds() const { return fold_run_ids.size(); }
};

// Stores the out-of-sample run of every completed fold of `result` (a cancelled run's completed folds
// too), all in one transaction, and returns their ids. The variant names the fold and its winner's
// labels, "fold 3 2.5,0.005,50,continuous", so the folds of one schedule stay apart and a re-run
// replaces them. The figures are the fold's out-of-sample metrics plus the correlation and beta against
// the benchmark of `market` (the market the walk-forward ran on), which the walk-forward leaves out.
// `base` describes the config (store::describe_run); its kind and variant are set here.
StoredWalkForward store_walk_forward(store::ResultsStore& results_store, store::RunDescription base,
                                     const WalkForwardResult& result, const backtest::RunMarket& market);

}  // namespace tradelab::validation
