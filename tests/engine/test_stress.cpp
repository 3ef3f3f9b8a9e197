// Stress tests: month classification, crash dates, regime and correlation figures on hand-built inputs
// with hand-computed answers, the gates failing when they should, the stress backtests on the bundled
// EQ reference config, and how they are kept in the results store.
#include "validation/stress.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <stdexcept>

#include "backtest/backtest.hpp"
#include "calendar/trading_calendar.hpp"
#include "config/config_loader.hpp"
#include "metrics/benchmark_alignment.hpp"
#include "metrics/performance_metrics.hpp"
#include "report/provenance.hpp"
#include "store/results_store.hpp"
#include "validation/validation_store.hpp"

namespace tradelab::validation {
namespace {

using std::chrono::days;

const std::filesystem::path kConfigs = TRADELAB_CONFIG_DIR;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

data::BarSeries series(const std::vector<std::pair<Date, double>>& closes) {
    data::BarSeries bars;
    for (const auto& [date, close] : closes) {
        bars.date.push_back(date);
        bars.open.push_back(close);
        bars.high.push_back(close);
        bars.low.push_back(close);
        bars.close.push_back(close);
        bars.volume.push_back(1e6);
        bars.dollar_volume.push_back(close * 1e6);
    }
    return bars;
}

// A bar of close 100 on every day of [first, last] that `keep` accepts.
template <class Keep>
data::BarSeries daily_series(Date first, Date last, Keep keep) {
    std::vector<std::pair<Date, double>> closes;
    for (Date d = first; d <= last; d += days{1})
        if (keep(d)) closes.emplace_back(d, 100.0);
    return series(closes);
}

data::SymbolInfo symbol(std::string name, bool benchmark) {
    return {std::move(name), AssetClass::Equity, benchmark, {}};
}

std::vector<std::string> month_names(std::span<const MonthReturn> months) {
    std::vector<std::string> names;
    for (const auto& m : months) names.push_back(format_date(m.first).substr(0, 7));
    return names;
}

std::vector<std::string> formatted(const std::vector<Date>& dates) {
    std::vector<std::string> text;
    for (const Date d : dates) text.push_back(format_date(d));
    return text;
}

backtest::EquityPoint point(Date date, double equity, int positions = 0, double corr = kNaN) {
    backtest::EquityPoint p;
    p.date = date;
    p.equity = equity;
    p.positions = positions;
    p.avg_pairwise_corr = corr;
    return p;
}

backtest::TradeRecord trade(Date entry, Date exit, double entry_price, double stop, double exit_price) {
    backtest::TradeRecord t;
    t.entry_date = entry;
    t.exit_date = exit;
    t.entry_price = entry_price;
    t.initial_stop_price = stop;
    t.exit_price = exit_price;
    t.quantity = 10.0;
    t.realized_pnl = (exit_price - entry_price) * t.quantity;
    return t;
}

MonthReturn month(int year, unsigned m) {
    MonthReturn out;
    out.month = std::chrono::year{year} / std::chrono::month{m};
    return out;
}

// ---------------------------------------------------------------------------------------------------
// Names and configuration

TEST(StressNames, MultipliersKeepUpToTwoDecimals) {
    EXPECT_EQ(slippage_name(2.0), "slippage_2x");
    EXPECT_EQ(slippage_name(2.5), "slippage_2.5x");
    EXPECT_EQ(slippage_name(1.25), "slippage_1.25x");
    EXPECT_EQ(slippage_name(10.0), "slippage_10x");
}

TEST(StressNames, AbsentBlockMeansOneTwoThree) {
    config::RunConfig run;
    EXPECT_EQ(slippage_multipliers(run), (std::vector<double>{1.0, 2.0, 3.0}));
    run.validation.stress_tests = config::StressTestsConfig{};
    run.validation.stress_tests->slippage_multipliers = {2.5};
    EXPECT_EQ(slippage_multipliers(run), (std::vector<double>{2.5}));
}

TEST(StressNames, ContinuousScenarioSpansTrainAndValidation) {
    config::RunConfig run;
    run.splits.train_start = make_date(2024, 3, 1);
    run.splits.train_end = make_date(2025, 6, 30);
    run.splits.validation_start = make_date(2025, 7, 1);
    run.splits.validation_end = make_date(2025, 9, 30);
    run.random_seed = 7;
    const auto scenario = continuous_scenario(run);
    EXPECT_EQ(scenario.period_name, "train+validation");
    EXPECT_EQ(scenario.start, make_date(2024, 3, 1));
    EXPECT_EQ(scenario.end, make_date(2025, 9, 30));
    EXPECT_EQ(scenario.seed, 7u);
    EXPECT_EQ(scenario.slippage_multiplier, 1.0);
    EXPECT_TRUE(scenario.crash_dates.empty());
}

// ---------------------------------------------------------------------------------------------------
// Month classification

// A synthetic SPY with known closes: the first and last close of each month inside the range decide.
data::BarSeries synthetic_spy() {
    return series({{make_date(2023, 12, 28), 50.0},  // before the range
                   {make_date(2024, 1, 2), 100.0},
                   {make_date(2024, 1, 15), 97.0},
                   {make_date(2024, 1, 31), 94.0},  // -6 %: bear
                   {make_date(2024, 2, 1), 100.0},
                   {make_date(2024, 2, 29), 101.5},  // +1.5 %: range
                   {make_date(2024, 3, 1), 100.0},
                   {make_date(2024, 3, 28), 97.0},  // -3 %: neither
                   {make_date(2024, 4, 1), 100.0},  // one row: no return
                   {make_date(2024, 5, 1), 100.0},
                   {make_date(2024, 5, 31), 98.5},  // -1.5 %: range
                   {make_date(2024, 6, 3), 100.0},
                   {make_date(2024, 6, 28), 90.0},  // -10 %: bear
                   {make_date(2024, 7, 1), 100.0},
                   {make_date(2024, 7, 31), 110.0},  // +10 %: neither
                   {make_date(2024, 8, 1), 100.0},
                   {make_date(2024, 8, 30), 80.0}});  // after the range
}

TEST(StressMonths, ClassifiesSyntheticSpyMonths) {
    const auto months =
        benchmark_month_returns(synthetic_spy(), make_date(2024, 1, 1), make_date(2024, 7, 31));
    ASSERT_EQ(month_names(months),
              (std::vector<std::string>{"2024-01", "2024-02", "2024-03", "2024-05", "2024-06", "2024-07"}));
    EXPECT_EQ(months[0].rows, 3);
    EXPECT_EQ(months[0].first, make_date(2024, 1, 2));
    EXPECT_EQ(months[0].last, make_date(2024, 1, 31));
    EXPECT_NEAR(months[0].ret, -0.06, 1e-12);
    EXPECT_NEAR(months[1].ret, 0.015, 1e-12);
    EXPECT_NEAR(months[4].ret, -0.10, 1e-12);
    EXPECT_EQ(month_names(bear_months(months)), (std::vector<std::string>{"2024-01", "2024-06"}));
    EXPECT_EQ(month_names(range_months(months)), (std::vector<std::string>{"2024-02", "2024-05"}));
}

TEST(StressMonths, RowsOutsideTheRangeDoNotCount) {
    // From Jan 10 the month starts at the 97 close: 94 / 97 - 1 = -3.1 %, no longer a bear month.
    const auto months =
        benchmark_month_returns(synthetic_spy(), make_date(2024, 1, 10), make_date(2024, 2, 15));
    ASSERT_EQ(months.size(), 1u);  // February has a single row before the 15th
    EXPECT_EQ(months[0].rows, 2);
    EXPECT_NEAR(months[0].ret, 94.0 / 97.0 - 1.0, 1e-12);
    EXPECT_TRUE(bear_months(months).empty());
}

TEST(StressMonths, BenchmarkIsSpyThenBtcNeverATradedSymbol) {
    data::MarketData market;
    market.add(symbol("SPY", false), synthetic_spy());
    EXPECT_FALSE(stress_benchmark(market));
    const auto btc = market.add({"BTC", AssetClass::Crypto, true, {}}, synthetic_spy());
    EXPECT_EQ(stress_benchmark(market), btc);
    const auto spy = market.add(symbol("SPY", true), synthetic_spy());
    EXPECT_EQ(stress_benchmark(market), spy);
}

// ---------------------------------------------------------------------------------------------------
// Flash-crash dates

// AAA trades on weekdays except in the third quarter; the benchmark has a bar every calendar day, so a
// weekend or third-quarter date could only come from it.
backtest::RunMarket crash_market() {
    auto data = std::make_shared<data::MarketData>();
    data->add(symbol("AAA", false), daily_series(make_date(2024, 2, 12), make_date(2024, 12, 31), [](Date d) {
                  return !is_weekend(d) && (d < make_date(2024, 7, 1) || d > make_date(2024, 9, 30));
              }));
    data->add(symbol("SPY", true),
              daily_series(make_date(2024, 1, 1), make_date(2024, 12, 31), [](Date) { return true; }));
    backtest::RunMarket market;
    market.data = data;
    return market;
}

TEST(StressFlashCrashDates, OnePerQuarterOnTradedDatesAndDeterministic) {
    const auto market = crash_market();
    const Date start = make_date(2024, 2, 15);
    const Date end = make_date(2024, 11, 20);
    const auto dates = flash_crash_dates(market, start, end, 42);
    // Quarters [Feb 15, Mar 31], [Apr 1, Jun 30], [Jul 1, Sep 30] (no AAA bar), [Oct 1, Nov 20].
    ASSERT_EQ(dates.size(), 3u);
    EXPECT_TRUE(std::is_sorted(dates.begin(), dates.end()));
    const std::vector<std::pair<Date, Date>> quarters{{start, make_date(2024, 3, 31)},
                                                      {make_date(2024, 4, 1), make_date(2024, 6, 30)},
                                                      {make_date(2024, 10, 1), end}};
    const auto& aaa = market.data->bars(0);
    for (std::size_t q = 0; q < dates.size(); ++q) {
        EXPECT_GE(dates[q], quarters[q].first) << format_date(dates[q]);
        EXPECT_LE(dates[q], quarters[q].second) << format_date(dates[q]);
        EXPECT_GE(aaa.find(dates[q]), 0) << format_date(dates[q]);
    }
    EXPECT_EQ(dates, flash_crash_dates(market, start, end, 42));
    EXPECT_EQ(formatted(dates), (std::vector<std::string>{"2024-02-21", "2024-05-27", "2024-10-01"}));
    EXPECT_NE(dates, flash_crash_dates(market, start, end, 43));
}

TEST(StressFlashCrashDates, StartOnAQuarterEndTakesTheNextQuarter) {
    const auto market = crash_market();
    // Mar 31 is a quarter end (a Sunday): its quarter runs to Jun 30, which is also the range end.
    const auto dates = flash_crash_dates(market, make_date(2024, 3, 31), make_date(2024, 6, 30), 42);
    ASSERT_EQ(dates.size(), 1u);
    EXPECT_GE(dates[0], make_date(2024, 4, 1));
    EXPECT_LE(dates[0], make_date(2024, 6, 30));
}

// ---------------------------------------------------------------------------------------------------
// Regimes and gates on hand-built runs

// Jan: +5 % then -30 % (a 30 % drawdown); Feb: rallies; Mar: +5 % then -10 %.
backtest::RunResult regime_run() {
    backtest::RunResult run;
    run.start = make_date(2024, 1, 2);
    run.end = make_date(2024, 3, 4);
    run.starting_equity = 100.0;
    run.equity_curve = {point(make_date(2024, 1, 2), 100.0), point(make_date(2024, 1, 3), 105.0),
                        point(make_date(2024, 1, 4), 73.5),  point(make_date(2024, 2, 1), 90.0),
                        point(make_date(2024, 2, 2), 120.0), point(make_date(2024, 3, 1), 126.0),
                        point(make_date(2024, 3, 4), 113.4)};
    run.trades = {trade(make_date(2024, 1, 3), make_date(2024, 2, 1), 100.0, 90.0, 95.0),  // -0.5 R
                  trade(make_date(2024, 2, 2), make_date(2024, 3, 4), 50.0, 45.0, 60.0),   // Feb entry
                  trade(make_date(2024, 3, 1), make_date(2024, 3, 4), 20.0, 20.0, 21.0)};  // no risk: no R
    return run;
}

TEST(StressRegime, ChainsTheBaselineOnTheSelectedMonths) {
    const std::vector<MonthReturn> months{month(2024, 1), month(2024, 3)};
    const auto bear = regime_stress(regime_run(), months, "bear", 252.0);
    // Returns on the selected days: 0, +5 %, -30 %, then 126/120 - 1 = +5 %, -10 %.
    const std::vector<double> r{0.0, 0.05, -0.3, 0.05, -0.1};
    const double chained = 1.05 * 0.7 * 1.05 * 0.9;
    EXPECT_EQ(bear.days, 5);
    EXPECT_NEAR(bear.total_return, chained - 1.0, 1e-12);
    EXPECT_NEAR(bear.max_drawdown, 1.0 - chained / 1.05, 1e-12);  // the Mar fall deepens the Jan one
    double mean = 0.0;
    for (const double x : r) mean += x / 5.0;
    double var = 0.0;
    for (const double x : r) var += (x - mean) * (x - mean) / 5.0;
    EXPECT_NEAR(bear.sharpe, mean / std::sqrt(var) * std::sqrt(252.0), 1e-9);
    EXPECT_EQ(bear.trades, 2);                  // entered Jan 3 and Mar 1
    EXPECT_NEAR(bear.expectancy, -0.5, 1e-12);  // the zero-risk trade has no R
    EXPECT_NEAR(bear.win_rate, 0.5, 1e-12);

    const auto check = bear_market_check(bear);
    EXPECT_TRUE(check.applicable);
    EXPECT_FALSE(check.passed);  // -0.5 R and a 33.85 % drawdown
    EXPECT_NEAR(check.value, bear.max_drawdown, 0.0);
}

TEST(StressGates, BearGatePassesOnPositiveExpectancyDespiteTheDrawdown) {
    auto run = regime_run();
    run.trades[0].exit_price = 120.0;  // +2 R
    run.trades[0].realized_pnl = 200.0;
    const auto bear = regime_stress(run, std::vector<MonthReturn>{month(2024, 1)}, "bear", 252.0);
    EXPECT_NEAR(bear.max_drawdown, 0.3, 1e-12);
    EXPECT_NEAR(bear.expectancy, 2.0, 1e-12);
    EXPECT_TRUE(bear_market_check(bear).passed);
}

TEST(StressGates, BearGateWithoutTradesJudgesTheDrawdownAlone) {
    auto run = regime_run();
    run.trades.clear();
    const auto deep = regime_stress(run, std::vector<MonthReturn>{month(2024, 1)}, "bear", 252.0);
    const auto check = bear_market_check(deep);
    EXPECT_FALSE(check.passed);
    EXPECT_NE(check.note.find("max drawdown only"), std::string::npos);
    // February alone only rises: no drawdown, the gate passes.
    const auto calm = regime_stress(run, std::vector<MonthReturn>{month(2024, 2)}, "bear", 252.0);
    EXPECT_EQ(calm.max_drawdown, 0.0);
    EXPECT_TRUE(bear_market_check(calm).passed);
}

TEST(StressGates, NoBearMonthMeansTheGateDoesNotApply) {
    const auto bear = regime_stress(regime_run(), {}, "bear", 252.0);
    EXPECT_TRUE(bear.months.empty());
    EXPECT_FALSE(bear.note.empty());
    const auto check = bear_market_check(bear);
    EXPECT_FALSE(check.applicable);
    EXPECT_TRUE(check.passed);
}

TEST(StressGates, RangeWarningsFireOnDrawdownAndLoss) {
    const auto range = regime_stress(regime_run(), std::vector<MonthReturn>{month(2024, 1)}, "range", 252.0);
    EXPECT_EQ(range_market_warnings(range).size(), 2u);  // 30 % drawdown and -26.5 %
    const auto calm = regime_stress(regime_run(), std::vector<MonthReturn>{month(2024, 2)}, "range", 252.0);
    EXPECT_TRUE(range_market_warnings(calm).empty());
}

// Peak 105 on Jan 3, trough 73.5 on Jan 5 (-30 %), back above the peak on Jan 9.
backtest::RunResult crash_run() {
    backtest::RunResult run;
    run.start = make_date(2024, 1, 2);
    run.end = make_date(2024, 1, 9);
    run.starting_equity = 100.0;
    run.equity_curve = {point(make_date(2024, 1, 2), 100.0), point(make_date(2024, 1, 3), 105.0),
                        point(make_date(2024, 1, 4), 90.0),  point(make_date(2024, 1, 5), 73.5),
                        point(make_date(2024, 1, 8), 80.0),  point(make_date(2024, 1, 9), 106.0)};
    return run;
}

TEST(StressGates, FlashCrashGateFailsOnA30PercentDrawdown) {
    const auto crash = flash_crash_stress(crash_run(), {make_date(2024, 1, 4)});
    EXPECT_NEAR(crash.max_drawdown, 0.30, 1e-12);
    EXPECT_NEAR(crash.total_return, 0.06, 1e-12);
    EXPECT_FALSE(crash.survived);
    EXPECT_EQ(crash.drawdown_peak, make_date(2024, 1, 3));
    EXPECT_EQ(crash.drawdown_trough, make_date(2024, 1, 5));
    EXPECT_EQ(crash.recovery_days, 6);
    const auto check = flash_crash_check(crash);
    EXPECT_TRUE(check.applicable);
    EXPECT_FALSE(check.passed);
    EXPECT_EQ(check.comparison, "<=");
}

TEST(StressGates, FlashCrashRecoveryAndSurvival) {
    auto run = crash_run();
    run.equity_curve.pop_back();  // never back at 105
    const auto unrecovered = flash_crash_stress(run, {});
    EXPECT_EQ(unrecovered.recovery_days, -1);

    run.equity_curve[3].equity = 84.0;  // a 20 % drawdown survives
    run.equity_curve[4].equity = 90.0;
    const auto shallow = flash_crash_stress(run, {});
    EXPECT_NEAR(shallow.max_drawdown, 0.20, 1e-12);
    EXPECT_TRUE(shallow.survived);
    EXPECT_TRUE(flash_crash_check(shallow).passed);

    // The starting equity is the peak of a fall from the first day.
    run.equity_curve = {point(make_date(2024, 1, 2), 90.0), point(make_date(2024, 1, 3), 101.0)};
    const auto from_start = flash_crash_stress(run, {});
    EXPECT_EQ(from_start.drawdown_peak, make_date(2024, 1, 2));
    EXPECT_EQ(from_start.recovery_days, 1);
}

// ---------------------------------------------------------------------------------------------------
// Correlation stress

TEST(StressCorrelation, HandComputedAveragesPerClass) {
    backtest::RunResult run;
    run.starting_equity = 100.0;
    run.equity_curve = {
        point(make_date(2024, 1, 2), 94.0, 2, 0.8),    // -6 % from the starting equity: drawdown
        point(make_date(2024, 1, 3), 100.0, 2, 0.2),   // at the peak: normal
        point(make_date(2024, 1, 4), 110.0, 3, 0.4),   // new peak: normal
        point(make_date(2024, 1, 5), 105.0, 1, 0.95),  // one position: skipped
        point(make_date(2024, 1, 8), 99.0, 2, 0.9),    // -10 %: drawdown
        point(make_date(2024, 1, 9), 88.0, 4, 0.7),    // -20 %: drawdown
        point(make_date(2024, 1, 10), 95.0, 2, kNaN),  // no correlation: skipped
        point(make_date(2024, 1, 11), 108.0, 2, 0.3),  // -1.8 %: normal
    };
    const auto c = correlation_stress(run);
    EXPECT_EQ(c.normal_count, 3);
    EXPECT_NEAR(c.normal_avg_corr, 0.3, 1e-12);
    EXPECT_NEAR(c.normal_std_corr, std::sqrt(0.02 / 3.0), 1e-12);
    EXPECT_EQ(c.drawdown_count, 3);
    EXPECT_NEAR(c.drawdown_avg_corr, 0.8, 1e-12);
    EXPECT_NEAR(c.drawdown_std_corr, std::sqrt(0.02 / 3.0), 1e-12);
    ASSERT_TRUE(c.correlation_increase);
    EXPECT_NEAR(*c.correlation_increase, 0.5, 1e-12);
    EXPECT_TRUE(c.note.empty());
    EXPECT_EQ(correlation_warnings(c).size(), 2u);  // 0.8 > 0.70 and +0.5 > 0.20
}

TEST(StressCorrelation, OneDayIsInsufficientData) {
    backtest::RunResult run;
    run.starting_equity = 100.0;
    run.equity_curve = {point(make_date(2024, 1, 2), 50.0, 3, 0.95),
                        point(make_date(2024, 1, 3), 60.0, 1, 0.9)};
    const auto c = correlation_stress(run);
    EXPECT_EQ(c.drawdown_count, 1);
    EXPECT_EQ(c.normal_count, 0);
    EXPECT_TRUE(std::isnan(c.normal_avg_corr));
    EXPECT_FALSE(c.correlation_increase);
    EXPECT_EQ(c.note, "insufficient data");
    EXPECT_TRUE(correlation_warnings(c).empty());
    StressReport report;
    report.correlation = c;
    EXPECT_TRUE(to_json(report)["correlation"]["normal_avg_corr"].is_null());
}

// ---------------------------------------------------------------------------------------------------
// The stress backtests on the bundled EQ reference config

// The EQ config, its market and its continuous baseline, loaded once for the suite.
struct EqSetup {
    config::RunConfig run;
    backtest::RunMarket market;
    backtest::RunResult baseline;
};

EqSetup load_eq() {
    auto load = config::load_run_config(kConfigs / "reference" / "eq.yaml");
    if (!load.ok()) throw std::runtime_error("configs/reference/eq.yaml does not load");
    EqSetup setup{load.config, backtest::load_run_market(load.config), {}};
    setup.baseline = backtest::run_backtest(setup.market, setup.run, continuous_scenario(setup.run));
    return setup;
}

const EqSetup& eq() {
    static const EqSetup setup = load_eq();
    return setup;
}

class StressEq : public testing::Test {
  protected:
    const config::RunConfig* run_ = &eq().run;
    const backtest::RunMarket* market_ = &eq().market;
    const backtest::RunResult* baseline_ = &eq().baseline;
};

TEST_F(StressEq, SlippageLowersTheReturnAndIsIdenticalAtAnyThreadCount) {
    const auto one = run_stress_tests(*market_, *run_, *baseline_, 1);
    const auto two = run_stress_tests(*market_, *run_, *baseline_, 2);
    EXPECT_EQ(to_json(one).dump(), to_json(two).dump());
    EXPECT_FALSE(one.cancelled);

    ASSERT_EQ(one.slippage.size(), 2u);  // 1× is the baseline, not rerun
    const auto& twice = one.slippage[0];
    const auto& thrice = one.slippage[1];
    EXPECT_EQ(twice.name, "slippage_2x");
    EXPECT_EQ(thrice.name, "slippage_3x");
    EXPECT_EQ(one.baseline.digest, baseline_->digest());
    EXPECT_LT(twice.total_return, one.baseline.total_return);
    EXPECT_LT(thrice.total_return, twice.total_return);
    EXPECT_LT(twice.sharpe, one.baseline.sharpe);
    EXPECT_NE(twice.digest, one.baseline.digest);
    EXPECT_NE(thrice.digest, twice.digest);

    // The report's 2× figures are those of the scenario run directly.
    auto scenario = continuous_scenario(*run_);
    scenario.slippage_multiplier = 2.0;
    EXPECT_EQ(backtest::run_backtest(*market_, *run_, scenario).digest(), twice.digest);

    std::vector<std::string> names;
    for (const auto& check : one.checks) names.push_back(check.name);
    EXPECT_EQ(names, (std::vector<std::string>{"slippage_2x_sharpe", "slippage_2x_expectancy",
                                               "slippage_3x_calmar", "bear_market", "flash_crash"}));
}

TEST_F(StressEq, RegimeMonthsOfTheBundledSpy) {
    const auto report = run_stress_tests(*market_, *run_, *baseline_, 1);
    ASSERT_TRUE(report.bear && report.range);
    // The bundled SPY never falls 5 % in a month of Mar 2024 – Sep 2025 (worst: Mar 2025, -4.2 %).
    EXPECT_TRUE(report.bear->months.empty());
    EXPECT_FALSE(report.checks[3].applicable);
    EXPECT_EQ(month_names(report.range->months),
              (std::vector<std::string>{"2024-03", "2024-07", "2024-10", "2025-02", "2025-04"}));
    EXPECT_EQ(report.range->days, 20 + 22 + 23 + 19 + 21);
}

TEST_F(StressEq, FlashCrashForcesExitsAtTheOpenAfterEachCrashDate) {
    const auto scenario = continuous_scenario(*run_);
    const auto dates = flash_crash_dates(*market_, scenario.start, scenario.end, scenario.seed);
    ASSERT_EQ(dates.size(), 7u);  // Mar 2024 (from Mar 1) to Sep 2025: seven quarters
    auto crash_scenario = scenario;
    crash_scenario.crash_dates = dates;
    const auto crashed = backtest::run_backtest(*market_, *run_, crash_scenario);
    const auto& curve = crashed.equity_curve;

    int forced = 0;
    for (const Date day : dates) {
        const auto at =
            std::find_if(curve.begin(), curve.end(), [&](const auto& p) { return p.date == day; });
        ASSERT_NE(at, curve.end()) << format_date(day);  // every drawn date is an NYSE day here
        ASSERT_NE(at + 1, curve.end());
        const Date next_open = (at + 1)->date;
        int held = 0;
        for (const auto& t : crashed.trades) {
            if (t.entry_date > day || t.exit_date <= day) continue;
            ++held;
            EXPECT_EQ(t.exit_date, next_open) << t.symbol_name << " held on " << format_date(day);
            EXPECT_EQ(t.exit_reason, backtest::ExitReason::HardStop);
        }
        EXPECT_EQ(held, at->positions) << format_date(day);
        forced += held;
    }
    EXPECT_EQ(forced, 11);  // positions held at the close of the seven crash dates
    EXPECT_NE(crashed.digest(), baseline_->digest());

    const auto report = run_stress_tests(*market_, *run_, *baseline_, 2);
    ASSERT_TRUE(report.flash_crash);
    EXPECT_EQ(report.flash_crash->crash_dates, dates);
    EXPECT_EQ(report.flash_crash->digest, crashed.digest());
    EXPECT_TRUE(report.flash_crash->survived);
    EXPECT_TRUE(report.checks[4].passed);
    // Its Sharpe, Calmar and expectancy are the crashed run's own, annualised like the slippage runs'.
    const auto m = metrics::compute_metrics(crashed, backtest::periods_per_year(*market_));
    EXPECT_DOUBLE_EQ(report.flash_crash->sharpe, m.sharpe_ratio);
    EXPECT_DOUBLE_EQ(report.flash_crash->calmar, m.calmar_ratio);
    EXPECT_DOUBLE_EQ(report.flash_crash->expectancy, m.expectancy);
    EXPECT_GT(report.flash_crash->sharpe, 0.0);
}

TEST_F(StressEq, CorrelationStressReadsTheBaselineCurve) {
    const auto report = run_stress_tests(*market_, *run_, *baseline_, 1);
    const auto& c = report.correlation;
    EXPECT_GT(c.normal_count, 0);
    EXPECT_GT(c.drawdown_count, 0);
    ASSERT_TRUE(c.correlation_increase);
    EXPECT_NEAR(*c.correlation_increase, c.drawdown_avg_corr - c.normal_avg_corr, 1e-15);
}

TEST_F(StressEq, DisabledTestsAreNotRunAndTheirGatesDoNotApply) {
    auto run = *run_;
    run.validation.stress_tests = config::StressTestsConfig{};
    run.validation.stress_tests->slippage_multipliers = {1.0, 2.5};
    run.validation.stress_tests->bear_market_test = false;
    run.validation.stress_tests->range_market_test = false;
    run.validation.stress_tests->flash_crash_test = false;
    const auto report = run_stress_tests(*market_, run, *baseline_, 1);
    ASSERT_EQ(report.slippage.size(), 1u);
    EXPECT_EQ(report.slippage[0].name, "slippage_2.5x");
    EXPECT_FALSE(report.bear || report.range || report.flash_crash);
    for (const auto& check : report.checks) EXPECT_FALSE(check.applicable) << check.name;
    EXPECT_TRUE(report.passed());
}

TEST_F(StressEq, RejectsABaselineOfAnotherPeriod) {
    const auto train = backtest::run_backtest(*market_, *run_, backtest::period_scenario(*run_, "train"));
    EXPECT_THROW(run_stress_tests(*market_, *run_, train, 1), std::invalid_argument);
    auto run = *run_;
    run.validation.stress_tests = config::StressTestsConfig{};
    run.validation.stress_tests->slippage_multipliers = {2.0, -1.0};
    EXPECT_THROW(run_stress_tests(*market_, run, *baseline_, 1), std::invalid_argument);
}

// ---------------------------------------------------------------------------------------------------
// The stress backtests in the results store

// A store file of the test's own, removed with it.
class TempStore {
  public:
    TempStore() {
        const auto* test = testing::UnitTest::GetInstance()->current_test_info();
        folder_ = std::filesystem::temp_directory_path() /
                  (std::string("tradelab_stress_") + test->test_suite_name() + "_" + test->name());
        std::filesystem::remove_all(folder_);
    }
    ~TempStore() { std::filesystem::remove_all(folder_); }

