#include "validation/permutation.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include <fmt/format.h>

#include "core/parallel.hpp"
#include "core/random.hpp"
#include "metrics/performance_metrics.hpp"
#include "validation/bootstrap.hpp"
#include "validation/sweep.hpp"

namespace tradelab::validation {
namespace {

std::size_t class_slot(AssetClass asset_class) {
    return asset_class == AssetClass::Equity ? 0 : 1;
}

// The rows of `bars` dated in [first, last] that have a previous bar to measure a change from.
struct Window {
    std::size_t begin = 0;
    std::size_t end = 0;  // one past the last row <= last
};

Window window_of(const data::BarSeries& bars, Date first, Date last) {
    Window w{bars.lower_bound(first), bars.lower_bound(last + std::chrono::days(1))};
    w.begin = std::max<std::size_t>(w.begin, 1);
    w.end = std::max(w.end, w.begin);
    return w;
}

// A symbol's bar changes inside the window, as ratios (seed-independent, computed once): the open to the
// previous close, and the high, low and close to the open; with the day's volume.
struct BarChange {
    double gap, high, low, close, volume, dollar_volume_ratio;
};

struct SymbolChanges {
    Window window;
    std::vector<std::uint32_t> date_index;  // per window row: index of its date in the class's dates
    std::vector<BarChange> changes;         // per window row
};

SymbolChanges symbol_changes(const data::BarSeries& bars, const std::vector<Date>& class_dates, Date first,
                             Date last) {
    SymbolChanges s{window_of(bars, first, last), {}, {}};
    for (std::size_t r = s.window.begin; r < s.window.end; ++r) {
        const auto j =
            std::lower_bound(class_dates.begin(), class_dates.end(), bars.date[r]) - class_dates.begin();
        s.date_index.push_back(std::uint32_t(j));
        const double open = bars.open[r];
        s.changes.push_back({open / bars.close[r - 1], bars.high[r] / open, bars.low[r] / open,
                             bars.close[r] / open, bars.volume[r], bars.dollar_volume[r] / bars.close[r]});
    }
    return s;
}

// Where each class date's change lands: a Fisher-Yates shuffle with our own uniform draw, the same
// permutation on every platform. landing[j] = slot that receives the change of date j.
std::vector<std::uint32_t> landing_slots(std::size_t dates, std::uint64_t seed) {
    std::vector<std::uint32_t> order(dates);
    std::iota(order.begin(), order.end(), 0u);
    Random random(seed);
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random.below(i)]);
    std::vector<std::uint32_t> landing(dates);
    for (std::size_t slot = 0; slot < dates; ++slot) landing[order[slot]] = std::uint32_t(slot);
    return landing;
}

void keep_rows(const data::BarSeries& bars, std::size_t count, data::BarSeries& out) {
    const auto copy = [count](const std::vector<double>& from, std::vector<double>& to) {
        to.assign(from.begin(), from.begin() + long(count));
    };
    out.date.assign(bars.date.begin(), bars.date.begin() + long(count));
    copy(bars.open, out.open);
    copy(bars.high, out.high);
    copy(bars.low, out.low);
    copy(bars.close, out.close);
    copy(bars.volume, out.volume);
    copy(bars.dollar_volume, out.dollar_volume);
}

// The symbol's changes in the order the class shuffle sends their dates (slot order), applied from the
// last close before the window. `slot_rows` is scratch of the class's date count, all -1 on entry and exit.
data::BarSeries rebuild(const data::BarSeries& bars, const SymbolChanges& s,
                        const std::vector<std::uint32_t>& landing, std::vector<std::int32_t>& slot_rows) {
    data::BarSeries out;
    out.reserve(s.window.end);
    keep_rows(bars, std::min(s.window.begin, bars.size()), out);
    if (s.window.begin >= s.window.end) return out;
    for (std::size_t k = 0; k < s.changes.size(); ++k) slot_rows[landing[s.date_index[k]]] = std::int32_t(k);
    double previous_close = bars.close[s.window.begin - 1];
    std::size_t row = s.window.begin;
    for (auto& slot : slot_rows) {
        if (slot < 0) continue;
        const auto& c = s.changes[std::size_t(slot)];
        slot = -1;
        const double open = previous_close * c.gap;
        const double close = open * c.close;
        out.date.push_back(bars.date[row++]);
        out.open.push_back(open);
        // Guard the bar invariant against rounding.
        out.high.push_back(std::max({open * c.high, open, close}));
        out.low.push_back(std::min({open * c.low, open, close}));
        out.close.push_back(close);
        out.volume.push_back(c.volume);
        out.dollar_volume.push_back(c.dollar_volume_ratio * close);
        previous_close = close;
    }
    return out;
}

}  // namespace

struct MarketPermuter::Prepared {
    std::array<std::vector<Date>, 2> class_dates;
    std::vector<SymbolChanges> symbols;
};

