#pragma once
// Slippage models (spec 01 §11.3, §11.6, §12.5). A model returns the slippage of one fill in basis
// points; compute_fill turns it into a price. Models never read market data: every input arrives in
// the FillContext, computed by the caller as of the decision date.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "config/strategy_config.hpp"
#include "core/random.hpp"
#include "execution/fill.hpp"

namespace tradelab::execution {

inline constexpr double kMaxSlippageBps = 500.0;

// Clip to [0, 500] bps (NaN -> 0).
double clip_slippage_bps(double bps);

class SlippageModel {
  public:
    virtual ~SlippageModel() = default;
    // The slippage of this fill in bps, >= 0. Called exactly once per simulated fill, before any
    // limit check that might reject it, so that seeded streams stay aligned (spec 01 Errata F5 c).
    virtual double draw_bps(const FillContext& context) = 0;
};

class NoSlippage final : public SlippageModel {
  public:
    double draw_bps(const FillContext&) override { return 0.0; }
};

// The same bps on every fill, whatever the context (no multipliers, no crash rule).
class FixedBpsSlippage final : public SlippageModel {
  public:
    explicit FixedBpsSlippage(double bps);
    double draw_bps(const FillContext&) override { return bps_; }

  private:
    double bps_;
};

// The factors of the normal model's mean and standard deviation (§11.3), exposed for tests and logs.
struct SlippageBreakdown {
    double base_bps = 0.0;         // slippage_base_bps × (crash ? 5 : run multiplier)
    double vol_mult = 1.0;         // clip(atr / atr_mean_60, 0.5, 3.0); 1.0 without a usable mean
    double size_penalty = 1.0;     // clip(open × qty / (0.01 × adv20), 0.5, 2.0); 1.0 when adv20 <= 0
    double weekend_penalty = 1.0;  // costs.weekend_penalty for crypto executing on Saturday/Sunday
    double stress_mult = 1.0;      // costs.stress_slippage_mult when the benchmark week < threshold
    double mean_bps = 0.0;         // base × vol × size × weekend × stress
    double std_bps = 0.0;          // mean × slippage_std_mult, × 1.5 under stress
};

SlippageBreakdown slippage_breakdown(const config::CostsConfig& costs, const FillContext& context);

// The seeded normal model: bps = clip(Normal(mean, std), 0, 500), exactly one normal value per call.
// `execution.slippage_model: simple`: the base of the costs block (× the run multiplier, × 5 on a crash
// date) with no volatility, size, weekend or stress terms and no randomness.
class BaseSlippage final : public SlippageModel {
  public:
    explicit BaseSlippage(std::vector<config::CostsConfig> costs_by_strategy);
    double draw_bps(const FillContext& context) override;

  private:
    std::vector<config::CostsConfig> costs_;
};

// Parameters come from a strategy config's `costs` block. One instance serves a whole run (one stream,
// as the reference's per-engine generator); with several strategies pass one costs block per strategy
// and set FillContext::strategy_index.
class NormalSlippage final : public SlippageModel {
  public:
    NormalSlippage(const config::CostsConfig& costs, std::uint64_t seed);
    NormalSlippage(std::vector<config::CostsConfig> costs_by_strategy, std::uint64_t seed);

    double draw_bps(const FillContext& context) override;
    std::uint64_t draws() const { return draws_; }
    const config::CostsConfig& costs(int strategy_index) const;

  private:
    std::vector<config::CostsConfig> costs_;
    Random random_;
    std::uint64_t draws_ = 0;
};

// One simulated fill: exactly one draw from `model`, the next id from `ids`, then compute_fill.
Fill simulate_fill(SlippageModel& model, const FillContext& context, double fee_bps, FillIdSequence& ids,
                   CostRule rule = CostRule::TradeLab);

}  // namespace tradelab::execution
