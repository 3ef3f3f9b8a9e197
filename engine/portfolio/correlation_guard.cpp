#include "portfolio/correlation_guard.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

namespace tradelab::portfolio {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_config(const config::CorrelationGuardConfig& config, std::size_t lookback) {
    if (config.min_positions < 0)
        throw std::invalid_argument(
            fmt::format("correlation guard: min_positions {} is negative", config.min_positions));
    if (lookback < 2)
        throw std::invalid_argument(fmt::format("correlation guard: lookback {} < 2", lookback));
}

}  // namespace

std::string_view to_string(GuardReason reason) {
    switch (reason) {
        case GuardReason::Disabled:
            return "disabled";
        case GuardReason::TooFewPositions:
            return "too_few_positions";
        case GuardReason::PortfolioCorrelationUndefined:
            return "portfolio_correlation_undefined";
        case GuardReason::PortfolioBelowThreshold:
            return "portfolio_below_threshold";
        case GuardReason::CandidateCorrelationUndefined:
            return "candidate_correlation_undefined";
        case GuardReason::CandidateBelowThreshold:
            return "candidate_below_threshold";
        case GuardReason::CorrelatedWithPortfolio:
            return "correlated_with_portfolio";
    }
    return "unknown";
}

CorrelationGuard::CorrelationGuard(const config::CorrelationGuardConfig& config, std::size_t lookback,
                                   std::size_t candidate_min_returns)
    : config_(config), avg_pairwise_(kNaN) {
    check_config(config, lookback);
    pairwise_rules_.min_symbols = static_cast<std::size_t>(config.min_positions);
    pairwise_rules_.min_returns = lookback;
    candidate_rules_.min_returns = candidate_min_returns;
}

CorrelationGuard CorrelationGuard::reference() {
    config::CorrelationGuardConfig hard_coded;
    hard_coded.enabled = true;
    hard_coded.min_positions = 4;
    hard_coded.avg_pairwise_threshold = 0.70;
    hard_coded.candidate_threshold = 0.75;
    return CorrelationGuard(hard_coded, 20, 10);
}

double CorrelationGuard::update(std::size_t open_positions,
                                const indicators::ReturnWindow& position_returns) {
    avg_pairwise_ = open_positions >= pairwise_rules_.min_symbols
                        ? indicators::avg_pairwise_correlation(position_returns, pairwise_rules_)
                        : kNaN;
    return avg_pairwise_;
}

bool CorrelationGuard::allowed_by_portfolio(std::size_t open_positions, double portfolio_correlation,
                                            GuardDecision& decision) const {
    decision.portfolio_correlation = portfolio_correlation;
    if (!config_.enabled) {
        decision.reason = GuardReason::Disabled;
    } else if (open_positions < static_cast<std::size_t>(config_.min_positions)) {
        decision.reason = GuardReason::TooFewPositions;
    } else if (std::isnan(portfolio_correlation)) {
        decision.reason = GuardReason::PortfolioCorrelationUndefined;
    } else if (!(portfolio_correlation > config_.avg_pairwise_threshold)) {
        decision.reason = GuardReason::PortfolioBelowThreshold;
    } else {
        return false;
    }
    decision.allowed = true;
    return true;
}

GuardDecision CorrelationGuard::decide(std::size_t open_positions, double portfolio_correlation,
                                       double candidate_correlation) const {
    GuardDecision decision;
    if (allowed_by_portfolio(open_positions, portfolio_correlation, decision)) return decision;
    decision.candidate_correlation = candidate_correlation;
    if (std::isnan(candidate_correlation)) {
        decision.allowed = true;
        decision.reason = GuardReason::CandidateCorrelationUndefined;
    } else if (!(candidate_correlation > config_.candidate_threshold)) {
        decision.allowed = true;
        decision.reason = GuardReason::CandidateBelowThreshold;
    } else {
        decision.allowed = false;
        decision.reason = GuardReason::CorrelatedWithPortfolio;
    }
    return decision;
}

GuardDecision CorrelationGuard::evaluate(std::size_t open_positions,
                                         std::span<const double> candidate_returns,
                                         const indicators::ReturnWindow& position_returns,
                                         std::size_t skip_row) const {
    GuardDecision decision;
    if (allowed_by_portfolio(open_positions, avg_pairwise_, decision)) return decision;
    const double candidate =
        indicators::correlation_to_portfolio(candidate_returns, position_returns, candidate_rules_, skip_row);
    return decide(open_positions, avg_pairwise_, candidate);
}

}  // namespace tradelab::portfolio
