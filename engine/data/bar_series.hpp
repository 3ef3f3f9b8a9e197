#pragma once
// One symbol's daily bars, one contiguous column per field.
#include <cstddef>
#include <string>
#include <vector>

#include "core/date.hpp"

namespace tradelab::data {

struct BarSeries {
    std::vector<Date> date;
    std::vector<double> open;
    std::vector<double> high;
    std::vector<double> low;
    std::vector<double> close;
    std::vector<double> volume;
    std::vector<double> dollar_volume;  // from the file when present and > 0, else close * volume

    std::size_t size() const { return date.size(); }
    bool empty() const { return date.empty(); }
    void reserve(std::size_t rows);
    void clear();

    // Index of the first bar on or after `day` (size() when none).
    std::size_t lower_bound(Date day) const;
    // Index of the bar dated exactly `day`, or -1.
    std::ptrdiff_t find(Date day) const;
};

}  // namespace tradelab::data
