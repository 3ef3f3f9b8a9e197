// RunDescription from what a backtest command has at hand.
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "backtest/run_market.hpp"
#include "config/run_config.hpp"
#include "report/provenance.hpp"
#include "report/run_outputs.hpp"
#include "store/results_store.hpp"

namespace tradelab::store {
namespace {

namespace fs = std::filesystem;

std::string config_name(const report::RunProvenance& provenance, const config::RunConfig& run) {
    if (run.output.config_name) return *run.output.config_name;
    return fs::path(provenance.config_path).stem().string();
}

void describe_data(const data::MarketData& market, RunDescription& d) {
    std::set<std::string> files;
    for (data::SymbolId id = 0; id < market.symbol_count(); ++id) {
        const auto& info = market.info(id);
        files.insert(info.file.empty() ? info.symbol + " (in memory)" : info.file.string());
        const auto& dates = market.bars(id).date;
        if (dates.empty()) continue;
        d.data_start = d.data_start ? std::min(*d.data_start, dates.front()) : dates.front();
        d.data_end = d.data_end ? std::max(*d.data_end, dates.back()) : dates.back();
    }
    d.data_files.assign(files.begin(), files.end());
}

}  // namespace

RunDescription describe_run(const report::RunProvenance& provenance, const config::RunConfig& run,
                            const backtest::RunMarket& market) {
    RunDescription d;
    d.kind = RunKind::Backtest;
    d.config_path = fs::path(provenance.config_path).lexically_normal().string();
    d.config_name = config_name(provenance, run);
    if (!provenance.config_path.empty()) d.config_text = report::config_text(provenance.config_path, run);
    d.config_hash = provenance.config_hash;
    for (const auto& [slot, strategy] : backtest::enabled_strategies(run))
        d.strategies.push_back(strategy && !strategy->name.empty() ? strategy->name : slot);
    d.periods_per_year = provenance.periods_per_year;
    d.tradelab_version = provenance.tradelab_version;
    d.data_fingerprint = provenance.data_fingerprint;
    if (market.data) describe_data(*market.data, d);
    return d;
}

}  // namespace tradelab::store
