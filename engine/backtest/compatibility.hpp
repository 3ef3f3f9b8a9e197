#pragma once
// Named switches that bring back, one by one, the behaviours of the Python system TradeLab replaces
// (docs/decisions.md, "Differential comparison with the reference"). All off is TradeLab; all on
// reproduces the reference trade for trade on the reference runs. Each switch undoes one TradeLab
// decision, so turning switches off one at a time attributes every changed trade to a decision.
//
// reference_day_cycle selects the reference's daily loop (backtest/reference_loop.hpp, spec 01 §12.3);
// the other switches only exist inside it: a run that sets one of them without reference_day_cycle is
// rejected (std::invalid_argument) rather than silently ignored.
//
// No switch for the reference's entry-price valuation of a position without a bar (§10.3): the
// reference could not reach it. Its double counting of missing days closes such a position at the
// next open (or at once) in the same call, before the valuation, so TradeLab's last-known-close rule
// is used in the reference loop too.
#include <array>
#include <string_view>
#include <utility>

namespace tradelab::backtest {

struct ReferenceCompatibility {
    // The reference's process_day(t) (§12.3): signals at the close of t, entries at the open of
    // t+1, exit checks at the close of t+1, exit fills at the open of t+2 (so the next signals already
    // see their cash and free slots), valuation at the close of t+1 stored under t; one next trading
    // day per call for every asset class, so crypto fills only on equity business days (README #5).
    bool reference_day_cycle = false;
    // The loop visits every date of any loaded series, benchmarks included (§12.1): the BTC benchmark
    // adds weekends, so even an equity run has calendar-day equity rows (zero returns on weekends).
    // Load the market with Benchmarks::Both (run_market.hpp) for the reference's calendar.
    bool calendar_day_rows = false;
    // next_trading_day = next weekday that is not in the reference's hard-coded 2024-2026 holiday list
    // (§12.2); the list lacks 2025-01-09, a day the NYSE was closed.
    bool reference_holiday_list = false;
    // Sizing with m² and caps passed as dollars (never binding), 1.01 × open cash reservations, the
    // queue's exposure estimate, and the fill-time limit check against the half-updated valuation of
    // Errata F1 (§9.2, §10.3).
    bool reference_sizing = false;
    // Slippage charged in the fill price and again in cash (§11.4).
    bool slippage_charged_twice = false;
    // Held symbols are signalled again, take queue slots and cash reservations, and are rejected at
    // the fill (§7, README #6).
    bool resignal_held_symbols = false;
    // The first strategy's max_positions limits the whole portfolio in the queue (§8.2).
    bool first_strategy_queue_limits = false;
    // Every position is exited with the first strategy's exit rule (§10.4, Errata F15).
    bool first_strategy_exits = false;
    // A missing day is counted at each feature update and again at the exit check, so one missing
    // trading day on a held symbol forces a data_missing exit; at the end of the data the position is
    // closed at the last close of the dataset (§13, Errata F2).
    bool missing_day_double_count = false;
    // Volatility scaling hard-coded to continuous 20/252/0.33/1.0 and lagged one day (§10.1, F6).
    bool vol_scaling_reference = false;
    // The correlation guard always on at 4 / 0.70 / 0.75, whatever the config says (§10.2).
    bool correlation_guard_always_on = false;
    // Correlations on return lists cached the first time a symbol is needed in a run (never
    // extended) and aligned by list tail, not by date (§2.3).
    bool stale_correlation_returns = false;
    // Benchmark features NaN: momentum scores absolute ROC (§2, §8.1).
    bool no_benchmark_features = false;
    // Bars rounded to float32 as the reference stored them (fills start from the float32 open); the
    // features are computed from the rounded bars. Without it prices differ by < 1e-7 relative.
    bool float32_features = false;

    // Every switch on: the reference.
    static ReferenceCompatibility all();

    bool any() const;
    bool operator==(const ReferenceCompatibility&) const = default;
};

// Every switch by name, in declaration order (for listings, the CLI and one-at-a-time toggling).
using CompatibilitySwitch = bool ReferenceCompatibility::*;
inline constexpr std::array<std::pair<std::string_view, CompatibilitySwitch>, 14> kCompatibilitySwitches{{
    {"reference_day_cycle", &ReferenceCompatibility::reference_day_cycle},
    {"calendar_day_rows", &ReferenceCompatibility::calendar_day_rows},
    {"reference_holiday_list", &ReferenceCompatibility::reference_holiday_list},
    {"reference_sizing", &ReferenceCompatibility::reference_sizing},
    {"slippage_charged_twice", &ReferenceCompatibility::slippage_charged_twice},
    {"resignal_held_symbols", &ReferenceCompatibility::resignal_held_symbols},
    {"first_strategy_queue_limits", &ReferenceCompatibility::first_strategy_queue_limits},
    {"first_strategy_exits", &ReferenceCompatibility::first_strategy_exits},
    {"missing_day_double_count", &ReferenceCompatibility::missing_day_double_count},
    {"vol_scaling_reference", &ReferenceCompatibility::vol_scaling_reference},
    {"correlation_guard_always_on", &ReferenceCompatibility::correlation_guard_always_on},
    {"stale_correlation_returns", &ReferenceCompatibility::stale_correlation_returns},
    {"no_benchmark_features", &ReferenceCompatibility::no_benchmark_features},
    {"float32_features", &ReferenceCompatibility::float32_features},
}};

inline ReferenceCompatibility ReferenceCompatibility::all() {
    ReferenceCompatibility all;
    for (const auto& [name, field] : kCompatibilitySwitches) all.*field = true;
    return all;
}

inline bool ReferenceCompatibility::any() const {
    for (const auto& [name, field] : kCompatibilitySwitches)
        if (this->*field) return true;
    return false;
}

}  // namespace tradelab::backtest
