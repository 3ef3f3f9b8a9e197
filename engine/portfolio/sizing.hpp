#pragma once
// Position sizing (spec 01 §9) and the reference's fill-time limit check (§10.3, Errata F1).
//
// SizingRule::TradeLab (default, TradeLab decision 1): the volatility multiplier m is applied once and
// every cap clamps the size:
//     qty = min( floor(equity × risk_per_trade × m / |entry − stop|),
//                floor(equity × max_position_notional / entry),
//                floor((equity × max_exposure − gross_exposure − committed_notional) / entry),
//                floor(available_cash / entry) ),   no order when qty < 1.
// SizingRule::Reference (compatibility, for the differential test against the Python system): its
// call C, calculate_position_size(equity, risk_per_trade × m, entry, stop, equity × max_position_notional,
// equity × max_exposure, cash, m) — risk scaled by m², and both caps passed as dollars where fractions
// are expected, so they never bind. The reference then rejected oversized orders at the fill instead:
// check_fill_limits_reference() reproduces that check. committed_notional is ignored by this rule.
//
// Rounding: quantities are floor()ed exactly as the reference computed them (same operand order), so a
// size on an exact boundary matches the reference's float64 result rather than the real-number one.
#include <string_view>

#include "config/strategy_config.hpp"
#include "portfolio/portfolio.hpp"

namespace tradelab::portfolio {

enum class SizingRule { TradeLab, Reference };

struct SizingRequest {
    double equity = 0.0;
    double available_cash = 0.0;      // cash not reserved for other orders
    double gross_exposure = 0.0;      // open positions at their marks
    double committed_notional = 0.0;  // notional of today's earlier orders, not yet filled
    double entry_price = 0.0;         // expected entry (the signal close)
    double stop_price = 0.0;
    double risk_multiplier = 1.0;  // m from the VolatilityScaler
};

// Which term set the size (the first of equal terms, in the order risk, notional, exposure, cash).
enum class SizingLimit { Risk, PositionNotional, ExposureHeadroom, Cash, InvalidInput };

std::string_view to_string(SizingLimit limit);

struct SizingResult {
    double quantity = 0.0;  // whole units; 0 = no order
    SizingLimit limit = SizingLimit::InvalidInput;
    double qty_risk = 0.0;
    double qty_notional = 0.0;
    double qty_exposure = 0.0;
    double qty_cash = 0.0;
};

SizingResult size_position(const SizingRequest& request, const config::RiskConfig& risk,
                           SizingRule rule = SizingRule::TradeLab);

// Spec 01 §9.1, verbatim: 0 when equity, entry or stop <= 0 or stop == entry; short when stop > entry
// (cash cap floor(available_cash × 10)); caps are fractions of equity; 0 when the minimum is < 1.
double calculate_position_size(double equity, double risk_pct, double entry, double stop,
                               double max_position_notional, double max_exposure, double available_cash,
                               double risk_multiplier);

// Spec 01 §9.1, verbatim: steps 1-4 only, max(0, min(qty_risk, qty_notional)).
double estimate_position_size(double equity, double risk_pct, double entry, double stop,
                              double max_position_notional, double risk_multiplier);

// The size estimate behind the capacity check at signal generation (§9.2 A). TradeLab: the queue
// estimate (§9.2 B, m once, 15 % cap as a fraction). Reference: risk × m², cap passed as dollars.
double capacity_estimate_quantity(double equity, double entry, double stop, double risk_multiplier,
                                  const config::RiskConfig& risk, SizingRule rule = SizingRule::TradeLab);

// The queue's exposure estimate (§9.2 B); the same under both rules.
double queue_estimate_quantity(double equity, double entry, double stop, double risk_multiplier,
                               const config::RiskConfig& risk);

enum class FillLimitCheck { Ok, GrossExposure, PositionNotional, LongExposure, NetExposure };

std::string_view to_string(FillLimitCheck check);

// The reference's fill-time check (SizingRule::Reference only), with its 1e-4 tolerance:
// (gross + fill notional) / equity > max_exposure, fill notional / equity > max_position_notional, and
// the optional long / net caps. `basis` is the portfolio's equity and gross exposure after the last
// step-9 valuation, or Portfolio::reference_valuation_after_entry() of the day's last successful fill.
FillLimitCheck check_fill_limits_reference(const ReferenceValuation& basis, double fill_notional,
                                           const config::RiskConfig& risk);

}  // namespace tradelab::portfolio