    std::filesystem::path file() const { return folder_ / "results.sqlite"; }

  private:
    std::filesystem::path folder_;
};

store::RunDescription eq_description() {
    const auto provenance =
        report::make_provenance(kConfigs / "reference" / "eq.yaml", eq().run, eq().market);
    return store::describe_run(provenance, eq().run, eq().market);
}

metrics::PerformanceMetrics figures_of(const backtest::RunResult& run) {
    return metrics::compute_metrics(run, backtest::periods_per_year(eq().market),
                                    metrics::benchmark_returns(eq().market, run));
}

// The stored children of `parent`, by variant.
std::map<std::string, store::RunSummary> children_of(store::ResultsStore& results_store,
                                                     std::int64_t parent) {
    store::RunFilter filter;
    filter.parent_run_id = parent;
    std::map<std::string, store::RunSummary> children;
    for (auto& summary : results_store.list(filter)) {
        const std::string variant = summary.record.description.variant;
        children.emplace(variant, std::move(summary));
    }
    return children;
}

TEST_F(StressEq, StressRunsAreStoredAsChildrenOfTheBaselineRun) {
    const auto report = run_stress_tests(*market_, *run_, *baseline_, 2);
    ASSERT_EQ(report.runs.size(), 3u);  // slippage_2x, slippage_3x, flash_crash
    const TempStore temp;
    store::ResultsStore results_store(temp.file());
    const auto base = eq_description();
    const std::int64_t parent = results_store.store_run(*baseline_, figures_of(*baseline_), base).run_id;

    EXPECT_EQ(store_stress_runs(results_store, base, parent, report, *market_), report.runs.size());
    auto children = children_of(results_store, parent);
    ASSERT_EQ(children.size(), report.runs.size());
    for (const auto& stress : report.runs) {
        ASSERT_TRUE(children.contains(stress.name)) << stress.name;
        const auto& record = children.at(stress.name).record;
        EXPECT_EQ(record.description.kind, store::RunKind::StressScenario) << stress.name;
        EXPECT_EQ(record.description.parent_run_id, parent) << stress.name;
        EXPECT_EQ(record.period, "train+validation") << stress.name;
        EXPECT_EQ(record.digest, stress.run.digest()) << stress.name;
    }
    // The stored figures are the report's: the 2× slippage return below the baseline's.
    EXPECT_EQ(children.at("slippage_2x").metrics.total_return, report.slippage[0].total_return);
    EXPECT_EQ(children.at("slippage_3x").metrics.total_return, report.slippage[1].total_return);
    EXPECT_LT(children.at("slippage_2x").metrics.total_return, report.baseline.total_return);
    EXPECT_EQ(children.at("flash_crash").metrics.max_drawdown, report.flash_crash->max_drawdown);

    // The same scenarios again replace their rows under the same ids.
    std::vector<std::int64_t> ids;
    for (const auto& [name, summary] : children) ids.push_back(summary.record.id);
    EXPECT_EQ(store_stress_runs(results_store, base, parent, report, *market_), report.runs.size());
    std::vector<std::int64_t> again;
    for (const auto& [name, summary] : children_of(results_store, parent)) again.push_back(summary.record.id);
    EXPECT_EQ(again, ids);
    EXPECT_EQ(results_store.list().size(), 1 + report.runs.size());
}

TEST_F(StressEq, StressRunsUnderAMissingParentStoreNothing) {
    const auto report = run_stress_tests(*market_, *run_, *baseline_, 2);
    const TempStore temp;
    store::ResultsStore results_store(temp.file());
    EXPECT_THROW(store_stress_runs(results_store, eq_description(), 42, report, *market_),
                 std::invalid_argument);
    EXPECT_TRUE(results_store.list().empty());
}

TEST_F(StressEq, StoredValidationKeepsItsStressRunsUnderTheJudgedRun) {
    ValidationReport validation;
    const auto judged =
        backtest::run_backtest(*market_, *run_, backtest::period_scenario(*run_, "validation"));
    validation.periods.push_back({"validation", judged, figures_of(judged)});
    validation.stress = run_stress_tests(*market_, *run_, *baseline_, 2);
    const TempStore temp;
    store::ResultsStore results_store(temp.file());

    const auto stored = store_validation(results_store, eq_description(), validation, "validation", *market_);
    EXPECT_EQ(stored.stress_runs, validation.stress.runs.size());
    const auto parent = results_store.get(stored.run_id);
    EXPECT_EQ(parent.record.description.kind, store::RunKind::Validation);
    EXPECT_EQ(parent.record.digest, judged.digest());
    const auto children = children_of(results_store, stored.run_id);
    ASSERT_EQ(children.size(), validation.stress.runs.size());
    for (const auto& stress : validation.stress.runs) {
        ASSERT_TRUE(children.contains(stress.name)) << stress.name;
        EXPECT_EQ(children.at(stress.name).record.description.kind, store::RunKind::StressScenario);
        EXPECT_EQ(children.at(stress.name).record.digest, stress.run.digest()) << stress.name;
    }
}

}  // namespace
}  // namespace tradelab::validation
