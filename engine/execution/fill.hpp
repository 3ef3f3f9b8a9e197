#pragma once
// One fill at a session open (spec 01 §11.1, §11.2, §11.4, §12.5): the price after slippage, the fee,
// and the slippage cost that is reported but, by TradeLab's rule, not charged again.
//
// The caller assembles a FillContext from data it is allowed to see on the decision date; nothing in
// the execution layer reads market data, so the lookahead rules live in one place (the loop).
#include <cstdint>
#include <limits>

#include "core/asset_class.hpp"
#include "core/date.hpp"
#include "data/market_data.hpp"

namespace tradelab::execution {

enum class Side { Buy, Sell };

// How costs reach cash.
//  TradeLab:  slippage is in the fill price only; cash moves by price × qty ± fee. On a crash-date
//             worst-price fill the fee and the reported slippage cost are taken on the final price.
//  Reference: the Python system's behaviour, for the differential test: cash is also charged the
//             slippage cost (notional × bps / 1e4) on top of the slipped price, i.e. slippage twice,
//             and crash-date worst-price fills keep the costs computed on the slipped price.
enum class CostRule { TradeLab, Reference };

// Everything a fill needs, assembled by the caller. The slippage inputs are those of the DECISION date
// (signal close for entries, exit-decision close for exits): no value may use the execution day's
// high, low or close, except day_low / day_high, which only the crash-date worst-price rule reads.
struct FillContext {
    static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

    data::SymbolId symbol = 0;
    AssetClass asset_class = AssetClass::Equity;
    Side side = Side::Buy;
    bool is_entry = true;
    int strategy_index = 0;  // selects the costs block when one slippage model serves several strategies
    Date execution_date{};
    double open_price = 0.0;  // open of the execution date
    double quantity = 0.0;    // whole units, > 0

    double atr = kNaN;                     // atr14 on the decision date
    double atr_mean_60 = kNaN;             // mean of the last 60 atr14 rows up to it; NaN when < 60 rows
    double adv20 = kNaN;                   // adv20 on the decision date
    double benchmark_weekly_return = 0.0;  // slippage_inputs.hpp; 0 when it cannot be computed

    bool is_crash_date = false;        // execution date is a flash-crash date (§12.5)
    double slippage_multiplier = 1.0;  // stress-test multiplier of the base slippage (1, 2, 3)
    bool hard_stop_exit = false;       // exit with reason hard_stop (crash worst-price rule)
    double day_low = kNaN;             // execution day's low and high: crash worst-price rule only
    double day_high = kNaN;
};

struct Fill {
    std::uint64_t id = 0;
    data::SymbolId symbol = 0;
    AssetClass asset_class = AssetClass::Equity;
    Side side = Side::Buy;
    bool is_entry = true;
    Date date{};
    double open_price = 0.0;
    double price = 0.0;  // what the units traded at: open ± slippage, floor 0.01, crash rule applied
    double quantity = 0.0;
    double slippage_bps = 0.0;
    double fee_bps = 0.0;
    double fee = 0.0;                  // notional × fee_bps / 1e4
    double slippage_cost = 0.0;        // notional × slippage_bps / 1e4 (reported; see CostRule)
    bool worst_price_applied = false;  // crash-date hard-stop fill moved to the day's low / high

    double notional() const { return price * quantity; }
};

// The cash cost of a fill beyond price × quantity under `rule`: the fee, plus the slippage cost under
// CostRule::Reference.
inline double charged_cost(const Fill& fill, CostRule rule) {
    return rule == CostRule::Reference ? fill.fee + fill.slippage_cost : fill.fee;
}

// Deterministic fill ids: 1, 2, 3, ... per run (the reference used UUIDs).
class FillIdSequence {
  public:
    std::uint64_t next() { return next_++; }
    std::uint64_t peek() const { return next_; }

  private:
    std::uint64_t next_ = 1;
};

// Crash-date multiplier of the base slippage; it replaces the run's slippage multiplier (§12.5 rule 1).
inline constexpr double kCrashSlippageMultiplier = 5.0;
inline constexpr double kMinFillPrice = 0.01;

// Buy: open × (1 + bps/1e4); sell: open × (1 − bps/1e4); floor 0.01. A hard-stop exit on a crash date
// then sells at min(price, day_low) (buy-to-cover: max(price, day_high)). Throws std::invalid_argument
// for a non-positive open or quantity, a negative or non-finite bps, or a crash worst-price fill
// without the day's low/high.
Fill compute_fill(const FillContext& context, double slippage_bps, double fee_bps, std::uint64_t fill_id,
                  CostRule rule = CostRule::TradeLab);

// A fill at a given price with no slippage and no fee (the reference's forced close at the last
// known close when the data has ended). Only symbol, asset class, side, is_entry, execution date and
// quantity of the context are used.
Fill cost_free_fill(const FillContext& context, double price, std::uint64_t fill_id);

}  // namespace tradelab::execution
