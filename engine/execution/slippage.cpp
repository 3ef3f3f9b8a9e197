#include "execution/slippage.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

namespace tradelab::execution {
namespace {

// Standard deviation widening under stress (§11.3 step 6); not part of the costs block.
constexpr double kStressStdMultiplier = 1.5;

double volatility_multiplier(const FillContext& context) {
    if (!std::isfinite(context.atr) || !std::isfinite(context.atr_mean_60) || context.atr_mean_60 <= 0.0)
        return 1.0;
    return std::clamp(context.atr / context.atr_mean_60, 0.5, 3.0);
}

double size_penalty(const FillContext& context) {
    if (!std::isfinite(context.adv20) || context.adv20 <= 0.0) return 1.0;
    const double order_notional = context.open_price * context.quantity;
    return std::clamp(order_notional / (0.01 * context.adv20), 0.5, 2.0);
}

void check_costs(const config::CostsConfig& costs) {
    if (costs.fee_bps < 0 || costs.slippage_base_bps < 0 || !(costs.slippage_std_mult >= 0.0) ||
        !(costs.weekend_penalty > 0.0) || !(costs.stress_slippage_mult > 0.0))
        throw std::invalid_argument(fmt::format(
            "slippage costs: fee_bps {}, slippage_base_bps {}, slippage_std_mult {}, weekend_penalty {}, "
            "stress_slippage_mult {} (bps and std multiplier must be >= 0, penalties > 0)",
            costs.fee_bps, costs.slippage_base_bps, costs.slippage_std_mult, costs.weekend_penalty,
            costs.stress_slippage_mult));
}

}  // namespace

double clip_slippage_bps(double bps) {
    if (std::isnan(bps)) return 0.0;
    return std::clamp(bps, 0.0, kMaxSlippageBps);
}

FixedBpsSlippage::FixedBpsSlippage(double bps) : bps_(bps) {
    if (!(std::isfinite(bps) && bps >= 0.0))
        throw std::invalid_argument(fmt::format("fixed slippage: {} bps is not >= 0", bps));
}

SlippageBreakdown slippage_breakdown(const config::CostsConfig& costs, const FillContext& context) {
    SlippageBreakdown b;
    const double run_multiplier =
        context.is_crash_date ? kCrashSlippageMultiplier : context.slippage_multiplier;
    b.base_bps = static_cast<double>(costs.slippage_base_bps) * run_multiplier;
    b.vol_mult = volatility_multiplier(context);
    b.size_penalty = size_penalty(context);
    const bool crypto_weekend =
        context.asset_class == AssetClass::Crypto && is_weekend(context.execution_date);
    b.weekend_penalty = crypto_weekend ? costs.weekend_penalty : 1.0;
    const bool stressed = context.benchmark_weekly_return < costs.stress_threshold;  // NaN: not stressed
    b.stress_mult = stressed ? costs.stress_slippage_mult : 1.0;
    b.mean_bps = b.base_bps * b.vol_mult * b.size_penalty * b.weekend_penalty * b.stress_mult;
    b.std_bps = b.mean_bps * costs.slippage_std_mult * (stressed ? kStressStdMultiplier : 1.0);
    return b;
}

NormalSlippage::NormalSlippage(const config::CostsConfig& costs, std::uint64_t seed)
    : NormalSlippage(std::vector<config::CostsConfig>{costs}, seed) {}

NormalSlippage::NormalSlippage(std::vector<config::CostsConfig> costs_by_strategy, std::uint64_t seed)
    : costs_(std::move(costs_by_strategy)), random_(seed) {
    if (costs_.empty()) throw std::invalid_argument("normal slippage: no costs block given");
    for (const auto& costs : costs_) check_costs(costs);
}

const config::CostsConfig& NormalSlippage::costs(int strategy_index) const {
    if (strategy_index < 0 || static_cast<std::size_t>(strategy_index) >= costs_.size())
        throw std::out_of_range(fmt::format("normal slippage: strategy index {} but {} costs block(s)",
                                            strategy_index, costs_.size()));
    return costs_[static_cast<std::size_t>(strategy_index)];
}

double NormalSlippage::draw_bps(const FillContext& context) {
    const SlippageBreakdown b = slippage_breakdown(costs(context.strategy_index), context);
    ++draws_;
    return clip_slippage_bps(random_.normal(b.mean_bps, b.std_bps));
}

Fill simulate_fill(SlippageModel& model, const FillContext& context, double fee_bps, FillIdSequence& ids,
                   CostRule rule) {
    const double bps = model.draw_bps(context);
    return compute_fill(context, bps, fee_bps, ids.next(), rule);
}

BaseSlippage::BaseSlippage(std::vector<config::CostsConfig> costs_by_strategy)
    : costs_(std::move(costs_by_strategy)) {
    if (costs_.empty()) throw std::invalid_argument("BaseSlippage needs at least one costs block");
}

double BaseSlippage::draw_bps(const FillContext& context) {
    const auto index = std::size_t(std::max(context.strategy_index, 0));
    if (index >= costs_.size()) {
        throw std::out_of_range("BaseSlippage: no costs block for strategy " +
                                std::to_string(context.strategy_index));
    }
    return clip_slippage_bps(slippage_breakdown(costs_[index], context).base_bps);
}

}  // namespace tradelab::execution
