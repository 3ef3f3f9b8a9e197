#pragma once
// Trading calendars by asset class: equities trade on NYSE days (rule-based, 1990-2035), crypto on
// every calendar day.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/asset_class.hpp"
#include "core/date.hpp"

namespace tradelab::calendar {

class TradingCalendar {
  public:
    virtual ~TradingCalendar() = default;
    virtual std::string_view name() const = 0;
    // Throws std::out_of_range for a date the calendar cannot answer for (it never guesses).
    virtual bool is_trading_day(Date day) const = 0;

    // First trading day strictly after / before `day`.
    Date next_trading_day(Date day) const;
    Date previous_trading_day(Date day) const;
    // Trading days in [from, to], both inclusive. Throws std::invalid_argument if from > to: a reversed
    // range is a caller bug, and an empty answer would hide it.
    std::vector<Date> trading_days(Date from, Date to) const;
};

// Every calendar day trades: crypto markets never close. Accepts any date.
class CryptoCalendar final : public TradingCalendar {
  public:
    std::string_view name() const override { return "crypto"; }
    bool is_trading_day(Date) const override { return true; }
};

// The calendar for an asset class; the objects live for the whole program.
const TradingCalendar& calendar_for(AssetClass asset_class);

// The NYSE rules are only written down (and checked) for this range; see nyse_calendar.cpp.
inline constexpr int nyse_first_year = 1990;
inline constexpr int nyse_last_year = 2035;
inline constexpr Date nyse_first_day = make_date(nyse_first_year, 1, 1);
inline constexpr Date nyse_last_day = make_date(nyse_last_year, 12, 31);

// A weekday on which the NYSE is closed for the whole day, with the holiday's name as the exchange
// publishes it ("Independence Day" also names the observed July 3 or 5).
struct Holiday {
    Date date;
    std::string name;
    bool operator==(const Holiday&) const = default;
};

// The NYSE full-day closures of `year` in date order: the regular holidays as observed plus the special
// closures (days of mourning, September 11, Hurricane Sandy). Early closes are trading days and are not
// listed. Throws std::out_of_range outside nyse_first_year..nyse_last_year.
std::vector<Holiday> nyse_holidays(int year);

}  // namespace tradelab::calendar
