#pragma once
#include <CLI/CLI.hpp>

namespace tradelab::cli {

// `data check PATH...` and `data synth ...`. Each command stores its process exit code in `exit_code`.
void register_data_commands(CLI::App& app, int& exit_code);

}  // namespace tradelab::cli
