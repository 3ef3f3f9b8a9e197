#include "validation/stress.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "core/parallel.hpp"
#include "core/random.hpp"
#include "metrics/performance_metrics.hpp"

namespace tradelab::validation {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kBearMonthBelow = -0.05;
constexpr double kRangeMonthBound = 0.02;
constexpr double kSlippage2xSharpeAbove = 0.75;
constexpr double kSlippage3xCalmarAbove = 1.0;
constexpr double kCorrelationWarnAbove = 0.70;
constexpr double kCorrelationIncreaseWarnAbove = 0.20;

std::chrono::year_month month_of(Date date) {
    const std::chrono::year_month_day ymd{date};
    return ymd.year() / ymd.month();
}

std::string format_month(std::chrono::year_month month) {
    return fmt::format("{:04}-{:02}", int(month.year()), unsigned(month.month()));
}

// NaN, not 0, for no days: "no data" must not read as "no correlation".
double mean_of(std::span<const double> values) {
    return values.empty() ? kNaN : metrics::mean(values);
}

double population_std(std::span<const double> values) {
    return values.empty() ? kNaN : metrics::population_std(values);
}

SlippageStress slippage_figures(const backtest::RunResult& result, double multiplier,
                                double periods_per_year) {
    const auto m = metrics::compute_metrics(result, periods_per_year);
    SlippageStress out;
    out.name = slippage_name(multiplier);
    out.multiplier = multiplier;
    out.sharpe = m.sharpe_ratio;
    out.calmar = m.calmar_ratio;
    out.max_drawdown = m.max_drawdown;
    out.total_return = m.total_return;
    out.expectancy = m.expectancy;
    out.trades = m.total_trades;
    out.digest = result.digest();
    return out;
}

// ---------------------------------------------------------------------------------------------------
// Regimes

bool in_months(Date date, std::span<const MonthReturn> months) {
    const auto month = month_of(date);
    return std::any_of(months.begin(), months.end(), [&](const MonthReturn& m) { return m.month == month; });
}

// Chains the baseline's daily returns on the days of `months`: a curve that starts at 1.
void chain_returns(const backtest::RunResult& baseline, std::span<const MonthReturn> months,
                   double periods_per_year, RegimeStress& out) {
    const auto returns = metrics::daily_returns(baseline.starting_equity, baseline.equity_curve);
    std::vector<double> selected;
    double equity = 1.0;
    double peak = 1.0;
    for (std::size_t k = 0; k < returns.size(); ++k) {
        if (!in_months(baseline.equity_curve[k].date, months)) continue;
        selected.push_back(returns[k]);
        equity *= 1.0 + returns[k];
        peak = std::max(peak, equity);
        out.max_drawdown = std::max(out.max_drawdown, (peak - equity) / peak);
    }
    out.days = int(selected.size());
    out.total_return = equity - 1.0;
    out.sharpe = metrics::sharpe(selected, periods_per_year);
}

void summarise_entries(const backtest::RunResult& baseline, std::span<const MonthReturn> months,
                       RegimeStress& out) {
    std::vector<double> r_multiples;
    int winners = 0;
    for (const auto& trade : baseline.trades) {
        if (!in_months(trade.entry_date, months)) continue;
        ++out.trades;
        if (trade.realized_pnl > 0.0) ++winners;
        const double r = trade.r_multiple();
        if (std::isfinite(r)) r_multiples.push_back(r);
    }
    out.expectancy = r_multiples.empty() ? 0.0 : mean_of(r_multiples);
    out.win_rate = out.trades > 0 ? double(winners) / double(out.trades) : 0.0;
}

RegimeStress no_benchmark(std::string regime) {
    RegimeStress out;
    out.regime = std::move(regime);
    out.note = "no SPY or BTC benchmark loaded";
    return out;
}

// ---------------------------------------------------------------------------------------------------
// Flash crash

// The first calendar quarter end strictly after `day`.
Date next_quarter_end(Date day) {
    using namespace std::chrono;
    const year_month_day ymd{day};
    const unsigned last_month_of_quarter = ((unsigned(ymd.month()) - 1) / 3 + 1) * 3;
    year_month quarter{ymd.year(), month{last_month_of_quarter}};
    Date end = sys_days{quarter / last};
    if (end == day) end = sys_days{(quarter + months{3}) / last};
    return end;
}

// Sorted distinct dates in [start, end] on which some non-benchmark symbol has a bar.
std::vector<Date> traded_dates(const data::MarketData& market, Date start, Date end) {
    std::vector<Date> dates;
    for (data::SymbolId id = 0; id < market.symbol_count(); ++id) {
        if (market.info(id).is_benchmark) continue;
        const auto& bars = market.bars(id);
        for (std::size_t i = bars.lower_bound(start); i < bars.size() && bars.date[i] <= end; ++i)
            dates.push_back(bars.date[i]);
    }
    std::sort(dates.begin(), dates.end());
    dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
    return dates;
}

struct DeepestDrawdown {
    double depth = 0.0;
    std::optional<Date> peak;
    std::optional<Date> trough;
    int recovery_days = 0;
};

DeepestDrawdown deepest_drawdown(const backtest::RunResult& run) {
    const auto& curve = run.equity_curve;
    DeepestDrawdown out;
    double peak = run.starting_equity;
    Date peak_date = run.start;
    double deepest_peak = peak;
    std::size_t trough_index = 0;
    for (std::size_t i = 0; i < curve.size(); ++i) {
        if (curve[i].equity > peak) {
            peak = curve[i].equity;
            peak_date = curve[i].date;
        } else if (peak > 0.0 && (peak - curve[i].equity) / peak > out.depth) {
            out.depth = (peak - curve[i].equity) / peak;
            out.peak = peak_date;
            out.trough = curve[i].date;
            deepest_peak = peak;
            trough_index = i;
        }
    }
    if (!out.trough) return out;
    out.recovery_days = -1;
    for (std::size_t i = trough_index + 1; i < curve.size(); ++i) {
        if (curve[i].equity >= deepest_peak) {
            out.recovery_days = int((curve[i].date - *out.peak).count());
            break;
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------
// Checks

StressCheck not_applicable(std::string name, std::string note) {
    StressCheck check;
    check.name = std::move(name);
    check.applicable = false;
    check.passed = true;
    check.note = std::move(note);
    return check;
}

StressCheck greater_than(std::string name, double value, double threshold) {
    return {std::move(name), value, threshold, ">", value > threshold, true, {}};
}

const SlippageStress* find_multiplier(const std::vector<SlippageStress>& runs, double multiplier) {
    const auto it = std::find_if(runs.begin(), runs.end(),
                                 [&](const SlippageStress& s) { return s.multiplier == multiplier; });
    return it == runs.end() ? nullptr : &*it;
}

// `configured`: the multipliers planned; a planned run missing from `runs` was cancelled.
std::vector<StressCheck> slippage_checks(const std::vector<SlippageStress>& runs,
                                         const std::vector<double>& configured) {
    const auto missing = [&](const char* name, double multiplier) {
        const bool planned = std::find(configured.begin(), configured.end(), multiplier) != configured.end();
        return not_applicable(name, planned
                                        ? std::string("cancelled before the run finished")
                                        : fmt::format("no {}x slippage multiplier configured", multiplier));
    };
    std::vector<StressCheck> checks;
    if (const auto* twice = find_multiplier(runs, 2.0)) {
        checks.push_back(greater_than("slippage_2x_sharpe", twice->sharpe, kSlippage2xSharpeAbove));
        checks.push_back(greater_than("slippage_2x_expectancy", twice->expectancy, 0.0));
    } else {
        checks.push_back(missing("slippage_2x_sharpe", 2.0));
        checks.push_back(missing("slippage_2x_expectancy", 2.0));
    }
    if (const auto* thrice = find_multiplier(runs, 3.0))
        checks.push_back(greater_than("slippage_3x_calmar", thrice->calmar, kSlippage3xCalmarAbove));
    else
        checks.push_back(missing("slippage_3x_calmar", 3.0));
    return checks;
}

// ---------------------------------------------------------------------------------------------------
// The stress backtests

// The independent reruns of the continuous scenario, in slot order: each slippage multiplier, then
// the flash crash.
struct StressRuns {
    std::vector<backtest::Scenario> scenarios;
    std::vector<double> multipliers;  // parallel to the first scenarios
    std::optional<std::size_t> flash_crash_slot;
};

void require_positive(double multiplier) {
    if (!(std::isfinite(multiplier) && multiplier > 0.0))
        throw std::invalid_argument(fmt::format(
            "validation.stress_tests.slippage_multipliers: {} is not a positive number", multiplier));
}

StressRuns plan_runs(const backtest::RunMarket& market, const config::RunConfig& run, bool flash_crash) {
    StressRuns plan;
    const auto base = continuous_scenario(run);
    for (const double m : slippage_multipliers(run)) {
        require_positive(m);
        if (m == 1.0) continue;
        auto scenario = base;
        scenario.slippage_multiplier = m;
        plan.scenarios.push_back(std::move(scenario));
        plan.multipliers.push_back(m);
    }
    if (flash_crash) {
        auto scenario = base;
        scenario.crash_dates = flash_crash_dates(market, base.start, base.end, base.seed);
        plan.flash_crash_slot = plan.scenarios.size();
        plan.scenarios.push_back(std::move(scenario));
    }
    return plan;
}

void require_continuous(const backtest::RunResult& baseline, const backtest::Scenario& continuous) {
    if (baseline.start != continuous.start || baseline.end != continuous.end)
        throw std::invalid_argument(
            fmt::format("stress tests: the baseline run covers {} to {}, not the continuous train+validation "
                        "period {} to {}",
                        format_date(baseline.start), format_date(baseline.end), format_date(continuous.start),
                        format_date(continuous.end)));
}

void add_regimes(const backtest::RunMarket& market, const config::RunConfig& run,
                 const config::StressTestsConfig& tests, const backtest::RunResult& baseline,
                 StressReport& report) {
    const double periods = backtest::periods_per_year(market);
    const auto benchmark = stress_benchmark(*market.data);
    std::vector<MonthReturn> months;
    if (benchmark)
        months = benchmark_month_returns(market.data->bars(*benchmark), run.splits.train_start,
                                         run.splits.validation_end);
    if (tests.bear_market_test) {
        report.bear =
            benchmark ? regime_stress(baseline, bear_months(months), "bear", periods) : no_benchmark("bear");
        report.checks.push_back(bear_market_check(*report.bear));
    } else {
        report.checks.push_back(not_applicable("bear_market", "disabled by validation.stress_tests"));
    }
    if (tests.range_market_test) {
        report.range = benchmark ? regime_stress(baseline, range_months(months), "range", periods)
                                 : no_benchmark("range");
        for (auto& warning : range_market_warnings(*report.range)) report.warnings.push_back(warning);
    }
}

nlohmann::ordered_json number(double value) {
    return std::isfinite(value) ? nlohmann::ordered_json(value) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json optional_date(const std::optional<Date>& date) {
    return date ? nlohmann::ordered_json(format_date(*date)) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json slippage_json(const SlippageStress& s) {
    return {{"name", s.name},
            {"multiplier", number(s.multiplier)},
            {"sharpe", number(s.sharpe)},
            {"calmar", number(s.calmar)},
            {"max_drawdown", number(s.max_drawdown)},
            {"total_return", number(s.total_return)},
            {"expectancy", number(s.expectancy)},
            {"trades", s.trades},
            {"digest", s.digest}};
}

nlohmann::ordered_json regime_json(const std::optional<RegimeStress>& regime) {
    if (!regime) return nullptr;
    auto months = nlohmann::ordered_json::array();
    for (const auto& m : regime->months) {
        months.push_back({{"month", format_month(m.month)},
                          {"first", format_date(m.first)},
                          {"last", format_date(m.last)},
                          {"rows", m.rows},
                          {"return", number(m.ret)}});
    }
    return {{"regime", regime->regime},
            {"month_count", regime->months.size()},
            {"months", months},
            {"days", regime->days},
            {"total_return", number(regime->total_return)},
            {"max_drawdown", number(regime->max_drawdown)},
            {"sharpe", number(regime->sharpe)},
            {"trades", regime->trades},
            {"expectancy", number(regime->expectancy)},
            {"win_rate", number(regime->win_rate)},
            {"note", regime->note}};
}

nlohmann::ordered_json flash_crash_json(const std::optional<FlashCrashStress>& crash) {
    if (!crash) return nullptr;
    auto dates = nlohmann::ordered_json::array();
    for (const Date d : crash->crash_dates) dates.push_back(format_date(d));
    return {{"crash_dates", dates},
            {"max_drawdown", number(crash->max_drawdown)},
            {"total_return", number(crash->total_return)},
            {"sharpe", number(crash->sharpe)},
            {"calmar", number(crash->calmar)},
            {"expectancy", number(crash->expectancy)},
            {"final_equity", number(crash->final_equity)},
            {"survived", crash->survived},
            {"drawdown_peak", optional_date(crash->drawdown_peak)},
            {"drawdown_trough", optional_date(crash->drawdown_trough)},
            {"recovery_days", crash->recovery_days},
            {"trades", crash->trades},
            {"digest", crash->digest}};
}

nlohmann::ordered_json correlation_json(const CorrelationStress& c) {
    return {{"normal_avg_corr", number(c.normal_avg_corr)},
            {"normal_std_corr", number(c.normal_std_corr)},
            {"normal_count", c.normal_count},
            {"drawdown_avg_corr", number(c.drawdown_avg_corr)},
            {"drawdown_std_corr", number(c.drawdown_std_corr)},
            {"drawdown_count", c.drawdown_count},
            {"correlation_increase", c.correlation_increase ? number(*c.correlation_increase) : nullptr},
            {"note", c.note}};
}

nlohmann::ordered_json check_json(const StressCheck& c) {
    return {{"name", c.name},
            {"value", number(c.value)},
            {"threshold", number(c.threshold)},
            {"comparison", c.comparison},
            {"passed", c.passed},
            {"applicable", c.applicable},
            {"note", c.note}};
}

}  // namespace

bool StressReport::passed() const {
    return !cancelled &&
           std::all_of(checks.begin(), checks.end(), [](const StressCheck& c) { return c.passed; });
}

backtest::Scenario continuous_scenario(const config::RunConfig& run) {
    backtest::Scenario scenario;
    scenario.period_name = "train+validation";
    scenario.start = run.splits.train_start;
    scenario.end = run.splits.validation_end;
    scenario.seed = run.random_seed;
    return scenario;
}

std::vector<double> slippage_multipliers(const config::RunConfig& run) {
    return run.validation.stress_tests.value_or(config::StressTestsConfig{}).slippage_multipliers;
}

std::string slippage_name(double multiplier) {
    std::string text = fmt::format("{:.2f}", multiplier);
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
    return "slippage_" + text + "x";
}

std::optional<data::SymbolId> stress_benchmark(const data::MarketData& market) {
    if (const auto spy = market.find_benchmark("SPY")) return spy;
    return market.find_benchmark("BTC");
}

std::vector<MonthReturn> benchmark_month_returns(const data::BarSeries& benchmark, Date start, Date end) {
    std::vector<MonthReturn> months;
    std::size_t i = benchmark.lower_bound(start);
    while (i < benchmark.size() && benchmark.date[i] <= end) {
        const auto month = month_of(benchmark.date[i]);
        std::size_t last = i;
        while (last + 1 < benchmark.size() && benchmark.date[last + 1] <= end &&
               month_of(benchmark.date[last + 1]) == month)
            ++last;
        if (last > i) {
            months.push_back({month, benchmark.date[i], benchmark.date[last], int(last - i + 1),
                              benchmark.close[last] / benchmark.close[i] - 1.0});
        }
        i = last + 1;
    }
    return months;
}

std::vector<MonthReturn> bear_months(std::span<const MonthReturn> months) {
    std::vector<MonthReturn> out;
    std::copy_if(months.begin(), months.end(), std::back_inserter(out),
                 [](const MonthReturn& m) { return m.ret < kBearMonthBelow; });
    return out;
}

std::vector<MonthReturn> range_months(std::span<const MonthReturn> months) {
    std::vector<MonthReturn> out;
    std::copy_if(months.begin(), months.end(), std::back_inserter(out), [](const MonthReturn& m) {
        return m.ret >= -kRangeMonthBound && m.ret <= kRangeMonthBound;
    });
    return out;
}

RegimeStress regime_stress(const backtest::RunResult& baseline, std::span<const MonthReturn> months,
                           std::string regime, double periods_per_year) {
    RegimeStress out;
    out.regime = std::move(regime);
    out.months.assign(months.begin(), months.end());
    if (months.empty()) {
        out.note = fmt::format("no {} months between {} and {}", out.regime, format_date(baseline.start),
                               format_date(baseline.end));
        return out;
    }
    chain_returns(baseline, months, periods_per_year, out);
    summarise_entries(baseline, months, out);
    if (out.trades == 0) out.note = fmt::format("no trade entered in {} months", out.regime);
    return out;
}

std::vector<Date> flash_crash_dates(const backtest::RunMarket& market, Date start, Date end,
                                    std::uint64_t seed) {
    const auto candidates = traded_dates(*market.data, start, end);
    std::vector<Date> crashes;
    Date current = start;
    for (std::uint64_t quarter = 0; current < end; ++quarter) {
        const Date quarter_end = std::min(next_quarter_end(current), end);
        const auto first = std::lower_bound(candidates.begin(), candidates.end(), current);
        const auto past = std::upper_bound(first, candidates.end(), quarter_end);
        if (first != past) {
            Random random(mix_seed(seed, quarter));
            crashes.push_back(*(first + std::ptrdiff_t(random.below(std::uint64_t(past - first)))));
        }
        current = quarter_end + std::chrono::days{1};
    }
    return crashes;
}

FlashCrashStress flash_crash_stress(const backtest::RunResult& crashed, std::vector<Date> crash_dates,
                                    double periods_per_year) {
    FlashCrashStress out;
    out.crash_dates = std::move(crash_dates);
    std::sort(out.crash_dates.begin(), out.crash_dates.end());
    out.max_drawdown = metrics::max_drawdown(crashed.starting_equity, crashed.equity_curve);
    out.final_equity = crashed.final_equity();
    out.total_return = crashed.starting_equity > 0.0 ? out.final_equity / crashed.starting_equity - 1.0 : 0.0;
    out.survived = out.final_equity > 0.0 && out.max_drawdown <= kFlashCrashMaxDrawdown;
    const auto m = metrics::compute_metrics(crashed, periods_per_year);
    out.sharpe = m.sharpe_ratio;
    out.calmar = m.calmar_ratio;
    out.expectancy = m.expectancy;
    const auto deepest = deepest_drawdown(crashed);
    out.drawdown_peak = deepest.peak;
    out.drawdown_trough = deepest.trough;
    out.recovery_days = deepest.recovery_days;
    out.trades = int(crashed.trades.size());
    out.digest = crashed.digest();
    return out;
}

CorrelationStress correlation_stress(const backtest::RunResult& baseline) {
    std::vector<double> normal;
    std::vector<double> drawdown;
    double peak = baseline.starting_equity;
    for (const auto& point : baseline.equity_curve) {
        peak = std::max(peak, point.equity);
        if (point.positions < 2 || !std::isfinite(point.avg_pairwise_corr) || !(peak > 0.0)) continue;
        const double dd = point.equity / peak - 1.0;
        (dd >= kDrawdownDayThreshold ? normal : drawdown).push_back(point.avg_pairwise_corr);
    }
    CorrelationStress out;
    out.normal_avg_corr = mean_of(normal);
    out.normal_std_corr = population_std(normal);
    out.normal_count = int(normal.size());
    out.drawdown_avg_corr = mean_of(drawdown);
    out.drawdown_std_corr = population_std(drawdown);
    out.drawdown_count = int(drawdown.size());
    if (!normal.empty() && !drawdown.empty())
        out.correlation_increase = out.drawdown_avg_corr - out.normal_avg_corr;
    if (normal.size() + drawdown.size() < 2) out.note = "insufficient data";
    return out;
}

StressCheck bear_market_check(const RegimeStress& bear) {
    if (bear.months.empty()) return not_applicable("bear_market", bear.note);
    StressCheck check{"bear_market", bear.max_drawdown, kBearMaxDrawdown, "<", false, true, {}};
    const bool shallow = bear.max_drawdown < kBearMaxDrawdown;
    if (bear.trades == 0) {
        check.passed = shallow;
        check.note = "no trade entered in bear months: judged by max drawdown only";
    } else {
        check.passed = bear.expectancy > 0.0 || shallow;
        check.note = fmt::format("passes when expectancy > 0 or max drawdown < {:.2f}; expectancy {:.4f} R",
                                 kBearMaxDrawdown, bear.expectancy);
    }
    return check;
}

StressCheck flash_crash_check(const FlashCrashStress& crash) {
    StressCheck check{
        "flash_crash", crash.max_drawdown, kFlashCrashMaxDrawdown, "<=", crash.survived, true, {}};
    if (!(crash.final_equity > 0.0))
        check.note = fmt::format("final equity {:.2f} is not positive", crash.final_equity);
    return check;
}

std::vector<std::string> range_market_warnings(const RegimeStress& range) {
    std::vector<std::string> warnings;
    if (range.months.empty()) return warnings;
    if (range.max_drawdown > kRangeMaxDrawdownWarning)
        warnings.push_back(fmt::format("range months: max drawdown {:.2f}% above {:.0f}%",
                                       range.max_drawdown * 100.0, kRangeMaxDrawdownWarning * 100.0));
    if (range.total_return < kRangeReturnWarning)
        warnings.push_back(fmt::format("range months: total return {:.2f}% below {:.0f}%",
                                       range.total_return * 100.0, kRangeReturnWarning * 100.0));
    return warnings;
}

std::vector<std::string> correlation_warnings(const CorrelationStress& c) {
    std::vector<std::string> warnings;
    if (!c.note.empty()) return warnings;
    if (c.drawdown_count > 0 && c.drawdown_avg_corr > kCorrelationWarnAbove)
        warnings.push_back(
            fmt::format("correlation stress: average pairwise correlation {:.2f} in "
                        "drawdowns above {:.2f}",
                        c.drawdown_avg_corr, kCorrelationWarnAbove));
    if (c.correlation_increase && *c.correlation_increase > kCorrelationIncreaseWarnAbove)
        warnings.push_back(
            fmt::format("correlation stress: correlation rises by {:.2f} in drawdowns "
                        "(above {:.2f})",
                        *c.correlation_increase, kCorrelationIncreaseWarnAbove));
    return warnings;
}

StressReport run_stress_tests(const backtest::RunMarket& market, const config::RunConfig& run,
                              const backtest::RunResult& baseline_continuous, int threads,
                              const Progress& progress) {
    require_continuous(baseline_continuous, continuous_scenario(run));
    const auto tests = run.validation.stress_tests.value_or(config::StressTestsConfig{});
    const double periods = backtest::periods_per_year(market);
    const StressRuns plan = plan_runs(market, run, tests.flash_crash_test);

    std::vector<backtest::RunResult> results(plan.scenarios.size());
    const auto outcome = parallel_for(
        plan.scenarios.size(), threads,
        [&](std::size_t slot, const CancelFlag& cancel) {
            results[slot] = backtest::run_backtest(market, run, plan.scenarios[slot], {},
                                                   [&cancel](double) { return !cancel.load(); });
            return !results[slot].cancelled;
        },
        progress);

    StressReport report;
    report.cancelled = !outcome.complete();
    report.baseline = slippage_figures(baseline_continuous, 1.0, periods);
    for (std::size_t slot = 0; slot < plan.multipliers.size(); ++slot) {
        if (outcome.done[slot])
            report.slippage.push_back(slippage_figures(results[slot], plan.multipliers[slot], periods));
    }
    report.checks = slippage_checks(report.slippage, plan.multipliers);
    add_regimes(market, run, tests, baseline_continuous, report);
    if (!plan.flash_crash_slot) {
        report.checks.push_back(not_applicable("flash_crash", "disabled by validation.stress_tests"));
    } else if (!outcome.done[*plan.flash_crash_slot]) {
        report.checks.push_back(not_applicable("flash_crash", "cancelled before the run finished"));
    } else {
        const std::size_t slot = *plan.flash_crash_slot;
        report.flash_crash = flash_crash_stress(results[slot], plan.scenarios[slot].crash_dates, periods);
        report.checks.push_back(flash_crash_check(*report.flash_crash));
    }
    report.correlation = correlation_stress(baseline_continuous);
    for (auto& warning : correlation_warnings(report.correlation)) report.warnings.push_back(warning);
    for (std::size_t slot = 0; slot < results.size(); ++slot) {
        if (!outcome.done[slot]) continue;
        const std::string name = slot < plan.multipliers.size() ? slippage_name(plan.multipliers[slot])
                                                                : std::string("flash_crash");
        report.runs.push_back({name, std::move(results[slot])});
    }
    return report;
}

nlohmann::ordered_json to_json(const StressReport& report) {
    auto slippage = nlohmann::ordered_json::array();
    for (const auto& s : report.slippage) slippage.push_back(slippage_json(s));
    auto checks = nlohmann::ordered_json::array();
    for (const auto& c : report.checks) checks.push_back(check_json(c));
    return {{"passed", report.passed()},
            {"cancelled", report.cancelled},
            {"baseline", slippage_json(report.baseline)},
            {"slippage", slippage},
            {"bear", regime_json(report.bear)},
            {"range", regime_json(report.range)},
            {"flash_crash", flash_crash_json(report.flash_crash)},
            {"correlation", correlation_json(report.correlation)},
            {"checks", checks},
            {"warnings", report.warnings}};
}

}  // namespace tradelab::validation