MarketPermuter::MarketPermuter(const data::MarketData& market, Date first, Date last) : market_(market) {
    if (last < first) throw std::invalid_argument("permute_market: the window ends before it starts");
    auto prepared = std::make_shared<Prepared>();
    for (data::SymbolId id = 0; id < market.symbol_count(); ++id) {
        const auto& bars = market.bars(id);
        const auto w = window_of(bars, first, last);
        auto& dates = prepared->class_dates[class_slot(market.info(id).asset_class)];
        dates.insert(dates.end(), bars.date.begin() + long(w.begin), bars.date.begin() + long(w.end));
    }
    for (auto& dates : prepared->class_dates) {
        std::sort(dates.begin(), dates.end());
        dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
    }
    for (data::SymbolId id = 0; id < market.symbol_count(); ++id)
        prepared->symbols.push_back(symbol_changes(
            market.bars(id), prepared->class_dates[class_slot(market.info(id).asset_class)], first, last));
    prepared_ = std::move(prepared);
}

std::shared_ptr<const data::MarketData> MarketPermuter::permuted(std::uint64_t seed) const {
    std::array<std::vector<std::uint32_t>, 2> landing;
    std::array<std::vector<std::int32_t>, 2> scratch;
    for (std::size_t c = 0; c < landing.size(); ++c) {
        landing[c] = landing_slots(prepared_->class_dates[c].size(), mix_seed(seed, c));
        scratch[c].assign(prepared_->class_dates[c].size(), -1);
    }
    auto permuted = std::make_shared<data::MarketData>();
    for (data::SymbolId id = 0; id < market_.symbol_count(); ++id) {
        const auto& info = market_.info(id);
        const std::size_t c = class_slot(info.asset_class);
        permuted->add(info, rebuild(market_.bars(id), prepared_->symbols[id], landing[c], scratch[c]));
    }
    return permuted;
}

namespace {

double statistic_of(const backtest::RunMarket& market, const config::RunConfig& run,
                    const backtest::Scenario& scenario, const std::string& statistic,
                    const CancelFlag* cancel, bool& cancelled) {
    const auto result = backtest::run_backtest(market, run, scenario, {},
                                               [&](double) { return cancel == nullptr || !cancel->load(); });
    cancelled = result.cancelled;
    return metric_value(metrics::compute_metrics(result, backtest::periods_per_year(market)), statistic);
}

double upper_tail_p(const std::vector<double>& null_values, double actual) {
    const auto at_least =
        std::count_if(null_values.begin(), null_values.end(), [&](double v) { return v >= actual; });
    return (1.0 + double(at_least)) / (1.0 + double(null_values.size()));
}

// The bar row of `day` in `bars`; throws when the trade's date has no bar (it always has one).
std::size_t row_of(const data::BarSeries& bars, Date day) {
    const auto row = bars.find(day);
    if (row < 0) throw std::logic_error(fmt::format("no bar on {} for a trade", format_date(day)));
    return std::size_t(row);
}

struct RepricedTrade {
    const data::BarSeries* bars;
    std::size_t first_row;  // window of allowed entries
    std::size_t last_row;   // last row an exit may use
    std::size_t hold;       // bars between entry and exit
    double actual_return;
};

std::vector<RepricedTrade> repriceable_trades(const backtest::RunMarket& market,
                                              const backtest::RunResult& actual) {
    std::vector<RepricedTrade> trades;
    for (const auto& trade : actual.trades) {
        const auto& bars = market.data->bars(trade.symbol);
        const std::size_t entry = row_of(bars, trade.entry_date);
        const std::size_t exit = row_of(bars, trade.exit_date);
        const std::size_t first = bars.lower_bound(actual.start);
        const std::size_t end = bars.lower_bound(actual.end + std::chrono::days(1));
        if (end == 0 || exit < entry || first + (exit - entry) >= end) continue;
        trades.push_back({&bars, first, end - 1, exit - entry, bars.open[exit] / bars.open[entry] - 1.0});
    }
    return trades;
}

}  // namespace

std::shared_ptr<const data::MarketData> permute_market(const data::MarketData& market, Date first, Date last,
                                                       std::uint64_t seed) {
    return MarketPermuter(market, first, last).permuted(seed);
}

NullSummary summarise_null(std::vector<double> values) {
    NullSummary s;
    s.count = values.size();
    if (values.empty()) return s;
    std::sort(values.begin(), values.end());
    s.mean = metrics::mean(values);
    s.std = metrics::population_std(values);
    s.min = values.front();
    s.max = values.back();
    s.p5 = metrics::sorted_percentile(values, 5);
    s.p25 = metrics::sorted_percentile(values, 25);
    s.p50 = metrics::sorted_percentile(values, 50);
    s.p75 = metrics::sorted_percentile(values, 75);
    s.p95 = metrics::sorted_percentile(values, 95);
    return s;
}

