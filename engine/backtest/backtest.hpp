#pragma once
// The one entry to the daily loop. A Scenario is everything that defines a run; the market is
// prepared once and read through a const reference, so any number of runs can share it on any thread.
//
// The day, as TradeLab lives it (docs/user-guide.md, "Fill timing"):
//   open of d:  pending exits fill, then pending entries (orders decided at an earlier close)
//   close of d: mark to market; stops and exits are decided; signals are ranked, sized and queued
//               for the open of the next trading day of the symbol's asset class; the equity point
//               dated d is the portfolio at the close of d.
// Equities act on NYSE days, crypto on every calendar day.
#include <cstdint>
#include <string>
#include <vector>

#include "backtest/compatibility.hpp"
#include "backtest/run_market.hpp"
#include "backtest/run_result.hpp"
#include "core/progress.hpp"
#include "execution/slippage.hpp"

namespace tradelab::backtest {

struct Scenario {
    std::string period_name = "custom";
    Date start{};
    Date end{};
    std::uint64_t seed = 42;
    double slippage_multiplier = 1.0;  // stress tests: 2, 3
    std::vector<Date> crash_dates;     // sorted; flash-crash stress hook (spec 01 §12.5)
};

struct RunOptions {
    // Draws slippage for every fill. Null: the seeded normal model of spec 01 §11.3 with the
    // strategies' costs blocks and the scenario's seed.
    execution::SlippageModel* slippage = nullptr;
    // Reference behaviours to bring back (compatibility.hpp); none by default. Any switch other than
    // reference_day_cycle needs reference_day_cycle.
    ReferenceCompatibility compatibility;
};

// Runs `scenario` on `market` with the strategies and portfolio settings of `run`. Stops early (the
// result marked cancelled, holding what was done) when `progress` returns false. Throws
// std::logic_error when the accounting identity breaks, which would be a bug.
RunResult run_backtest(const RunMarket& market, const config::RunConfig& run, const Scenario& scenario,
                       const RunOptions& options = {}, const Progress& progress = {});

// The scenario of a named period of the run config: train, validation or holdout.
Scenario period_scenario(const config::RunConfig& run, const std::string& period);

// Curve points per year for annualising: 252 when every strategy trades equities (NYSE days), 365
// when the loop marks every calendar day.
double periods_per_year(const RunMarket& market);

}  // namespace tradelab::backtest
