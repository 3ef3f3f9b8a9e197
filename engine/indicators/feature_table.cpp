#include "indicators/feature_table.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "indicators/alignment.hpp"
#include "indicators/rolling.hpp"

namespace tradelab::indicators {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::size_t as_size(int window) {
    return static_cast<std::size_t>(window);
}

void require_rows(const std::vector<double>& column, std::size_t rows, const char* name) {
    if (column.size() != rows)
        throw std::invalid_argument(
            fmt::format("feature table: bar column {} has {} rows, date has {}", name, column.size(), rows));
}

void require_consistent(const data::BarSeries& bars) {
    const std::size_t rows = bars.size();
    require_rows(bars.high, rows, "high");
    require_rows(bars.low, rows, "low");
    require_rows(bars.close, rows, "close");
    require_rows(bars.dollar_volume, rows, "dollar_volume");
}

std::vector<double> column_of(std::size_t rows) {
    return std::vector<double>(rows, kNaN);
}

// slope[i] = ma[i] / ma[i-lag] - 1. The reference blanks the whole column when the series has fewer
// than trend + lag rows; the first defined value is at row trend-1+lag anyway, so that rule never
// hides a value and never looks ahead.
void fill_ma_slope(std::span<const double> trend_ma, int trend, int lag, std::vector<double>& out) {
    if (out.size() < as_size(trend) + as_size(lag)) return;
    change_over(trend_ma, as_size(lag), out);
}

}  // namespace

FeatureTable FeatureTable::compute(const data::BarSeries& bars, const IndicatorWindows& windows) {
    windows.validate();
    require_consistent(bars);
    FeatureTable table;
    table.windows_ = windows;
    table.rows_ = bars.size();
    table.compute_columns(bars);
    return table;
}

void FeatureTable::compute_columns(const data::BarSeries& bars) {
    const std::span<const double> close(bars.close);
    const auto& periods = windows_.ma_periods;

    ma_.assign(periods.size(), column_of(rows_));
    for (std::size_t slot = 0; slot < periods.size(); ++slot)
        rolling_mean(close, as_size(periods[slot]), ma_[slot]);
    const auto trend = std::find(periods.begin(), periods.end(), windows_.trend_ma);
    trend_ma_slot_ = trend == periods.end() ? -1 : trend - periods.begin();
    if (trend_ma_slot_ < 0) {
        trend_ma_storage_ = column_of(rows_);
        rolling_mean(close, as_size(windows_.trend_ma), trend_ma_storage_);
    }
    entry_ma_slots_.clear();
    for (const int period : windows_.entry_ma_periods())
        entry_ma_slots_.push_back(
            static_cast<std::size_t>(std::find(periods.begin(), periods.end(), period) - periods.begin()));

    atr_ = column_of(rows_);
    average_true_range(bars.high, bars.low, close, as_size(windows_.atr_period), atr_);
    roc_ = column_of(rows_);
    change_over(close, as_size(windows_.roc_period), roc_);
    highest_close_fast_ = column_of(rows_);
    rolling_max_before(close, as_size(windows_.breakout_fast), highest_close_fast_);
    highest_close_slow_ = column_of(rows_);
    rolling_max_before(close, as_size(windows_.breakout_slow), highest_close_slow_);
    adv_ = column_of(rows_);
    rolling_mean(bars.dollar_volume, as_size(windows_.adv_lookback), adv_);
    returns_1d_ = column_of(rows_);
    change_over(close, 1, returns_1d_);
    ma_slope_ = column_of(rows_);
    fill_ma_slope(trend_ma(), windows_.trend_ma, windows_.ma_slope_lookback, ma_slope_);
    compute_zscore(close);
    benchmark_roc_ = column_of(rows_);
    benchmark_returns_1d_ = column_of(rows_);
    find_entry_rows();
}

// The daily loop asks valid_for_entry for every symbol every day; reading six columns each time is
// six cache misses. Once every entry feature is defined it stays defined (windows only grow), so the
// answer is usually "row >= first valid row", an integer compare.
void FeatureTable::find_entry_rows() {
    first_entry_row_ = rows_;
    for (std::size_t i = 0; i < rows_; ++i) {
        if (columns_valid_for_entry(i)) {
            first_entry_row_ = i;
            break;
        }
    }
    entry_rows_contiguous_ = true;
    for (std::size_t i = first_entry_row_; i < rows_; ++i) {
        if (!columns_valid_for_entry(i)) {
            entry_rows_contiguous_ = false;
            break;
        }
    }
}

