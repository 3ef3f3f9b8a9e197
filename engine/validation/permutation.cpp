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

constexpr std::array<AssetClass, 2> kClasses{AssetClass::Equity, AssetClass::Crypto};

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

// For each asset class: the sorted dates of the window over all its symbols, and where each date's
// change lands after the shuffle (rank of the source date in the permuted order).
struct ClassShuffle {
    std::vector<Date> dates;
    std::vector<std::size_t> landing;  // landing[j]: slot that receives the change of dates[j]
};

ClassShuffle shuffle_class(const data::MarketData& market, AssetClass asset_class, Date first, Date last,
                           std::uint64_t seed) {
    ClassShuffle shuffle;
    for (data::SymbolId id = 0; id < market.symbol_count(); ++id) {
        if (market.info(id).asset_class != asset_class) continue;
        const auto& bars = market.bars(id);
        const auto w = window_of(bars, first, last);
        shuffle.dates.insert(shuffle.dates.end(), bars.date.begin() + long(w.begin),
                             bars.date.begin() + long(w.end));
    }
    std::sort(shuffle.dates.begin(), shuffle.dates.end());
    shuffle.dates.erase(std::unique(shuffle.dates.begin(), shuffle.dates.end()), shuffle.dates.end());
    // Fisher-Yates with our own uniform draw: the same permutation on every platform.
    std::vector<std::size_t> order(shuffle.dates.size());
    std::iota(order.begin(), order.end(), 0);
    Random random(seed);
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random.below(i)]);
    shuffle.landing.resize(order.size());
    for (std::size_t slot = 0; slot < order.size(); ++slot) shuffle.landing[order[slot]] = slot;
    return shuffle;
}

struct BarChange {
    double gap, high, low, close, volume, dollar_volume_ratio;
};

data::BarSeries permuted_series(const data::BarSeries& bars, const ClassShuffle& shuffle, Date first,
                                Date last) {
    const auto w = window_of(bars, first, last);
    data::BarSeries out;
    out.reserve(w.end);
    const auto keep = [&](std::size_t r) {
        out.date.push_back(bars.date[r]);
        out.open.push_back(bars.open[r]);
        out.high.push_back(bars.high[r]);
        out.low.push_back(bars.low[r]);
        out.close.push_back(bars.close[r]);
        out.volume.push_back(bars.volume[r]);
        out.dollar_volume.push_back(bars.dollar_volume[r]);
    };
    for (std::size_t r = 0; r < w.begin && r < bars.size(); ++r) keep(r);
    if (w.begin >= w.end) return out;

    // The symbol's own changes, ordered by where the class shuffle sends their dates.
    std::vector<std::pair<std::size_t, BarChange>> changes;
    changes.reserve(w.end - w.begin);
    for (std::size_t r = w.begin; r < w.end; ++r) {
        const auto j =
            std::size_t(std::lower_bound(shuffle.dates.begin(), shuffle.dates.end(), bars.date[r]) -
                        shuffle.dates.begin());
        const double open = bars.open[r];
        changes.push_back(
            {shuffle.landing[j],
             {std::log(open / bars.close[r - 1]), std::log(bars.high[r] / open), std::log(bars.low[r] / open),
              std::log(bars.close[r] / open), bars.volume[r], bars.dollar_volume[r] / bars.close[r]}});
    }
    std::sort(changes.begin(), changes.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

    double previous_close = bars.close[w.begin - 1];
    for (std::size_t k = 0; k < changes.size(); ++k) {
        const auto& c = changes[k].second;
        const double open = previous_close * std::exp(c.gap);
        const double close = open * std::exp(c.close);
        out.date.push_back(bars.date[w.begin + k]);
        out.open.push_back(open);
        // Guard the bar invariant against rounding in exp/log.
        out.high.push_back(std::max({open * std::exp(c.high), open, close}));
        out.low.push_back(std::min({open * std::exp(c.low), open, close}));
        out.close.push_back(close);
        out.volume.push_back(c.volume);
        out.dollar_volume.push_back(c.dollar_volume_ratio * close);
        previous_close = close;
    }
    return out;
}

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
    if (last < first) throw std::invalid_argument("permute_market: the window ends before it starts");
    std::array<ClassShuffle, 2> shuffles;
    for (std::size_t c = 0; c < kClasses.size(); ++c)
        shuffles[c] = shuffle_class(market, kClasses[c], first, last, mix_seed(seed, c));
    auto permuted = std::make_shared<data::MarketData>();
    for (data::SymbolId id = 0; id < market.symbol_count(); ++id) {
        const auto& info = market.info(id);
        const auto& shuffle = shuffles[info.asset_class == AssetClass::Equity ? 0 : 1];
        permuted->add(info, permuted_series(market.bars(id), shuffle, first, last));
    }
    return permuted;
}

NullSummary summarise_null(std::vector<double> values) {
    NullSummary s;
    s.count = values.size();
    if (values.empty()) return s;
    std::sort(values.begin(), values.end());
    s.mean = std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
    double squares = 0.0;
    for (const double v : values) squares += (v - s.mean) * (v - s.mean);
    s.std = std::sqrt(squares / double(values.size()));
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
    const auto outcome = parallel_for(
        slots.size(), options.threads,
        [&](std::size_t i, const CancelFlag& cancel) {
            const auto data =
                permute_market(*market.data, scenario.start, scenario.end, mix_seed(options.seed, i));
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
            {"partial", r.partial},
            {"seconds", r.seconds}};
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
