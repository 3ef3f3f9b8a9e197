#include "data/synthetic.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/random.hpp"

namespace tradelab::data {
namespace {

constexpr double kTradingDaysPerYear = 252.0;
constexpr std::uint64_t kGroupSeedOffset = 1'000'000;

struct Bar {
    double open, high, low, close, volume;
};

std::string symbol_name(int index) {
    return fmt::format("S{:04d}", index + 1);
}

// The pattern of symbol `index`: symbols cycle through "plain" and each requested pattern.
std::optional<SynthPattern> pattern_of(int index, const std::vector<SynthPattern>& patterns) {
    if (patterns.empty()) return std::nullopt;
    const auto slot = static_cast<std::size_t>(index) % (patterns.size() + 1);
    if (slot == 0) return std::nullopt;
    return patterns[slot - 1];
}

std::vector<double> group_factor(const SynthOptions& options, int group, std::size_t days) {
    Random random(mix_seed(options.seed, kGroupSeedOffset + std::uint64_t(group)));
    std::vector<double> factor(days);
    for (double& value : factor) value = random.normal();
    return factor;
}

class SymbolWalk {
  public:
    SymbolWalk(const SynthOptions& options, int index, const std::vector<double>* factor)
        : options_(options),
          random_(mix_seed(options.seed, std::uint64_t(index))),
          factor_(factor),
          pattern_(pattern_of(index, options.patterns)),
          sigma_(options.annual_volatility / std::sqrt(kTradingDaysPerYear)) {}

    std::vector<Bar> walk(std::size_t days, std::vector<SynthEvent>& events, const std::string& symbol,
                          const std::vector<Date>& dates) {
        std::vector<Bar> bars;
        bars.reserve(days);
        double close = 20.0 + 180.0 * random_.uniform();
        const double anchor = std::log(close);
        const std::size_t breakout_day = days * 55 / 100;
        const std::size_t crash_day = days * 60 / 100;
        for (std::size_t day = 0; day < days; ++day) {
            const double previous = close;
            double log_return = daily_drift() + sigma_ * shock(day);
            if (pattern_ == SynthPattern::Breakout && day < breakout_day) {
                // A tight range around the starting price until the breakout.
                log_return = -0.05 * (std::log(previous) - anchor) + 0.4 * sigma_ * shock(day);
            }
            if (pattern_ == SynthPattern::Breakout && day == breakout_day) {
                log_return = std::log(1.08);
                events.push_back(
                    {symbol, SynthPattern::Breakout, dates[day], "close +8% out of a tight range"});
            }
            if (pattern_ == SynthPattern::FlashCrash && day == crash_day) {
                log_return = std::log(0.48);
                events.push_back(
                    {symbol, SynthPattern::FlashCrash, dates[day], "close -52%, rebound +40% next day"});
            }
            if (pattern_ == SynthPattern::FlashCrash && day == crash_day + 1) log_return = std::log(1.40);
            close = previous * std::exp(log_return);
            bars.push_back(make_bar(previous, close));
        }
        return bars;
    }

  private:
    double daily_drift() const {
        double annual = options_.annual_drift;
        if (pattern_ == SynthPattern::Trend) annual += 0.50;
        if (pattern_ == SynthPattern::Breakout) annual += 0.60;
        return annual / kTradingDaysPerYear - 0.5 * sigma_ * sigma_;
    }

    double shock(std::size_t day) {
        const double own = random_.normal();
        if (factor_ == nullptr) return own;
        const double rho = options_.group_correlation;
        return std::sqrt(rho) * (*factor_)[day] + std::sqrt(1.0 - rho) * own;
    }

    Bar make_bar(double previous_close, double close) {
        const double open = previous_close * std::exp(0.25 * sigma_ * random_.normal());
        const double high = std::max(open, close) * std::exp(0.5 * sigma_ * std::abs(random_.normal()));
        const double low = std::min(open, close) * std::exp(-0.5 * sigma_ * std::abs(random_.normal()));
        const double volume = std::round(std::exp(13.5 + 0.4 * random_.normal()));
        return Bar{open, high, low, close, volume};
    }

