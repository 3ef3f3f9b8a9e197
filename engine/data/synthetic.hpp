#pragma once
// A deterministic synthetic universe for tests and benchmarks: geometric random walks on a
// business-day calendar, with optional planted patterns whose dates are recorded.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "data/bar_series.hpp"

namespace tradelab::data {

enum class SynthPattern { Trend, Breakout, FlashCrash, MissingDays, InvalidOhlc };

struct SynthOptions {
    int symbols = 10;
    int years = 5;
    std::uint64_t seed = 1;
    Date start = make_date(2015, 1, 2);
    double annual_drift = 0.08;
    double annual_volatility = 0.30;
    int correlated_groups = 0;  // 0: independent walks; N: symbols share one of N group factors
    double group_correlation = 0.6;
    std::vector<SynthPattern> patterns;
};

// Something planted in the data, so a test can look for it.
struct SynthEvent {
    std::string symbol;
    SynthPattern pattern{};
    Date date{};
    std::string detail;
};

struct SyntheticUniverse {
    std::vector<std::string> symbols;
    std::vector<BarSeries> series;
    std::vector<SynthEvent> events;
};

// Weekdays from `start` for `years` × 252 days.
std::vector<Date> business_days(Date start, std::size_t count);

SyntheticUniverse generate_synthetic(const SynthOptions& options);

// Writes <out>/<SYMBOL>.csv, <out>/universe.csv and <out>/manifest.json (options and planted events).
// Throws std::runtime_error naming the file when a write fails.
void write_synthetic(const SyntheticUniverse& universe, const SynthOptions& options,
                     const std::filesystem::path& out);

// The CSV text write_synthetic() puts in each symbol file (date,open,high,low,close,volume).
std::string series_to_csv(const BarSeries& series);

std::string_view to_string(SynthPattern pattern);
std::optional<SynthPattern> parse_synth_pattern(std::string_view text);

}  // namespace tradelab::data
