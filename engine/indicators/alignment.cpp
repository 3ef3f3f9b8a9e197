#include "indicators/alignment.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

namespace tradelab::indicators {

void require_strictly_increasing(std::span<const Date> dates, const char* what) {
    const auto bad = std::adjacent_find(dates.begin(), dates.end(), [](Date a, Date b) { return a >= b; });
    if (bad != dates.end())
        throw std::invalid_argument(
            fmt::format("{}: dates not strictly increasing at position {} ({} then {})", what,
                        bad - dates.begin() + 1, format_date(*bad), format_date(*(bad + 1))));
}

void align_to_dates(std::span<const Date> target_dates, std::span<const Date> source_dates,
                    std::span<const double> source_values, std::span<double> out) {
    if (source_values.size() != source_dates.size())
        throw std::invalid_argument(fmt::format("align_to_dates: {} source values for {} source dates",
                                                source_values.size(), source_dates.size()));
    if (out.size() != target_dates.size())
        throw std::invalid_argument(fmt::format("align_to_dates: output has {} rows for {} target dates",
                                                out.size(), target_dates.size()));
    require_strictly_increasing(target_dates, "align_to_dates target");
    require_strictly_increasing(source_dates, "align_to_dates source");
    // Merge walk: both lists ascend, so the source cursor only moves forward.
    std::size_t s = 0;
    for (std::size_t t = 0; t < target_dates.size(); ++t) {
        while (s < source_dates.size() && source_dates[s] < target_dates[t]) ++s;
        const bool match = s < source_dates.size() && source_dates[s] == target_dates[t];
        out[t] = match ? source_values[s] : std::numeric_limits<double>::quiet_NaN();
    }
}

std::vector<double> align_to_dates(const std::vector<Date>& target_dates,
                                   const std::vector<Date>& source_dates,
                                   const std::vector<double>& source_values) {
    std::vector<double> out(target_dates.size());
    align_to_dates(std::span<const Date>(target_dates), std::span<const Date>(source_dates),
                   std::span<const double>(source_values), std::span<double>(out));
    return out;
}

}  // namespace tradelab::indicators
