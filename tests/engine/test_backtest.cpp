// The daily loop on the bundled reference data and on synthetic universes: determinism, no lookahead,
// money that reconciles.
#include <gtest/gtest.h>

#include <cmath>
#include <thread>

#include <fmt/format.h>

#include "backtest/backtest.hpp"
#include "calendar/trading_calendar.hpp"
#include "config/config_loader.hpp"
#include "core/random.hpp"
#include "data/synthetic.hpp"

namespace tradelab::backtest {
namespace {

const std::filesystem::path kConfigs = TRADELAB_CONFIG_DIR;

config::RunConfig load_reference(const char* name) {
    auto load = config::load_run_config(kConfigs / "reference" / name);
    EXPECT_TRUE(load.ok());
    return load.config;
}

// A copy of `market` whose bars dated after `cutoff` are replaced by `rewrite(series, row)`, or dropped.
std::shared_ptr<const data::MarketData> rewritten_after(const data::MarketData& market, Date cutoff,
                                                        bool drop, std::uint64_t seed) {
    auto copy = std::make_shared<data::MarketData>();
    Random random(seed);
    for (data::SymbolId id = 0; id < market.symbol_count(); ++id) {
        data::BarSeries bars = market.bars(id);
        const std::size_t first_after = bars.lower_bound(cutoff + std::chrono::days{1});
        if (drop) {
            for (auto* column :
                 {&bars.open, &bars.high, &bars.low, &bars.close, &bars.volume, &bars.dollar_volume}) {
                column->resize(first_after);
            }
            bars.date.resize(first_after);
        } else {
            for (std::size_t i = first_after; i < bars.size(); ++i) {
                // Garbage that is still a valid bar: wild prices and volumes. The first open after the
                // cutoff is kept, because the orders decided at the cutoff close legitimately fill there.
                const double level = 1.0 + 1e4 * random.uniform();
                const double open = i == first_after ? bars.open[i] : level;
                bars.open[i] = open;
                bars.low[i] = std::min(level * 0.5, open);
                bars.high[i] = std::max(level * 3.0, open);
                bars.close[i] = level * (0.5 + 2.5 * random.uniform());
                bars.volume[i] = 1e9 * random.uniform();
                bars.dollar_volume[i] = bars.close[i] * bars.volume[i];
            }
        }
        copy->add(market.info(id), std::move(bars));
    }
    return copy;
}

// Every fill dated on or before `day`, as text, in a fixed order.
std::vector<std::string> fills_through(const RunResult& result, Date day) {
    std::vector<std::string> fills;
    const auto add_entry = [&](const TradeRecord& t) {
        if (t.entry_date > day) return;
        fills.push_back(fmt::format("in {} {} {} {:.10f}", t.symbol_name, format_date(t.entry_date),
                                    t.quantity, t.entry_price));
    };
    for (const auto& t : result.trades) {
        add_entry(t);
        if (t.exit_date <= day) {
            fills.push_back(
                fmt::format("out {} {} {:.10f}", t.symbol_name, format_date(t.exit_date), t.exit_price));
        }
    }
    for (const auto& t : result.open_at_end) add_entry(t);
    std::sort(fills.begin(), fills.end());
    return fills;
}

void expect_same_curve_through(const RunResult& a, const RunResult& b, Date day) {
    std::size_t compared = 0;
    for (std::size_t i = 0; i < a.equity_curve.size() && a.equity_curve[i].date <= day; ++i, ++compared) {
        ASSERT_LT(i, b.equity_curve.size());
        ASSERT_EQ(a.equity_curve[i].date, b.equity_curve[i].date);
        ASSERT_EQ(a.equity_curve[i].equity, b.equity_curve[i].equity) << format_date(a.equity_curve[i].date);
        ASSERT_EQ(a.equity_curve[i].cash, b.equity_curve[i].cash) << format_date(a.equity_curve[i].date);
    }
    EXPECT_GT(compared, 0u);
}

class ReferenceRun : public testing::TestWithParam<const char*> {};

TEST_P(ReferenceRun, RepeatedRunsGiveTheSameDigest) {
    const auto run = load_reference(GetParam());
    const auto market = load_run_market(run);
    const auto scenario = period_scenario(run, "train");
    const auto first = run_backtest(market, run, scenario);
    EXPECT_GT(first.trades.size(), 3u);
    EXPECT_EQ(first.digest(), run_backtest(market, run, scenario).digest());

    // Two threads on the same immutable market give the same bytes as one.
    RunResult a, b;
    std::thread ta([&] { a = run_backtest(market, run, scenario); });
    std::thread tb([&] { b = run_backtest(market, run, scenario); });
    ta.join();
    tb.join();
    EXPECT_EQ(a.digest(), first.digest());
    EXPECT_EQ(b.digest(), first.digest());
}

TEST_P(ReferenceRun, PoisonedFutureDoesNotChangeThePast) {
    const auto run = load_reference(GetParam());
    const auto market = load_run_market(run);
    const auto scenario = period_scenario(run, "train");
    const auto baseline = run_backtest(market, run, scenario);
    // Every third day whose next day is an NYSE day (so it is a trading day for every asset class): a
    // decision that peeks one bar ahead shows up on any cutoff that falls on a signal day.
    std::vector<Date> cutoffs;
    for (Date day = scenario.start; day < scenario.end; day += std::chrono::days{3}) {
        if (calendar::calendar_for(AssetClass::Equity).is_trading_day(day + std::chrono::days{1}))
            cutoffs.push_back(day);
    }
    ASSERT_GT(cutoffs.size(), 100u);
    for (const Date cutoff : cutoffs) {
        const auto poisoned = prepare_run_market(rewritten_after(*market.data, cutoff, false, 7), run);
        const auto result = run_backtest(poisoned, run, scenario);
        // Every decision up to the cutoff close, including the orders it sends to the next open, agrees.
        const Date next_open = cutoff + std::chrono::days{1};
        EXPECT_EQ(fills_through(result, next_open), fills_through(baseline, next_open))
            << format_date(cutoff);
        expect_same_curve_through(baseline, result, cutoff);
    }
}

TEST_P(ReferenceRun, TruncatedDataAgreesUpToTheCut) {
    const auto run = load_reference(GetParam());
    const auto market = load_run_market(run);
    const auto scenario = period_scenario(run, "train");
    const auto baseline = run_backtest(market, run, scenario);
    const Date cut = make_date(2024, 11, 29);
    const auto truncated = prepare_run_market(rewritten_after(*market.data, cut, true, 0), run);
    auto shortened = scenario;
    shortened.end = cut;
    const auto result = run_backtest(truncated, run, shortened);
    EXPECT_EQ(fills_through(result, cut), fills_through(baseline, cut));
    expect_same_curve_through(baseline, result, cut);
}

TEST_P(ReferenceRun, EquityIsCashPlusPositionsAtTheEnd) {
    const auto run = load_reference(GetParam());
    const auto market = load_run_market(run);
    const auto result = run_backtest(market, run, period_scenario(run, "train"));
    ASSERT_FALSE(result.equity_curve.empty());
    double positions = 0.0;
    for (const auto& open : result.open_at_end) positions += open.quantity * open.exit_price;
    const auto& last = result.equity_curve.back();
    EXPECT_NEAR(last.cash + positions, last.equity, 1e-6);
    double realized = 0.0;
    for (const auto& trade : result.trades) realized += trade.realized_pnl;
    EXPECT_NEAR(realized, last.realized_pnl, 1e-6);
}

INSTANTIATE_TEST_SUITE_P(Reference, ReferenceRun, testing::Values("eq.yaml", "cr.yaml", "comb.yaml"));

TEST(Backtest, EquityRunMarksOnlyNyseDays) {
    const auto run = load_reference("eq.yaml");
    const auto result = run_backtest(load_run_market(run), run, period_scenario(run, "train"));
    for (const auto& point : result.equity_curve)
        ASSERT_FALSE(is_weekend(point.date)) << format_date(point.date);
    EXPECT_EQ(result.equity_curve.front().date, make_date(2024, 3, 1));
    EXPECT_EQ(result.equity_curve.back().date, make_date(2025, 6, 30));
    EXPECT_EQ(result.equity_curve.size(), 333u);  // NYSE days 2024-03-01..2025-06-30
}

TEST(Backtest, CryptoRunMarksEveryDay) {
    const auto run = load_reference("cr.yaml");
    const auto result = run_backtest(load_run_market(run), run, period_scenario(run, "train"));
    EXPECT_EQ(result.equity_curve.size(), 487u);  // 2024-03-01..2025-06-30 inclusive
}

TEST(Backtest, FillsHappenAtTheOpenAfterTheSignal) {
    const auto run = load_reference("eq.yaml");
    const auto market = load_run_market(run);
    const auto result = run_backtest(market, run, period_scenario(run, "train"));
    for (const auto& trade : result.trades) {
        const auto& bars = market.data->bars(trade.symbol);
        const auto entry_row = bars.find(trade.entry_date);
        ASSERT_GE(entry_row, 1);
        // Slippage is a few bps at most 500: the fill sits near that day's open, never at the close.
        EXPECT_NEAR(trade.entry_price / bars.open[std::size_t(entry_row)], 1.0, 0.05) << trade.symbol_name;
        EXPECT_GE(trade.entry_price, bars.open[std::size_t(entry_row)]);
        EXPECT_LT(trade.entry_date, trade.exit_date);
    }
}

// Random synthetic universes: the loop checks cash + Σ qty × mark == equity every day and throws if
// it ever breaks; here it must run through for several seeds and patterns.
TEST(BacktestProperty, AccountingHoldsOnRandomUniverses) {
    auto run = load_reference("eq.yaml");
    for (const std::uint64_t seed : {1u, 2u, 3u, 4u}) {
        data::SynthOptions options;
        options.symbols = 12;
        options.years = 3;
        options.seed = seed;
        options.correlated_groups = 3;
        options.patterns = {data::SynthPattern::Trend, data::SynthPattern::Breakout,
                            data::SynthPattern::FlashCrash, data::SynthPattern::MissingDays};
        const auto universe = data::generate_synthetic(options);
        auto market = std::make_shared<data::MarketData>();
        for (std::size_t i = 0; i < universe.symbols.size(); ++i) {
            market->add({universe.symbols[i], AssetClass::Equity, false, {}}, universe.series[i]);
        }
        market->add({"SPY", AssetClass::Equity, true, {}}, universe.series[0]);
        auto& strategy = *run.strategies.equity->config;
        strategy.universe_name.reset();
        strategy.universe_symbols = universe.symbols;
        const auto prepared = prepare_run_market(market, run);
        Scenario scenario;
        scenario.start = universe.series[0].date[300];
        scenario.end = universe.series[0].date.back();
        scenario.seed = seed;
        const auto result = run_backtest(prepared, run, scenario);
        EXPECT_GT(result.trades.size(), 5u) << "seed " << seed;
        for (const auto& trade : result.trades) {
            EXPECT_NEAR(
                trade.realized_pnl,
                (trade.exit_price - trade.entry_price) * trade.quantity - trade.entry_fee - trade.exit_fee,
                1e-6);
        }
    }
}

TEST(Backtest, ExecutionSlippageModelIsHonoured) {
    auto run = load_reference("eq.yaml");
    const auto market = load_run_market(run);
    const auto scenario = period_scenario(run, "train");
    run.execution.slippage_model = config::SlippageModel::None;
    const auto none = run_backtest(market, run, scenario);
    ASSERT_FALSE(none.trades.empty());
    for (const auto& trade : none.trades) {
        EXPECT_EQ(trade.entry_slippage_bps, 0.0);
        EXPECT_EQ(trade.exit_slippage_bps, 0.0);
    }
    run.execution.slippage_model = config::SlippageModel::Simple;
    const auto simple = run_backtest(market, run, scenario);
    ASSERT_FALSE(simple.trades.empty());
    for (const auto& trade : simple.trades) {
        EXPECT_EQ(trade.entry_slippage_bps, 8.0);  // the equity costs block's slippage_base_bps
        EXPECT_EQ(trade.exit_slippage_bps, 8.0);
    }
    run.execution.slippage_model = config::SlippageModel::Full;
    const auto full = run_backtest(market, run, scenario);
    EXPECT_NE(full.trades.front().entry_slippage_bps, 8.0);
}

TEST(Backtest, CancelReturnsPartialResult) {
    const auto run = load_reference("cr.yaml");
    const auto market = load_run_market(run);
    int calls = 0;
    const auto result =
        run_backtest(market, run, period_scenario(run, "train"), {}, [&](double) { return ++calls < 3; });
    EXPECT_TRUE(result.cancelled);
    EXPECT_GT(result.equity_curve.size(), 0u);
    EXPECT_LT(result.equity_curve.size(), 487u);
}

}  // namespace
}  // namespace tradelab::backtest
