#pragma once
#include <CLI/CLI.hpp>

namespace tradelab::cli {

// `validate`, `sensitivity` and `walkforward` on a run config. Each stores the process exit code in
// `exit_code`.
void register_validation_commands(CLI::App& app, int& exit_code);

}  // namespace tradelab::cli
