#include "execution/slippage_inputs.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

namespace tradelab::execution {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kEquityWeekDates = 5;

void check_columns(std::span<const Date> dates, std::span<const double> closes, const char* caller) {
    if (dates.size() != closes.size())
        throw std::invalid_argument(
            fmt::format("{}: {} dates but {} closes", caller, dates.size(), closes.size()));
}

double change(double first, double last) {
    if (!(first > 0.0) || !(last > 0.0)) return 0.0;
    return last / first - 1.0;
}

// Row of the bar dated exactly `day`, or dates.size().
std::size_t row_of(std::span<const Date> dates, Date day) {
    const auto it = std::lower_bound(dates.begin(), dates.end(), day);
    return it != dates.end() && *it == day ? static_cast<std::size_t>(it - dates.begin()) : dates.size();
}

}  // namespace

double trailing_atr_mean(std::span<const double> atr, std::size_t row, std::size_t count) {
    if (row >= atr.size())
        throw std::out_of_range(fmt::format("trailing_atr_mean: row {} of a column of {}", row, atr.size()));
    if (count == 0 || row + 1 < count) return kNaN;
    double sum = 0.0;
    std::size_t finite = 0;
    for (std::size_t k = row + 1 - count; k <= row; ++k) {
        if (!std::isfinite(atr[k])) continue;
        sum += atr[k];
        ++finite;
    }
    return finite == 0 ? kNaN : sum / static_cast<double>(finite);
}

double equity_weekly_return(std::span<const Date> dates, std::span<const double> closes, Date decision_date) {
    check_columns(dates, closes, "equity_weekly_return");
    auto end = std::upper_bound(dates.begin(), dates.end(), decision_date);
    std::size_t found = 0;
    std::size_t last = 0;
    std::size_t first = 0;
    for (auto it = end; it != dates.begin() && found < kEquityWeekDates;) {
        --it;
        if (is_weekend(*it)) continue;
        first = static_cast<std::size_t>(it - dates.begin());
        if (found == 0) last = first;
        ++found;
    }
    if (found < kEquityWeekDates) return 0.0;
    return change(closes[first], closes[last]);
}

double crypto_weekly_return(std::span<const Date> dates, std::span<const double> closes, Date decision_date) {
    check_columns(dates, closes, "crypto_weekly_return");
    const std::size_t today = row_of(dates, decision_date);
    const std::size_t week_ago = row_of(dates, decision_date - std::chrono::days{6});
    if (today == dates.size() || week_ago == dates.size()) return 0.0;
    return change(closes[week_ago], closes[today]);
}

double benchmark_weekly_return(AssetClass asset_class, std::span<const Date> dates,
                               std::span<const double> closes, Date decision_date) {
    return asset_class == AssetClass::Equity ? equity_weekly_return(dates, closes, decision_date)
                                             : crypto_weekly_return(dates, closes, decision_date);
}

}  // namespace tradelab::execution
