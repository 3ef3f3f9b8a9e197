#include "strategies/momentum.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace tradelab::strategies {
namespace {

bool defined(double value) {
    return std::isfinite(value);
}

void add_period(std::vector<int>& periods, int period) {
    if (std::find(periods.begin(), periods.end(), period) == periods.end()) periods.push_back(period);
}

bool is_crypto(const config::StrategyConfig& config) {
    return config.asset_class == AssetClass::Crypto;
}

}  // namespace

std::string_view to_string(Ineligibility reason) {
    switch (reason) {
        case Ineligibility::None:
            return "eligible";
        case Ineligibility::InsufficientData:
            return "insufficient_data";
        case Ineligibility::TrendMaMissing:
            return "trend_ma_missing";
        case Ineligibility::BelowTrendMa:
            return "below_trend_ma";
        case Ineligibility::SlopeMissing:
            return "ma_slope_missing";
        case Ineligibility::InsufficientSlope:
            return "insufficient_ma_slope";
        case Ineligibility::Ma200Missing:
            return "ma200_missing";
        case Ineligibility::BelowMa200:
            return "below_MA200";
        case Ineligibility::RelativeStrengthMissing:
            return "relative_strength_missing";
        case Ineligibility::WeakRelativeStrength:
            return "weak_relative_strength";
    }
    return "unknown";
}

indicators::IndicatorWindows windows_for(const config::StrategyConfig& config) {
    indicators::IndicatorWindows windows;
    windows.ma_periods = config.indicators.ma_periods;
    windows.atr_period = config.indicators.atr_period;
    windows.roc_period = config.indicators.roc_period;
    windows.breakout_fast = config.indicators.breakout_fast;
    windows.breakout_slow = config.indicators.breakout_slow;
    windows.adv_lookback = config.indicators.adv_lookback;
    windows.corr_lookback = config.indicators.corr_lookback;
    windows.trend_ma = config.eligibility.trend_ma;
    windows.ma_slope_lookback = config.eligibility.ma_slope_lookback;
    add_period(windows.ma_periods, config.exit.exit_ma);
    if (is_crypto(config)) add_period(windows.ma_periods, 20);  // the staged exit tightens below MA20
    if (is_crypto(config) || config.eligibility.require_close_above_ma200 ||
        config.eligibility.trend_ma == 200) {
        add_period(windows.ma_periods, 200);
    }
    windows.validate();
    return windows;
}

MomentumStrategy::MomentumStrategy(const config::StrategyConfig& config)
    : config_(config), windows_(windows_for(config)) {
    const int trend = config.eligibility.trend_ma;
    if (!is_crypto(config) && config.eligibility.require_close_above_trend_ma && trend != 50 &&
        trend != 200) {
        throw std::invalid_argument("eligibility.trend_ma: equity momentum supports 50 or 200, got " +
                                    std::to_string(trend));
    }
    if (config.exit.mode == config::ExitMode::Staged && !config.exit.tightened_stop_atr_mult) {
        throw std::invalid_argument("exit.tightened_stop_atr_mult: required by the staged exit");
    }
}

Ineligibility MomentumStrategy::eligibility(const SymbolView& symbol, std::size_t i) const {
    if (!symbol.features.valid_for_entry(i)) return Ineligibility::InsufficientData;
    const Ineligibility trend = trend_eligibility(symbol, i);
    if (trend != Ineligibility::None) return trend;
    return relative_strength(symbol, i);
}

Ineligibility MomentumStrategy::trend_eligibility(const SymbolView& symbol, std::size_t i) const {
    const double close = symbol.bars.close[i];
    const auto& eligibility = config_.eligibility;
    if (is_crypto(config_) || eligibility.require_close_above_ma200) {
        const double ma200 = symbol.features.ma(200)[i];
        if (!defined(ma200)) return Ineligibility::Ma200Missing;
        if (!(close > ma200)) return Ineligibility::BelowMa200;
    }
    if (is_crypto(config_) || !eligibility.require_close_above_trend_ma) return Ineligibility::None;
    const double trend_ma = symbol.features.trend_ma()[i];
    if (!defined(trend_ma)) return Ineligibility::TrendMaMissing;
    if (!(close > trend_ma)) return Ineligibility::BelowTrendMa;
    if (eligibility.trend_ma != 50) return Ineligibility::None;  // the slope rule belongs to the MA50 trend
    const double slope = symbol.features.ma_slope()[i];
    if (!defined(slope)) return Ineligibility::SlopeMissing;
    if (!(slope > eligibility.ma_slope_min)) return Ineligibility::InsufficientSlope;
    return Ineligibility::None;
}

// Equity passes at equality (>=), crypto needs to beat the minimum (>), as the reference defines them.
Ineligibility MomentumStrategy::relative_strength(const SymbolView& symbol, std::size_t i) const {
    if (!config_.eligibility.relative_strength_enabled) return Ineligibility::None;
    const double roc = symbol.features.roc()[i];
    const double benchmark_roc = symbol.features.benchmark_roc()[i];
    if (!defined(roc) || !defined(benchmark_roc)) return Ineligibility::RelativeStrengthMissing;
    const double excess = roc - benchmark_roc;
    const double minimum = config_.eligibility.relative_strength_min;
    const bool strong = is_crypto(config_) ? excess > minimum : excess >= minimum;
    return strong ? Ineligibility::None : Ineligibility::WeakRelativeStrength;
}

std::optional<Breakout> MomentumStrategy::breakout(const SymbolView& symbol, std::size_t i) const {
    const double close = symbol.bars.close[i];
    const double fast_high = symbol.features.highest_close_fast()[i];
    if (defined(fast_high) && close >= fast_high * (1.0 + config_.entry.fast_clearance)) {
        return Breakout{windows_.breakout_fast, close / fast_high - 1.0};
    }
    const double slow_high = symbol.features.highest_close_slow()[i];
    if (defined(slow_high) && close >= slow_high * (1.0 + config_.entry.slow_clearance)) {
        return Breakout{windows_.breakout_slow, close / slow_high - 1.0};
    }
    return std::nullopt;
}

double MomentumStrategy::initial_stop(double close, double atr) const {
    return std::max(0.01, close - config_.exit.hard_stop_atr_mult * atr);
}

ExitSignal MomentumStrategy::update_and_check_exit(const SymbolView& symbol, std::size_t i,
                                                   StopState& stop) const {
    const double close = symbol.bars.close[i];
    if (config_.exit.mode == config::ExitMode::Staged && !stop.tightened) {
        const double ma20 = symbol.features.ma(20)[i];
        const double atr = symbol.features.atr()[i];
        if (defined(ma20) && defined(atr) && close < ma20) {
            // Stage 1: tighten once, from the entry price with today's ATR; retried until it raises the stop.
            const double candidate = stop.entry_price - *config_.exit.tightened_stop_atr_mult * atr;
            if (candidate > stop.stop_price) {
                stop.stop_price = candidate;
                stop.tightened = true;
            }
        }
    }
    if (close <= stop.stop_price) return ExitSignal::HardStop;
    const double exit_ma = symbol.features.ma(config_.exit.exit_ma)[i];
    if (defined(exit_ma) && close < exit_ma) return ExitSignal::TrailingMaCross;
    return ExitSignal::None;
}

}  // namespace tradelab::strategies
