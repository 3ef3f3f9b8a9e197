#pragma once
#include <CLI/CLI.hpp>

namespace tradelab::cli {

// `bench backtest [--symbols N] [--years Y] [--seed S] [--repeat R]`: builds the synthetic workload in
// memory, runs it once to warm up and check the digest, then times it and prints the median as the
// last line: `backtest_ms <value>`.
void register_bench_commands(CLI::App& app, int& exit_code);

}  // namespace tradelab::cli
