#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/random.hpp"
#include "data/synthetic.hpp"
#include "validation/permutation.hpp"

namespace tradelab::validation {
namespace {

// A run config trading the default equity momentum strategy on every non-benchmark symbol of `data`.
struct Workload {
    config::RunConfig run;
    backtest::RunMarket market;
    backtest::Scenario scenario;
};

Workload workload_on(std::vector<data::BarSeries> series, std::uint64_t seed) {
    auto market = std::make_shared<data::MarketData>();
    config::StrategyConfig strategy;
    strategy.name = "equity_momentum";
    strategy.benchmark = "SPY";
    for (std::size_t i = 0; i + 1 < series.size(); ++i) {
        const std::string symbol = "S" + std::to_string(i);
        market->add({symbol, AssetClass::Equity, false, {}}, std::move(series[i]));
        strategy.universe_symbols.push_back(symbol);
    }
    market->add({"SPY", AssetClass::Equity, true, {}}, std::move(series.back()));
    Workload w;
    w.run.random_seed = seed;
    w.run.strategies.equity = config::StrategySlot{{}, true, strategy};
    const auto& dates = market->bars(0).date;
    w.scenario = {"test", dates[252], dates.back(), seed, 1.0, {}};
    w.market = backtest::prepare_run_market(std::move(market), w.run);
    return w;
}

Workload random_walks(int symbols, int years, std::uint64_t seed) {
    data::SynthOptions options;
    options.symbols = symbols + 1;
    options.years = years;
    options.seed = seed;
    options.annual_drift = 0.0;
    options.annual_volatility = 0.30;
    return workload_on(data::generate_synthetic(options).series, seed);
}

// Trending regimes: the drift flips between +0.5 % and -0.5 % a day every 40-100 days. Momentum
// profits from the persistence; a permutation of the daily changes keeps the changes and loses it.
Workload trending_regimes(int symbols, int years, std::uint64_t seed) {
    const auto dates = data::business_days(make_date(2015, 1, 2), std::size_t(years) * 252);
    std::vector<data::BarSeries> series;
    Random random(seed);
    for (int s = 0; s <= symbols; ++s) {
        data::BarSeries bars;
        double close = 50.0;
        double drift = 0.005;
        std::size_t regime_left = 0;
        for (const auto day : dates) {
            if (regime_left == 0) {
                drift = -drift;
                regime_left = 40 + random.below(61);
            }
            --regime_left;
            const double open = close * std::exp(0.002 * random.normal());
            close = open * std::exp(drift + 0.012 * random.normal());
            bars.date.push_back(day);
            bars.open.push_back(open);
            bars.high.push_back(std::max(open, close) * (1.0 + 0.004 * random.uniform()));
            bars.low.push_back(std::min(open, close) * (1.0 - 0.004 * random.uniform()));
            bars.close.push_back(close);
            bars.volume.push_back(2e6);
            bars.dollar_volume.push_back(2e6 * close);
        }
        series.push_back(std::move(bars));
    }
    return workload_on(std::move(series), seed);
}

std::vector<double> log_changes(const data::BarSeries& bars, std::size_t from) {
    std::vector<double> changes;
    for (std::size_t r = from; r < bars.size(); ++r)
        changes.push_back(std::log(bars.close[r] / bars.close[r - 1]));
    std::sort(changes.begin(), changes.end());
    return changes;
}

TEST(PermuteMarket, KeepsHistoryBeforeTheWindowAndTheMultisetOfChanges) {
    const auto w = random_walks(3, 3, 11);
    const auto& original = *w.market.data;
    const Date first = w.scenario.start;
    const auto permuted = permute_market(original, first, w.scenario.end, 5);
    ASSERT_EQ(permuted->symbol_count(), original.symbol_count());
    for (data::SymbolId id = 0; id < original.symbol_count(); ++id) {
        const auto& a = original.bars(id);
        const auto& b = permuted->bars(id);
        ASSERT_EQ(a.date, b.date);
        const std::size_t begin = a.lower_bound(first);
        for (std::size_t r = 0; r < begin; ++r) {
            EXPECT_EQ(a.close[r], b.close[r]);
            EXPECT_EQ(a.open[r], b.open[r]);
        }
        const auto ca = log_changes(a, begin);
        const auto cb = log_changes(b, begin);
        ASSERT_EQ(ca.size(), cb.size());
        double gap = 0.0;
        for (std::size_t k = 0; k < ca.size(); ++k) gap = std::max(gap, std::abs(ca[k] - cb[k]));
        EXPECT_LT(gap, 1e-12);  // close-to-close changes are a rearrangement of the originals
        EXPECT_NE(a.close.back(),
                  b.close.back() * 1.5);  // same total change: the end differs only by rounding
        EXPECT_NEAR(std::log(b.close.back() / a.close.back()), 0.0, 1e-9);
        for (std::size_t r = 0; r < b.size(); ++r) {
            EXPECT_LE(b.low[r], std::min(b.open[r], b.close[r]));
            EXPECT_GE(b.high[r], std::max(b.open[r], b.close[r]));
        }
        bool moved = false;
        for (std::size_t r = begin; r < a.size(); ++r) moved |= std::abs(a.close[r] - b.close[r]) > 1e-9;
        EXPECT_TRUE(moved);
    }
}

TEST(PermuteMarket, OneShufflePerClassKeepsCrossSectionalCorrelation) {
    // Symbol 1 is symbol 0 at twice the price: after the shuffle it must still be.
    auto series = random_walks(2, 3, 3);
    auto data = std::make_shared<data::MarketData>();
    const auto& base = series.market.data->bars(0);
    data::BarSeries twice = base;
    for (auto* column : {&twice.open, &twice.high, &twice.low, &twice.close})
        for (auto& v : *column) v *= 2.0;
    data->add({"A", AssetClass::Equity, false, {}}, base);
    data->add({"B", AssetClass::Equity, false, {}}, twice);
    const auto permuted = permute_market(*data, base.date[300], base.date.back(), 9);
    for (std::size_t r = 0; r < base.size(); ++r)
        EXPECT_NEAR(permuted->bars(1).close[r] / permuted->bars(0).close[r], 2.0, 1e-9) << r;
    const auto again = permute_market(*data, base.date[300], base.date.back(), 9);
    EXPECT_EQ(again->bars(0).close, permuted->bars(0).close);
    const auto other = permute_market(*data, base.date[300], base.date.back(), 10);
    EXPECT_NE(other->bars(0).close, permuted->bars(0).close);
}

// Under the null (no structure), p-values of a valid test are uniform: over 25 random-walk markets the
// empirical CDF stays within the Kolmogorov-Smirnov 5 % band (0.264 for n = 25, plus 0.025 because with
// 39 permutations p moves in steps of 1/40).
TEST(PermutationTest, PValuesAreRoughlyUniformOnRandomWalks) {
    std::vector<double> p_values;
    for (std::uint64_t seed = 1; seed <= 25; ++seed) {
        const auto w = random_walks(8, 3, 100 + seed);
        PermutationTestOptions options;
        options.iterations = 39;
        options.seed = seed;
        options.threads = 2;
        p_values.push_back(monte_carlo_permutation_test(w.market, w.run, w.scenario, options).p_value);
    }
    std::sort(p_values.begin(), p_values.end());
    double ks = 0.0;
    for (std::size_t i = 0; i < p_values.size(); ++i) {
        const double n = double(p_values.size());
        ks = std::max({ks, std::abs(double(i + 1) / n - p_values[i]), std::abs(p_values[i] - double(i) / n)});
    }
    double mean = 0.0;
    for (const double p : p_values) mean += p / double(p_values.size());
    std::printf("p-values over 25 random-walk markets (KS D = %.3f, mean %.3f): %s\n", ks, mean,
                ::testing::PrintToString(p_values).c_str());
    EXPECT_LT(ks, 0.289) << "p-values: " << ::testing::PrintToString(p_values);
    EXPECT_NEAR(mean, 0.5, 0.15);
}

TEST(PermutationTest, PlantedEdgeGivesASmallPValue) {
    const auto w = trending_regimes(12, 4, 7);
    PermutationTestOptions options;
    options.iterations = 49;
    options.threads = 2;
    const auto result = monte_carlo_permutation_test(w.market, w.run, w.scenario, options);
    EXPECT_GT(result.actual, 1.0);
    EXPECT_LE(result.p_value, 0.04);  // the actual Sharpe beats (nearly) every permuted one
    EXPECT_EQ(result.null_values.size(), 49u);
    EXPECT_LT(result.null.p95, result.actual);
}

TEST(PermutationTest, SameNullDistributionAtOneAndTwoThreads) {
    const auto w = random_walks(6, 3, 21);
    PermutationTestOptions options;
    options.iterations = 8;
    options.threads = 1;
    const auto one = monte_carlo_permutation_test(w.market, w.run, w.scenario, options);
    options.threads = 2;
    const auto two = monte_carlo_permutation_test(w.market, w.run, w.scenario, options);
    EXPECT_EQ(one.null_values, two.null_values);
    EXPECT_EQ(one.p_value, two.p_value);
}

TEST(PermutationTest, CancelKeepsCompletedIterations) {
    const auto w = random_walks(6, 3, 22);
    PermutationTestOptions options;
    options.iterations = 10'000;
    options.threads = 2;
    int calls = 0;
    const auto result = monte_carlo_permutation_test(w.market, w.run, w.scenario, options,
                                                     [&](double) { return ++calls < 5; });
    EXPECT_TRUE(result.partial);
    EXPECT_LT(result.null_values.size(), 10'000u);
}

TEST(EntryTiming, PlantedEdgeBeatsRandomEntriesAndRandomWalksDoNot) {
    const auto edge = trending_regimes(12, 4, 8);
    const auto actual = backtest::run_backtest(edge.market, edge.run, edge.scenario);
    const auto timed = entry_timing_test(edge.market, actual, 500, 3, 2);
    EXPECT_EQ(timed.trades, actual.trades.size());
    EXPECT_GT(timed.actual_mean_return, timed.null.p95);
    EXPECT_LT(timed.p_value, 0.01);
    const auto again = entry_timing_test(edge.market, actual, 500, 3, 1);
    EXPECT_EQ(again.null_values, timed.null_values);
}

}  // namespace
}  // namespace tradelab::validation
