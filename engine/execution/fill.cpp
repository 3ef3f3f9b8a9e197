#include "execution/fill.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace tradelab::execution {
namespace {

void check_context(const FillContext& context) {
    if (!(std::isfinite(context.open_price) && context.open_price > 0.0))
        throw std::invalid_argument(fmt::format("fill of symbol {} on {}: open price {} is not positive",
                                                context.symbol, format_date(context.execution_date),
                                                context.open_price));
    if (!(std::isfinite(context.quantity) && context.quantity > 0.0))
        throw std::invalid_argument(fmt::format("fill of symbol {} on {}: quantity {} is not positive",
                                                context.symbol, format_date(context.execution_date),
                                                context.quantity));
}

double slipped_price(const FillContext& context, double slippage_bps) {
    const double sign = context.side == Side::Buy ? 1.0 : -1.0;
    return std::max(context.open_price * (1.0 + sign * slippage_bps / 10'000.0), kMinFillPrice);
}

bool worst_price_rule_applies(const FillContext& context) {
    return context.is_crash_date && context.hard_stop_exit && !context.is_entry;
}

// §12.5 rule 3: a hard stop on a crash date fills at the worst price of the day.
double worst_price(const FillContext& context, double price) {
    const double extreme = context.side == Side::Sell ? context.day_low : context.day_high;
    if (!(std::isfinite(extreme) && extreme > 0.0))
        throw std::invalid_argument(fmt::format(
            "crash-date hard-stop fill of symbol {} on {}: the day's {} is missing", context.symbol,
            format_date(context.execution_date), context.side == Side::Sell ? "low" : "high"));
    return context.side == Side::Sell ? std::min(price, extreme) : std::max(price, extreme);
}

Fill fill_header(const FillContext& context, std::uint64_t fill_id) {
    Fill fill;
    fill.id = fill_id;
    fill.symbol = context.symbol;
    fill.asset_class = context.asset_class;
    fill.side = context.side;
    fill.is_entry = context.is_entry;
    fill.date = context.execution_date;
    fill.open_price = context.open_price;
    fill.quantity = context.quantity;
    return fill;
}

}  // namespace

Fill compute_fill(const FillContext& context, double slippage_bps, double fee_bps, std::uint64_t fill_id,
                  CostRule rule) {
    check_context(context);
    if (!(std::isfinite(slippage_bps) && slippage_bps >= 0.0))
        throw std::invalid_argument(fmt::format("fill of symbol {} on {}: slippage {} bps is not >= 0",
                                                context.symbol, format_date(context.execution_date),
                                                slippage_bps));
    if (!(std::isfinite(fee_bps) && fee_bps >= 0.0))
        throw std::invalid_argument(fmt::format("fill of symbol {} on {}: fee {} bps is not >= 0",
                                                context.symbol, format_date(context.execution_date),
                                                fee_bps));
    Fill fill = fill_header(context, fill_id);
    fill.slippage_bps = slippage_bps;
    fill.fee_bps = fee_bps;
    fill.price = slipped_price(context, slippage_bps);
    // The reference priced costs before the worst-price rule and never recomputed them.
    const double slipped_notional = fill.price * fill.quantity;
    if (worst_price_rule_applies(context)) {
        const double worst = worst_price(context, fill.price);
        fill.worst_price_applied = worst != fill.price;
        fill.price = worst;
    }
    const double cost_notional = rule == CostRule::Reference ? slipped_notional : fill.notional();
    fill.fee = cost_notional * fee_bps / 10'000.0;
    fill.slippage_cost = cost_notional * slippage_bps / 10'000.0;
    return fill;
}

Fill cost_free_fill(const FillContext& context, double price, std::uint64_t fill_id) {
    if (!(std::isfinite(price) && price > 0.0))
        throw std::invalid_argument(fmt::format("cost-free fill of symbol {} on {}: price {} is not positive",
                                                context.symbol, format_date(context.execution_date), price));
    if (!(std::isfinite(context.quantity) && context.quantity > 0.0))
        throw std::invalid_argument(
            fmt::format("cost-free fill of symbol {} on {}: quantity {} is not positive", context.symbol,
                        format_date(context.execution_date), context.quantity));
    Fill fill = fill_header(context, fill_id);
    fill.open_price = price;
    fill.price = price;
    return fill;
}

}  // namespace tradelab::execution
