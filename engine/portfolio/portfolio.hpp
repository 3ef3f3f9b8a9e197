#pragma once
// Cash, open positions and their valuation (spec 01 §10.3, TradeLab decisions 2 and 4).
//
// Accounting: cash is real cash. An entry takes price × qty + charged cost from it, an exit gives back
// price × qty − charged cost (charged cost = fee; plus the slippage cost under CostRule::Reference).
// Equity is cash + Σ signed qty × last mark, recomputed after every change, so
//     equity() == cash() + Σ position.signed_value()
// holds exactly at all times; there is no clamp (negative equity is reported, not hidden). Marks never
// touch cash. Cash reserved for pending orders is tracked separately and only reduces available_cash().
//
// Capacity: positions live in a flat vector reserved at construction (pass at least the run's
// max_positions); staying within it, nothing here allocates after construction. Lookups are linear
// scans, which beat a map at the handful of positions a daily portfolio holds.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "backtest/run_result.hpp"
#include "execution/fill.hpp"
#include "portfolio/position.hpp"

namespace tradelab::portfolio {

inline constexpr std::size_t kDefaultPositionCapacity = 64;

// What an entry fill does not carry.
struct EntryDetails {
    int strategy_index = 0;
    double stop_price = 0.0;  // initial stop, below the fill price for a long
    int triggered_on = 0;
    double adv20_at_entry = 0.0;  // > 0
    bool entry_gap = false;
};

// Gaps between the cached figures and an independent recomputation; all ~0 in a healthy portfolio.
struct AccountingCheck {
    double equity_gap = 0.0;    // |equity() − (cash + Σ signed qty × mark)|
    double exposure_gap = 0.0;  // |gross_exposure() − Σ qty × mark|
    // |starting equity + realized P&L + Σ unrealized P&L − equity()|: exact in real numbers, rounding
    // noise (~1e-16 × equity per operation) in doubles.
    double pnl_gap = 0.0;

    double max() const;
};

// The reference's view of equity and gross exposure right after adding a position inside its fill
// handler (spec 01 Errata F1), for the fill-time limit check of SizingRule::Reference.
struct ReferenceValuation {
    double equity = 0.0;
    double gross_exposure = 0.0;
};

class Portfolio {
  public:
    explicit Portfolio(double starting_equity, std::size_t position_capacity = kDefaultPositionCapacity,
                       execution::CostRule cost_rule = execution::CostRule::TradeLab);

    double starting_equity() const { return starting_equity_; }
    double cash() const { return cash_; }
    double reserved_cash() const { return reserved_; }
    double available_cash() const { return cash_ - reserved_; }
    double equity() const { return equity_; }
    double gross_exposure() const { return gross_exposure_; }
    double realized_pnl() const { return realized_pnl_; }      // cumulative, closed trades
    double unrealized_pnl() const { return unrealized_pnl_; }  // open positions at their last marks
    std::uint32_t closed_trades() const { return closed_trades_; }
    execution::CostRule cost_rule() const { return cost_rule_; }

    std::span<const Position> positions() const { return positions_; }
    std::size_t position_count() const { return positions_.size(); }
    std::size_t position_count(AssetClass asset_class) const;
    const Position* find(data::SymbolId symbol) const;
    bool holds(data::SymbolId symbol) const { return find(symbol) != nullptr; }

    // Cash set aside for orders not yet filled; throws std::invalid_argument on a negative amount or on
    // releasing more than is reserved.
    void reserve_cash(double amount);
    void release_cash(double amount);

    // Opens a long position from a BUY entry fill. Throws std::invalid_argument when the symbol is
    // already held, for a short (not supported yet), or when the stop or adv20 breaks the §10.3
    // invariants. The cash moves; any reservation for the order is the caller's to release.
    const Position& open(const execution::Fill& fill, const EntryDetails& details);

    // Closes the whole position of the fill's symbol and returns its trade record (symbol_name left
    // empty: the portfolio knows ids, not names). Throws std::invalid_argument when nothing is held,
    // the fill is not a full-quantity SELL exit.
    backtest::TradeRecord close(const execution::Fill& fill, backtest::ExitReason reason);

    // Position::update_stop on the held position; false when not held or not a tightening.
    bool update_stop(data::SymbolId symbol, double new_stop, bool tightening);

    // Values every position at `close_on_or_before(symbol_id)` — the symbol's last close on or before
    // `date`. A non-finite or non-positive answer keeps the previous mark (TradeLab decision 4: last
    // known close, never the entry price unless no close was ever seen). Cash is untouched.
    template <class CloseLookup>
    void mark_to_market(Date date, CloseLookup&& close_on_or_before) {
        for (Position& position : positions_) apply_mark(position, close_on_or_before(position.symbol), date);
        revalue();
    }
    void mark(data::SymbolId symbol, double price, Date date);

    // An open position as a trade record marked at its last mark (for RunResult::open_at_end).
    backtest::TradeRecord snapshot(const Position& position) const;

    AccountingCheck accounting_check() const;
    double check_accounting() const { return accounting_check().max(); }

    // Call after open(fill) and before releasing that order's reservation: cash as the reference held
    // it then (this fill not yet settled, every reservation of the day still out), and every position
    // at its ENTRY price; equity floored at 1e-10 as the reference did.
    ReferenceValuation reference_valuation_after_entry(const execution::Fill& fill) const;

  private:
    Position* find_mutable(data::SymbolId symbol);
    static void apply_mark(Position& position, double price, Date date);
    void revalue();

    double starting_equity_;
    double cash_;
    double reserved_ = 0.0;
    double equity_;
    double gross_exposure_ = 0.0;
    double realized_pnl_ = 0.0;
    double unrealized_pnl_ = 0.0;
    std::uint32_t closed_trades_ = 0;
    execution::CostRule cost_rule_;
    std::vector<Position> positions_;
};

}  // namespace tradelab::portfolio
