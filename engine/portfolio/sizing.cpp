#include "portfolio/sizing.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace tradelab::portfolio {
namespace {

// The reference's tolerance on its fill-time limit checks.
constexpr double kFillLimitTolerance = 1e-4;

bool positive_finite(double value) {
    return std::isfinite(value) && value > 0.0;
}

// §9.1 step 1 plus the finiteness checks the reference got for free from Python exceptions.
bool valid_inputs(double equity, double entry, double stop, double risk_multiplier) {
    return positive_finite(equity) && positive_finite(entry) && positive_finite(stop) && stop != entry &&
           positive_finite(risk_multiplier);
}

// §9.1 step 3, in the reference's operand order.
double risk_quantity(double equity, double risk_pct, double entry, double stop, double risk_multiplier) {
    const double risk_dollars = equity * risk_pct * risk_multiplier;
    return std::floor(risk_dollars / std::abs(entry - stop));
}

// Picks the smallest term (first of equals) and applies the "< 1 unit means no order" rule.
SizingResult settle(SizingResult result) {
    const std::array<double, 4> terms{result.qty_risk, result.qty_notional, result.qty_exposure,
                                      result.qty_cash};
    const auto smallest = std::min_element(terms.begin(), terms.end());
    result.limit = static_cast<SizingLimit>(smallest - terms.begin());
    result.quantity = *smallest >= 1.0 ? *smallest : 0.0;
    return result;
}

SizingResult tradelab_size(const SizingRequest& request, const config::RiskConfig& risk) {
    SizingResult result;
    const double entry = request.entry_price;
    result.qty_risk = risk_quantity(request.equity, risk.risk_per_trade, entry, request.stop_price,
                                    request.risk_multiplier);
    result.qty_notional = std::floor(request.equity * risk.max_position_notional / entry);
    const double headroom =
        request.equity * risk.max_exposure - request.gross_exposure - request.committed_notional;
    result.qty_exposure = headroom > 0.0 ? std::floor(headroom / entry) : 0.0;
    result.qty_cash = request.available_cash > 0.0 ? std::floor(request.available_cash / entry) : 0.0;
    return settle(result);
}

// §9.2 call C: risk × m passed as risk_pct and m again as the multiplier; caps in dollars.
SizingResult reference_size(const SizingRequest& request, const config::RiskConfig& risk) {
    SizingResult result;
    const double equity = request.equity;
    const double entry = request.entry_price;
    const double m = request.risk_multiplier;
    const bool is_long = request.stop_price < entry;
    result.qty_risk = risk_quantity(equity, risk.risk_per_trade * m, entry, request.stop_price, m);
    result.qty_notional = std::floor(equity * (equity * risk.max_position_notional) / entry);
    result.qty_exposure = std::floor(equity * (equity * risk.max_exposure) / entry);
    result.qty_cash =
        is_long ? std::floor(request.available_cash / entry) : std::floor(request.available_cash * 10.0);
    return settle(result);
}

}  // namespace

std::string_view to_string(SizingLimit limit) {
    switch (limit) {
        case SizingLimit::Risk:
            return "risk";
        case SizingLimit::PositionNotional:
            return "position_notional";
        case SizingLimit::ExposureHeadroom:
            return "exposure_headroom";
        case SizingLimit::Cash:
            return "cash";
        case SizingLimit::InvalidInput:
            return "invalid_input";
    }
    return "unknown";
}

std::string_view to_string(FillLimitCheck check) {
    switch (check) {
        case FillLimitCheck::Ok:
            return "ok";
        case FillLimitCheck::GrossExposure:
            return "gross_exposure";
        case FillLimitCheck::PositionNotional:
            return "position_notional";
        case FillLimitCheck::LongExposure:
            return "long_exposure";
        case FillLimitCheck::NetExposure:
            return "net_exposure";
    }
    return "unknown";
}

SizingResult size_position(const SizingRequest& request, const config::RiskConfig& risk, SizingRule rule) {
    if (!valid_inputs(request.equity, request.entry_price, request.stop_price, request.risk_multiplier))
        return SizingResult{};
    return rule == SizingRule::Reference ? reference_size(request, risk) : tradelab_size(request, risk);
}

double calculate_position_size(double equity, double risk_pct, double entry, double stop,
                               double max_position_notional, double max_exposure, double available_cash,
                               double risk_multiplier) {
    if (!valid_inputs(equity, entry, stop, risk_multiplier)) return 0.0;
    const bool is_long = stop < entry;
    const double qty_risk = risk_quantity(equity, risk_pct, entry, stop, risk_multiplier);
    const double qty_notional = std::floor(equity * max_position_notional / entry);
    const double qty_exposure = std::floor(equity * max_exposure / entry);
    const double qty_cash = is_long ? std::floor(available_cash / entry) : std::floor(available_cash * 10.0);
    const double qty = std::min({qty_risk, qty_notional, qty_exposure, qty_cash});
    return qty >= 1.0 ? qty : 0.0;
}

double estimate_position_size(double equity, double risk_pct, double entry, double stop,
                              double max_position_notional, double risk_multiplier) {
    if (!valid_inputs(equity, entry, stop, risk_multiplier)) return 0.0;
    const double qty_risk = risk_quantity(equity, risk_pct, entry, stop, risk_multiplier);
    const double qty_notional = std::floor(equity * max_position_notional / entry);
    return std::max(0.0, std::min(qty_risk, qty_notional));
}

double capacity_estimate_quantity(double equity, double entry, double stop, double risk_multiplier,
                                  const config::RiskConfig& risk, SizingRule rule) {
    if (rule == SizingRule::TradeLab)
        return queue_estimate_quantity(equity, entry, stop, risk_multiplier, risk);
    return estimate_position_size(equity, risk.risk_per_trade * risk_multiplier, entry, stop,
                                  equity * risk.max_position_notional, risk_multiplier);
}

double queue_estimate_quantity(double equity, double entry, double stop, double risk_multiplier,
                               const config::RiskConfig& risk) {
    return estimate_position_size(equity, risk.risk_per_trade, entry, stop, risk.max_position_notional,
                                  risk_multiplier);
}

FillLimitCheck check_fill_limits_reference(const ReferenceValuation& basis, double fill_notional,
                                           const config::RiskConfig& risk) {
    const double equity = basis.equity;
    // Long only: long and net exposure both equal the gross exposure.
    if ((basis.gross_exposure + fill_notional) / equity > risk.max_exposure + kFillLimitTolerance)
        return FillLimitCheck::GrossExposure;
    if (fill_notional / equity > risk.max_position_notional + kFillLimitTolerance)
        return FillLimitCheck::PositionNotional;
    if (risk.max_long_exposure &&
        (basis.gross_exposure + fill_notional) / equity > *risk.max_long_exposure + kFillLimitTolerance)
        return FillLimitCheck::LongExposure;
    if (risk.max_net_exposure &&
        (basis.gross_exposure + fill_notional) / equity > *risk.max_net_exposure + kFillLimitTolerance)
        return FillLimitCheck::NetExposure;
    return FillLimitCheck::Ok;
}

}  // namespace tradelab::portfolio
