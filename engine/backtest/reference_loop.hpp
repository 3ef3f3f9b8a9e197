#pragma once
// The reference system's daily loop, step by step as spec 01 §12.3 describes its process_day(t), for
// the differential comparison (ReferenceCompatibility::reference_day_cycle). It reuses TradeLab's
// building blocks (strategies, sizing, portfolio, fills, scaler, guard); every reference quirk inside
// it is a named switch of ReferenceCompatibility, so it also runs with any of them turned off.
//
// One call per loop date t:
//   1. missing-day bookkeeping for t                      6. exit checks at the close of n1
//   2. signals at the close of t, scored                   7. exit orders for n2 = ntd(n1)
//   3. queue, sizing, entry orders for n1 = ntd(t)         8. bookkeeping for n2; exit fills at open n2
//   4. entry fills at the open of n1                       9. valuation at the close of n1, stored as t
//   5. missing-day bookkeeping for n1
// ntd = next_trading_day: the next loop-calendar date that is an equity business day, for every asset
// class. TradeLab's own loop (backtest.cpp) stays free of all of this.
#include "backtest/backtest.hpp"

namespace tradelab::backtest {

// Requires options.compatibility.reference_day_cycle. Throws std::logic_error when the accounting
// identity breaks.
RunResult run_reference_loop(const RunMarket& market, const config::RunConfig& run, const Scenario& scenario,
                             const RunOptions& options, const Progress& progress);

}  // namespace tradelab::backtest
