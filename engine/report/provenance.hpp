#pragma once
// Where a result came from: the config texts and their hash, and a fingerprint of the loaded bars.
// The CLI and the workstation describe their runs with the same functions, so a run stored from either
// face has the same identity.
#include <filesystem>
#include <string>

#include "backtest/run_market.hpp"
#include "config/run_config.hpp"
#include "report/run_outputs.hpp"

namespace tradelab::report {

// The run config file followed by each enabled strategy file ("--- equity" separators): what the config
// hash is computed from and what the store keeps. Throws std::runtime_error naming an unreadable file.
std::string config_text(const std::filesystem::path& run_file, const config::RunConfig& run);

// Every loaded series (symbol, size, closes at full precision), hashed.
std::string data_fingerprint(const data::MarketData& market);

RunProvenance make_provenance(const std::filesystem::path& run_file, const config::RunConfig& run,
                              const backtest::RunMarket& market);

}  // namespace tradelab::report
