#include "data/bar_series.hpp"

#include <algorithm>

namespace tradelab::data {

void BarSeries::reserve(std::size_t rows) {
    date.reserve(rows);
    open.reserve(rows);
    high.reserve(rows);
    low.reserve(rows);
    close.reserve(rows);
    volume.reserve(rows);
    dollar_volume.reserve(rows);
}

void BarSeries::clear() {
    date.clear();
    open.clear();
    high.clear();
    low.clear();
    close.clear();
    volume.clear();
    dollar_volume.clear();
}

std::size_t BarSeries::lower_bound(Date day) const {
    return static_cast<std::size_t>(std::lower_bound(date.begin(), date.end(), day) - date.begin());
}

std::ptrdiff_t BarSeries::find(Date day) const {
    const std::size_t index = lower_bound(day);
    if (index < date.size() && date[index] == day) return static_cast<std::ptrdiff_t>(index);
    return -1;
}

}  // namespace tradelab::data
