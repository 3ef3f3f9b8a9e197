#pragma once
// One open position (spec 01 §10.3). Long only for now: the side field and the signed helpers exist so
// that shorts can be added without changing the layout (the reference had no working shorts).
#include <cstdint>

#include "core/asset_class.hpp"
#include "core/date.hpp"
#include "data/market_data.hpp"

namespace tradelab::portfolio {

enum class PositionSide { Long, Short };

struct Position {
    data::SymbolId symbol = 0;
    AssetClass asset_class = AssetClass::Equity;
    PositionSide side = PositionSide::Long;
    int strategy_index = 0;  // owning strategy, position in the run config

    Date entry_date{};
    double entry_price = 0.0;  // fill price, slippage included
    double quantity = 0.0;     // whole units, > 0
    std::uint64_t entry_fill_id = 0;

    double stop_price = 0.0;
    double initial_stop_price = 0.0;
    bool tightened_stop = false;  // the crypto staged exit has tightened the stop (never reset)

    double entry_slippage_bps = 0.0;
    double entry_fee_bps = 0.0;
    double entry_fee = 0.0;
    double entry_slippage_cost = 0.0;  // reported
    double entry_cost_charged = 0.0;   // what the entry took from cash beyond price × quantity

    int triggered_on = 0;  // breakout window of the entry signal (20 or 55 with default windows)
    double adv20_at_entry = 0.0;
    bool entry_gap = false;

    double last_mark = 0.0;  // last known close; the entry fill price until the first mark
    Date last_mark_date{};

    double direction() const { return side == PositionSide::Long ? 1.0 : -1.0; }
    // Unsigned notional at the last mark (gross exposure contribution).
    double market_value() const { return quantity * last_mark; }
    // Contribution to equity: + for longs, − for shorts (their cash already holds the proceeds).
    double signed_value() const { return direction() * quantity * last_mark; }
    // (mark − entry) × qty − entry cost charged (reversed for shorts).
    double unrealized_pnl() const {
        return direction() * (last_mark - entry_price) * quantity - entry_cost_charged;
    }

    // Moves the stop only when that reduces risk (up for longs, down for shorts); `tightening` marks the
    // staged exit's one-time tightening. Returns whether the stop changed.
    bool update_stop(double new_stop, bool tightening);
};

}  // namespace tradelab::portfolio