PermutationTestResult monte_carlo_permutation_test(const backtest::RunMarket& market,
                                                   const config::RunConfig& run,
                                                   const backtest::Scenario& scenario,
                                                   const PermutationTestOptions& options,
                                                   const Progress& progress) {
    if (options.iterations < 1)
        throw std::invalid_argument("the permutation test needs at least 1 iteration");
    const auto started = std::chrono::steady_clock::now();
    PermutationTestResult result;
    result.statistic = options.statistic;
    result.iterations_requested = std::size_t(options.iterations);
    bool cancelled = false;
    result.actual = statistic_of(market, run, scenario, options.statistic, nullptr, cancelled);

    std::vector<double> slots(std::size_t(options.iterations), 0.0);
    const MarketPermuter permuter(*market.data, scenario.start, scenario.end);
    const auto outcome = parallel_for(
        slots.size(), options.threads,
        [&](std::size_t i, const CancelFlag& cancel) {
            const auto data = permuter.permuted(mix_seed(options.seed, i));
            const auto permuted = backtest::prepare_run_market(data, run);
            if (cancel.load()) return false;
            bool stopped = false;
            slots[i] = statistic_of(permuted, run, scenario, options.statistic, &cancel, stopped);
            return !stopped;
        },
        progress);
    for (std::size_t i = 0; i < slots.size(); ++i)
        if (outcome.done[i] && std::isfinite(slots[i])) result.null_values.push_back(slots[i]);
    result.partial = outcome.cancelled;
    result.p_value = upper_tail_p(result.null_values, result.actual);
    result.percentile_rank =
        result.null_values.empty() ? 0.0 : percentile_rank(result.null_values, result.actual);
    result.null = summarise_null(result.null_values);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

EntryTimingResult entry_timing_test(const backtest::RunMarket& market, const backtest::RunResult& actual,
                                    int iterations, std::uint64_t seed, int threads,
                                    const Progress& progress) {
    constexpr std::size_t kChunk = 64;
    EntryTimingResult result;
    const auto trades = repriceable_trades(market, actual);
    result.trades = trades.size();
    if (trades.empty() || iterations < 1) return result;
    for (const auto& t : trades) result.actual_mean_return += t.actual_return / double(trades.size());

    const std::size_t total = std::size_t(iterations);
    std::vector<double> slots(total, 0.0);
    const std::size_t chunks = (total + kChunk - 1) / kChunk;
    const auto outcome = parallel_for(
        chunks, threads,
        [&](std::size_t chunk, const CancelFlag& cancel) {
            Random random(mix_seed(seed, chunk));
            for (std::size_t i = chunk * kChunk; i < std::min(total, (chunk + 1) * kChunk); ++i) {
                if (cancel.load()) return false;
                double sum = 0.0;
                for (const auto& t : trades) {
                    const std::size_t choices = t.last_row - t.hold - t.first_row + 1;
                    const std::size_t entry = t.first_row + std::size_t(random.below(choices));
                    sum += t.bars->open[entry + t.hold] / t.bars->open[entry] - 1.0;
                }
                slots[i] = sum / double(trades.size());
            }
            return true;
        },
        progress);
    for (std::size_t chunk = 0; chunk < chunks; ++chunk) {
        if (!outcome.done[chunk]) continue;
        for (std::size_t i = chunk * kChunk; i < std::min(total, (chunk + 1) * kChunk); ++i)
            result.null_values.push_back(slots[i]);
    }
    result.partial = outcome.cancelled;
    result.p_value = upper_tail_p(result.null_values, result.actual_mean_return);
    result.percentile_rank =
        result.null_values.empty() ? 0.0 : percentile_rank(result.null_values, result.actual_mean_return);
    result.null = summarise_null(result.null_values);
    return result;
}

nlohmann::ordered_json to_json(const NullSummary& s) {
    return {{"count", s.count}, {"mean", s.mean}, {"std", s.std}, {"min", s.min}, {"max", s.max},
            {"p5", s.p5},       {"p25", s.p25},   {"p50", s.p50}, {"p75", s.p75}, {"p95", s.p95}};
}

nlohmann::ordered_json to_json(const PermutationTestResult& r) {
    return {{"method", "monte_carlo_permutation"},
            {"statistic", r.statistic},
            {"actual", r.actual},
            {"iterations_requested", r.iterations_requested},
            {"iterations_done", r.null_values.size()},
            {"p_value", r.p_value},
            {"percentile_rank", r.percentile_rank},
            {"null_distribution", to_json(r.null)},
            {"partial", r.partial}};
}

nlohmann::ordered_json to_json(const EntryTimingResult& r) {
    return {{"method", "entry_timing_randomisation"},
            {"statistic", "mean_trade_return_open_to_open"},
            {"trades", r.trades},
            {"actual", r.actual_mean_return},
            {"iterations_done", r.null_values.size()},
            {"p_value", r.p_value},
            {"percentile_rank", r.percentile_rank},
            {"null_distribution", to_json(r.null)},
            {"partial", r.partial}};
}

}  // namespace tradelab::validation
