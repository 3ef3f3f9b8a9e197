// Indicator layer: known answers on hand-computed series, the spec's first-valid indices, incremental
// kernels against naive recomputation, absence of lookahead, and values pinned on bundled data.
#include <gtest/gtest.h>

#include "core/random.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "data/csv_loader.hpp"
#include "data/synthetic.hpp"
#include "indicators/alignment.hpp"
#include "indicators/correlation.hpp"
#include "indicators/feature_table.hpp"
#include "indicators/rolling.hpp"

namespace tradelab::indicators {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Bars from closes: open = close, high = close + 1, low = close - 1, volume 1000.
data::BarSeries bars_from_closes(const std::vector<double>& closes) {
    data::BarSeries bars;
    bars.date = data::business_days(make_date(2024, 1, 1), closes.size());
    for (const double close : closes) {
        bars.open.push_back(close);
        bars.high.push_back(close + 1.0);
        bars.low.push_back(close - 1.0);
        bars.close.push_back(close);
        bars.volume.push_back(1000.0);
        bars.dollar_volume.push_back(close * 1000.0);
    }
    return bars;
}

// A random walk with realistic bars, plus a flat stretch (exactly 100.0, so even a naive sum of the
// window is exact) to exercise the zero-variance path.
data::BarSeries random_bars(std::size_t rows, std::uint64_t seed) {
    Random rng(seed);
    const auto spread = [&rng] { return 0.03 * rng.uniform(); };
    const auto volume = [&rng] { return 1e5 + (1e7 - 1e5) * rng.uniform(); };
    std::vector<double> closes;
    double price = 100.0;
    for (std::size_t i = 0; i < rows; ++i) {
        const bool flat = i >= 1000 && i < 1040;
        price = flat ? 100.0 : price * std::exp(rng.normal(0.0, 0.02));
        closes.push_back(price);
    }
    auto bars = bars_from_closes(closes);
    for (std::size_t i = 0; i < rows; ++i) {
        bars.high[i] = closes[i] * (1.0 + spread());
        bars.low[i] = closes[i] * (1.0 - spread());
        bars.volume[i] = volume();
        bars.dollar_volume[i] = closes[i] * bars.volume[i];
    }
    return bars;
}

std::size_t first_finite(std::span<const double> column) {
    const auto it = std::find_if(column.begin(), column.end(), [](double v) { return std::isfinite(v); });
    return static_cast<std::size_t>(it - column.begin());
}

bool all_nan(std::span<const double> column) {
    return std::all_of(column.begin(), column.end(), [](double v) { return std::isnan(v); });
}

// Same value, or both NaN.
bool same(double a, double b) {
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

// |a - b| <= tolerance * scale, with NaN matching only NaN.
::testing::AssertionResult close_to(double actual, double expected, double tolerance, double scale) {
    if (std::isnan(actual) && std::isnan(expected)) return ::testing::AssertionSuccess();
    if (std::isnan(actual) != std::isnan(expected) || std::abs(actual - expected) > tolerance * scale)
        return ::testing::AssertionFailure() << actual << " vs " << expected;
    return ::testing::AssertionSuccess();
}

::testing::AssertionResult relatively_close(double actual, double expected, double tolerance) {
    return close_to(actual, expected, tolerance, std::abs(expected));
}

// ---------------------------------------------------------------------------------------------------
// Naive O(n * window) references, written straight from the spec table.

std::vector<double> naive_mean(const std::vector<double>& x, std::size_t window) {
    std::vector<double> out(x.size(), kNaN);
    for (std::size_t i = window - 1; i < x.size(); ++i) {
        double sum = 0.0;
        for (std::size_t k = i + 1 - window; k <= i; ++k) sum += x[k];
        out[i] = sum / double(window);
    }
    return out;
}

// Textbook two-pass sample standard deviation.
std::vector<double> naive_std(const std::vector<double>& x, std::size_t window) {
    const auto mean = naive_mean(x, window);
    std::vector<double> out(x.size(), kNaN);
    for (std::size_t i = window - 1; i < x.size(); ++i) {
        double squares = 0.0;
        for (std::size_t k = i + 1 - window; k <= i; ++k) squares += (x[k] - mean[i]) * (x[k] - mean[i]);
        out[i] = std::sqrt(squares / double(window - 1));
    }
    return out;
}

std::vector<double> naive_max_before(const std::vector<double>& x, std::size_t window) {
    std::vector<double> out(x.size(), kNaN);
    for (std::size_t i = window; i < x.size(); ++i)
        out[i] = *std::max_element(x.begin() + std::ptrdiff_t(i - window), x.begin() + std::ptrdiff_t(i));
    return out;
}

std::vector<double> naive_change(const std::vector<double>& x, std::size_t lag) {
    std::vector<double> out(x.size(), kNaN);
    for (std::size_t i = lag; i < x.size(); ++i) out[i] = x[i] / x[i - lag] - 1.0;
    return out;
}

std::vector<double> naive_atr(const data::BarSeries& bars, std::size_t period) {
    std::vector<double> true_range(bars.size(), kNaN);
    for (std::size_t i = 1; i < bars.size(); ++i)
        true_range[i] = std::max({bars.high[i] - bars.low[i], std::abs(bars.high[i] - bars.close[i - 1]),
                                  std::abs(bars.low[i] - bars.close[i - 1])});
    std::vector<double> smoothed(bars.size(), kNaN);
    for (std::size_t i = 1; i < bars.size(); ++i)
        smoothed[i] =
            i == 1 ? true_range[1] : smoothed[i - 1] + (true_range[i] - smoothed[i - 1]) / double(period);
    for (std::size_t i = 0; i < std::min(bars.size(), period - 1); ++i) smoothed[i] = kNaN;
    return smoothed;
}

// ---------------------------------------------------------------------------------------------------

TEST(IndicatorWindows, DefaultsAreTheReferenceWindows) {
    const IndicatorWindows windows;
    EXPECT_EQ(windows.ma_periods, (std::vector<int>{20, 50, 200}));
    EXPECT_EQ(windows.atr_period, 14);
    EXPECT_EQ(windows.roc_period, 60);
    EXPECT_EQ(windows.breakout_fast, 20);
    EXPECT_EQ(windows.breakout_slow, 55);
    EXPECT_EQ(windows.adv_lookback, 20);
    EXPECT_EQ(windows.trend_ma, 50);
    EXPECT_EQ(windows.ma_slope_lookback, 20);
    EXPECT_EQ(windows.zscore_lookback, 20);
    EXPECT_EQ(windows.corr_lookback, 20);
    EXPECT_EQ(windows.entry_ma_periods(), (std::vector<int>{20, 50}));
    EXPECT_EQ(windows.entry_warmup_bars(), 55);  // spec §2.4: 56 bars before a symbol can signal
    EXPECT_NO_THROW(windows.validate());
}

TEST(IndicatorWindows, EntryMasAreTheTwoShortestInAnyOrder) {
    IndicatorWindows windows;
    windows.ma_periods = {200, 10, 30};
    EXPECT_EQ(windows.entry_ma_periods(), (std::vector<int>{10, 30}));
    windows.ma_periods = {100};
    EXPECT_EQ(windows.entry_ma_periods(), (std::vector<int>{100}));
    EXPECT_EQ(windows.entry_warmup_bars(), 99);
}

TEST(IndicatorWindows, InvalidWindowsThrowNamingTheField) {
    const auto message_of = [](const IndicatorWindows& windows) {
        try {
            windows.validate();
        } catch (const std::invalid_argument& error) {
            return std::string(error.what());
        }
        return std::string("no error");
    };
    IndicatorWindows windows;
    windows.atr_period = 0;
    EXPECT_NE(message_of(windows).find("atr_period"), std::string::npos);
    windows = {};
    windows.ma_periods = {};
    EXPECT_NE(message_of(windows).find("ma_periods"), std::string::npos);
    windows = {};
    windows.ma_periods = {20, 50, 20};
    EXPECT_NE(message_of(windows).find("twice"), std::string::npos);
    windows = {};
    windows.zscore_lookback = 1;
    EXPECT_NE(message_of(windows).find("zscore_lookback"), std::string::npos);
    EXPECT_THROW(FeatureTable::compute(bars_from_closes({1, 2, 3}), windows), std::invalid_argument);
}

// Column views of a temporary table would dangle, so they must not compile.
template <class Table>
concept HasAtrView = requires(Table&& table) {
    std::forward<Table>(table).atr();
};
static_assert(HasAtrView<const FeatureTable&>);
static_assert(!HasAtrView<FeatureTable>);

TEST(FeatureTable, MismatchedBarColumnsThrow) {
    auto bars = bars_from_closes({10, 11, 12});
    bars.high.pop_back();
    EXPECT_THROW(FeatureTable::compute(bars), std::invalid_argument);
}

// Short windows so every value can be checked by hand. Closes by row:
//   i:      0   1   2   3   4   5   6   7   8   9   10
//   close: 10  12  11  13  15  14  16  15  15  15  15
// dollar volume by row: 100, 200, ..., 1100.
class HandComputed : public ::testing::Test {
  protected:
    void SetUp() override {
        auto bars = bars_from_closes({10, 12, 11, 13, 15, 14, 16, 15, 15, 15, 15});
        for (std::size_t i = 0; i < bars.size(); ++i) bars.dollar_volume[i] = 100.0 * double(i + 1);
        windows.ma_periods = {3};
        windows.trend_ma = 3;
        windows.ma_slope_lookback = 2;
        windows.roc_period = 3;
        windows.breakout_fast = 3;
        windows.breakout_slow = 5;
        windows.adv_lookback = 3;
        windows.zscore_lookback = 4;
        windows.atr_period = 4;
        table = FeatureTable::compute(bars, windows);
    }
    IndicatorWindows windows;
    FeatureTable table;
};

TEST_F(HandComputed, MovingAverage) {
    // ma3[2] = (10+12+11)/3 = 11, ma3[4] = (11+13+15)/3 = 13, ma3[8] = (16+15+15)/3 = 46/3.
    const auto ma = table.ma(3);
    EXPECT_TRUE(std::isnan(ma[1]));
    EXPECT_DOUBLE_EQ(ma[2], 11.0);
    EXPECT_DOUBLE_EQ(ma[3], 12.0);
    EXPECT_DOUBLE_EQ(ma[4], 13.0);
    EXPECT_DOUBLE_EQ(ma[8], 46.0 / 3.0);
    EXPECT_EQ(ma[10], 15.0);  // a flat window is exactly its value
    EXPECT_THROW(table.ma(50), std::out_of_range);
}

TEST_F(HandComputed, RateOfChange) {
    // roc3[3] = 13/10 - 1 = 0.3, roc3[5] = 14/11 - 1 = 3/11, roc3[10] = 15/15 - 1 = 0.
    const auto roc = table.roc();
    EXPECT_TRUE(std::isnan(roc[2]));
    EXPECT_DOUBLE_EQ(roc[3], 0.3);
    EXPECT_DOUBLE_EQ(roc[5], 3.0 / 11.0);
    EXPECT_EQ(roc[10], 0.0);
}

TEST_F(HandComputed, BreakoutHighsExcludeToday) {
    // hc3[4] = max(close[1..3]) = max(12, 11, 13) = 13, although today's close 15 is the highest so far.
    // hc3[7] = max(15, 14, 16) = 16. hc5[5] = max(close[0..4]) = 15; hc5[4] has only 4 prior closes.
    EXPECT_TRUE(std::isnan(table.highest_close_fast()[2]));
    EXPECT_EQ(table.highest_close_fast()[3], 12.0);
    EXPECT_EQ(table.highest_close_fast()[4], 13.0);
    EXPECT_EQ(table.highest_close_fast()[7], 16.0);
    EXPECT_TRUE(std::isnan(table.highest_close_slow()[4]));
    EXPECT_EQ(table.highest_close_slow()[5], 15.0);
    EXPECT_EQ(table.highest_close_slow()[7], 16.0);
}

TEST_F(HandComputed, AverageDollarVolumeIncludesToday) {
    // adv3[2] = (100+200+300)/3 = 200; adv3[3] = (200+300+400)/3 = 300 (today's 400 counts).
    EXPECT_TRUE(std::isnan(table.adv()[1]));
    EXPECT_DOUBLE_EQ(table.adv()[2], 200.0);
    EXPECT_DOUBLE_EQ(table.adv()[3], 300.0);
}

TEST_F(HandComputed, DailyReturns) {
    // r[1] = 12/10 - 1 = 0.2, r[2] = 11/12 - 1 = -1/12.
    EXPECT_TRUE(std::isnan(table.returns_1d()[0]));
    EXPECT_DOUBLE_EQ(table.returns_1d()[1], 0.2);
    EXPECT_DOUBLE_EQ(table.returns_1d()[2], -1.0 / 12.0);
}

TEST_F(HandComputed, MaSlope) {
    // slope[i] = ma3[i] / ma3[i-2] - 1: first at 3-1+2 = 4: 13/11 - 1 = 2/11; slope[5] = 14/12 - 1 = 1/6.
    EXPECT_TRUE(std::isnan(table.ma_slope()[3]));
    EXPECT_DOUBLE_EQ(table.ma_slope()[4], 2.0 / 11.0);
    EXPECT_DOUBLE_EQ(table.ma_slope()[5], 1.0 / 6.0);
}

TEST_F(HandComputed, ZScoreAndZeroStd) {
    // Window 4 at i=3: closes 10,12,11,13; mean 11.5; squared deviations 2.25+0.25+0.25+2.25 = 5;
    // sample var 5/3; z = 1.5 / sqrt(5/3) = 1.1618950038622...
    // At i=9: 16,15,15,15; mean 15.25; squares 0.5625 + 3*0.0625 = 0.75; var 0.25; std 0.5; z = -0.5.
    // At i=10: 15,15,15,15; std exactly 0, so z is NaN.
    EXPECT_TRUE(std::isnan(table.zscore()[2]));
    EXPECT_DOUBLE_EQ(table.ma_lookback()[3], 11.5);
    EXPECT_NEAR(table.std_lookback()[3], std::sqrt(5.0 / 3.0), 1e-14);
    EXPECT_NEAR(table.zscore()[3], 1.5 / std::sqrt(5.0 / 3.0), 1e-12);
    EXPECT_NEAR(table.std_lookback()[9], 0.5, 1e-14);
    EXPECT_NEAR(table.zscore()[9], -0.5, 1e-12);
    EXPECT_EQ(table.std_lookback()[10], 0.0);
    EXPECT_EQ(table.ma_lookback()[10], 15.0);
    EXPECT_TRUE(std::isnan(table.zscore()[10]));
}

TEST(FeatureTable, SlopeColumnAllNaNBelowTrendPlusLagRows) {
    // Spec: "the whole column is NaN if the series has < 70 rows" (trend 50 + lag 20).
    std::vector<double> closes(69);
    for (std::size_t i = 0; i < closes.size(); ++i) closes[i] = 100.0 + double(i);
    const auto short_table = FeatureTable::compute(bars_from_closes(closes));
    EXPECT_TRUE(all_nan(short_table.ma_slope()));
    closes.push_back(200.0);
    const auto table = FeatureTable::compute(bars_from_closes(closes));
    EXPECT_EQ(first_finite(table.ma_slope()), 69u);
    // ma50[69] = mean(closes 20..69) = (120+...+168 + 200)/50; ma50[49] = mean(100..149) = 124.5.
    double sum = 200.0;
    for (int c = 120; c <= 168; ++c) sum += c;
    EXPECT_DOUBLE_EQ(table.ma_slope()[69], (sum / 50.0) / 124.5 - 1.0);
}

TEST(FeatureTable, AtrSeededWithFirstTrueRange) {
    // 16 bars. True ranges, TR[i] = max(h-l, |h-c[i-1]|, |l-c[i-1]|), i = 1..15:
    //   1.5 1.25 2.5 1.25 1.5 1.25 1.75 1.25 2.0 2.0 1.25 2.0 1.25 1.75 2.0
    // (TR[3]: |13 - 10.5| = 2.5 beats h-l = 1.75; TR[10]: |12 - 14| = 2.0.)
    // A[1] = 1.5, A[i] = A[i-1] + (TR[i] - A[i-1]) / 14, evaluated in exact rationals:
    //   A[13] = 353888056449439/226775649501184      = 1.560520528671626
    //   A[14] = 4997402120469779/3174859093016576    = 1.5740547766236526
    //   A[15] = 71315945752140279/44448027302232064  = 1.6044794354362488
    // Wilder's mean-of-14 seeding would give A[14] = mean(TR[1..14]) = 1.6071428... instead.
    const std::vector<double> close{10,   11, 10.5, 12, 11.5, 12.5, 13, 12,
                                    12.5, 14, 13.5, 13, 14.5, 15,   14, 15.5};
    auto bars = bars_from_closes(close);
    for (std::size_t i = 0; i < close.size(); ++i) {
        bars.high[i] = close[i] + 0.5;
        bars.low[i] = close[i] - 0.75;
    }
    bars.high[3] = 13.0;
    bars.low[10] = 12.0;
    const auto table = FeatureTable::compute(bars);
    const auto atr = table.atr();
    EXPECT_EQ(first_finite(atr), 13u);
    EXPECT_TRUE(relatively_close(atr[13], 1.560520528671626, 1e-14));
    EXPECT_TRUE(relatively_close(atr[14], 1.5740547766236526, 1e-14));
    EXPECT_TRUE(relatively_close(atr[15], 1.6044794354362488, 1e-14));
}

TEST(FeatureTable, AtrMaskedOnShortSeries) {
    // The reference reports A[1..] on series shorter than 14 rows; TradeLab masks unconditionally.
    const auto table = FeatureTable::compute(bars_from_closes({10, 11, 12, 13, 12, 11}));
    EXPECT_TRUE(all_nan(table.atr()));
}

TEST(FeatureTable, FirstValidIndexMatchesSpecTable) {
    data::SynthOptions options;
    options.symbols = 1;
    options.years = 2;
    const auto bars = data::generate_synthetic(options).series[0];
    const auto table = FeatureTable::compute(bars);
    const std::vector<std::pair<std::string, std::size_t>> expected{{"ma20", 19},
                                                                    {"ma50", 49},
                                                                    {"ma200", 199},
                                                                    {"atr14", 13},
                                                                    {"roc60", 60},
                                                                    {"highest_close_20d", 20},
                                                                    {"highest_close_55d", 55},
                                                                    {"adv20", 19},
                                                                    {"returns_1d", 1},
                                                                    {"ma50_slope", 69},
                                                                    {"ma_lookback", 19},
                                                                    {"std_lookback", 19},
                                                                    {"zscore", 19}};
    const auto columns = table.columns();
    for (const auto& [name, first] : expected) {
        const auto column =
            std::find_if(columns.begin(), columns.end(), [&](const auto& c) { return c.name == name; });
        ASSERT_NE(column, columns.end()) << name;
        EXPECT_EQ(first_finite(column->values), first) << name;
        // Once defined, never NaN again (no holes on a gap-free series).
        EXPECT_EQ(std::count_if(column->values.begin(), column->values.end(),
                                [](double v) { return std::isnan(v); }),
                  std::ptrdiff_t(first))
            << name;
    }
    EXPECT_FALSE(table.valid_for_entry(54));
    EXPECT_TRUE(table.valid_for_entry(55));
    EXPECT_FALSE(table.valid_for_entry(table.size()));
    EXPECT_TRUE(all_nan(table.benchmark_roc()));  // until a benchmark is attached
}

TEST(FeatureTable, ValidForEntryUsesTheTwoShortestMas) {
    IndicatorWindows windows;
    windows.ma_periods = {200, 10, 60};
    const auto table = FeatureTable::compute(random_bars(300, 3), windows);
    // ma60 is defined from row 59; breakout_slow (55) is no longer the binding window.
    EXPECT_FALSE(table.valid_for_entry(58));
    EXPECT_TRUE(table.valid_for_entry(59));
    EXPECT_EQ(windows.entry_warmup_bars(), 59);
}

TEST(FeatureTable, TrendMaOutsideMaPeriodsIsStillComputed) {
    IndicatorWindows windows;
    windows.ma_periods = {20};
    windows.trend_ma = 30;
    windows.ma_slope_lookback = 5;
    const auto bars = random_bars(200, 4);
    const auto table = FeatureTable::compute(bars, windows);
    const auto reference = naive_mean(bars.close, 30);
    for (std::size_t i = 0; i < bars.size(); ++i)
        EXPECT_TRUE(relatively_close(table.trend_ma()[i], reference[i], 1e-12));
    EXPECT_EQ(first_finite(table.ma_slope()), 29u + 5u);
    const auto columns = table.columns();
    EXPECT_TRUE(
        std::any_of(columns.begin(), columns.end(), [](const auto& c) { return c.name == "ma30_slope"; }));
}

TEST(FeatureTable, IncrementalEqualsNaive) {
    const auto bars = random_bars(3000, 7);
    const IndicatorWindows windows;
    const auto table = FeatureTable::compute(bars, windows);
    const auto& close = bars.close;

    // Price-level columns: relative 1e-12. Rolling max: exact.
    for (const int period : windows.ma_periods) {
        const auto reference = naive_mean(close, std::size_t(period));
        for (std::size_t i = 0; i < close.size(); ++i)
            ASSERT_TRUE(relatively_close(table.ma(period)[i], reference[i], 1e-12))
                << "ma" << period << " row " << i;
    }
    const auto level_columns = std::vector<std::pair<std::span<const double>, std::vector<double>>>{
        {table.atr(), naive_atr(bars, 14)},
        {table.adv(), naive_mean(bars.dollar_volume, 20)},
        {table.ma_lookback(), naive_mean(close, 20)},
        {table.std_lookback(), naive_std(close, 20)},
    };
    for (std::size_t c = 0; c < level_columns.size(); ++c)
        for (std::size_t i = 0; i < close.size(); ++i)
            ASSERT_TRUE(relatively_close(level_columns[c].first[i], level_columns[c].second[i], 1e-12))
                << "level column " << c << " row " << i;
    const auto fast = naive_max_before(close, 20);
    const auto slow = naive_max_before(close, 55);
    for (std::size_t i = 0; i < close.size(); ++i) {
        ASSERT_TRUE(same(table.highest_close_fast()[i], fast[i])) << i;
        ASSERT_TRUE(same(table.highest_close_slow()[i], slow[i])) << i;
    }

    // Ratio columns are differences of nearly equal numbers near 0, so they are compared on the scale
    // max(|value|, 1): 1e-12 of the ratio itself, or 1e-12 absolute when the ratio is small.
    const auto ma50 = naive_mean(close, 50);
    std::vector<double> slope(close.size(), kNaN);
    for (std::size_t i = 69; i < close.size(); ++i) slope[i] = ma50[i] / ma50[i - 20] - 1.0;
    const auto mean20 = naive_mean(close, 20);
    const auto std20 = naive_std(close, 20);
    std::vector<double> zscore(close.size(), kNaN);
    for (std::size_t i = 19; i < close.size(); ++i)
        if (std20[i] != 0.0) zscore[i] = (close[i] - mean20[i]) / std20[i];
    const auto ratio_columns = std::vector<std::pair<std::span<const double>, std::vector<double>>>{
        {table.roc(), naive_change(close, 60)},
        {table.returns_1d(), naive_change(close, 1)},
        {table.ma_slope(), slope},
        {table.zscore(), zscore},
    };
    for (std::size_t c = 0; c < ratio_columns.size(); ++c)
        for (std::size_t i = 0; i < close.size(); ++i) {
            const double expected = ratio_columns[c].second[i];
            ASSERT_TRUE(
                close_to(ratio_columns[c].first[i], expected, 1e-12, std::max(std::abs(expected), 1.0)))
                << "ratio column " << c << " row " << i;
        }
    // The flat stretch (rows 1000..1039 at exactly 100) has std 0 and therefore no z-score.
    EXPECT_EQ(table.std_lookback()[1030], 0.0);
    EXPECT_TRUE(std::isnan(table.zscore()[1030]));
}

TEST(Rolling, LongSeriesNearTenThousandMatchesTwoPass) {
    // 10,000 values near 1e4 with a std of about 1e-3: a plain running sum of squares would lose every
    // digit here (variance / mean^2 ~ 1e-14); the anchored Welford update must stay within 1e-9.
    Random rng(11);
    std::vector<double> x(10000);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = 1e4 + 0.01 * std::sin(double(i) / 50.0) + rng.normal(0.0, 1e-3);
    for (const std::size_t window : {20u, 200u}) {
        std::vector<double> mean(x.size());
        std::vector<double> sd(x.size());
        rolling_mean(x, window, mean);
        rolling_sample_std(x, window, sd);
        const auto mean_reference = naive_mean(x, window);
        const auto std_reference = naive_std(x, window);
        for (std::size_t i = 0; i < x.size(); ++i) {
            ASSERT_TRUE(relatively_close(mean[i], mean_reference[i], 1e-9)) << window << " row " << i;
            ASSERT_TRUE(relatively_close(sd[i], std_reference[i], 1e-9)) << window << " row " << i;
        }
    }
}

TEST(Rolling, KernelsRejectBadShapes) {
    std::vector<double> x{1, 2, 3};
    std::vector<double> out(2);
    EXPECT_THROW(rolling_mean(x, 2, out), std::invalid_argument);
    out.resize(3);
    EXPECT_THROW(rolling_mean(x, 0, out), std::invalid_argument);
    EXPECT_THROW(rolling_sample_std(x, 1, out), std::invalid_argument);
    rolling_max_before(x, 5, out);  // window longer than the series: all NaN, no error
    EXPECT_TRUE(all_nan(out));
}

TEST(FeatureTable, NoLookahead) {
    const auto bars = random_bars(2000, 21);
    const auto reference = FeatureTable::compute(bars);
    for (const std::size_t t : {0u, 13u, 60u, 199u, 777u, 1500u, 1998u}) {
        auto garbage = bars;
        for (std::size_t i = t + 1; i < garbage.size(); ++i) {
            garbage.open[i] = garbage.high[i] = garbage.low[i] = garbage.close[i] = 1e6;
            garbage.volume[i] = 1e12;
            garbage.dollar_volume[i] = 1e18;
        }
        const auto truncated = FeatureTable::compute(garbage);
        const auto expected = reference.columns();
        const auto actual = truncated.columns();
        ASSERT_EQ(expected.size(), actual.size());
        for (std::size_t c = 0; c < expected.size(); ++c)
            for (std::size_t i = 0; i <= t; ++i)
                ASSERT_TRUE(same(actual[c].values[i], expected[c].values[i]))
                    << expected[c].name << " row " << i << " cut at " << t;
    }
}

TEST(FeatureTable, BundledAaplPinnedValues) {
    const auto loaded =
        data::load_csv(std::filesystem::path(TRADELAB_BUNDLED_DATA_DIR) / "equity/daily/AAPL.csv");
    ASSERT_FALSE(loaded.rejected);
    const auto& bars = loaded.series;
    ASSERT_EQ(bars.size(), 501u);
    const auto table = FeatureTable::compute(bars);
    // Expected values computed independently with python3 from the CSV text (plain float arithmetic:
    // windowed sums, the ATR recursion from TR[1], dollar volume = close * volume).
    const auto row = bars.find(make_date(2024, 6, 28));
    ASSERT_EQ(row, 123);
    const auto i = std::size_t(row);
    EXPECT_TRUE(relatively_close(table.ma(20)[i], 205.5625, 1e-9));
    EXPECT_TRUE(relatively_close(table.atr()[i], 4.824169956432159, 1e-9));
    EXPECT_TRUE(relatively_close(table.highest_close_slow()[i], 216.67, 1e-9));
    EXPECT_TRUE(relatively_close(table.adv()[i], 18624848257.807, 1e-9));
    EXPECT_TRUE(relatively_close(table.roc()[i], 0.24149720011788967, 1e-9));
    EXPECT_TRUE(relatively_close(table.ma_slope()[i], 0.07790833475598058, 1e-9));
    EXPECT_TRUE(relatively_close(table.zscore()[i], 0.5766249588558217, 1e-9));
    EXPECT_TRUE(table.valid_for_entry(i));
    const auto last = bars.find(make_date(2025, 12, 30));
    ASSERT_EQ(last, 500);
    EXPECT_TRUE(relatively_close(table.ma(200)[std::size_t(last)], 231.46100000000007, 1e-9));
}

// ---------------------------------------------------------------------------------------------------
// Date alignment and benchmark columns.

TEST(Alignment, ValuesOnMatchingDatesNaNElsewhere) {
    const std::vector<Date> target{make_date(2024, 1, 2), make_date(2024, 1, 3), make_date(2024, 1, 4),
                                   make_date(2024, 1, 5)};
    const std::vector<Date> source{make_date(2024, 1, 1), make_date(2024, 1, 3), make_date(2024, 1, 5),
                                   make_date(2024, 1, 6)};
    const auto aligned = align_to_dates(target, source, {1.0, 3.0, 5.0, 6.0});
    ASSERT_EQ(aligned.size(), 4u);
    EXPECT_TRUE(std::isnan(aligned[0]));
    EXPECT_EQ(aligned[1], 3.0);
    EXPECT_TRUE(std::isnan(aligned[2]));  // never forward-filled
    EXPECT_EQ(aligned[3], 5.0);
    EXPECT_TRUE(align_to_dates({}, source, {1.0, 3.0, 5.0, 6.0}).empty());
}

TEST(Alignment, BadInputsThrow) {
    const std::vector<Date> sorted{make_date(2024, 1, 2), make_date(2024, 1, 3)};
    const std::vector<Date> unsorted{make_date(2024, 1, 3), make_date(2024, 1, 2)};
    EXPECT_THROW(align_to_dates(sorted, unsorted, {1.0, 2.0}), std::invalid_argument);
    EXPECT_THROW(align_to_dates(unsorted, sorted, {1.0, 2.0}), std::invalid_argument);
    EXPECT_THROW(align_to_dates(sorted, sorted, {1.0}), std::invalid_argument);
    const std::vector<Date> duplicate{make_date(2024, 1, 2), make_date(2024, 1, 2)};
    EXPECT_THROW(align_to_dates(sorted, duplicate, {1.0, 2.0}), std::invalid_argument);
}

TEST(FeatureTable, AttachBenchmarkAlignsByDate) {
    const auto symbol_bars = random_bars(120, 5);
    auto benchmark_bars = random_bars(130, 6);
    // The benchmark starts 10 rows earlier and misses the symbol's row 80.
    benchmark_bars.date = data::business_days(make_date(2023, 12, 18), 130);
    const auto missing = symbol_bars.date[80];
    const auto at = std::find(benchmark_bars.date.begin(), benchmark_bars.date.end(), missing);
    ASSERT_NE(at, benchmark_bars.date.end());
    const auto drop = std::size_t(at - benchmark_bars.date.begin());
    for (auto* column : {&benchmark_bars.open, &benchmark_bars.high, &benchmark_bars.low,
                         &benchmark_bars.close, &benchmark_bars.volume, &benchmark_bars.dollar_volume})
        column->erase(column->begin() + std::ptrdiff_t(drop));
    benchmark_bars.date.erase(at);

    auto table = FeatureTable::compute(symbol_bars);
    const auto benchmark = FeatureTable::compute(benchmark_bars);
    table.attach_benchmark(symbol_bars.date, benchmark_bars.date, benchmark);
    for (std::size_t i = 0; i < symbol_bars.size(); ++i) {
        const auto row = benchmark_bars.find(symbol_bars.date[i]);
        if (row < 0) {
            EXPECT_TRUE(std::isnan(table.benchmark_returns_1d()[i])) << i;
            continue;
        }
        EXPECT_TRUE(same(table.benchmark_roc()[i], benchmark.roc()[std::size_t(row)])) << i;
        EXPECT_TRUE(same(table.benchmark_returns_1d()[i], benchmark.returns_1d()[std::size_t(row)])) << i;
    }
    EXPECT_TRUE(std::isnan(table.benchmark_roc()[80]));
    EXPECT_TRUE(std::isfinite(table.benchmark_roc()[79]));  // benchmark roc60 defined from its row 60

    IndicatorWindows other;
    other.roc_period = 20;
    EXPECT_THROW(table.attach_benchmark(symbol_bars.date, benchmark_bars.date,
                                        FeatureTable::compute(benchmark_bars, other)),
                 std::invalid_argument);
    EXPECT_THROW(table.attach_benchmark(benchmark_bars.date, benchmark_bars.date, benchmark),
                 std::invalid_argument);
}

// ---------------------------------------------------------------------------------------------------
// Correlation utilities.
// a = 1 2 3 4 5, b = 2 1 4 3 5: deviations a -2 -1 0 1 2, b -1 -2 1 0 2;
// sum(da*db) = 2+2+0+0+4 = 8, sum(da^2) = sum(db^2) = 10, so r(a, b) = 8/10 = 0.8.

TEST(Correlation, PearsonKnownValues) {
    const std::vector<double> a{1, 2, 3, 4, 5};
    const std::vector<double> b{2, 1, 4, 3, 5};
    EXPECT_NEAR(pearson(a, b), 0.8, 1e-15);
    EXPECT_DOUBLE_EQ(pearson(a, std::vector<double>{-1, -2, -3, -4, -5}), -1.0);
    EXPECT_DOUBLE_EQ(pearson(a, std::vector<double>{3, 5, 7, 9, 11}), 1.0);
    EXPECT_TRUE(std::isnan(pearson(a, std::vector<double>{2, 2, 2, 2, 2})));  // zero variance
    EXPECT_TRUE(std::isnan(pearson(std::vector<double>{1}, std::vector<double>{2})));
    EXPECT_THROW(pearson(a, std::vector<double>{1, 2}), std::invalid_argument);
}

TEST(Correlation, PearsonUsesPairwiseCompleteObservations) {
    // Same five pairs as above, plus one NaN on each side that must be skipped.
    const std::vector<double> a{1, kNaN, 2, 3, 4, 5, 7};
    const std::vector<double> b{2, 9, 1, 4, 3, 5, kNaN};
    EXPECT_NEAR(pearson(a, b), 0.8, 1e-15);
    EXPECT_TRUE(std::isnan(pearson(a, b, 6)));  // only 5 complete pairs
}

TEST(Correlation, GatherReturnsByDate) {
    const std::vector<Date> symbol_dates{make_date(2024, 1, 1), make_date(2024, 1, 2), make_date(2024, 1, 4),
                                         make_date(2024, 1, 5), make_date(2024, 1, 8)};
    const std::vector<double> returns{kNaN, 0.01, 0.02, 0.03, 0.04};
    const std::vector<Date> window{make_date(2024, 1, 2), make_date(2024, 1, 3), make_date(2024, 1, 4),
                                   make_date(2024, 1, 5)};
    std::vector<double> out(window.size());
    EXPECT_EQ(gather_returns(window, symbol_dates, returns, out), 3u);
    EXPECT_EQ(out[0], 0.01);
    EXPECT_TRUE(std::isnan(out[1]));  // no bar on 2024-01-03
    EXPECT_EQ(out[2], 0.02);
    EXPECT_EQ(out[3], 0.03);  // the 2024-01-08 return lies after the window and is never read
    std::vector<double> short_out(2);
    EXPECT_THROW(gather_returns(window, symbol_dates, returns, short_out), std::invalid_argument);
}

// Rows: a, b, -a, 2a+1. Correlations: (a,b) 0.8, (a,-a) -1, (a,2a+1) 1, (b,-a) -0.8, (b,2a+1) 0.8,
// (-a,2a+1) -1; mean of the six = -0.2/6 = -1/30.
class CorrelationWindow : public ::testing::Test {
  protected:
    std::vector<double> values{1,  2,  3,  4,  5,   //
                               2,  1,  4,  3,  5,   //
                               -1, -2, -3, -4, -5,  //
                               3,  5,  7,  9,  11};
    ReturnWindow window() const { return {values, 4, 5}; }
};

TEST_F(CorrelationWindow, AveragePairwise) {
    EXPECT_NEAR(avg_pairwise_correlation(window(), {4, 5}), -1.0 / 30.0, 1e-15);
    EXPECT_TRUE(std::isnan(avg_pairwise_correlation(window(), {5, 5})));  // fewer than 5 symbols
    values[19] = kNaN;  // row 3 now has 4 returns and no longer qualifies
    EXPECT_TRUE(std::isnan(avg_pairwise_correlation(window(), {4, 5})));
    // Rows 0..2: (0.8 - 1 - 0.8) / 3.
    EXPECT_NEAR(avg_pairwise_correlation(window(), {3, 5}), -1.0 / 3.0, 1e-15);
    EXPECT_THROW(avg_pairwise_correlation(ReturnWindow{values, 4, 4}), std::invalid_argument);
}

TEST_F(CorrelationWindow, CandidateToPortfolio) {
    const std::vector<double> candidate{1, 2, 3, 4, 5};
    // Positions = rows 1..3 (b, -a, 2a+1): mean(0.8, -1, 1) = 0.8/3.
    const ReturnWindow positions{std::span<const double>(values).subspan(5), 3, 5};
    EXPECT_NEAR(correlation_to_portfolio(candidate, positions, {5}), 0.8 / 3.0, 1e-15);
    EXPECT_NEAR(correlation_to_portfolio(candidate, positions, {5}, 2), -0.1, 1e-15);  // own row skipped
    // A candidate with fewer than min_returns finite returns is undefined.
    EXPECT_TRUE(std::isnan(correlation_to_portfolio(std::vector<double>{1, 2, kNaN, 4, 5}, positions, {5})));
    // A position with too few common dates is skipped, not counted as 0.
    values[5 + 4] = kNaN;                                                          // row 1 (b) keeps 4 dates
    EXPECT_NEAR(correlation_to_portfolio(candidate, positions, {5}), 0.0, 1e-15);  // mean(-1, 1)
    EXPECT_THROW(correlation_to_portfolio(std::vector<double>{1, 2}, positions), std::invalid_argument);
}

TEST(Correlation, DateAlignedGuardOnFeatureTables) {
    // Two symbols with identical closes but one missing a day: date-aligned returns correlate at 1 over
    // the shared dates, whereas matching list tails would pair returns of different days.
    const auto full = random_bars(60, 8);
    auto gappy = full;
    for (auto* column :
         {&gappy.open, &gappy.high, &gappy.low, &gappy.close, &gappy.volume, &gappy.dollar_volume})
        column->erase(column->begin() + 50);
    gappy.date.erase(gappy.date.begin() + 50);
    const auto full_table = FeatureTable::compute(full);
    const auto gappy_table = FeatureTable::compute(gappy);
    const std::span<const Date> window_dates = std::span<const Date>(full.date).last(20);
    std::vector<double> buffer(2 * 20);
    gather_returns(window_dates, full.date, full_table.returns_1d(), std::span<double>(buffer).first(20));
    gather_returns(window_dates, gappy.date, gappy_table.returns_1d(), std::span<double>(buffer).last(20));
    const ReturnWindow window{buffer, 2, 20};
    // Row 51 of the gappy series spans two days, so it differs; the other 18 shared dates match exactly.
    EXPECT_NEAR(pearson(window.row(0), window.row(1)), 1.0, 0.05);
    EXPECT_TRUE(std::isnan(window.row(1)[10]));  // the missing day (row 50 of the full series)
    const auto tail_full = full_table.returns_1d().last(19);
    const auto tail_gappy = gappy_table.returns_1d().last(19);
    EXPECT_LT(pearson(tail_full, tail_gappy), pearson(window.row(0), window.row(1)));
}

}  // namespace
}  // namespace tradelab::indicators
