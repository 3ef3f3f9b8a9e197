#pragma once
// Trading calendars by asset class: equities trade on NYSE days (rule-based, 1990-2035), crypto on
// every calendar day.
#include <memory>
#include <string_view>
#include <vector>

#include "core/asset_class.hpp"
#include "core/date.hpp"

namespace tradelab::calendar {

class TradingCalendar {
public:
    virtual ~TradingCalendar() = default;
    virtual std::string_view name() const = 0;
    virtual bool is_trading_day(Date day) const = 0;

    // First trading day strictly after / before `day`.
    Date next_trading_day(Date day) const;
    Date previous_trading_day(Date day) const;
    // Trading days in [from, to], both inclusive.
    std::vector<Date> trading_days(Date from, Date to) const;
};

// The calendar for an asset class; the objects live for the whole program.
const TradingCalendar& calendar_for(AssetClass asset_class);

}  // namespace tradelab::calendar
