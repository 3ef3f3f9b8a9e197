#pragma once
// Portfolio volatility scaling: the risk multiplier m for new entries (spec 01 §10.1, TradeLab
// decision 7), driven by the run config's volatility_scaling block (the reference ignored the block
// and always ran continuous 20/252/0.33/1.0).
//
// Feed one closing equity per processed day. With n daily returns r_k = E_k / E_{k-1} − 1:
//   n < lookback              m = 1.0, vol and baseline NaN
//   vol      = pstdev(last `lookback` returns) × √annualisation
//   baseline = median of the pstdev × √annualisation of every `lookback`-return window inside the last
//              min(baseline_lookback, n) returns
//   ratio    = vol / baseline (1.0 when baseline <= 0)
//   continuous: m = clip(1 / max(ratio, 1), min_multiplier, max_multiplier)
//   regime:     m = clip(ratio > 2 ? 0.5 : 1.0, min_multiplier, max_multiplier)
//   off (or enabled: false): m = 1.0 (vol and baseline are still tracked for reporting)
// A non-positive equity makes the next return undefined; while such a return is inside the window the
// vol is NaN and m = min_multiplier (maximum caution).
//
// VolScalingRule::Reference adds the reference's one-day lag (spec 01 Errata F6): m is computed BEFORE
// the day's equity is appended, so the k-th update sees k − 1 returns.
//
// Cost per update: one window pstdev plus O(log w + w) memmove to keep the w = baseline − lookback + 1
// window vols sorted (the median is then read directly), no allocation — ring buffers and the sorted
// list are sized at construction.
#include <cstddef>
#include <vector>

#include "config/run_config.hpp"

namespace tradelab::portfolio {

enum class VolScalingRule { TradeLab, Reference };

class VolatilityScaler {
  public:
    // annualisation_factor: 252 for equity-calendar portfolios, 365 for crypto-only ones. Throws
    // std::invalid_argument for lookback < 1, baseline_lookback < lookback, or bad multiplier bounds.
    VolatilityScaler(const config::VolatilityScalingConfig& config, double starting_equity,
                     double annualisation_factor, VolScalingRule rule = VolScalingRule::TradeLab);

    // Forgets the equity history (a new period starts from its own starting equity).
    void reset(double starting_equity);
    // The closing equity of one processed day; updates the multiplier.
    void update(double equity);

    double multiplier() const { return multiplier_; }
    double volatility() const { return volatility_; }  // annualised; NaN until `lookback` returns
    double baseline_volatility() const { return baseline_; }
    std::size_t return_count() const { return returns_seen_; }

  private:
    void push_return(double r);
    void remember_vol(double vol);
    void forget_vol(double vol);
    void recompute();
    double window_volatility() const;
    double median_of_recent_windows() const;
    double multiplier_for(double ratio) const;

    config::VolatilityScalingConfig config_;
    double annualisation_sqrt_;
    VolScalingRule rule_;

    double previous_equity_ = 0.0;
    std::size_t returns_seen_ = 0;
    std::vector<double> returns_;      // ring of the last `lookback` returns
    std::vector<double> window_vols_;  // ring of the last baseline − lookback + 1 window vols
    std::vector<double> sorted_vols_;  // the non-NaN vols of the windows in the baseline range, ascending
    std::size_t nan_vols_ = 0;         // and how many of those windows have a NaN vol

    double multiplier_ = 1.0;
    double volatility_;
    double baseline_;
};

}  // namespace tradelab::portfolio
