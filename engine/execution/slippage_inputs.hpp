#pragma once
// The market-derived inputs of the normal slippage model, computed from data up to the DECISION date
// only (TradeLab decision 5; the reference used the execution day and, across re-runs, later ATRs:
// spec 01 Errata F4, F12, §11.3). Pure functions over caller-owned columns; nothing allocates.
#include <cstddef>
#include <span>

#include "core/asset_class.hpp"
#include "core/date.hpp"

namespace tradelab::execution {

inline constexpr std::size_t kAtrMeanRows = 60;

// Mean of the finite values among rows [row - count + 1, row] of an atr14 column. NaN when fewer than
// `count` rows exist up to `row` (NaN rows count as rows, as in the reference) or none is finite.
double trailing_atr_mean(std::span<const double> atr, std::size_t row, std::size_t count = kAtrMeanRows);

// Equity stress input: among the benchmark dates <= decision_date that are weekdays, the last five;
// close(last) / close(first) - 1 (four intervals, as the reference). 0 when fewer than five such dates
// or a non-positive close.
double equity_weekly_return(std::span<const Date> dates, std::span<const double> closes, Date decision_date);

// Crypto stress input: close(d) / close(d - 6 calendar days) - 1; 0 when either bar is missing or a
// close is not positive.
double crypto_weekly_return(std::span<const Date> dates, std::span<const double> closes, Date decision_date);

// The one for `asset_class` (SPY closes for equity, BTC closes for crypto).
double benchmark_weekly_return(AssetClass asset_class, std::span<const Date> dates,
                               std::span<const double> closes, Date decision_date);

}  // namespace tradelab::execution
