#pragma once
// Moving a column from one symbol's rows to another date list. Every series has its own rows (a
// holiday, a listing date, crypto weekends), so values are matched by date, never by row number.
#include <span>
#include <vector>

#include "core/date.hpp"

namespace tradelab::indicators {

// The source value on each target date; NaN where the source has no row that date (never
// forward-filled). Both date lists must be strictly increasing. O(target + source).
// Used for the benchmark columns (benchmark roc and 1-day return on the symbol's own dates).
std::vector<double> align_to_dates(const std::vector<Date>& target_dates,
                                   const std::vector<Date>& source_dates,
                                   const std::vector<double>& source_values);

// Allocation-free form: writes into `out` (same length as `target_dates`).
void align_to_dates(std::span<const Date> target_dates, std::span<const Date> source_dates,
                    std::span<const double> source_values, std::span<double> out);

// Throws std::invalid_argument naming `what` and the first offending position when `dates` is not
// strictly increasing.
void require_strictly_increasing(std::span<const Date> dates, const char* what);

}  // namespace tradelab::indicators
