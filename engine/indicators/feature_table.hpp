#pragma once
// Every indicator of one symbol, as columns over its bar rows (spec 01 §2). Row i of each column uses
// bars 0..i only, so the table can be computed once for the whole series without lookahead; NaN marks
// "not enough history" and is never forward-filled. Each column is one O(n) pass; any lookup by
// (row, column) is O(1).
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "data/bar_series.hpp"
#include "indicators/indicator_windows.hpp"

namespace tradelab::indicators {

struct NamedColumn {
    std::string name;  // the reference's FeatureRow name, e.g. "ma20", "highest_close_55d"
    std::span<const double> values;
};

class FeatureTable {
  public:
    FeatureTable() = default;

    // Computes every column. Throws std::invalid_argument when the windows are invalid or the bar
    // columns differ in length.
    static FeatureTable compute(const data::BarSeries& bars, const IndicatorWindows& windows = {});

    std::size_t size() const { return rows_; }
    const IndicatorWindows& windows() const { return windows_; }

    // Column accessors return views into this table, so they exist only on lvalues: a view of a
    // temporary table (`FeatureTable::compute(bars).atr()`) would dangle and does not compile.
    // Simple MA of close for a period listed in windows().ma_periods; throws std::out_of_range else.
    std::span<const double> ma(int period) const&;
    std::span<const double> trend_ma() const&;  // windows().trend_ma, listed in ma_periods or not
    std::span<const double> atr() const& { return atr_; }
    std::span<const double> roc() const& { return roc_; }
    std::span<const double> highest_close_fast() const& { return highest_close_fast_; }  // excludes today
    std::span<const double> highest_close_slow() const& { return highest_close_slow_; }  // excludes today
    std::span<const double> adv() const& { return adv_; }                                // includes today
    std::span<const double> returns_1d() const& { return returns_1d_; }
    std::span<const double> ma_slope() const& { return ma_slope_; }
    std::span<const double> ma_lookback() const& { return ma_lookback_; }
    std::span<const double> std_lookback() const& { return std_lookback_; }  // sample std (n-1)
    std::span<const double> zscore() const& { return zscore_; }
    // The benchmark's roc / 1-day return on this symbol's dates; all NaN until attach_benchmark().
    std::span<const double> benchmark_roc() const& { return benchmark_roc_; }
    std::span<const double> benchmark_returns_1d() const& { return benchmark_returns_1d_; }

    std::span<const double> ma(int period) const&& = delete;
    std::span<const double> trend_ma() const&& = delete;
    std::span<const double> atr() const&& = delete;
    std::span<const double> roc() const&& = delete;
    std::span<const double> highest_close_fast() const&& = delete;
    std::span<const double> highest_close_slow() const&& = delete;
    std::span<const double> adv() const&& = delete;
    std::span<const double> returns_1d() const&& = delete;
    std::span<const double> ma_slope() const&& = delete;
    std::span<const double> ma_lookback() const&& = delete;
    std::span<const double> std_lookback() const&& = delete;
    std::span<const double> zscore() const&& = delete;
    std::span<const double> benchmark_roc() const&& = delete;
    std::span<const double> benchmark_returns_1d() const&& = delete;

    // Spec 01 §2.4: the two shortest MAs (IndicatorWindows::entry_ma_periods), ATR, both breakout
    // highs and ADV are all finite at row i. False for i out of range.
    bool valid_for_entry(std::size_t i) const;

    // Fills the benchmark columns from the benchmark's own table, matched by date (NaN on dates the
    // benchmark has no bar). Both tables must use the same roc_period; throws std::invalid_argument
    // otherwise, or when a date list does not match its table or is not strictly increasing.
    void attach_benchmark(std::span<const Date> own_dates, std::span<const Date> benchmark_dates,
                          const FeatureTable& benchmark);

    // Every column with its name, in the reference's FeatureRow order (MAs, ATR, ROC, breakout
    // highs, ADV, returns, slope, look-back mean/std, z-score, benchmark columns).
    std::vector<NamedColumn> columns() const&;
    std::vector<NamedColumn> columns() const&& = delete;

  private:
    void compute_columns(const data::BarSeries& bars);
    void compute_zscore(std::span<const double> close);
    void find_entry_rows();
    bool columns_valid_for_entry(std::size_t i) const;

    IndicatorWindows windows_;
    std::size_t rows_ = 0;
    std::vector<std::vector<double>> ma_;   // parallel to windows_.ma_periods
    std::vector<double> trend_ma_storage_;  // only when trend_ma is not in ma_periods
    std::ptrdiff_t trend_ma_slot_ = -1;     // index into ma_, or -1 for trend_ma_storage_
    std::vector<std::size_t> entry_ma_slots_;
    std::size_t first_entry_row_ = 0;    // first row valid for entry (rows_ when none)
    bool entry_rows_contiguous_ = false;  // every row from first_entry_row_ on is valid
    std::vector<double> atr_;
    std::vector<double> roc_;
    std::vector<double> highest_close_fast_;
    std::vector<double> highest_close_slow_;
    std::vector<double> adv_;
    std::vector<double> returns_1d_;
    std::vector<double> ma_slope_;
    std::vector<double> ma_lookback_;
    std::vector<double> std_lookback_;
    std::vector<double> zscore_;
    std::vector<double> benchmark_roc_;
    std::vector<double> benchmark_returns_1d_;
};

}  // namespace tradelab::indicators
