#include "indicators/indicator_windows.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

namespace tradelab::indicators {
namespace {

void require_at_least(int value, int minimum, const char* field) {
    if (value < minimum)
        throw std::invalid_argument(
            fmt::format("indicator windows: {} must be >= {}, got {}", field, minimum, value));
}

}  // namespace

void IndicatorWindows::validate() const {
    if (ma_periods.empty()) throw std::invalid_argument("indicator windows: ma_periods is empty");
    for (const int period : ma_periods) require_at_least(period, 1, "every ma_periods entry");
    auto sorted = ma_periods;
    std::sort(sorted.begin(), sorted.end());
    if (const auto dup = std::adjacent_find(sorted.begin(), sorted.end()); dup != sorted.end())
        throw std::invalid_argument(fmt::format("indicator windows: ma_periods lists {} twice", *dup));
    require_at_least(atr_period, 1, "atr_period");
    require_at_least(roc_period, 1, "roc_period");
    require_at_least(breakout_fast, 1, "breakout_fast");
    require_at_least(breakout_slow, 1, "breakout_slow");
    require_at_least(adv_lookback, 1, "adv_lookback");
    require_at_least(trend_ma, 1, "trend_ma");
    require_at_least(ma_slope_lookback, 1, "ma_slope_lookback");
    require_at_least(zscore_lookback, 2, "zscore_lookback");
    require_at_least(corr_lookback, 1, "corr_lookback");
}

std::vector<int> IndicatorWindows::entry_ma_periods() const {
    auto sorted = ma_periods;
    std::sort(sorted.begin(), sorted.end());
    sorted.resize(std::min<std::size_t>(sorted.size(), 2));
    return sorted;
}

int IndicatorWindows::entry_warmup_bars() const {
    // Each column's first valid index; ATR is never defined at bar 0 (no previous close).
    int warmup = std::max({atr_period - 1, 1, breakout_fast, breakout_slow, adv_lookback - 1});
    for (const int period : entry_ma_periods()) warmup = std::max(warmup, period - 1);
    return warmup;
}

std::string ma_column_name(int period) {
    return fmt::format("ma{}", period);
}
std::string atr_column_name(const IndicatorWindows& windows) {
    return fmt::format("atr{}", windows.atr_period);
}
std::string roc_column_name(const IndicatorWindows& windows) {
    return fmt::format("roc{}", windows.roc_period);
}
std::string highest_close_column_name(int period) {
    return fmt::format("highest_close_{}d", period);
}
std::string adv_column_name(const IndicatorWindows& windows) {
    return fmt::format("adv{}", windows.adv_lookback);
}
std::string ma_slope_column_name(const IndicatorWindows& windows) {
    return fmt::format("ma{}_slope", windows.trend_ma);
}

}  // namespace tradelab::indicators
