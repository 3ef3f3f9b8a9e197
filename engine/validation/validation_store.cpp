#include "validation/validation_store.hpp"

#include <stdexcept>

#include <fmt/format.h>

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

    d = base;
    d.kind = store::RunKind::StressScenario;
    d.parent_run_id = stored.run_id;
    const double per_year = backtest::periods_per_year(market);
    for (const auto& stress : report.stress.runs) {
        d.variant = stress.name;
        const auto m =
            metrics::compute_metrics(stress.run, per_year, metrics::benchmark_returns(market, stress.run));
        results_store.store_run(stress.run, m, d);
        ++stored.stress_runs;
    }
    return stored;
}

}  // namespace tradelab::validation
