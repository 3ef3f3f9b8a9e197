#pragma once
#include <CLI/CLI.hpp>

namespace tradelab::cli {

// `runs list|show|compare|archive|unarchive|delete|export|tag|note`: the results store
// (store::ResultsStore, default file ResultsStore::default_path(), or --db FILE). Stores the process
// exit code in `exit_code`.
void register_runs_commands(CLI::App& app, int& exit_code);

}  // namespace tradelab::cli
