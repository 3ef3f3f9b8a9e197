// The differential comparison with the reference system (docs/decisions.md, "Differential comparison
// with the reference"): the reference runs EQ, CR and COMB on train and validation, replayed with the
// reference's own slippage draws. With every compatibility switch on, TradeLab reproduces each reference
// trade; with none, the per-run counts are pinned; in between, each switch turned off explains the
// trades it changes.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "backtest/backtest.hpp"
#include "backtest/trade_comparison.hpp"
#include "config/config_loader.hpp"
#include "execution/replay_slippage.hpp"

namespace tradelab::backtest {
namespace {

const std::filesystem::path kConfigs = TRADELAB_CONFIG_DIR;
const std::filesystem::path kReferenceOutputs =
    std::filesystem::path(TRADELAB_TEST_DATA_DIR) / "reference_outputs";

struct ReferenceRun {
    const char* name;    // EQ_train, ...
    const char* config;  // configs/reference/<config>
    const char* period;
};

constexpr ReferenceRun kRuns[] = {
    {"EQ_train", "eq.yaml", "train"},     {"EQ_validation", "eq.yaml", "validation"},
    {"CR_train", "cr.yaml", "train"},     {"CR_validation", "cr.yaml", "validation"},
    {"COMB_train", "comb.yaml", "train"}, {"COMB_validation", "comb.yaml", "validation"},
};

struct LoadedConfig {
    config::RunConfig run;
    RunMarket market;
};

// Each reference config is loaded once per test binary, with both benchmarks as the reference did.
const LoadedConfig& loaded(const char* config_name) {
    static std::map<std::string, std::unique_ptr<LoadedConfig>> cache;
    auto& slot = cache[config_name];
    if (!slot) {
        auto load = config::load_run_config(kConfigs / "reference" / config_name);
        if (!load.ok())
            throw std::runtime_error(fmt::format("reference config {} does not load", config_name));
        auto market = load_run_market(load.config, {}, Benchmarks::Both);
        slot = std::make_unique<LoadedConfig>(LoadedConfig{std::move(load.config), std::move(market)});
    }
    return *slot;
}

struct Outcome {
    RunResult result;
    TradeComparison comparison;
    std::size_t fills_without_draw = 0;  // fills the reference never logged (0 bps)
};

Outcome run_against_reference(const ReferenceRun& reference, const ReferenceCompatibility& compatibility,
                              const ComparisonTolerance& tolerance = {}) {
    const LoadedConfig& config = loaded(reference.config);
    const auto log = kReferenceOutputs / reference.name / "trade_log.csv";
    execution::ReplaySlippage replay(execution::load_replay_table(log),
                                     execution::symbol_names(*config.market.data),
                                     execution::MissingReplay::ZeroAndCount);
    RunOptions options;
    options.slippage = &replay;
    options.compatibility = compatibility;
    Outcome outcome;
    outcome.result =
        run_backtest(config.market, config.run, period_scenario(config.run, reference.period), options);
    outcome.comparison = compare_trades(load_reference_trade_log(log), outcome.result.trades, tolerance);
    outcome.fills_without_draw = replay.missing_count();
    return outcome;
}

std::string report(const TradeComparison& comparison) {
    std::string text = summary_line(comparison);
    for (const auto& line : describe_differences(comparison)) text += "\n  " + line;
    return text;
}

struct CurvePoint {
    Date date;
    double equity;
    double cash;
    int positions;
};

std::vector<CurvePoint> load_reference_curve(const char* run_name) {
    const auto path = kReferenceOutputs / run_name / "equity_curve.csv";
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path.string());
    std::vector<CurvePoint> points;
    std::string line;
    std::getline(in, line);  // header: date,equity,cash,positions,exposure,exposure_pct
    while (std::getline(in, line)) {
        std::stringstream fields(line);
        std::string date, equity, cash, positions;
        std::getline(fields, date, ',');
        std::getline(fields, equity, ',');
        std::getline(fields, cash, ',');
        std::getline(fields, positions, ',');
        points.push_back({*parse_date(date), std::stod(equity), std::stod(cash), std::stoi(positions)});
    }
    return points;
}

// The first entry of a position still open at the end that the reference trade log does not hold: its
// slippage draw is unknown (replayed as 0 bps), so the curves part from there by that cost.
Date first_unlogged_entry(const Outcome& outcome) {
    Date first = Date::max();
    for (const TradeRecord& open : outcome.result.open_at_end) first = std::min(first, open.entry_date);
    return first;
}

// ---- with every switch on, TradeLab is the reference ----

class ReferenceReproduction : public ::testing::TestWithParam<ReferenceRun> {};

// Quantities, dates and exit reasons exactly; prices to the last bit (the fills start from the same
// float32 open and the same replayed draw); realized P&L to 1e-9 of the entry notional.
TEST_P(ReferenceReproduction, EveryTradeMatchesTheReferenceTradeLog) {
    const ComparisonTolerance strict{1e-15, 1e-9};
    const Outcome outcome = run_against_reference(GetParam(), ReferenceCompatibility::all(), strict);
    EXPECT_TRUE(outcome.comparison.identical()) << report(outcome.comparison);
    EXPECT_EQ(outcome.comparison.exact_matches(), outcome.comparison.reference_trades.size());
    EXPECT_EQ(outcome.comparison.max_price_error(), 0.0);
}

// Without float32 bars the prices move by the float rounding of the open (~5e-8) and nothing else.
TEST_P(ReferenceReproduction, Float32OnlyMovesPricesWithinTheirRounding) {
    ReferenceCompatibility compatibility = ReferenceCompatibility::all();
    compatibility.float32_features = false;
    const Outcome outcome = run_against_reference(GetParam(), compatibility);
    EXPECT_TRUE(outcome.comparison.identical()) << report(outcome.comparison);
    EXPECT_GT(outcome.comparison.max_price_error(), 0.0);
    EXPECT_LT(outcome.comparison.max_price_error(), 1e-7);
}

// The equity rows agree to 1e-9 (relative), weekends and the row lag included, up to the entry of a
// position the reference never closed; from then on they differ by that entry's unknown slippage only.
TEST_P(ReferenceReproduction, EquityCurveMatchesUntilAnUnloggedFill) {
    const Outcome outcome = run_against_reference(GetParam(), ReferenceCompatibility::all());
    const auto reference = load_reference_curve(GetParam().name);
    const auto& ours = outcome.result.equity_curve;
    ASSERT_EQ(ours.size(), reference.size());
    const Date unlogged = first_unlogged_entry(outcome);
    std::size_t matched = 0;
    for (; matched < reference.size(); ++matched) {
        const auto& ref = reference[matched];
        const auto& point = ours[matched];
        ASSERT_EQ(point.date, ref.date) << matched;
        const bool same = std::abs(point.equity - ref.equity) <= 1e-9 * ref.equity &&
                          std::abs(point.cash - ref.cash) <= 1e-9 * std::max(1.0, ref.cash) &&
                          point.positions == ref.positions;
        if (!same) break;
    }
    if (matched == reference.size()) return;
    // A row dated t holds the fills of the next trading day: at most four calendar days before them.
    EXPECT_GE(reference[matched].date + std::chrono::days{4}, unlogged)
        << GetParam().name << ": curves part on " << format_date(reference[matched].date)
        << ", first unlogged entry " << (unlogged == Date::max() ? "none" : format_date(unlogged));
}

INSTANTIATE_TEST_SUITE_P(Differential, ReferenceReproduction, ::testing::ValuesIn(kRuns),
                         [](const auto& info) { return std::string(info.param.name); });

// ---- TradeLab's own behaviour against the reference ----

struct PinnedCounts {
    const char* run;
    std::size_t reference_trades;
    std::size_t tradelab_trades;
    std::size_t exact_matches;
    std::size_t same_decisions;  // same exit date, quantity and exit reason; prices or P&L may differ
};

// The table of docs/decisions.md, "Differential comparison with the reference".
constexpr PinnedCounts kTradeLabDefault[] = {
    {"EQ_train", 24, 27, 0, 5},      {"EQ_validation", 5, 5, 0, 2}, {"CR_train", 30, 31, 0, 4},
    {"CR_validation", 14, 16, 0, 2}, {"COMB_train", 48, 58, 0, 1},  {"COMB_validation", 16, 19, 0, 2},
};

TEST(Differential, TradeLabDefaultCountsArePinned) {
    for (std::size_t k = 0; k < std::size(kRuns); ++k) {
        const Outcome outcome = run_against_reference(kRuns[k], ReferenceCompatibility{});
        const auto& pinned = kTradeLabDefault[k];
        SCOPED_TRACE(pinned.run);
        const auto& comparison = outcome.comparison;
        EXPECT_EQ(comparison.reference_trades.size(), pinned.reference_trades);
        EXPECT_EQ(comparison.tradelab_trades.size(), pinned.tradelab_trades) << report(comparison);
        EXPECT_EQ(comparison.exact_matches(), pinned.exact_matches) << report(comparison);
        EXPECT_EQ(comparison.same_decisions(), pinned.same_decisions) << report(comparison);
    }
}

// ---- attribution: switches turned off one at a time, from the reference towards TradeLab ----

// The order in which the switches are turned off. The trades that change at a step are attributed to
// the decision behind the switch turned off at that step.
constexpr std::string_view kAttributionOrder[] = {
    "float32_features",
    "no_benchmark_features",
    "stale_correlation_returns",
    "correlation_guard_always_on",
    "vol_scaling_reference",
    "missing_day_double_count",
    "reference_holiday_list",
    "first_strategy_exits",
    "first_strategy_queue_limits",
    "resignal_held_symbols",
    "slippage_charged_twice",
    "reference_sizing",
    "calendar_day_rows",
    "reference_day_cycle",
};
constexpr std::size_t kSteps = std::size(kAttributionOrder);
constexpr std::size_t kRunCount = std::size(kRuns);
using StepTable = std::array<std::array<std::size_t, kRunCount>, kSteps>;

// Trades that change (differ, appear or disappear) when the switch of the row is turned off, on the
// path all -> none; the last row ends at TradeLab.
constexpr StepTable kChangedAlongThePath{{
    {0, 0, 0, 0, 0, 0},
    {0, 0, 0, 0, 28, 4},
    {6, 0, 0, 1, 27, 15},
    {0, 0, 0, 1, 0, 0},
    {14, 1, 0, 1, 40, 7},
    {9, 0, 0, 0, 16, 0},
    {0, 0, 0, 0, 0, 0},
    {0, 0, 0, 0, 44, 15},
    {0, 0, 0, 0, 45, 22},
    {0, 0, 13, 8, 16, 13},
    {24, 5, 30, 15, 47, 13},
    {22, 3, 14, 7, 55, 15},
    {18, 2, 0, 0, 0, 0},
    {13, 2, 41, 17, 61, 20},
}};

// Reference trades not reproduced exactly when only the switch of the row is off (all others on);
// reference_day_cycle cannot be turned off alone (the other switches need it).
constexpr StepTable kDifferingWhenOnlyThisSwitchIsOff{{
    {0, 0, 0, 0, 0, 0},
    {0, 0, 0, 0, 28, 4},
    {6, 0, 0, 1, 21, 15},
    {0, 0, 0, 0, 0, 0},
    {13, 1, 0, 1, 42, 10},
    {9, 0, 0, 0, 13, 0},
    {9, 0, 0, 0, 13, 0},
    {0, 0, 0, 0, 44, 16},
    {0, 0, 0, 0, 42, 25},
    {6, 0, 13, 7, 34, 18},
    {24, 5, 30, 14, 48, 16},
    {20, 3, 14, 6, 48, 14},
    {27, 2, 0, 0, 0, 0},
    {0, 0, 0, 0, 0, 0},  // not applicable
}};

CompatibilitySwitch switch_named(std::string_view name) {
    for (const auto& [switch_name, field] : kCompatibilitySwitches)
        if (switch_name == name) return field;
    throw std::invalid_argument(fmt::format("no compatibility switch named {}", name));
}

std::string key_of(const ReferenceTrade& trade) {
    return trade_key(trade.symbol, trade.entry_date);
}

// For one run along the path: the trades changed at each step, and for each reference trade that
// TradeLab does not reproduce exactly, the steps at which it changed (never empty: a difference no
// decision explains would be a bug).
struct Attribution {
    std::array<std::size_t, kSteps> changed_per_step{};
    std::map<std::string, std::vector<std::size_t>> steps_of_difference;
};

Attribution attribute(const ReferenceRun& run) {
    ReferenceCompatibility compatibility = ReferenceCompatibility::all();
    Outcome previous = run_against_reference(run, compatibility);
    std::map<std::string, std::vector<std::size_t>> steps_of_key;
    Attribution attribution;
    for (std::size_t step = 0; step < kSteps; ++step) {
        compatibility.*switch_named(kAttributionOrder[step]) = false;
        Outcome next = run_against_reference(run, compatibility);
        const auto change = compare_trades(as_reference_trades(previous.result.trades), next.result.trades);
        attribution.changed_per_step[step] = change.differences();
        for (const auto& match : change.matched)
            if (!match.exact())
                steps_of_key[key_of(change.reference_trades[match.reference])].push_back(step);
        for (const std::size_t r : change.only_in_reference)
            steps_of_key[key_of(change.reference_trades[r])].push_back(step);
        for (const std::size_t t : change.only_in_tradelab) {
            const TradeRecord& appeared = change.tradelab_trades[t];
            steps_of_key[trade_key(appeared.symbol_name, appeared.entry_date)].push_back(step);
        }
        previous = std::move(next);
    }
    const auto& final_comparison = previous.comparison;
    for (const auto& match : final_comparison.matched) {
        if (match.exact()) continue;
        const std::string key = key_of(final_comparison.reference_trades[match.reference]);
        attribution.steps_of_difference[key] = steps_of_key[key];
    }
    for (const std::size_t r : final_comparison.only_in_reference) {
        const std::string key = key_of(final_comparison.reference_trades[r]);
        attribution.steps_of_difference[key] = steps_of_key[key];
    }
    for (const std::size_t t : final_comparison.only_in_tradelab) {
        const TradeRecord& extra = final_comparison.tradelab_trades[t];
        const std::string key = "+" + trade_key(extra.symbol_name, extra.entry_date);
        attribution.steps_of_difference[key] = steps_of_key[key.substr(1)];
    }
    return attribution;
}

std::string format_table(const StepTable& table) {
    std::string text = fmt::format("{:<28}", "switch");
    for (const auto& run : kRuns) text += fmt::format(" {:>15}", run.name);
    for (std::size_t step = 0; step < kSteps; ++step) {
        text += fmt::format("\n{:<28}", kAttributionOrder[step]);
        for (const std::size_t count : table[step]) text += fmt::format(" {:>15}", count);
    }
    return text;
}

TEST(Differential, EveryDifferenceIsAttributedToADecision) {
    StepTable changed{};
    std::string unexplained;
    for (std::size_t k = 0; k < kRunCount; ++k) {
        const Attribution attribution = attribute(kRuns[k]);
        for (std::size_t step = 0; step < kSteps; ++step)
            changed[step][k] = attribution.changed_per_step[step];
        for (const auto& [key, steps] : attribution.steps_of_difference)
            if (steps.empty()) unexplained += fmt::format("\n{} {}", kRuns[k].name, key);
    }
    EXPECT_EQ(changed, kChangedAlongThePath) << format_table(changed);
    EXPECT_TRUE(unexplained.empty()) << "differences no switch explains:" << unexplained;
}

TEST(Differential, EachSwitchAloneIsPinned) {
    StepTable differing{};
    for (std::size_t step = 0; step + 1 < kSteps; ++step) {
        ReferenceCompatibility compatibility = ReferenceCompatibility::all();
        compatibility.*switch_named(kAttributionOrder[step]) = false;
        for (std::size_t k = 0; k < kRunCount; ++k)
            differing[step][k] = run_against_reference(kRuns[k], compatibility).comparison.differences();
    }
    EXPECT_EQ(differing, kDifferingWhenOnlyThisSwitchIsOff) << format_table(differing);
}

TEST(Differential, SwitchesOutsideTheReferenceDayCycleAreRejected) {
    const LoadedConfig& config = loaded("eq.yaml");
    RunOptions options;
    options.compatibility.reference_sizing = true;
    EXPECT_THROW(run_backtest(config.market, config.run, period_scenario(config.run, "validation"), options),
                 std::invalid_argument);
}

// ---- the comparison module itself ----

constexpr std::string_view kSmallLog =
    "trade_id,symbol,entry_date,exit_date,entry_price,exit_price,quantity,realized_pnl,exit_reason\n"
    "1,AAA,2024-01-02,2024-01-05,10.0,11.0,100,99.5,hard_stop\n"
    "2,BBB,2024-01-03,2024-01-08,20.0,19.0,50,-50.2,trailing_ma_cross\n"
    "3,CCC,2024-01-04,2024-01-09,5.0,6.0,10,9.9,trailing_ma_cross\n";

TradeRecord trade(const char* symbol, Date entry, Date exit, double entry_price, double exit_price,
                  double quantity, double pnl, ExitReason reason) {
    TradeRecord record;
    record.symbol_name = symbol;
    record.entry_date = entry;
    record.exit_date = exit;
    record.entry_price = entry_price;
    record.exit_price = exit_price;
    record.quantity = quantity;
    record.realized_pnl = pnl;
    record.exit_reason = reason;
    return record;
}

TEST(TradeComparison, MatchesBySymbolAndEntryDateAndNamesEveryDifference) {
    const auto reference = parse_reference_trade_log(kSmallLog, "small.csv");
    ASSERT_EQ(reference.size(), 3u);
    std::vector<TradeRecord> ours{
        trade("AAA", make_date(2024, 1, 2), make_date(2024, 1, 5), 10.0 * (1 + 1e-9), 11.0, 100, 99.5,
              ExitReason::HardStop),
        trade("BBB", make_date(2024, 1, 3), make_date(2024, 1, 9), 20.0, 19.5, 48, -30.0,
              ExitReason::TrailingMaCross),
        trade("DDD", make_date(2024, 1, 4), make_date(2024, 1, 9), 5.0, 6.0, 10, 9.9, ExitReason::HardStop),
    };
    const auto comparison = compare_trades(reference, ours);
    EXPECT_EQ(comparison.exact_matches(), 1u);  // AAA, within the price tolerance
    ASSERT_EQ(comparison.matched.size(), 2u);
    std::vector<std::string> fields;
    for (const auto& difference : comparison.matched[1].differences) fields.push_back(difference.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"exit_date", "quantity", "exit_price", "realized_pnl"}));
    EXPECT_EQ(comparison.only_in_reference, std::vector<std::size_t>{2});
    EXPECT_EQ(comparison.only_in_tradelab, std::vector<std::size_t>{2});
    EXPECT_EQ(comparison.differences(), 3u);
    EXPECT_EQ(describe_differences(comparison).size(), 3u);
}

TEST(TradeComparison, RejectsALogWithoutTheNeededColumns) {
    EXPECT_THROW(parse_reference_trade_log("symbol,entry_date\nAAA,2024-01-02\n", "bad.csv"),
                 std::runtime_error);
    EXPECT_THROW(parse_reference_trade_log("", "empty.csv"), std::runtime_error);
    const std::string bad_number = std::string(kSmallLog.substr(0, kSmallLog.find('\n') + 1)) +
                                   "1,AAA,2024-01-02,2024-01-05,ten,11.0,100,99.5,hard_stop\n";
    EXPECT_THROW(parse_reference_trade_log(bad_number, "bad.csv"), std::runtime_error);
}

}  // namespace
}  // namespace tradelab::backtest
