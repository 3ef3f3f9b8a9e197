#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "backtest/backtest.hpp"
#include "config/config_loader.hpp"
#include "validation/sweep.hpp"

namespace tradelab::validation {
namespace {

const std::filesystem::path kEqConfig = std::filesystem::path(TRADELAB_CONFIG_DIR) / "reference" / "eq.yaml";

struct EqSweepFixture {
    PointConfigSource source{kEqConfig, config::require_ok(config::load_run_config(kEqConfig)), {}};
    backtest::RunMarket market = backtest::load_run_market(source.base);
};

const EqSweepFixture& eq() {
    static const EqSweepFixture fixture;
    return fixture;
}

std::vector<std::string> labels_of(const SweepGrid& grid) {
    std::vector<std::string> names;
    for (const auto& axis : grid.axes) names.push_back(axis.name + "x" + std::to_string(axis.values.size()));
    return names;
}

TEST(SweepGrid, ReferenceEquityGridHas96PointsInSpecOrder) {
    const auto grids = grids_from_config(eq().source.base);
    ASSERT_EQ(grids.size(), 1u);
    EXPECT_EQ(grids[0].slot, "equity");
    EXPECT_EQ(labels_of(grids[0]),
              (std::vector<std::string>{"exit.hard_stop_atr_multx4", "entry.fast_clearancex4",
                                        "exit.exit_max2", "volatility_scaling.modex3"}));
    EXPECT_EQ(grids[0].size(), 96u);
    EXPECT_EQ(grids[0].coordinates(0), (std::vector<std::size_t>{0, 0, 0, 0}));
    EXPECT_EQ(grids[0].coordinates(95), (std::vector<std::size_t>{3, 3, 1, 2}));
    EXPECT_EQ(grids[0].coordinates(7), (std::vector<std::size_t>{0, 1, 0, 1}));
}

TEST(SweepGrid, RangesAndListsParse) {
    const auto range = parse_axis("exit.hard_stop_atr_mult=2:3:0.25");
    ASSERT_EQ(range.values.size(), 5u);
    EXPECT_EQ(range.values[1].label, "2.25");
    EXPECT_EQ(range.values[1].overrides.front().first, "strategy.exit.hard_stop_atr_mult");
    EXPECT_EQ(range.values[4].label, "3");
    const auto tenths = parse_axis("entry.fast_clearance=0:0.009:0.003");
    ASSERT_EQ(tenths.values.size(), 4u);
    EXPECT_EQ(tenths.values[3].label, "0.009");
    const auto list = parse_axis("volatility_scaling.mode=regime,off");
    ASSERT_EQ(list.values.size(), 2u);
    EXPECT_EQ(list.values[0].overrides.front().first, "volatility_scaling.mode");
    EXPECT_THROW(parse_axis("exit.no_such_key=1:2:1"), std::invalid_argument);
    EXPECT_THROW(parse_axis("exit.exit_ma=50:20:10"), std::invalid_argument);
    EXPECT_THROW(parse_axis("exit.exit_ma=20:50"), std::invalid_argument);
    EXPECT_THROW(parse_axis("exit.exit_ma"), std::invalid_argument);
}

TEST(Sweep, InvalidCombinationsAreListedWithTheValidatorsReason) {
    const auto grid = grids_from_config(eq().source.base)[0];
    SweepOptions options;
    options.threads = 2;
    const auto result = run_sweep(eq().market, eq().source, grid, options);
    ASSERT_EQ(result.points.size(), 96u);
    std::size_t invalid = 0;
    for (const auto& point : result.points) {
        // fast_clearance 0.010 and 0.015 are not below slow_clearance 0.010 (spec 02 §6.1).
        const bool clearance_too_high = point.labels[1] == "0.01" || point.labels[1] == "0.015";
        EXPECT_EQ(point.valid, !clearance_too_high) << point.index;
        if (!point.valid) {
            ++invalid;
            EXPECT_NE(point.invalid_reason.find("entry.fast_clearance"), std::string::npos)
                << point.invalid_reason;
            EXPECT_FALSE(point.done);
        } else {
            EXPECT_TRUE(point.done);
        }
    }
    EXPECT_EQ(invalid, 48u);
    EXPECT_FALSE(result.partial);
}

TEST(Sweep, PointWithTheBaseValuesReproducesThePlainBacktest) {
    const auto grid = grids_from_config(eq().source.base)[0];
    const auto result = run_sweep(eq().market, eq().source, grid, {});
    // The production strategy: stop 2.5 ATR, fast clearance 0.005, exit MA 20, continuous scaling.
    const auto base = std::find_if(result.points.begin(), result.points.end(), [](const SweepPoint& p) {
        return p.labels == std::vector<std::string>{"2.5", "0.005", "20", "continuous"};
    });
    ASSERT_NE(base, result.points.end());
    const auto& run = eq().source.base;
    const auto plain = backtest::run_backtest(eq().market, run, backtest::period_scenario(run, "train"));
    EXPECT_EQ(base->digest, plain.digest());
    EXPECT_EQ(base->metrics.total_trades, int(plain.trades.size()));
    // Another exit MA needs its own features and changes the trades.
    const auto ma50 = std::find_if(result.points.begin(), result.points.end(), [](const SweepPoint& p) {
        return p.labels == std::vector<std::string>{"2.5", "0.005", "50", "continuous"};
    });
    ASSERT_NE(ma50, result.points.end());
    EXPECT_TRUE(ma50->done);
    EXPECT_NE(ma50->digest, base->digest);
}

TEST(Sweep, SameBytesAtOneAndTwoThreads) {
    auto grid = grids_from_config(eq().source.base)[0];
    apply_axes(grid, {parse_axis("exit.hard_stop_atr_mult=1.5:4:0.5")});
    SweepOptions one;
    one.threads = 1;
    one.keep_daily_returns = true;
    SweepOptions two = one;
    two.threads = 2;
    const auto a = run_sweep(eq().market, eq().source, grid, one);
    const auto b = run_sweep(eq().market, eq().source, grid, two);
    ASSERT_EQ(a.points.size(), 144u);
    for (std::size_t i = 0; i < a.points.size(); ++i) {
        EXPECT_EQ(a.points[i].digest, b.points[i].digest) << i;
        EXPECT_EQ(a.points[i].objective, b.points[i].objective) << i;
        EXPECT_EQ(a.points[i].daily_returns, b.points[i].daily_returns) << i;
    }
}

TEST(Sweep, CancelReturnsPromptlyWithAPartialResult) {
    const SweepGrid grid{"equity", {parse_axis("exit.hard_stop_atr_mult=1:6:0.01")}};
    // Cancel once the first points are done (past the 5 % of config loading).
    std::chrono::steady_clock::time_point cancelled_at{};
    const auto result = run_sweep(eq().market, eq().source, grid, {}, [&](double fraction) {
        if (fraction < 0.06) return true;
        cancelled_at = std::chrono::steady_clock::now();
        return false;
    });
    const auto latency = std::chrono::steady_clock::now() - cancelled_at;
    EXPECT_TRUE(result.partial);
    std::printf("sweep cancel latency: %.1f ms\n",
                std::chrono::duration<double, std::milli>(latency).count());
    // Generous for a loaded machine (the goal is 200 ms); the figure is printed above.
    EXPECT_LT(latency, std::chrono::milliseconds(500));
    const auto done =
        std::count_if(result.points.begin(), result.points.end(), [](const auto& p) { return p.done; });
    EXPECT_LT(std::size_t(done), result.points.size() / 2);
}

TEST(Sweep, UnknownObjectiveIsRefusedBeforeAnyWork) {
    SweepOptions options;
    options.objective = "sharpe";
    EXPECT_THROW(run_sweep(eq().market, eq().source, grids_from_config(eq().source.base)[0], options),
                 std::invalid_argument);
}

}  // namespace
}  // namespace tradelab::validation
