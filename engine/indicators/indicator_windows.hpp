#pragma once
// The look-back windows of every indicator column. They come from the strategy config (`indicators.*`,
// `eligibility.trend_ma`, `eligibility.ma_slope_lookback`); the defaults are the reference's fixed
// windows, so a default-constructed value reproduces its feature table.
#include <string>
#include <vector>

namespace tradelab::indicators {

struct IndicatorWindows {
    std::vector<int> ma_periods{20, 50, 200};  // simple moving averages of close
    int atr_period = 14;
    int roc_period = 60;
    int breakout_fast = 20;  // highest close of the N bars before today
    int breakout_slow = 55;
    int adv_lookback = 20;       // mean dollar volume, today included
    int trend_ma = 50;           // the MA whose slope is reported (computed even if not in ma_periods)
    int ma_slope_lookback = 20;  // slope = trend_ma[i] / trend_ma[i - lag] - 1
    int zscore_lookback = 20;    // rolling mean / sample std / z-score of close
    int corr_lookback = 20;      // trailing returns used by the correlation guard

    bool operator==(const IndicatorWindows&) const = default;

    // Throws std::invalid_argument naming the field when a window is unusable: any window < 1,
    // zscore_lookback < 2 (a sample std needs two values), an empty or duplicated ma_periods.
    void validate() const;

    // The MA periods `valid_for_entry` requires: the two shortest of ma_periods (one if only one is
    // configured). With the default [20, 50, 200] that is ma20 and ma50, as in the reference.
    std::vector<int> entry_ma_periods() const;

    // First bar index at which `valid_for_entry` can be true (55 with the defaults).
    int entry_warmup_bars() const;
};

// Column names as the reference's FeatureRow spells them, with the configured windows
// ("ma20", "atr14", "roc60", "highest_close_20d", "adv20", "ma50_slope", ...).
std::string ma_column_name(int period);
std::string atr_column_name(const IndicatorWindows& windows);
std::string roc_column_name(const IndicatorWindows& windows);
std::string highest_close_column_name(int period);
std::string adv_column_name(const IndicatorWindows& windows);
std::string ma_slope_column_name(const IndicatorWindows& windows);

}  // namespace tradelab::indicators
