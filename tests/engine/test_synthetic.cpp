#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "data/csv_loader.hpp"
#include "data/synthetic.hpp"

namespace tradelab::data {
namespace {

std::string read_file(const std::filesystem::path& path) {
    std::ifstream stream(path, std::ios::binary);
    std::stringstream text;
    text << stream.rdbuf();
    return text.str();
}

std::filesystem::path scratch(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / ("tradelab_synth_" + name);
    std::filesystem::remove_all(dir);
    return dir;
}

TEST(Synthetic, SameSeedSameBytes) {
    SynthOptions options;
    options.symbols = 4;
    options.years = 2;
    options.seed = 11;
    options.patterns = {SynthPattern::Trend, SynthPattern::FlashCrash};
    const auto a = scratch("a");
    const auto b = scratch("b");
    write_synthetic(generate_synthetic(options), options, a);
    write_synthetic(generate_synthetic(options), options, b);
    for (const char* file : {"S0001.csv", "S0003.csv", "manifest.json", "universe.csv"}) {
        EXPECT_EQ(read_file(a / file), read_file(b / file)) << file;
    }
    options.seed = 12;
    const auto c = scratch("c");
    write_synthetic(generate_synthetic(options), options, c);
    EXPECT_NE(read_file(a / "S0001.csv"), read_file(c / "S0001.csv"));
}

TEST(Synthetic, SymbolsDoNotDependOnUniverseSize) {
    SynthOptions small;
    small.symbols = 3;
    SynthOptions large = small;
    large.symbols = 30;
    EXPECT_EQ(generate_synthetic(small).series[2].close, generate_synthetic(large).series[2].close);
}

TEST(Synthetic, BusinessDaysOnlyAndValidBars) {
    SynthOptions options;
    options.symbols = 5;
    options.years = 3;
    const auto universe = generate_synthetic(options);
    ASSERT_EQ(universe.series.size(), 5u);
    for (const auto& series : universe.series) {
        ASSERT_EQ(series.size(), 3u * 252u);
        for (std::size_t i = 0; i < series.size(); ++i) {
            ASSERT_FALSE(is_weekend(series.date[i]));
            ASSERT_LE(series.low[i], std::min(series.open[i], series.close[i]));
            ASSERT_GE(series.high[i], std::max(series.open[i], series.close[i]));
            ASSERT_GT(series.low[i], 0.0);
        }
    }
}

TEST(Synthetic, WrittenFilesLoadCleanly) {
    SynthOptions options;
    options.symbols = 3;
    options.years = 1;
    const auto dir = scratch("clean");
    write_synthetic(generate_synthetic(options), options, dir);
    for (const char* file : {"S0001.csv", "S0002.csv", "S0003.csv"}) {
        const LoadResult loaded = load_csv(dir / file);
        EXPECT_TRUE(loaded.issues.empty()) << file << ": " << format_issue(loaded.issues.front());
        EXPECT_EQ(loaded.series.size(), 252u);
    }
}

TEST(Synthetic, PlantedPatternsAreFoundByTheLoader) {
    SynthOptions options;
    options.symbols = 6;  // S0001 plain, then one symbol per pattern
    options.years = 2;
    options.patterns = {SynthPattern::FlashCrash, SynthPattern::MissingDays, SynthPattern::InvalidOhlc};
    const auto universe = generate_synthetic(options);
    const auto dir = scratch("patterns");
    write_synthetic(universe, options, dir);

    const LoadResult crash = load_csv(dir / "S0002.csv");
    ASSERT_EQ(crash.issues.size(), 1u);
    EXPECT_EQ(crash.issues[0].kind, IssueKind::ExtremeMove);
    const Date crash_day = universe.events[0].date;
    EXPECT_EQ(universe.events[0].pattern, SynthPattern::FlashCrash);
    EXPECT_EQ(crash.series.date[std::size_t(crash.issues[0].line - 2)], crash_day);

    const LoadResult gaps = load_csv(dir / "S0003.csv");
    EXPECT_TRUE(gaps.issues.empty());
    EXPECT_EQ(gaps.series.size(), 2u * 252u - 4u);

    const LoadResult invalid = load_csv(dir / "S0004.csv");
    ASSERT_EQ(invalid.issues.size(), 3u);
    EXPECT_EQ(invalid.issues[0].kind, IssueKind::HighBelowLow);
    EXPECT_EQ(invalid.issues[1].kind, IssueKind::OpenOutsideRange);
    EXPECT_EQ(invalid.issues[2].kind, IssueKind::NegativeVolume);
    EXPECT_EQ(invalid.series.size(), 2u * 252u - 3u);
}

TEST(Synthetic, CorrelatedGroupsAreCorrelated) {
    SynthOptions options;
    options.symbols = 4;
    options.years = 4;
    options.correlated_groups = 2;  // S0001 and S0003 share a factor; S0002 the other
    options.group_correlation = 0.6;
    const auto universe = generate_synthetic(options);
    const auto returns = [&](std::size_t s) {
        std::vector<double> r;
        const auto& close = universe.series[s].close;
        for (std::size_t i = 1; i < close.size(); ++i) r.push_back(std::log(close[i] / close[i - 1]));
        return r;
    };
    const auto correlation = [](const std::vector<double>& x, const std::vector<double>& y) {
        double mx = 0, my = 0;
        for (std::size_t i = 0; i < x.size(); ++i) mx += x[i], my += y[i];
        mx /= double(x.size());
        my /= double(y.size());
        double sxy = 0, sxx = 0, syy = 0;
        for (std::size_t i = 0; i < x.size(); ++i) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / std::sqrt(sxx * syy);
    };
    EXPECT_NEAR(correlation(returns(0), returns(2)), 0.6, 0.08);
    EXPECT_NEAR(correlation(returns(0), returns(1)), 0.0, 0.08);
}

}  // namespace
}  // namespace tradelab::data
