// Execution layer: fill prices, fees and the crash worst-price rule on hand-computed cases; every
// multiplier of the normal slippage model; seeded draws (determinism, one draw per fill, moments);
// replay of the reference trade log; the decision-date slippage inputs.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/random.hpp"
#include "execution/fill.hpp"
#include "execution/replay_slippage.hpp"
#include "execution/slippage.hpp"
#include "execution/slippage_inputs.hpp"

namespace tradelab::execution {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

FillContext buy_context(double open, double quantity) {
    FillContext context;
    context.symbol = 3;
    context.side = Side::Buy;
    context.is_entry = true;
    context.execution_date = make_date(2024, 6, 17);  // a Monday
    context.open_price = open;
    context.quantity = quantity;
    return context;
}

FillContext sell_context(double open, double quantity) {
    FillContext context = buy_context(open, quantity);
    context.side = Side::Sell;
    context.is_entry = false;
    return context;
}

config::CostsConfig crypto_costs() {
    config::CostsConfig costs;
    costs.fee_bps = 8;
    costs.slippage_base_bps = 10;
    costs.weekend_penalty = 1.5;
    costs.stress_threshold = -0.05;
    return costs;
}

// ---- fills and fees ---------------------------------------------------------------------------------

TEST(Fill, BuyPaysSlippageAboveTheOpenAndTheFeeOnTheFillNotional) {
    const Fill fill = compute_fill(buy_context(100.0, 10.0), 10.0, 1.0, 7);
    EXPECT_EQ(fill.id, 7u);
    EXPECT_DOUBLE_EQ(fill.price, 100.1);
    EXPECT_DOUBLE_EQ(fill.notional(), 1001.0);
    EXPECT_DOUBLE_EQ(fill.fee, 0.1001);
    EXPECT_DOUBLE_EQ(fill.slippage_cost, 1.001);
    EXPECT_FALSE(fill.worst_price_applied);
    EXPECT_DOUBLE_EQ(charged_cost(fill, CostRule::TradeLab), 0.1001);
    EXPECT_DOUBLE_EQ(charged_cost(fill, CostRule::Reference), 0.1001 + 1.001);
}

TEST(Fill, SellReceivesSlippageBelowTheOpen) {
    const Fill fill = compute_fill(sell_context(100.0, 4.0), 25.0, 8.0, 1);
    EXPECT_DOUBLE_EQ(fill.price, 99.75);
    EXPECT_DOUBLE_EQ(fill.fee, 99.75 * 4.0 * 8.0 / 10'000.0);
    EXPECT_DOUBLE_EQ(fill.slippage_cost, 99.75 * 4.0 * 25.0 / 10'000.0);
}

TEST(Fill, PriceIsFlooredAtOneCent) {
    const Fill fill = compute_fill(sell_context(0.0101, 1000.0), 500.0, 0.0, 1);
    EXPECT_DOUBLE_EQ(fill.price, 0.01);
}

TEST(Fill, RejectsImpossibleInputs) {
    EXPECT_THROW(compute_fill(buy_context(0.0, 1.0), 1.0, 1.0, 1), std::invalid_argument);
    EXPECT_THROW(compute_fill(buy_context(10.0, 0.0), 1.0, 1.0, 1), std::invalid_argument);
    EXPECT_THROW(compute_fill(buy_context(10.0, 1.0), -1.0, 1.0, 1), std::invalid_argument);
    EXPECT_THROW(compute_fill(buy_context(10.0, 1.0), kNaN, 1.0, 1), std::invalid_argument);
    EXPECT_THROW(compute_fill(buy_context(10.0, 1.0), 1.0, -1.0, 1), std::invalid_argument);
}

TEST(Fill, CrashDateHardStopSellsAtTheDaysLow) {
    FillContext context = sell_context(100.0, 10.0);
    context.is_crash_date = true;
    context.hard_stop_exit = true;
    context.day_low = 90.0;
    const Fill tradelab = compute_fill(context, 10.0, 1.0, 1, CostRule::TradeLab);
    EXPECT_DOUBLE_EQ(tradelab.price, 90.0);
    EXPECT_TRUE(tradelab.worst_price_applied);
    EXPECT_DOUBLE_EQ(tradelab.fee, 900.0 * 1.0 / 10'000.0);  // on what was actually traded
    const Fill reference = compute_fill(context, 10.0, 1.0, 1, CostRule::Reference);
    EXPECT_DOUBLE_EQ(reference.price, 90.0);
    EXPECT_DOUBLE_EQ(reference.fee, 999.0 * 1.0 / 10'000.0);  // the reference never recomputed costs
    EXPECT_DOUBLE_EQ(reference.slippage_cost, 999.0 * 10.0 / 10'000.0);
}

TEST(Fill, CrashWorstPriceKeepsASlippedPriceBelowTheLow) {
    FillContext context = sell_context(100.0, 1.0);
    context.is_crash_date = true;
    context.hard_stop_exit = true;
    context.day_low = 99.95;
    const Fill fill = compute_fill(context, 10.0, 0.0, 1);
    EXPECT_DOUBLE_EQ(fill.price, 99.9);
    EXPECT_FALSE(fill.worst_price_applied);
}

TEST(Fill, CrashWorstPriceBuyToCoverPaysTheDaysHigh) {
    FillContext context = buy_context(100.0, 1.0);
    context.is_entry = false;
    context.is_crash_date = true;
    context.hard_stop_exit = true;
    context.day_high = 110.0;
    EXPECT_DOUBLE_EQ(compute_fill(context, 10.0, 0.0, 1).price, 110.0);
}

TEST(Fill, CrashWorstPriceOnlyForHardStopExitsOnCrashDates) {
    FillContext not_crash = sell_context(100.0, 1.0);
    not_crash.hard_stop_exit = true;
    not_crash.day_low = 50.0;
    EXPECT_DOUBLE_EQ(compute_fill(not_crash, 10.0, 0.0, 1).price, 99.9);

    FillContext ma_exit = not_crash;
    ma_exit.is_crash_date = true;
    ma_exit.hard_stop_exit = false;
    EXPECT_DOUBLE_EQ(compute_fill(ma_exit, 10.0, 0.0, 1).price, 99.9);

    FillContext entry = buy_context(100.0, 1.0);
    entry.is_crash_date = true;
    entry.hard_stop_exit = true;
    entry.day_high = 150.0;
    EXPECT_DOUBLE_EQ(compute_fill(entry, 10.0, 0.0, 1).price, 100.1);

    FillContext no_low = sell_context(100.0, 1.0);
    no_low.is_crash_date = true;
    no_low.hard_stop_exit = true;
    EXPECT_THROW(compute_fill(no_low, 10.0, 0.0, 1), std::invalid_argument);
}

TEST(Fill, CostFreeFillHasNoFeeAndNoSlippage) {
    const Fill fill = cost_free_fill(sell_context(100.0, 5.0), 87.5, 4);
    EXPECT_DOUBLE_EQ(fill.price, 87.5);
    EXPECT_EQ(fill.fee, 0.0);
    EXPECT_EQ(fill.slippage_cost, 0.0);
    EXPECT_EQ(fill.id, 4u);
    EXPECT_THROW(cost_free_fill(sell_context(100.0, 5.0), 0.0, 5), std::invalid_argument);
}

TEST(Fill, IdsAreASequencePerRun) {
    FillIdSequence ids;
    FixedBpsSlippage fixed(5.0);
    const Fill first = simulate_fill(fixed, buy_context(50.0, 2.0), 1.0, ids);
    const Fill second = simulate_fill(fixed, sell_context(50.0, 2.0), 1.0, ids);
    EXPECT_EQ(first.id, 1u);
    EXPECT_EQ(second.id, 2u);
    EXPECT_EQ(ids.peek(), 3u);
    EXPECT_DOUBLE_EQ(first.price, 50.025);
    EXPECT_DOUBLE_EQ(second.price, 49.975);
}

// ---- slippage multipliers ---------------------------------------------------------------------------

// atr 2 over a mean of 1.6 (vol 1.25); notional 15,000 over 1 % of a 1,000,000 ADV (size 1.5).
FillContext typical_context() {
    FillContext context = buy_context(100.0, 150.0);
    context.atr = 2.0;
    context.atr_mean_60 = 1.6;
    context.adv20 = 1'000'000.0;
    return context;
}

TEST(SlippageBreakdown, MultipliesBaseVolatilityAndSize) {
    const SlippageBreakdown b = slippage_breakdown(config::CostsConfig{}, typical_context());
    EXPECT_DOUBLE_EQ(b.base_bps, 8.0);
    EXPECT_DOUBLE_EQ(b.vol_mult, 1.25);
    EXPECT_DOUBLE_EQ(b.size_penalty, 1.5);
    EXPECT_DOUBLE_EQ(b.weekend_penalty, 1.0);
    EXPECT_DOUBLE_EQ(b.stress_mult, 1.0);
    EXPECT_DOUBLE_EQ(b.mean_bps, 15.0);
    EXPECT_DOUBLE_EQ(b.std_bps, 11.25);
}

TEST(SlippageBreakdown, VolatilityMultiplierIsClippedAndNeutralWithoutHistory) {
    FillContext context = typical_context();
    context.atr = 8.0;  // ratio 5
    EXPECT_DOUBLE_EQ(slippage_breakdown({}, context).vol_mult, 3.0);
    context.atr = 0.16;  // ratio 0.1
    EXPECT_DOUBLE_EQ(slippage_breakdown({}, context).vol_mult, 0.5);
    context.atr_mean_60 = kNaN;  // fewer than 60 ATR rows
    EXPECT_DOUBLE_EQ(slippage_breakdown({}, context).vol_mult, 1.0);
    context.atr_mean_60 = 0.0;
    EXPECT_DOUBLE_EQ(slippage_breakdown({}, context).vol_mult, 1.0);
}

TEST(SlippageBreakdown, SizePenaltyIsClippedAndNeutralWithoutAdv) {
    FillContext context = typical_context();
    context.quantity = 1000.0;  // 100,000 / 10,000 = 10
    EXPECT_DOUBLE_EQ(slippage_breakdown({}, context).size_penalty, 2.0);
    context.quantity = 10.0;  // 0.1
    EXPECT_DOUBLE_EQ(slippage_breakdown({}, context).size_penalty, 0.5);
    context.adv20 = 0.0;
    EXPECT_DOUBLE_EQ(slippage_breakdown({}, context).size_penalty, 1.0);
}

TEST(SlippageBreakdown, WeekendPenaltyOnlyForCryptoOnSaturdayAndSunday) {
    FillContext context = typical_context();
    context.asset_class = AssetClass::Crypto;
    context.execution_date = make_date(2024, 6, 15);  // Saturday
    EXPECT_DOUBLE_EQ(slippage_breakdown(crypto_costs(), context).weekend_penalty, 1.5);
    context.execution_date = make_date(2024, 6, 16);  // Sunday
    EXPECT_DOUBLE_EQ(slippage_breakdown(crypto_costs(), context).weekend_penalty, 1.5);
    context.execution_date = make_date(2024, 6, 17);  // Monday
    EXPECT_DOUBLE_EQ(slippage_breakdown(crypto_costs(), context).weekend_penalty, 1.0);
    context.asset_class = AssetClass::Equity;
    context.execution_date = make_date(2024, 6, 15);
    EXPECT_DOUBLE_EQ(slippage_breakdown(crypto_costs(), context).weekend_penalty, 1.0);
    // Crypto base 10, vol 1.25, size 1.5, weekend 1.5.
    context.asset_class = AssetClass::Crypto;
    EXPECT_DOUBLE_EQ(slippage_breakdown(crypto_costs(), context).mean_bps, 10.0 * 1.25 * 1.5 * 1.5);
}

TEST(SlippageBreakdown, StressDoublesTheMeanAndWidensTheStd) {
    FillContext context = typical_context();
    context.benchmark_weekly_return = -0.04;  // below the equity -3 %
    const SlippageBreakdown b = slippage_breakdown({}, context);
    EXPECT_DOUBLE_EQ(b.stress_mult, 2.0);
    EXPECT_DOUBLE_EQ(b.mean_bps, 30.0);
    EXPECT_DOUBLE_EQ(b.std_bps, 30.0 * 0.75 * 1.5);
    context.benchmark_weekly_return = -0.03;  // strictly below only
    EXPECT_DOUBLE_EQ(slippage_breakdown({}, context).stress_mult, 1.0);
    context.benchmark_weekly_return = -0.04;  // not below the crypto -5 %
    context.asset_class = AssetClass::Crypto;
    EXPECT_DOUBLE_EQ(slippage_breakdown(crypto_costs(), context).stress_mult, 1.0);
}

TEST(SlippageBreakdown, RunMultiplierScalesTheBaseAndACrashDateReplacesItWithFive) {
    FillContext context = typical_context();
    context.slippage_multiplier = 3.0;
    EXPECT_DOUBLE_EQ(slippage_breakdown({}, context).base_bps, 24.0);
    context.is_crash_date = true;
    EXPECT_DOUBLE_EQ(slippage_breakdown({}, context).base_bps, 40.0);
    EXPECT_DOUBLE_EQ(slippage_breakdown({}, context).mean_bps, 40.0 * 1.25 * 1.5);
}

TEST(SlippageBreakdown, ParametersComeFromTheCostsBlock) {
    config::CostsConfig costs;
    costs.slippage_base_bps = 4;
    costs.slippage_std_mult = 0.5;
    costs.stress_threshold = -0.10;
    costs.stress_slippage_mult = 3.0;
    FillContext context = typical_context();
    context.benchmark_weekly_return = -0.11;
    const SlippageBreakdown b = slippage_breakdown(costs, context);
    EXPECT_DOUBLE_EQ(b.mean_bps, 4.0 * 1.25 * 1.5 * 3.0);
    EXPECT_DOUBLE_EQ(b.std_bps, b.mean_bps * 0.5 * 1.5);
}

TEST(Slippage, DrawsAreClippedToZeroAndFiveHundred) {
    EXPECT_EQ(clip_slippage_bps(-3.0), 0.0);
    EXPECT_EQ(clip_slippage_bps(800.0), 500.0);
    EXPECT_EQ(clip_slippage_bps(kNaN), 0.0);
    EXPECT_EQ(clip_slippage_bps(12.5), 12.5);

    config::CostsConfig huge;
    huge.slippage_base_bps = 400;
    huge.slippage_std_mult = 0.01;
    NormalSlippage high(huge, 42);
    FillContext context = typical_context();
    context.is_crash_date = true;  // 2,000 bps × 1.25 × 1.5 before clipping
    for (int k = 0; k < 100; ++k) EXPECT_EQ(high.draw_bps(context), 500.0);

    config::CostsConfig none;
    none.slippage_base_bps = 0;
    NormalSlippage zero(none, 42);
    EXPECT_EQ(zero.draw_bps(typical_context()), 0.0);
}

TEST(Slippage, NoAndFixedModels) {
    NoSlippage no;
    EXPECT_EQ(no.draw_bps(typical_context()), 0.0);
    FixedBpsSlippage fixed(7.5);
    FillContext crash = typical_context();
    crash.is_crash_date = true;
    EXPECT_EQ(fixed.draw_bps(crash), 7.5);
    EXPECT_THROW(FixedBpsSlippage(-1.0), std::invalid_argument);
}

// ---- seeded normal model ----------------------------------------------------------------------------

TEST(NormalSlippage, SameSeedSameDrawsAndOtherSeedOtherDraws) {
    NormalSlippage a(config::CostsConfig{}, 42);
    NormalSlippage b(config::CostsConfig{}, 42);
    NormalSlippage c(config::CostsConfig{}, 43);
    int differences = 0;
    for (int k = 0; k < 1000; ++k) {
        const double x = a.draw_bps(typical_context());
        EXPECT_EQ(x, b.draw_bps(typical_context()));
        differences += x != c.draw_bps(typical_context()) ? 1 : 0;
    }
    EXPECT_GT(differences, 900);
    EXPECT_EQ(a.draws(), 1000u);
}

TEST(NormalSlippage, TakesExactlyOneNormalValuePerDraw) {
    NormalSlippage model(config::CostsConfig{}, 7);
    Random expected(7);
    FillContext context = typical_context();
    for (int k = 0; k < 200; ++k) {
        context.quantity = 50.0 + k;  // a different mean and std on every fill
        context.benchmark_weekly_return = k % 3 == 0 ? -0.05 : 0.0;
        const SlippageBreakdown b = slippage_breakdown(config::CostsConfig{}, context);
        EXPECT_EQ(model.draw_bps(context), clip_slippage_bps(expected.normal(b.mean_bps, b.std_bps)));
    }
}

TEST(NormalSlippage, MomentsOfManyDrawsMatchTheConfiguredMeanAndStd) {
    config::CostsConfig costs;
    costs.slippage_base_bps = 8;
    costs.slippage_std_mult = 0.2;  // std 1.6: the clip at 0 is 5 standard deviations away
    NormalSlippage model(costs, 42);
    FillContext context = buy_context(100.0, 100.0);  // no ATR mean, size penalty 1 below
    context.adv20 = 1'000'000.0;                      // 10,000 / 10,000
    constexpr int kDraws = 100'000;
    double sum = 0.0;
    double squares = 0.0;
    for (int k = 0; k < kDraws; ++k) {
        const double x = model.draw_bps(context);
        sum += x;
        squares += x * x;
    }
    const double mean = sum / kDraws;
    const double std = std::sqrt(squares / kDraws - mean * mean);
    EXPECT_NEAR(mean, 8.0, 0.02);  // standard error 0.005
    EXPECT_NEAR(std, 1.6, 0.02);
}

TEST(NormalSlippage, SeveralStrategiesShareOneStreamWithTheirOwnCosts) {
    NormalSlippage model({config::CostsConfig{}, crypto_costs()}, 42);
    EXPECT_EQ(model.costs(1).slippage_base_bps, 10);
    Random expected(42);
    FillContext equity = typical_context();
    FillContext crypto = typical_context();
    crypto.asset_class = AssetClass::Crypto;
    crypto.strategy_index = 1;
    const double mean_equity = slippage_breakdown(config::CostsConfig{}, equity).mean_bps;
    const double mean_crypto = slippage_breakdown(crypto_costs(), crypto).mean_bps;
    EXPECT_EQ(model.draw_bps(equity), clip_slippage_bps(expected.normal(mean_equity, mean_equity * 0.75)));
    EXPECT_EQ(model.draw_bps(crypto), clip_slippage_bps(expected.normal(mean_crypto, mean_crypto * 0.75)));
    crypto.strategy_index = 2;
    EXPECT_THROW(model.draw_bps(crypto), std::out_of_range);
}

// ---- replay of the reference trade log --------------------------------------------------------------

// Three rows of the reference's EQ/COMB train trade logs (the NVDA entry drew exactly 0 bps).
constexpr const char* kTradeLog =
    "trade_id,symbol,asset_class,entry_date,exit_date,entry_price,exit_price,quantity,entry_fill_id,"
    "exit_fill_id,realized_pnl,entry_slippage_bps,entry_fee_bps,entry_total_cost,exit_slippage_bps,exit_fee_"
    "bps,"
    "exit_total_cost,total_cost,initial_stop_price,stop_price,exit_reason,triggered_on,holding_days,r_"
    "multiple,"
    "adv20_at_entry\r\n"
    "1,GOOGL,equity,2024-04-12,2024-05-31,158.04036083608173,171.73910455009917,90,3eab65d5,0a2e170e,"
    "1211.8103778667646,5.086991567435878,1,8.657913093513775,7.034566497326131,1,12.418643301291148,"
    "21.076556394804925,151.14831173419952,151.14831173419952,trailing_ma_cross,20D,49,1.9876155134002649,"
    "4440557056.0\r\n"
    "2,NVDA,equity,2024-05-07,2024-06-25,91.16797876627744,121.14089840094412,8,f8a76e16,f50011a9,"
    "238.58068853615345,7.681748649996262,1,0.6331979812616138,4.876117886644675,1,0.5694705599183945,"
    "1.2026685411800082,82.3451007604599,82.3451007604599,trailing_ma_cross,20D,49,3.397181692289458,"
    "39816425472.0\r\n"
    "30,NVDA,equity,2025-01-07,2025-01-10,153.02999877929688,137.36908376412256,62,3fcef5eb,e0bc1ced,"
    "-977.7908695177747,0.0,1,0.9487859924316406,5.886735970616314,1,5.865352584535728,6.814138576967369,"
    "136.10849165916443,136.10849165916443,data_missing,20D,3,-0.9255035561543842,27653910528.0\r\n";

const std::vector<std::string> kNames{"AAPL", "GOOGL", "NVDA"};

FillContext replay_context(data::SymbolId symbol, bool is_entry, Date date) {
    FillContext context = is_entry ? buy_context(100.0, 1.0) : sell_context(100.0, 1.0);
    context.symbol = symbol;
    context.execution_date = date;
    return context;
}

TEST(ReplayTable, ParsesEntryAndExitKeysOfEveryRow) {
    const ReplayTable table = parse_replay_table(kTradeLog, "trade_log.csv");
    EXPECT_EQ(table.size(), 6u);
    EXPECT_EQ(table.find("GOOGL", ReplaySide::Entry, make_date(2024, 4, 12)), 5.086991567435878);
    EXPECT_EQ(table.find("GOOGL", ReplaySide::Exit, make_date(2024, 5, 31)), 7.034566497326131);
    EXPECT_EQ(table.find("NVDA", ReplaySide::Entry, make_date(2025, 1, 7)), 0.0);
    EXPECT_FALSE(table.find("GOOGL", ReplaySide::Exit, make_date(2024, 4, 12)).has_value());
    EXPECT_FALSE(table.find("AAPL", ReplaySide::Entry, make_date(2024, 4, 12)).has_value());
}

TEST(ReplayTable, ReportsBadFilesWithTheLine) {
    try {
        parse_replay_table("symbol,entry_date,exit_date,entry_slippage_bps\nX,2024-01-02,,1\n", "log.csv");
        FAIL() << "a missing column must be an error";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("log.csv:1: trade log has no column 'exit_slippage_bps'"),
                  std::string::npos)
            << error.what();
    }
    const std::string header = "symbol,entry_date,exit_date,entry_slippage_bps,exit_slippage_bps\n";
    try {
        parse_replay_table(header + "X,2024-01-02,,1\nX,2024-01-02,,2\n", "log.csv");
        FAIL() << "a conflicting duplicate must be an error";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("log.csv:3:"), std::string::npos) << error.what();
    }
    EXPECT_THROW(parse_replay_table(header + "X,2024-13-02,,1\n", "log.csv"), std::runtime_error);
    EXPECT_THROW(parse_replay_table(header + "X,2024-01-02,,abc\n", "log.csv"), std::runtime_error);
    EXPECT_THROW(parse_replay_table("", "log.csv"), std::runtime_error);
    EXPECT_EQ(parse_replay_table(header + "X,2024-01-02,,1\n", "log.csv").size(), 1u);  // still open
}

TEST(ReplaySlippage, ReplaysTheReferenceDraw) {
    ReplaySlippage replay(parse_replay_table(kTradeLog, "trade_log.csv"), kNames);
    EXPECT_EQ(replay.draw_bps(replay_context(1, true, make_date(2024, 4, 12))), 5.086991567435878);
    EXPECT_EQ(replay.draw_bps(replay_context(2, false, make_date(2024, 6, 25))), 4.876117886644675);
    EXPECT_EQ(replay.draw_bps(replay_context(2, true, make_date(2025, 1, 7))), 0.0);
    EXPECT_EQ(replay.missing_count(), 0u);
}

TEST(ReplaySlippage, ReproducesTheReferenceEntryCostsFromItsDraw) {
    // GOOGL entry: 90 units at 158.04036083608173 with 5.087 bps slippage and 1 bp fee; total cost
    // (slippage + fee) 8.657913093513775 in the reference log.
    ReplaySlippage replay(parse_replay_table(kTradeLog, "trade_log.csv"), kNames);
    const double bps = 5.086991567435878;
    FillContext context = replay_context(1, true, make_date(2024, 4, 12));
    context.open_price = 158.04036083608173 / (1.0 + bps / 10'000.0);
    context.quantity = 90.0;
    FillIdSequence ids;
    const Fill fill = simulate_fill(replay, context, 1.0, ids, CostRule::Reference);
    EXPECT_NEAR(fill.price, 158.04036083608173, 1e-10);
    EXPECT_NEAR(fill.fee + fill.slippage_cost, 8.657913093513775, 1e-9);
}

TEST(ReplaySlippage, AMissingKeyIsAnErrorNamingSymbolSideAndDate) {
    ReplaySlippage replay(parse_replay_table(kTradeLog, "trade_log.csv"), kNames);
    try {
        replay.draw_bps(replay_context(0, true, make_date(2024, 5, 3)));
        FAIL() << "a fill the reference never made must be an error";
    } catch (const MissingReplayError& error) {
        EXPECT_EQ(error.symbol(), "AAPL");
        EXPECT_EQ(error.side(), ReplaySide::Entry);
        EXPECT_EQ(error.date(), make_date(2024, 5, 3));
        const std::string message = error.what();
        EXPECT_NE(message.find("entry fill of AAPL on 2024-05-03"), std::string::npos) << message;
    }
    EXPECT_THROW(replay.draw_bps(replay_context(1, false, make_date(2024, 4, 12))), MissingReplayError);
    EXPECT_THROW(replay.draw_bps(replay_context(9, true, make_date(2024, 4, 12))), std::out_of_range);
}

TEST(ReplaySlippage, ZeroAndCountModeLetsADifferentialRunFinish) {
    ReplaySlippage replay(parse_replay_table(kTradeLog, "trade_log.csv"), kNames,
                          MissingReplay::ZeroAndCount);
    EXPECT_EQ(replay.draw_bps(replay_context(0, true, make_date(2024, 5, 3))), 0.0);
    EXPECT_EQ(replay.draw_bps(replay_context(0, false, make_date(2024, 5, 9))), 0.0);
    EXPECT_EQ(replay.draw_bps(replay_context(0, false, make_date(2024, 5, 10))), 0.0);
    EXPECT_EQ(replay.draw_bps(replay_context(1, true, make_date(2024, 4, 12))), 5.086991567435878);
    EXPECT_EQ(replay.missing_entries(), 1u);
    EXPECT_EQ(replay.missing_exits(), 2u);
    EXPECT_EQ(replay.missing_count(), 3u);
}

// ---- decision-date inputs ---------------------------------------------------------------------------

TEST(SlippageInputs, AtrMeanNeedsSixtyRowsAndSkipsNaN) {
    std::vector<double> atr(70);
    for (std::size_t i = 0; i < atr.size(); ++i) atr[i] = i < 13 ? kNaN : static_cast<double>(i);
    EXPECT_TRUE(std::isnan(trailing_atr_mean(atr, 58)));  // 59 rows
    EXPECT_DOUBLE_EQ(trailing_atr_mean(atr, 59), 36.0);   // rows 0..59, finite 13..59
    EXPECT_DOUBLE_EQ(trailing_atr_mean(atr, 69), 41.0);   // rows 10..69, finite 13..69
    EXPECT_DOUBLE_EQ(trailing_atr_mean(atr, 69, 3), 68.0);
    EXPECT_THROW(trailing_atr_mean(atr, 70), std::out_of_range);
    const std::vector<double> all_nan(60, kNaN);
    EXPECT_TRUE(std::isnan(trailing_atr_mean(all_nan, 59)));
}

TEST(SlippageInputs, EquityWeeklyReturnUsesTheLastFiveWeekdaysUpToTheDecisionDate) {
    // Mon 3 June 2024 .. Mon 10 June, with a stray Saturday bar that must be skipped.
    const std::vector<Date> dates{make_date(2024, 6, 3),  make_date(2024, 6, 4), make_date(2024, 6, 5),
                                  make_date(2024, 6, 6),  make_date(2024, 6, 7), make_date(2024, 6, 8),
                                  make_date(2024, 6, 10), make_date(2024, 6, 11)};
    const std::vector<double> closes{100.0, 102.0, 101.0, 99.0, 98.0, 50.0, 96.9, 200.0};
    EXPECT_DOUBLE_EQ(equity_weekly_return(dates, closes, make_date(2024, 6, 10)), 96.9 / 102.0 - 1.0);
    EXPECT_DOUBLE_EQ(equity_weekly_return(dates, closes, make_date(2024, 6, 9)), 98.0 / 100.0 - 1.0);
    EXPECT_EQ(equity_weekly_return(dates, closes, make_date(2024, 6, 6)), 0.0);  // four dates only
    EXPECT_DOUBLE_EQ(benchmark_weekly_return(AssetClass::Equity, dates, closes, make_date(2024, 6, 10)),
                     96.9 / 102.0 - 1.0);
}

TEST(SlippageInputs, CryptoWeeklyReturnComparesWithSixCalendarDaysEarlier) {
    std::vector<Date> dates;
    std::vector<double> closes;
    for (int day = 1; day <= 10; ++day) {
        if (day == 3) continue;  // a missing bar
        dates.push_back(make_date(2024, 6, static_cast<unsigned>(day)));
        closes.push_back(100.0 + day);
    }
    EXPECT_DOUBLE_EQ(crypto_weekly_return(dates, closes, make_date(2024, 6, 8)), 108.0 / 102.0 - 1.0);
    EXPECT_EQ(crypto_weekly_return(dates, closes, make_date(2024, 6, 9)), 0.0);   // 3 June missing
    EXPECT_EQ(crypto_weekly_return(dates, closes, make_date(2024, 6, 11)), 0.0);  // no bar on the date
    EXPECT_DOUBLE_EQ(benchmark_weekly_return(AssetClass::Crypto, dates, closes, make_date(2024, 6, 10)),
                     110.0 / 104.0 - 1.0);
}

}  // namespace
}  // namespace tradelab::execution