void FeatureTable::compute_zscore(std::span<const double> close) {
    const auto window = as_size(windows_.zscore_lookback);
    ma_lookback_ = column_of(rows_);
    rolling_mean(close, window, ma_lookback_);
    std_lookback_ = column_of(rows_);
    rolling_sample_std(close, window, std_lookback_);
    zscore_ = column_of(rows_);
    for (std::size_t i = 0; i < rows_; ++i) {
        const double sd = std_lookback_[i];
        if (sd != 0.0 && !std::isnan(sd)) zscore_[i] = (close[i] - ma_lookback_[i]) / sd;
    }
}

std::span<const double> FeatureTable::ma(int period) const& {
    const auto& periods = windows_.ma_periods;
    const auto found = std::find(periods.begin(), periods.end(), period);
    if (found == periods.end())
        throw std::out_of_range(fmt::format("feature table: no moving average of period {} (configured: {})",
                                            period, fmt::join(periods, ", ")));
    return ma_[static_cast<std::size_t>(found - periods.begin())];
}

std::span<const double> FeatureTable::trend_ma() const& {
    if (trend_ma_slot_ < 0) return trend_ma_storage_;
    return ma_[static_cast<std::size_t>(trend_ma_slot_)];
}

bool FeatureTable::valid_for_entry(std::size_t i) const {
    if (i >= rows_) return false;
    if (entry_rows_contiguous_) return i >= first_entry_row_;
    return columns_valid_for_entry(i);
}

bool FeatureTable::columns_valid_for_entry(std::size_t i) const {
    for (const std::size_t slot : entry_ma_slots_)
        if (!std::isfinite(ma_[slot][i])) return false;
    return std::isfinite(atr_[i]) && std::isfinite(highest_close_fast_[i]) &&
           std::isfinite(highest_close_slow_[i]) && std::isfinite(adv_[i]);
}

void FeatureTable::attach_benchmark(std::span<const Date> own_dates, std::span<const Date> benchmark_dates,
                                    const FeatureTable& benchmark) {
    if (benchmark.windows_.roc_period != windows_.roc_period)
        throw std::invalid_argument(fmt::format("attach_benchmark: benchmark roc period {} differs from {}",
                                                benchmark.windows_.roc_period, windows_.roc_period));
    if (own_dates.size() != rows_ || benchmark_dates.size() != benchmark.rows_)
        throw std::invalid_argument(
            fmt::format("attach_benchmark: {} dates for {} rows, {} benchmark dates "
                        "for {} rows",
                        own_dates.size(), rows_, benchmark_dates.size(), benchmark.rows_));
    align_to_dates(own_dates, benchmark_dates, benchmark.roc_, benchmark_roc_);
    align_to_dates(own_dates, benchmark_dates, benchmark.returns_1d_, benchmark_returns_1d_);
}

std::vector<NamedColumn> FeatureTable::columns() const& {
    std::vector<NamedColumn> named;
    for (std::size_t slot = 0; slot < ma_.size(); ++slot)
        named.push_back({ma_column_name(windows_.ma_periods[slot]), ma_[slot]});
    named.push_back({atr_column_name(windows_), atr_});
    named.push_back({roc_column_name(windows_), roc_});
    named.push_back({highest_close_column_name(windows_.breakout_fast), highest_close_fast_});
    named.push_back({highest_close_column_name(windows_.breakout_slow), highest_close_slow_});
    named.push_back({adv_column_name(windows_), adv_});
    named.push_back({"returns_1d", returns_1d_});
    named.push_back({ma_slope_column_name(windows_), ma_slope_});
    named.push_back({"ma_lookback", ma_lookback_});
    named.push_back({"std_lookback", std_lookback_});
    named.push_back({"zscore", zscore_});
    named.push_back({"benchmark_" + roc_column_name(windows_), benchmark_roc_});
    named.push_back({"benchmark_returns_1d", benchmark_returns_1d_});
    return named;
}

}  // namespace tradelab::indicators
