#include "validation/validation_store.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "metrics/benchmark_alignment.hpp"

namespace tradelab::validation {
namespace {

std::string verdict_figures(const ValidationReport& report) {
    nlohmann::ordered_json extra;
    extra["verdict"] = std::string(to_string(report.verdict.verdict)) + " - " + report.verdict.reason;
    extra["permutation_p_value"] = report.permutation.p_value;
    if (report.pbo) extra["pbo"] = report.pbo->pbo;
    if (report.deflated_sharpe) extra["deflated_sharpe_ratio"] = report.deflated_sharpe->dsr;
    extra["validation_status"] = report.partial ? "partial" : "complete";
    return extra.dump();
}

}  // namespace

StoredValidation store_validation(store::ResultsStore& results_store, store::RunDescription base,
                                  const ValidationReport& report, const std::string& judged_period,
                                  const backtest::RunMarket& market) {
    const PeriodOutcome* judged = report.period(judged_period);
    if (!judged)
        throw std::invalid_argument(fmt::format("the validation did not run the {} period", judged_period));
    StoredValidation stored;
    auto d = base;
    d.kind = store::RunKind::Validation;
    d.extra_figures_json = verdict_figures(report);
    stored.run_id = results_store.store_run(judged->run, judged->metrics, d).run_id;

    stored.stress_runs =
        store_stress_runs(results_store, std::move(base), stored.run_id, report.stress, market);
    return stored;
}

namespace {

struct ChildRun {
    const backtest::RunResult* run = nullptr;
    std::string variant;
};

// `runs` in one transaction, each described by `base` with its own variant and carrying its
// correlation and beta against the benchmark of `market`, like every other run in the store.
std::vector<store::StoreOutcome> store_children(store::ResultsStore& results_store,
                                                const store::RunDescription& base,
                                                const std::vector<ChildRun>& runs,
                                                const backtest::RunMarket& market) {
    const double per_year = backtest::periods_per_year(market);
    std::vector<metrics::PerformanceMetrics> figures;
    figures.reserve(runs.size());
    for (const ChildRun& child : runs)
        figures.push_back(
            metrics::compute_metrics(*child.run, per_year, metrics::benchmark_returns(market, *child.run)));
    std::vector<store::RunToStore> batch;
    batch.reserve(runs.size());
    for (std::size_t k = 0; k < runs.size(); ++k) {
        auto d = base;
        d.variant = runs[k].variant;
        batch.push_back({runs[k].run, &figures[k], std::move(d)});
    }
    return results_store.store_runs(batch);
}

}  // namespace

std::size_t store_stress_runs(store::ResultsStore& results_store, store::RunDescription base,
                              std::int64_t parent_run_id, const StressReport& report,
                              const backtest::RunMarket& market) {
    base.kind = store::RunKind::StressScenario;
    base.parent_run_id = parent_run_id;
    std::vector<ChildRun> runs;
    for (const auto& stress : report.runs) runs.push_back({&stress.run, stress.name});
    return store_children(results_store, base, runs, market).size();
}

StoredWalkForward store_walk_forward(store::ResultsStore& results_store, store::RunDescription base,
                                     const WalkForwardResult& result, const backtest::RunMarket& market) {
    base.kind = store::RunKind::WalkforwardFold;
    // The walk-forward scores folds without the benchmark; the stored figures add it and otherwise
    // equal fold.out_of_sample.
    std::vector<ChildRun> runs;
    for (const auto& fold : result.folds)
        runs.push_back({&fold.out_of_sample_run,
                        fmt::format("fold {} {}", fold.fold.number, fmt::join(fold.winner_labels, ","))});
    StoredWalkForward stored;
    for (const auto& outcome : store_children(results_store, base, runs, market))
        stored.fold_run_ids.push_back(outcome.run_id);
    return stored;
}

}  // namespace tradelab::validation
