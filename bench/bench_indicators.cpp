// Indicator throughput: every FeatureTable column for 500 synthetic symbols of 2,520 bars (10 years),
// one thread. Reported as bars per second (items) — one "bar" is one symbol-row with all its columns.
#include <benchmark/benchmark.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "data/synthetic.hpp"
#include "indicators/feature_table.hpp"

namespace {

using namespace tradelab;

const std::vector<data::BarSeries>& universe() {
    static const std::vector<data::BarSeries> series = [] {
        data::SynthOptions options;
        options.symbols = 500;
        options.years = 10;
        options.seed = 1;
        return data::generate_synthetic(options).series;
    }();
    return series;
}

// Guards against benchmarking a broken build: every symbol must be entry-valid at its last bar.
void check_tables(const std::vector<data::BarSeries>& all) {
    for (const auto& bars : all) {
        const auto table = indicators::FeatureTable::compute(bars);
        if (table.size() != 2520 || !table.valid_for_entry(table.size() - 1) ||
            std::isnan(table.zscore().back()))
            throw std::runtime_error("feature table of a synthetic symbol is incomplete");
    }
}

void BM_FeatureTable500x2520(benchmark::State& state) {
    const auto& all = universe();
    check_tables(all);
    std::size_t bars = 0;
    for (const auto& series : all) bars += series.size();
    for (auto _ : state) {
        for (const auto& series : all) {
            auto table = indicators::FeatureTable::compute(series);
            benchmark::DoNotOptimize(table.zscore().data());
        }
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * bars));
    state.counters["bars/s"] =
        benchmark::Counter(double(state.iterations() * bars), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FeatureTable500x2520)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
