#include "calendar/trading_calendar.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "calendar/nyse_calendar.hpp"

namespace tradelab::calendar {

// The loops end quickly: no calendar closes for more than a handful of consecutive days (the longest
// NYSE closure in range is September 11-14, 2001, plus the weekend). Walking off the supported range
// makes is_trading_day throw, naming the date it could not answer for.
Date TradingCalendar::next_trading_day(Date day) const {
    Date candidate = day + std::chrono::days{1};
    while (!is_trading_day(candidate)) candidate += std::chrono::days{1};
    return candidate;
}

Date TradingCalendar::previous_trading_day(Date day) const {
    Date candidate = day - std::chrono::days{1};
    while (!is_trading_day(candidate)) candidate -= std::chrono::days{1};
    return candidate;
}

std::vector<Date> TradingCalendar::trading_days(Date from, Date to) const {
    if (from > to) {
        throw std::invalid_argument(fmt::format("{} calendar: trading_days range is reversed ({} > {})",
                                                name(), format_date(from), format_date(to)));
    }
    std::vector<Date> days;
    days.reserve(static_cast<std::size_t>((to - from).count()) + 1);
    for (Date day = from; day <= to; day += std::chrono::days{1}) {
        if (is_trading_day(day)) days.push_back(day);
    }
    return days;
}

const TradingCalendar& calendar_for(AssetClass asset_class) {
    static const NyseCalendar nyse;
    static const CryptoCalendar crypto;
    switch (asset_class) {
        case AssetClass::Equity:
            return nyse;
        case AssetClass::Crypto:
            return crypto;
    }
    throw std::invalid_argument(
        fmt::format("no trading calendar for asset class {}", static_cast<int>(asset_class)));
}

}  // namespace tradelab::calendar