    const SynthOptions& options_;
    Random random_;
    const std::vector<double>* factor_;
    std::optional<SynthPattern> pattern_;
    double sigma_;
};

BarSeries to_series(const std::vector<Date>& dates, const std::vector<Bar>& bars,
                    const std::vector<bool>& keep) {
    BarSeries series;
    series.reserve(bars.size());
    for (std::size_t i = 0; i < bars.size(); ++i) {
        if (!keep[i]) continue;
        series.date.push_back(dates[i]);
        series.open.push_back(bars[i].open);
        series.high.push_back(bars[i].high);
        series.low.push_back(bars[i].low);
        series.close.push_back(bars[i].close);
        series.volume.push_back(bars[i].volume);
        series.dollar_volume.push_back(bars[i].close * bars[i].volume);
    }
    return series;
}

// Removes one day at 30 % of the history and three consecutive days at 70 %.
std::vector<bool> plant_missing_days(const std::vector<Date>& dates, const std::string& symbol,
                                     std::vector<SynthEvent>& events) {
    std::vector<bool> keep(dates.size(), true);
    const std::size_t single = dates.size() * 30 / 100;
    const std::size_t gap = dates.size() * 70 / 100;
    keep[single] = false;
    events.push_back({symbol, SynthPattern::MissingDays, dates[single], "1 missing trading day"});
    for (std::size_t i = gap; i < gap + 3 && i < dates.size(); ++i) keep[i] = false;
    events.push_back({symbol, SynthPattern::MissingDays, dates[gap], "3 consecutive missing trading days"});
    return keep;
}

// Breaks three bars: high below low, open above high, negative volume.
void plant_invalid_bars(std::vector<Bar>& bars, const std::vector<Date>& dates, const std::string& symbol,
                        std::vector<SynthEvent>& events) {
    const std::size_t a = bars.size() / 4;
    const std::size_t b = bars.size() / 2;
    const std::size_t c = bars.size() * 3 / 4;
    std::swap(bars[a].high, bars[a].low);
    events.push_back({symbol, SynthPattern::InvalidOhlc, dates[a], "high below low"});
    bars[b].open = bars[b].high * 1.05;
    events.push_back({symbol, SynthPattern::InvalidOhlc, dates[b], "open above high"});
    bars[c].volume = -bars[c].volume;
    events.push_back({symbol, SynthPattern::InvalidOhlc, dates[c], "negative volume"});
}

void write_text(const std::filesystem::path& path, const std::string& text) {
    std::ofstream stream(path, std::ios::binary);
    stream << text;
    if (!stream) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

std::string series_to_csv(const BarSeries& series) {
    std::string text = "date,open,high,low,close,volume\n";
    text.reserve(series.size() * 64);
    for (std::size_t i = 0; i < series.size(); ++i) {
        fmt::format_to(std::back_inserter(text), "{},{:.4f},{:.4f},{:.4f},{:.4f},{:.0f}\n",
                       format_date(series.date[i]), series.open[i], series.high[i], series.low[i],
                       series.close[i], series.volume[i]);
    }
    return text;
}

std::vector<Date> business_days(Date start, std::size_t count) {
    std::vector<Date> days;
    days.reserve(count);
    for (Date day = start; days.size() < count; day += std::chrono::days{1}) {
        if (!is_weekend(day)) days.push_back(day);
    }
    return days;
}

SyntheticUniverse generate_synthetic(const SynthOptions& options) {
    if (options.symbols < 1 || options.years < 1) {
        throw std::invalid_argument(
            fmt::format("synthetic universe needs at least 1 symbol and 1 year (got {} and {})",
                        options.symbols, options.years));
    }
    const auto day_count = static_cast<std::size_t>(options.years) * 252;
    const std::vector<Date> dates = business_days(options.start, day_count);
    std::vector<std::vector<double>> factors;
    factors.reserve(std::size_t(std::max(options.correlated_groups, 0)));
    for (int group = 0; group < options.correlated_groups; ++group)
        factors.push_back(group_factor(options, group, day_count));

    SyntheticUniverse universe;
    for (int index = 0; index < options.symbols; ++index) {
        const std::string symbol = symbol_name(index);
        const std::vector<double>* factor =
            factors.empty() ? nullptr : &factors[static_cast<std::size_t>(index) % factors.size()];
        std::vector<Bar> bars =
            SymbolWalk(options, index, factor).walk(day_count, universe.events, symbol, dates);
        std::vector<bool> keep(day_count, true);
        const auto pattern = pattern_of(index, options.patterns);
        if (pattern == SynthPattern::MissingDays) keep = plant_missing_days(dates, symbol, universe.events);
        if (pattern == SynthPattern::InvalidOhlc) plant_invalid_bars(bars, dates, symbol, universe.events);
        universe.symbols.push_back(symbol);
        universe.series.push_back(to_series(dates, bars, keep));
    }
    return universe;
}

void write_synthetic(const SyntheticUniverse& universe, const SynthOptions& options,
                     const std::filesystem::path& out) {
    std::filesystem::create_directories(out);
    std::string universe_csv = "symbol\n";
    for (std::size_t i = 0; i < universe.symbols.size(); ++i) {
        write_text(out / (universe.symbols[i] + ".csv"), series_to_csv(universe.series[i]));
        universe_csv += universe.symbols[i] + "\n";
    }
    write_text(out / "universe.csv", universe_csv);

    nlohmann::json manifest;
    manifest["generator"] = "tradelab synthetic universe";
    manifest["symbols"] = options.symbols;
    manifest["years"] = options.years;
    manifest["seed"] = options.seed;
    manifest["start"] = format_date(options.start);
    manifest["annual_drift"] = options.annual_drift;
    manifest["annual_volatility"] = options.annual_volatility;
    manifest["correlated_groups"] = options.correlated_groups;
    manifest["group_correlation"] = options.group_correlation;
    manifest["patterns"] = nlohmann::json::array();
    for (const auto pattern : options.patterns)
        manifest["patterns"].push_back(std::string(to_string(pattern)));
    manifest["events"] = nlohmann::json::array();
    for (const auto& event : universe.events) {
        manifest["events"].push_back({{"symbol", event.symbol},
                                      {"pattern", std::string(to_string(event.pattern))},
                                      {"date", format_date(event.date)},
                                      {"detail", event.detail}});
    }
    write_text(out / "manifest.json", manifest.dump(2) + "\n");
}

std::string_view to_string(SynthPattern pattern) {
    switch (pattern) {
        case SynthPattern::Trend:
            return "trend";
        case SynthPattern::Breakout:
            return "breakout";
        case SynthPattern::FlashCrash:
            return "flash-crash";
        case SynthPattern::MissingDays:
            return "missing-days";
        case SynthPattern::InvalidOhlc:
            return "invalid-ohlc";
    }
    return "unknown";
}

std::optional<SynthPattern> parse_synth_pattern(std::string_view text) {
    for (const auto pattern : {SynthPattern::Trend, SynthPattern::Breakout, SynthPattern::FlashCrash,
                               SynthPattern::MissingDays, SynthPattern::InvalidOhlc}) {
        if (text == to_string(pattern)) return pattern;
    }
    return std::nullopt;
}

}  // namespace tradelab::data
