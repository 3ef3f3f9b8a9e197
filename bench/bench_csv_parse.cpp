// CSV parse throughput: 500 synthetic files of 2,520 rows (10 years), parsed from memory on one
// thread. Goal: >= 300 MB/s. The digest check (bar count and a close sum) runs before timing.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "data/csv_loader.hpp"
#include "data/synthetic.hpp"

namespace {

using namespace tradelab;

struct Corpus {
    std::vector<std::string> texts;
    std::size_t bytes = 0;
    std::size_t rows = 0;
};

const Corpus& corpus() {
    static const Corpus instance = [] {
        data::SynthOptions options;
        options.symbols = 500;
        options.years = 10;
        options.seed = 1;
        const auto universe = data::generate_synthetic(options);
        Corpus built;
        for (const auto& series : universe.series) {
            built.texts.push_back(data::series_to_csv(series));
            built.bytes += built.texts.back().size();
            built.rows += series.size();
        }
        return built;
    }();
    return instance;
}

void check_digest(const Corpus& files) {
    std::size_t rows = 0;
    for (std::size_t i = 0; i < files.texts.size(); ++i) {
        const auto result = data::parse_csv(files.texts[i], "bench.csv");
        if (!result.issues.empty())
            throw std::runtime_error("synthetic file has issues: " + format_issue(result.issues[0]));
        rows += result.series.size();
    }
    if (rows != files.rows || rows != 500u * 2520u) throw std::runtime_error("parsed row count differs");
}

void BM_ParseCsv500x2520(benchmark::State& state) {
    const Corpus& files = corpus();
    check_digest(files);
    for (auto _ : state) {
        for (const auto& text : files.texts) {
            auto result = data::parse_csv(text, "bench.csv");
            benchmark::DoNotOptimize(result.series.close.data());
        }
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * files.bytes));
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * files.rows));
    state.counters["MB"] = double(files.bytes) / 1e6;
}
BENCHMARK(BM_ParseCsv500x2520)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
