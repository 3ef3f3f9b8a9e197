// Trading calendars: NYSE closures against published holiday lists, trading-day counts, navigation
// across weekends/holidays/year ends, range errors, crypto, and the bundled equity data.
#include "calendar/nyse_calendar.hpp"
#include "calendar/trading_calendar.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace tradelab::calendar {
namespace {

const TradingCalendar& nyse() {
    return calendar_for(AssetClass::Equity);
}
const TradingCalendar& crypto() {
    return calendar_for(AssetClass::Crypto);
}

Date d(const char* text) {
    const auto parsed = parse_date(text);
    if (!parsed) throw std::invalid_argument(std::string("bad date in test: ") + text);
    return *parsed;
}

std::vector<Date> dates(std::initializer_list<const char*> texts) {
    std::vector<Date> out;
    for (const char* text : texts) out.push_back(d(text));
    return out;
}

std::vector<Date> closure_dates(int year) {
    std::vector<Date> out;
    for (const Holiday& holiday : nyse_holidays(year)) out.push_back(holiday.date);
    return out;
}

// Weekdays of `year` on which the calendar says the NYSE is closed: an independent check that the day
// table agrees with nyse_holidays().
std::vector<Date> weekday_closures(int year) {
    std::vector<Date> out;
    for (Date day = make_date(year, 1, 1); day <= make_date(year, 12, 31); day += std::chrono::days{1}) {
        if (!is_weekend(day) && !nyse().is_trading_day(day)) out.push_back(day);
    }
    return out;
}

std::size_t trading_day_count(const TradingCalendar& calendar, int year) {
    return calendar.trading_days(make_date(year, 1, 1), make_date(year, 12, 31)).size();
}

void expect_closures(int year, const std::vector<Date>& expected) {
    EXPECT_EQ(closure_dates(year), expected) << "nyse_holidays(" << year << ")";
    EXPECT_EQ(weekday_closures(year), expected) << "day table, " << year;
}

// --- Published NYSE holiday lists (nyse.com "Holidays & Trading Hours" and its archived editions) ---

TEST(NyseHolidays, Year1994BeforeMlkWithNixonMourning) {
    // New Year's Day 1994 fell on a Saturday: not observed. MLK Day not yet observed by the NYSE.
    expect_closures(1994, dates({"1994-02-21", "1994-04-01", "1994-04-27", "1994-05-30", "1994-07-04",
                                 "1994-09-05", "1994-11-24", "1994-12-26"}));
}

TEST(NyseHolidays, Year2000) {
    // 2000-01-01 was a Saturday: 1999-12-31 traded and no New Year closure in 2000.
    expect_closures(2000, dates({"2000-01-17", "2000-02-21", "2000-04-21", "2000-05-29", "2000-07-04",
                                 "2000-09-04", "2000-11-23", "2000-12-25"}));
}

TEST(NyseHolidays, Year2001WithSeptember11) {
    expect_closures(2001, dates({"2001-01-01", "2001-01-15", "2001-02-19", "2001-04-13", "2001-05-28",
                                 "2001-07-04", "2001-09-03", "2001-09-11", "2001-09-12", "2001-09-13",
                                 "2001-09-14", "2001-11-22", "2001-12-25"}));
}

TEST(NyseHolidays, Year2008) {
    expect_closures(2008, dates({"2008-01-01", "2008-01-21", "2008-02-18", "2008-03-21", "2008-05-26",
                                 "2008-07-04", "2008-09-01", "2008-11-27", "2008-12-25"}));
}

TEST(NyseHolidays, Year2012WithHurricaneSandy) {
    // New Year's Day on a Sunday: observed Monday January 2.
    expect_closures(2012,
                    dates({"2012-01-02", "2012-01-16", "2012-02-20", "2012-04-06", "2012-05-28", "2012-07-04",
                           "2012-09-03", "2012-10-29", "2012-10-30", "2012-11-22", "2012-12-25"}));
}

TEST(NyseHolidays, Year2018WithBushMourning) {
    expect_closures(2018, dates({"2018-01-01", "2018-01-15", "2018-02-19", "2018-03-30", "2018-05-28",
                                 "2018-07-04", "2018-09-03", "2018-11-22", "2018-12-05", "2018-12-25"}));
}

TEST(NyseHolidays, Year2021) {
    // July 4 on a Sunday -> Monday July 5; Christmas on a Saturday -> Friday December 24. Juneteenth not
    // yet observed. 2021-12-31 traded although 2022-01-01 was a Saturday.
    expect_closures(2021, dates({"2021-01-01", "2021-01-18", "2021-02-15", "2021-04-02", "2021-05-31",
                                 "2021-07-05", "2021-09-06", "2021-11-25", "2021-12-24"}));
}

TEST(NyseHolidays, Year2022) {
    // No New Year closure (Saturday); first Juneteenth, on a Sunday -> Monday June 20; Christmas on a
    // Sunday -> Monday December 26.
    expect_closures(2022, dates({"2022-01-17", "2022-02-21", "2022-04-15", "2022-05-30", "2022-06-20",
                                 "2022-07-04", "2022-09-05", "2022-11-24", "2022-12-26"}));
}

TEST(NyseHolidays, Year2023) {
    expect_closures(2023, dates({"2023-01-02", "2023-01-16", "2023-02-20", "2023-04-07", "2023-05-29",
                                 "2023-06-19", "2023-07-04", "2023-09-04", "2023-11-23", "2023-12-25"}));
}

TEST(NyseHolidays, Year2027) {
    // Juneteenth on a Saturday -> Friday June 18; July 4 on a Sunday -> Monday July 5; Christmas on a
    // Saturday -> Friday December 24.
    expect_closures(2027, dates({"2027-01-01", "2027-01-18", "2027-02-15", "2027-03-26", "2027-05-31",
                                 "2027-06-18", "2027-07-05", "2027-09-06", "2027-11-25", "2027-12-24"}));
}

TEST(NyseHolidays, NamesFor2025IncludeCarterMourning) {
    const std::vector<Holiday> expected{
        {d("2025-01-01"), "New Year's Day"},
        {d("2025-01-09"), "National Day of Mourning for President Jimmy Carter"},
        {d("2025-01-20"), "Martin Luther King Jr. Day"},
        {d("2025-02-17"), "Washington's Birthday"},
        {d("2025-04-18"), "Good Friday"},
        {d("2025-05-26"), "Memorial Day"},
        {d("2025-06-19"), "Juneteenth National Independence Day"},
        {d("2025-07-04"), "Independence Day"},
        {d("2025-09-01"), "Labor Day"},
        {d("2025-11-27"), "Thanksgiving Day"},
        {d("2025-12-25"), "Christmas Day"},
    };
    EXPECT_EQ(nyse_holidays(2025), expected);
}

TEST(NyseHolidays, NewYearOnSaturdayKeepsDecember31Open) {
    for (const char* dec31 :
         {"1993-12-31", "1999-12-31", "2004-12-31", "2010-12-31", "2021-12-31", "2027-12-31", "2032-12-31"}) {
        EXPECT_TRUE(nyse().is_trading_day(d(dec31))) << dec31;
    }
}

TEST(NyseHolidays, MlkDayObservedFrom1998) {
    EXPECT_TRUE(nyse().is_trading_day(d("1997-01-20")));
    EXPECT_FALSE(nyse().is_trading_day(d("1998-01-19")));
}

TEST(NyseHolidays, JuneteenthObservedFrom2022) {
    EXPECT_TRUE(nyse().is_trading_day(d("2021-06-18")));  // Friday after the law was signed: open
    EXPECT_FALSE(nyse().is_trading_day(d("2022-06-20")));
}

TEST(NyseHolidays, EveryYearHasItsRegularHolidays) {
    // 8 regular holidays before 1998, 9 with MLK Day, 10 with Juneteenth, minus one in a year whose
    // January 1 is a Saturday; special closures come on top.
    for (int year = nyse_first_year; year <= nyse_last_year; ++year) {
        std::size_t regular = year < 1998 ? 8 : year < 2022 ? 9 : 10;
        if (weekday_of(make_date(year, 1, 1)) == std::chrono::Saturday) --regular;
        std::size_t special = 0;
        for (const Holiday& holiday : nyse_holidays(year)) {
            EXPECT_FALSE(is_weekend(holiday.date)) << format_date(holiday.date);
            EXPECT_EQ(int(std::chrono::year_month_day{holiday.date}.year()), year);
            if (holiday.name.find("Mourning") != std::string::npos ||
                holiday.name == "September 11 attacks" || holiday.name == "Hurricane Sandy") {
                ++special;
            }
        }
        EXPECT_EQ(nyse_holidays(year).size(), regular + special) << year;
        EXPECT_EQ(weekday_closures(year), closure_dates(year)) << year;
    }
}

TEST(NyseHolidays, GoodFridayFromEasterComputus) {
    // Easter dates from the published Gregorian tables.
    const std::vector<std::pair<int, const char*>> good_fridays{
        {1990, "1990-04-13"}, {1998, "1998-04-10"}, {2011, "2011-04-22"}, {2019, "2019-04-19"},
        {2024, "2024-03-29"}, {2030, "2030-04-19"}, {2035, "2035-03-23"}};
    for (const auto& [year, good_friday] : good_fridays) {
        bool found = false;
        for (const Holiday& holiday : nyse_holidays(year)) {
            if (holiday.name == "Good Friday") {
                EXPECT_EQ(holiday.date, d(good_friday)) << year;
                found = true;
            }
        }
        EXPECT_TRUE(found) << year;
    }
}

// --- The reference Python system's hard-coded closures for 2024-2026 ---

TEST(NyseReference, HardCodedList2024To2026AreAllClosures) {
    const std::vector<Date> reference = dates({
        "2024-01-01", "2024-01-15", "2024-02-19", "2024-03-29", "2024-05-27",
        "2024-06-19", "2024-07-04", "2024-09-02", "2024-11-28", "2024-12-25",  //
        "2025-01-01", "2025-01-20", "2025-02-17", "2025-04-18", "2025-05-26",
        "2025-06-19", "2025-07-04", "2025-09-01", "2025-11-27", "2025-12-25",  //
        "2026-01-01", "2026-01-19", "2026-02-16", "2026-04-03", "2026-05-25",
        "2026-06-19", "2026-07-03", "2026-09-07", "2026-11-26", "2026-12-25",
    });
    for (const Date day : reference) EXPECT_FALSE(nyse().is_trading_day(day)) << format_date(day);

    // Known difference: the reference list lacks the Carter day of mourning, a real full-day closure.
    std::vector<Date> ours;
    for (int year : {2024, 2025, 2026}) {
        for (const Date day : closure_dates(year)) ours.push_back(day);
    }
    std::vector<Date> only_ours;
    for (const Date day : ours) {
        if (std::find(reference.begin(), reference.end(), day) == reference.end()) only_ours.push_back(day);
    }
    EXPECT_EQ(only_ours, dates({"2025-01-09"}));
    EXPECT_FALSE(nyse().is_trading_day(d("2025-01-09")));
}

// --- Trading-day counts ---

TEST(NyseCounts, TradingDaysPerYear) {
    // Weekdays minus weekday closures, matching the annual counts the NYSE publishes:
    // 2001: 261 - 13 = 248; 2012: 261 - 11 = 250; 2019: 261 - 9 = 252; 2022: 260 - 9 = 251;
    // 2023: 260 - 10 = 250; 2024: 262 - 10 = 252; 2025: 261 - 11 = 250.
    EXPECT_EQ(trading_day_count(nyse(), 2001), 248u);
    EXPECT_EQ(trading_day_count(nyse(), 2012), 250u);
    EXPECT_EQ(trading_day_count(nyse(), 2019), 252u);
    EXPECT_EQ(trading_day_count(nyse(), 2022), 251u);
    EXPECT_EQ(trading_day_count(nyse(), 2023), 250u);
    EXPECT_EQ(trading_day_count(nyse(), 2024), 252u);
    EXPECT_EQ(trading_day_count(nyse(), 2025), 250u);
}

TEST(NyseCounts, TradingDaysIsInclusiveAndRejectsReversedRange) {
    EXPECT_EQ(nyse().trading_days(d("2024-01-02"), d("2024-01-02")), dates({"2024-01-02"}));
    EXPECT_TRUE(nyse().trading_days(d("2024-01-01"), d("2024-01-01")).empty());
    EXPECT_EQ(nyse().trading_days(d("2024-03-27"), d("2024-04-02")),
              dates({"2024-03-27", "2024-03-28", "2024-04-01", "2024-04-02"}));
    EXPECT_THROW(nyse().trading_days(d("2024-01-03"), d("2024-01-02")), std::invalid_argument);
}

// --- Navigation ---

TEST(NyseNavigation, NextAndPreviousAcrossWeekends) {
    EXPECT_EQ(nyse().next_trading_day(d("2024-01-05")), d("2024-01-08"));      // Friday -> Monday
    EXPECT_EQ(nyse().next_trading_day(d("2024-01-06")), d("2024-01-08"));      // from a Saturday
    EXPECT_EQ(nyse().previous_trading_day(d("2024-01-08")), d("2024-01-05"));  // Monday -> Friday
    EXPECT_EQ(nyse().previous_trading_day(d("2024-01-07")), d("2024-01-05"));  // from a Sunday
    EXPECT_EQ(nyse().next_trading_day(d("2024-01-09")), d("2024-01-10"));      // plain weekday
}

TEST(NyseNavigation, NextAndPreviousAcrossHolidays) {
    // Good Friday 2024 + weekend.
    EXPECT_EQ(nyse().next_trading_day(d("2024-03-28")), d("2024-04-01"));
    EXPECT_EQ(nyse().previous_trading_day(d("2024-04-01")), d("2024-03-28"));
    // Thanksgiving 2024 (Thursday).
    EXPECT_EQ(nyse().next_trading_day(d("2024-11-27")), d("2024-11-29"));
    // September 11-14, 2001 plus the weekend.
    EXPECT_EQ(nyse().next_trading_day(d("2001-09-10")), d("2001-09-17"));
    EXPECT_EQ(nyse().previous_trading_day(d("2001-09-17")), d("2001-09-10"));
    // Carter day of mourning (Thursday).
    EXPECT_EQ(nyse().next_trading_day(d("2025-01-08")), d("2025-01-10"));
}

TEST(NyseNavigation, NextAndPreviousAcrossYearEnds) {
    EXPECT_EQ(nyse().next_trading_day(d("2024-12-31")), d("2025-01-02"));
    EXPECT_EQ(nyse().previous_trading_day(d("2025-01-02")), d("2024-12-31"));
    // New Year 2022 on a Saturday: December 31, 2021 is the last trading day of 2021.
    EXPECT_EQ(nyse().previous_trading_day(d("2022-01-03")), d("2021-12-31"));
    // New Year 2012 on a Sunday, observed Monday January 2.
    EXPECT_EQ(nyse().next_trading_day(d("2011-12-30")), d("2012-01-03"));
    // Ford day of mourning right after New Year's Day 2007.
    EXPECT_EQ(nyse().next_trading_day(d("2006-12-29")), d("2007-01-03"));
}

// --- Supported range ---

TEST(NyseRange, FirstAndLastSupportedDays) {
    EXPECT_FALSE(nyse().is_trading_day(d("1990-01-01")));  // New Year's Day
    EXPECT_TRUE(nyse().is_trading_day(d("1990-01-02")));
    EXPECT_TRUE(nyse().is_trading_day(d("2035-12-31")));   // a Monday
    EXPECT_FALSE(nyse().is_trading_day(d("2035-12-25")));  // Christmas Day, a Tuesday
}

TEST(NyseRange, OutsideRangeThrowsWithDateAndRange) {
    for (const char* outside : {"1989-12-29", "2036-01-02", "1970-01-01", "2100-06-01"}) {
        try {
            static_cast<void>(nyse().is_trading_day(d(outside)));
            ADD_FAILURE() << "no exception for " << outside;
        } catch (const std::out_of_range& error) {
            const std::string message = error.what();
            EXPECT_NE(message.find(outside), std::string::npos) << message;
            EXPECT_NE(message.find("1990-01-01..2035-12-31"), std::string::npos) << message;
        }
    }
    EXPECT_THROW(nyse_holidays(1989), std::out_of_range);
    EXPECT_THROW(nyse_holidays(2036), std::out_of_range);
    EXPECT_THROW(nyse().next_trading_day(d("2035-12-31")), std::out_of_range);
    EXPECT_THROW(nyse().previous_trading_day(d("1990-01-02")), std::out_of_range);
    EXPECT_THROW(nyse().trading_days(d("2035-12-01"), d("2036-01-31")), std::out_of_range);
}

// --- Crypto ---

TEST(Crypto, EveryCalendarDayTrades) {
    EXPECT_EQ(trading_day_count(crypto(), 2024), 366u);
    EXPECT_EQ(trading_day_count(crypto(), 2023), 365u);
    EXPECT_TRUE(crypto().is_trading_day(d("2024-12-25")));  // Christmas
    EXPECT_TRUE(crypto().is_trading_day(d("2024-01-06")));  // Saturday
    EXPECT_TRUE(crypto().is_trading_day(d("1970-01-01")));  // no range limit
    EXPECT_TRUE(crypto().is_trading_day(d("2100-01-01")));
    EXPECT_EQ(crypto().next_trading_day(d("2024-12-31")), d("2025-01-01"));
    EXPECT_EQ(crypto().previous_trading_day(d("2024-03-01")), d("2024-02-29"));
}

TEST(CalendarFor, ReturnsStaticInstancesByAssetClass) {
    EXPECT_EQ(&calendar_for(AssetClass::Equity), &calendar_for(AssetClass::Equity));
    EXPECT_EQ(calendar_for(AssetClass::Equity).name(), "NYSE");
    EXPECT_EQ(calendar_for(AssetClass::Crypto).name(), "crypto");
    EXPECT_NE(dynamic_cast<const NyseCalendar*>(&calendar_for(AssetClass::Equity)), nullptr);
    EXPECT_NE(dynamic_cast<const CryptoCalendar*>(&calendar_for(AssetClass::Crypto)), nullptr);
}

// --- Bundled equity data ---

std::vector<Date> read_csv_dates(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot open " + file.string());
    std::vector<Date> out;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        const auto parsed = parse_date(line.substr(0, line.find(',')));
        if (!parsed) throw std::runtime_error("bad date line in " + file.string() + ": " + line);
        out.push_back(*parsed);
    }
    return out;
}

