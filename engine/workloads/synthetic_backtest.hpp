#pragma once
// The benchmark workload of the backtest: a synthetic equity universe (random walks on business
// days, SPY as a further synthetic series) traded by the default equity momentum strategy over its
// whole history after a one-year warm-up. Built in memory, so anyone can reproduce the timing
// without files.
#include <cstdint>
#include <string>

#include "backtest/backtest.hpp"
#include "config/run_config.hpp"

namespace tradelab::workloads {

struct SyntheticBacktest {
    config::RunConfig run;
    backtest::RunMarket market;
    backtest::Scenario scenario;
};

SyntheticBacktest make_synthetic_backtest(int symbols, int years, std::uint64_t seed);

// The YAML of the workload's strategy config (defaults, its universe, SPY), which loads to exactly
// the config the workload trades: what a sweep over the workload overrides.
std::string synthetic_strategy_yaml(const SyntheticBacktest& workload);

}  // namespace tradelab::workloads
