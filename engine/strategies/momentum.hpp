#pragma once
// Breakout momentum for equities (spec 01 §4) and crypto (§5, with the staged exit). A strategy reads
// one symbol's bars and features at one row and returns decisions; it never touches money or orders.
// Every read is at row `i` or earlier, so a decision at a date uses data up to that date only.
#include <cstdint>
#include <optional>
#include <string_view>

#include "config/strategy_config.hpp"
#include "data/bar_series.hpp"
#include "indicators/feature_table.hpp"
#include "indicators/indicator_windows.hpp"

namespace tradelab::strategies {

// Why a symbol is not eligible at a row (the first failing check, in the spec's order).
enum class Ineligibility : std::uint8_t {
    None,
    InsufficientData,  // features needed for an entry are not all defined yet
    TrendMaMissing,
    BelowTrendMa,
    SlopeMissing,
    InsufficientSlope,
    Ma200Missing,
    BelowMa200,
    RelativeStrengthMissing,
    WeakRelativeStrength,
};

std::string_view to_string(Ineligibility reason);

struct Breakout {
    int window = 0;          // the breakout window that fired (breakout_fast has priority)
    double clearance = 0.0;  // close / prior high - 1
};

enum class ExitSignal : std::uint8_t { None, HardStop, TrailingMaCross };

// The part of an open position a strategy may change at the close: its stop.
struct StopState {
    double entry_price = 0.0;
    double stop_price = 0.0;
    bool tightened = false;
};

// One symbol's inputs: its bars and the features computed from them with this strategy's windows.
struct SymbolView {
    const data::BarSeries& bars;
    const indicators::FeatureTable& features;
};

class MomentumStrategy {
  public:
    // Throws std::invalid_argument naming the config key when the config cannot drive this strategy
    // (trend_ma other than 50 or 200, staged exit without tightened_stop_atr_mult).
    explicit MomentumStrategy(const config::StrategyConfig& config);

    const config::StrategyConfig& config() const { return config_; }
    AssetClass asset_class() const { return config_.asset_class; }
    // The indicator windows this strategy reads; every MA it needs is among ma_periods.
    const indicators::IndicatorWindows& windows() const { return windows_; }

    Ineligibility eligibility(const SymbolView& symbol, std::size_t i) const;
    std::optional<Breakout> breakout(const SymbolView& symbol, std::size_t i) const;
    // max(0.01, close - hard_stop_atr_mult * atr)
    double initial_stop(double close, double atr) const;

    // At the close of row i of an open position: may tighten the stop (staged exit), then says
    // whether to exit at the next open. Hard stop wins over the MA exit.
    ExitSignal update_and_check_exit(const SymbolView& symbol, std::size_t i, StopState& stop) const;

  private:
    Ineligibility trend_eligibility(const SymbolView& symbol, std::size_t i) const;
    Ineligibility relative_strength(const SymbolView& symbol, std::size_t i) const;

    config::StrategyConfig config_;
    indicators::IndicatorWindows windows_;
};

// The windows a strategy config asks for, with the MAs its rules read (exit MA, MA200 for crypto)
// added to ma_periods when missing.
indicators::IndicatorWindows windows_for(const config::StrategyConfig& config);

}  // namespace tradelab::strategies
