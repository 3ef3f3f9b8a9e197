#include "report/provenance.hpp"

#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "core/text_file.hpp"

#include "backtest/backtest.hpp"

namespace tradelab::report {

std::string config_text(const std::filesystem::path& run_file, const config::RunConfig& run) {
    std::string text = read_text_file(run_file);
    for (const auto& [slot, strategy] : backtest::enabled_strategies(run)) {
        const auto& slot_config = slot == "equity" ? run.strategies.equity : run.strategies.crypto;
        text += fmt::format("\n--- {}\n", slot) + read_text_file(slot_config->config_path.resolved);
    }
    return text;
}

std::string data_fingerprint(const data::MarketData& market) {
    std::string text;
    for (data::SymbolId id = 0; id < market.symbol_count(); ++id) {
        const auto& bars = market.bars(id);
        fmt::format_to(std::back_inserter(text), "{}{},{}", market.info(id).is_benchmark ? "^" : "",
                       market.info(id).symbol, bars.size());
        for (const double close : bars.close) fmt::format_to(std::back_inserter(text), ",{}", close);
        text += '\n';
    }
    return backtest::fnv1a64_hex(text);
}

RunProvenance make_provenance(const std::filesystem::path& run_file, const config::RunConfig& run,
                              const backtest::RunMarket& market) {
    return RunProvenance{std::filesystem::absolute(run_file).string(),
                         backtest::fnv1a64_hex(config_text(run_file, run)), data_fingerprint(*market.data),
                         TRADELAB_VERSION, backtest::periods_per_year(market)};
}

}  // namespace tradelab::report
