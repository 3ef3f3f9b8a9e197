// NYSE full-day closures computed by rule rather than from a hard-coded list, so every year of the
// supported range is covered the same way and the rules can be read and checked. The weekend observance
// follows NYSE Rule 7.2; the special closures are the unscheduled full-day closures the exchange announced
// since 1990.
#include "calendar/nyse_calendar.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include <fmt/format.h>

namespace tradelab::calendar {
namespace {

using namespace std::chrono;

// Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" computus).
Date easter_sunday(int y) {
    const int a = y % 19;
    const int b = y / 100;
    const int c = y % 100;
    const int d = b / 4;
    const int e = b % 4;
    const int f = (b + 8) / 25;
    const int g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4;
    const int k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = (h + l - 7 * m + 114) % 31 + 1;
    return make_date(y, unsigned(month), unsigned(day));
}

Date nth_weekday(int y, unsigned month_number, weekday wd, unsigned n) {
    return Date{year{y} / month{month_number} / wd[n]};
}

Date last_weekday(int y, unsigned month_number, weekday wd) {
    return Date{year{y} / month{month_number} / wd[last]};
}

// A fixed-date holiday on a Sunday is observed the following Monday, on a Saturday the preceding Friday.
Date observed(Date day) {
    const weekday wd = weekday_of(day);
    if (wd == Sunday) return day + days{1};
    if (wd == Saturday) return day - days{1};
    return day;
}

void add_new_years_day(int y, std::vector<Holiday>& out) {
    const Date jan1 = make_date(y, 1, 1);
    // The Saturday rule does not apply: the preceding Friday, December 31, ends a monthly and yearly
    // accounting period, so the NYSE stays open then (e.g. 2021-12-31, 2010-12-31) and skips the holiday.
    if (weekday_of(jan1) == Saturday) return;
    out.push_back({observed(jan1), "New Year's Day"});
}

void add_regular_holidays(int y, std::vector<Holiday>& out) {
    add_new_years_day(y, out);
    // The NYSE first closed for Martin Luther King Jr. Day in 1998, twelve years after the federal holiday.
    if (y >= 1998) out.push_back({nth_weekday(y, 1, Monday, 3), "Martin Luther King Jr. Day"});
    out.push_back({nth_weekday(y, 2, Monday, 3), "Washington's Birthday"});
    out.push_back({easter_sunday(y) - days{2}, "Good Friday"});
    out.push_back({last_weekday(y, 5, Monday), "Memorial Day"});
    // Juneteenth became a federal holiday on 2021-06-17, too late for 2021; the NYSE observes it from 2022.
    if (y >= 2022) out.push_back({observed(make_date(y, 6, 19)), "Juneteenth National Independence Day"});
    out.push_back({observed(make_date(y, 7, 4)), "Independence Day"});
    out.push_back({nth_weekday(y, 9, Monday, 1), "Labor Day"});
    out.push_back({nth_weekday(y, 11, Thursday, 4), "Thanksgiving Day"});
    out.push_back({observed(make_date(y, 12, 25)), "Christmas Day"});
}

struct SpecialClosure {
    Date date;
    const char* name;
};

// Unscheduled full-day closures. Days with only a delayed open or an early close were trading days and
// are not here.
constexpr std::array special_closures{
    SpecialClosure{make_date(1994, 4, 27), "National Day of Mourning for President Richard Nixon"},
    SpecialClosure{make_date(2001, 9, 11), "September 11 attacks"},
    SpecialClosure{make_date(2001, 9, 12), "September 11 attacks"},
    SpecialClosure{make_date(2001, 9, 13), "September 11 attacks"},
    SpecialClosure{make_date(2001, 9, 14), "September 11 attacks"},
    SpecialClosure{make_date(2004, 6, 11), "National Day of Mourning for President Ronald Reagan"},
    SpecialClosure{make_date(2007, 1, 2), "National Day of Mourning for President Gerald Ford"},
    SpecialClosure{make_date(2012, 10, 29), "Hurricane Sandy"},
    SpecialClosure{make_date(2012, 10, 30), "Hurricane Sandy"},
    SpecialClosure{make_date(2018, 12, 5), "National Day of Mourning for President George H.W. Bush"},
    SpecialClosure{make_date(2025, 1, 9), "National Day of Mourning for President Jimmy Carter"},
};

void add_special_closures(int y, std::vector<Holiday>& out) {
    for (const SpecialClosure& closure : special_closures) {
        if (int(year_month_day{closure.date}.year()) == y) out.push_back({closure.date, closure.name});
    }
}

void require_supported(Date day) {
    if (day < nyse_first_day || day > nyse_last_day) {
        throw std::out_of_range(fmt::format("NYSE calendar: {} is outside the supported range {}..{}",
                                            format_date(day), format_date(nyse_first_day),
                                            format_date(nyse_last_day)));
    }
}

}  // namespace

std::vector<Holiday> nyse_holidays(int year) {
    if (year < nyse_first_year || year > nyse_last_year) {
        throw std::out_of_range(fmt::format("NYSE calendar: year {} is outside the supported range {}..{}",
                                            year, nyse_first_year, nyse_last_year));
    }
    std::vector<Holiday> holidays;
    add_regular_holidays(year, holidays);
    add_special_closures(year, holidays);
    std::sort(holidays.begin(), holidays.end(),
              [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
    return holidays;
}

NyseCalendar::NyseCalendar()
    : is_open_(static_cast<std::size_t>((nyse_last_day - nyse_first_day).count()) + 1) {
    for (Date day = nyse_first_day; day <= nyse_last_day; day += days{1}) {
        is_open_[static_cast<std::size_t>((day - nyse_first_day).count())] = is_weekend(day) ? 0 : 1;
    }
    for (int y = nyse_first_year; y <= nyse_last_year; ++y) {
        for (const Holiday& holiday : nyse_holidays(y)) {
            is_open_[static_cast<std::size_t>((holiday.date - nyse_first_day).count())] = 0;
        }
    }
}

bool NyseCalendar::is_trading_day(Date day) const {
    require_supported(day);
    return is_open_[static_cast<std::size_t>((day - nyse_first_day).count())] != 0;
}

}  // namespace tradelab::calendar
