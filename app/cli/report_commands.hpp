#pragma once
#include <CLI/CLI.hpp>

namespace tradelab::cli {

// `report RUN [--db FILE] [-o DIR]`: the reports of a stored backtest run and its sibling periods
// (same config hash, seed and variant): summary_report.json, comparison_report.json, tearsheet.html
// for the run and tearsheet_<period>.html per period, plus the periods side by side on the console.
// Stores the process exit code in `exit_code`.
void register_report_commands(CLI::App& app, int& exit_code);

}  // namespace tradelab::cli