TEST(BundledData, AaplDatesAreExactlyTheNyseTradingDays) {
    const auto file = std::filesystem::path(TRADELAB_BUNDLED_DATA_DIR) / "equity" / "daily" / "AAPL.csv";
    const std::vector<Date> in_file = read_csv_dates(file);
    ASSERT_FALSE(in_file.empty());
    ASSERT_TRUE(std::is_sorted(in_file.begin(), in_file.end()));

    const std::vector<Date> expected = nyse().trading_days(in_file.front(), in_file.back());
    std::vector<std::string> missing_in_file;
    std::vector<std::string> not_trading_days;
    const std::set<Date> file_set(in_file.begin(), in_file.end());
    for (const Date day : expected) {
        if (!file_set.count(day)) missing_in_file.push_back(format_date(day));
    }
    for (const Date day : in_file) {
        if (!nyse().is_trading_day(day)) not_trading_days.push_back(format_date(day));
    }
    EXPECT_TRUE(missing_in_file.empty())
        << "NYSE trading days missing from AAPL.csv: " << testing::PrintToString(missing_in_file);
    EXPECT_TRUE(not_trading_days.empty())
        << "AAPL.csv dates that are not NYSE trading days: " << testing::PrintToString(not_trading_days);
    EXPECT_EQ(in_file.size(), expected.size());
    EXPECT_EQ(in_file.front(), d("2024-01-02"));
    EXPECT_EQ(in_file.back(), d("2025-12-30"));
    EXPECT_EQ(in_file.size(), 252u + 249u);  // all of 2024, and 2025 up to December 30
}

}  // namespace
}  // namespace tradelab::calendar
