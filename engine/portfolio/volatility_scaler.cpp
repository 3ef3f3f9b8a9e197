#include "portfolio/volatility_scaler.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

namespace tradelab::portfolio {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kRegimeRatio = 2.0;
constexpr double kRegimeMultiplier = 0.5;

void check_config(const config::VolatilityScalingConfig& config, double annualisation_factor) {
    if (config.lookback < 1 || config.baseline_lookback < config.lookback)
        throw std::invalid_argument(fmt::format(
            "volatility scaling: lookback {} and baseline_lookback {} (need 1 <= lookback <= baseline)",
            config.lookback, config.baseline_lookback));
    if (!(config.min_multiplier > 0.0) || !(config.min_multiplier <= config.max_multiplier))
        throw std::invalid_argument(
            fmt::format("volatility scaling: multipliers [{}, {}] (need 0 < min <= max)",
                        config.min_multiplier, config.max_multiplier));
    if (!(annualisation_factor > 0.0) || !std::isfinite(annualisation_factor))
        throw std::invalid_argument(
            fmt::format("volatility scaling: annualisation factor {} is not positive", annualisation_factor));
}

}  // namespace

VolatilityScaler::VolatilityScaler(const config::VolatilityScalingConfig& config, double starting_equity,
                                   double annualisation_factor, VolScalingRule rule)
    : config_(config), annualisation_sqrt_(0.0), rule_(rule), volatility_(kNaN), baseline_(kNaN) {
    check_config(config, annualisation_factor);
    annualisation_sqrt_ = std::sqrt(annualisation_factor);
    const auto lookback = static_cast<std::size_t>(config.lookback);
    const auto windows = static_cast<std::size_t>(config.baseline_lookback) - lookback + 1;
    returns_.assign(lookback, kNaN);
    window_vols_.assign(windows, kNaN);
    sorted_vols_.reserve(windows);  // never grows past `windows`: no allocation per update
    reset(starting_equity);
}

void VolatilityScaler::reset(double starting_equity) {
    previous_equity_ = starting_equity;
    returns_seen_ = 0;
    sorted_vols_.clear();
    nan_vols_ = 0;
    multiplier_ = 1.0;
    volatility_ = kNaN;
    baseline_ = kNaN;
}

void VolatilityScaler::update(double equity) {
    const double r = previous_equity_ > 0.0 ? equity / previous_equity_ - 1.0 : kNaN;
    previous_equity_ = equity;
    if (rule_ == VolScalingRule::Reference) {
        recompute();  // the reference scaled before appending the day's equity
        push_return(r);
    } else {
        push_return(r);
        recompute();
    }
}

void VolatilityScaler::push_return(double r) {
    const std::size_t lookback = returns_.size();
    returns_[returns_seen_ % lookback] = r;
    ++returns_seen_;
    if (returns_seen_ < lookback) return;
    const std::size_t window = returns_seen_ - lookback;  // index of the new window
    double& slot = window_vols_[window % window_vols_.size()];
    if (window >= window_vols_.size()) forget_vol(slot);  // the window now out of the baseline range
    slot = window_volatility();
    remember_vol(slot);
}

void VolatilityScaler::remember_vol(double vol) {
    if (std::isnan(vol)) {
        ++nan_vols_;
        return;
    }
    sorted_vols_.insert(std::upper_bound(sorted_vols_.begin(), sorted_vols_.end(), vol), vol);
}

void VolatilityScaler::forget_vol(double vol) {
    if (std::isnan(vol)) {
        --nan_vols_;
        return;
    }
    // Any element equal to `vol` will do: equal vols are the same value (never -0.0, a square root of
    // a sum of squares that starts at +0.0).
    sorted_vols_.erase(std::lower_bound(sorted_vols_.begin(), sorted_vols_.end(), vol));
}

// Population standard deviation of the return ring, annualised; two passes for accuracy.
double VolatilityScaler::window_volatility() const {
    double sum = 0.0;
    for (const double r : returns_) sum += r;
    const double mean = sum / static_cast<double>(returns_.size());
    double squares = 0.0;
    for (const double r : returns_) squares += (r - mean) * (r - mean);
    return std::sqrt(squares / static_cast<double>(returns_.size())) * annualisation_sqrt_;
}

// Median of the window vols whose windows lie inside the last min(baseline_lookback, n) returns: the
// last window_vols_.size() windows, or every window while there are fewer. Those are exactly the vols
// in sorted_vols_ and nan_vols_, kept in step by push_return(), so the median is read off the sorted
// list: the middle element, or the mean of the two middle ones, the values std::nth_element would
// select from the same multiset.
double VolatilityScaler::median_of_recent_windows() const {
    if (nan_vols_ > 0) return kNaN;
    const std::size_t count = sorted_vols_.size();
    const double middle = sorted_vols_[count / 2];
    if (count % 2 == 1) return middle;
    return (sorted_vols_[count / 2 - 1] + middle) / 2.0;
}

double VolatilityScaler::multiplier_for(double ratio) const {
    const double raw = config_.mode == config::VolScalingMode::Regime
                           ? (ratio > kRegimeRatio ? kRegimeMultiplier : 1.0)
                           : 1.0 / std::max(ratio, 1.0);
    return std::clamp(raw, config_.min_multiplier, config_.max_multiplier);
}

void VolatilityScaler::recompute() {
    if (returns_seen_ < returns_.size()) {
        volatility_ = kNaN;
        baseline_ = kNaN;
        multiplier_ = 1.0;
        return;
    }
    volatility_ = window_vols_[(returns_seen_ - returns_.size()) % window_vols_.size()];
    baseline_ = median_of_recent_windows();
    if (!config_.enabled || config_.mode == config::VolScalingMode::Off) {
        multiplier_ = 1.0;
    } else if (std::isnan(volatility_) || std::isnan(baseline_)) {
        multiplier_ = config_.min_multiplier;
    } else {
        multiplier_ = multiplier_for(baseline_ > 0.0 ? volatility_ / baseline_ : 1.0);
    }
}

}  // namespace tradelab::portfolio
