#pragma once
// The correlation guard of the entry queue (spec 01 §10.2, TradeLab decision 8), driven by the run
// config's correlation_guard block (the reference ignored the block and always ran 4 / 0.70 / 0.75;
// CorrelationGuard::reference() reproduces that).
//
// End of day, update() stores the average pairwise correlation of the held positions' date-aligned
// returns (indicators/correlation.hpp): defined when at least min_positions positions are held and at
// least min_positions of them have `lookback` finite returns in the window.
// In the queue, a candidate is REJECTED iff the guard is enabled and
//   1. at least min_positions positions are held,
//   2. the stored average is defined and > avg_pairwise_threshold,
//   3. the candidate's mean correlation to the positions is defined and > candidate_threshold.
// Anything undefined allows the candidate. Nothing here allocates; the caller owns the return windows.
#include <cstddef>
#include <limits>
#include <span>
#include <string_view>

#include "config/run_config.hpp"
#include "indicators/correlation.hpp"

namespace tradelab::portfolio {

enum class GuardReason {
    Disabled,
    TooFewPositions,
    PortfolioCorrelationUndefined,
    PortfolioBelowThreshold,
    CandidateCorrelationUndefined,
    CandidateBelowThreshold,
    CorrelatedWithPortfolio,  // the only rejecting reason
};

std::string_view to_string(GuardReason reason);

struct GuardDecision {
    bool allowed = true;
    GuardReason reason = GuardReason::Disabled;
    double portfolio_correlation = std::numeric_limits<double>::quiet_NaN();  // as used (NaN when undefined)
    double candidate_correlation =
        std::numeric_limits<double>::quiet_NaN();  // NaN when undefined or not computed
};

class CorrelationGuard {
  public:
    // lookback: returns a position needs in the window to count (corr_lookback, 20);
    // candidate_min_returns: returns the candidate and each pair need (10 in the reference).
    explicit CorrelationGuard(const config::CorrelationGuardConfig& config, std::size_t lookback = 20,
                              std::size_t candidate_min_returns = 10);

    // The reference's guard: always enabled, 4 positions, 0.70, 0.75, whatever the run config says.
    static CorrelationGuard reference();

    // End of day: stores and returns the average pairwise correlation (NaN when undefined).
    double update(std::size_t open_positions, const indicators::ReturnWindow& position_returns);
    double avg_pairwise_correlation() const { return avg_pairwise_; }

    // Queue check against the stored average. `position_returns` rows are the held positions;
    // `skip_row` is the candidate's own row when it is already held.
    GuardDecision evaluate(std::size_t open_positions, std::span<const double> candidate_returns,
                           const indicators::ReturnWindow& position_returns,
                           std::size_t skip_row = indicators::kNoRow) const;

    // The decision rule alone, on precomputed correlations (NaN = undefined).
    GuardDecision decide(std::size_t open_positions, double portfolio_correlation,
                         double candidate_correlation) const;

    const config::CorrelationGuardConfig& config() const { return config_; }

  private:
    // Rules 1-2 and the enabled flag: true (with `decision` filled) when they already allow the
    // candidate, so its correlation need not be computed.
    bool allowed_by_portfolio(std::size_t open_positions, double portfolio_correlation,
                              GuardDecision& decision) const;

    config::CorrelationGuardConfig config_;
    indicators::PairwiseCorrelationRules pairwise_rules_;
    indicators::PortfolioCorrelationRules candidate_rules_;
    double avg_pairwise_;
};

}  // namespace tradelab::portfolio
