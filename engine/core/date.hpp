#pragma once
// Calendar dates as days since 1970-01-01 (std::chrono::sys_days): 4 bytes, cheap to compare and to
// store in columns. Parsing accepts "YYYY-MM-DD" with an optional time part, which is dropped.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace tradelab {

using Date = std::chrono::sys_days;

// Parses "YYYY-MM-DD", optionally followed by 'T' or ' ' and a time (ignored). Returns nullopt for
// anything else, including impossible dates such as 2023-02-30.
std::optional<Date> parse_date(std::string_view text);

// "YYYY-MM-DD".
std::string format_date(Date date);

constexpr Date make_date(int year, unsigned month, unsigned day) {
    return Date{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
}

inline std::chrono::weekday weekday_of(Date date) {
    return std::chrono::weekday{date};
}

inline bool is_weekend(Date date) {
    const auto wd = weekday_of(date);
    return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

}  // namespace tradelab
