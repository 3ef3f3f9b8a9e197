#pragma once
#include <CLI/CLI.hpp>

namespace tradelab::cli {

// `backtest -c CONFIG -p train|validation|holdout|all [-o DIR] [--seed N]`. Stores the process exit
// code in `exit_code`.
void register_backtest_commands(CLI::App& app, int& exit_code);

}  // namespace tradelab::cli
