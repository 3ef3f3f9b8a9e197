#pragma once
// The NYSE calendar: weekdays minus the full-day closures of nyse_holidays(), for 1990-2035.
#include <cstdint>
#include <vector>

#include "calendar/trading_calendar.hpp"

namespace tradelab::calendar {

class NyseCalendar final : public TradingCalendar {
  public:
    // Builds the day table for the whole supported range once, so lookups are a single index.
    NyseCalendar();

    std::string_view name() const override { return "NYSE"; }
    // Throws std::out_of_range outside nyse_first_day..nyse_last_day.
    bool is_trading_day(Date day) const override;

  private:
    std::vector<std::uint8_t> is_open_;  // one entry per calendar day from nyse_first_day
};

}  // namespace tradelab::calendar
