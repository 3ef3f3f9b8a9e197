#include "portfolio/portfolio.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

namespace tradelab::portfolio {
namespace {

bool positive_finite(double value) {
    return std::isfinite(value) && value > 0.0;
}

void check_entry(const execution::Fill& fill, const EntryDetails& details) {
    const auto where = [&] {
        return fmt::format("entry fill {} of symbol {} on {}", fill.id, fill.symbol, format_date(fill.date));
    };
    if (!fill.is_entry) throw std::invalid_argument(where() + ": not an entry fill");
    if (fill.side != execution::Side::Buy)
        throw std::invalid_argument(where() + ": short positions are not supported yet");
    if (!positive_finite(fill.price) || !positive_finite(fill.quantity) ||
        std::floor(fill.quantity) != fill.quantity)
        throw std::invalid_argument(fmt::format("{}: price {} and quantity {} (whole units) must be positive",
                                                where(), fill.price, fill.quantity));
    if (!positive_finite(details.stop_price) || details.stop_price >= fill.price)
        throw std::invalid_argument(fmt::format("{}: stop {} must be positive and below the fill price {}",
                                                where(), details.stop_price, fill.price));
    if (!positive_finite(details.adv20_at_entry))
        throw std::invalid_argument(
            fmt::format("{}: adv20 at entry {} is not positive", where(), details.adv20_at_entry));
}

void check_exit(const execution::Fill& fill, const Position& position) {
    const auto where = [&] {
        return fmt::format("exit fill {} of symbol {} on {}", fill.id, fill.symbol, format_date(fill.date));
    };
    if (fill.is_entry) throw std::invalid_argument(where() + ": not an exit fill");
    if (fill.side != execution::Side::Sell)
        throw std::invalid_argument(where() + ": a long position exits with a SELL");
    if (fill.quantity != position.quantity)
        throw std::invalid_argument(fmt::format("{}: quantity {} but the position holds {} (exits are whole)",
                                                where(), fill.quantity, position.quantity));
    if (!positive_finite(fill.price))
        throw std::invalid_argument(fmt::format("{}: price {} is not positive", where(), fill.price));
}

Position position_from(const execution::Fill& fill, const EntryDetails& details, execution::CostRule rule) {
    Position position;
    position.symbol = fill.symbol;
    position.asset_class = fill.asset_class;
    position.side = PositionSide::Long;
    position.strategy_index = details.strategy_index;
    position.entry_date = fill.date;
    position.entry_price = fill.price;
    position.quantity = fill.quantity;
    position.entry_fill_id = fill.id;
    position.stop_price = details.stop_price;
    position.initial_stop_price = details.stop_price;
    position.entry_slippage_bps = fill.slippage_bps;
    position.entry_fee_bps = fill.fee_bps;
    position.entry_fee = fill.fee;
    position.entry_slippage_cost = fill.slippage_cost;
    position.entry_cost_charged = execution::charged_cost(fill, rule);
    position.triggered_on = details.triggered_on;
    position.adv20_at_entry = details.adv20_at_entry;
    position.entry_gap = details.entry_gap;
    position.last_mark = fill.price;
    position.last_mark_date = fill.date;
    return position;
}

// Everything a trade record takes from the position; exit fields are the caller's.
backtest::TradeRecord record_from(const Position& position) {
    backtest::TradeRecord record;
    record.symbol = position.symbol;
    record.asset_class = position.asset_class;
    record.is_short = position.side == PositionSide::Short;
    record.strategy_index = position.strategy_index;
    record.entry_date = position.entry_date;
    record.entry_price = position.entry_price;
    record.quantity = position.quantity;
    record.entry_fill_id = position.entry_fill_id;
    record.entry_slippage_bps = position.entry_slippage_bps;
    record.entry_fee_bps = position.entry_fee_bps;
    record.entry_fee = position.entry_fee;
    record.entry_slippage_cost = position.entry_slippage_cost;
    record.initial_stop_price = position.initial_stop_price;
    record.stop_price = position.stop_price;
    record.triggered_on = position.triggered_on;
    record.adv20_at_entry = position.adv20_at_entry;
    record.entry_gap = position.entry_gap;
    return record;
}

}  // namespace

bool Position::update_stop(double new_stop, bool tightening) {
    if (!positive_finite(new_stop)) return false;
    const bool reduces_risk = side == PositionSide::Long ? new_stop > stop_price : new_stop < stop_price;
    if (!reduces_risk) return false;
    stop_price = new_stop;
    if (tightening) tightened_stop = true;
    return true;
}

double AccountingCheck::max() const {
    return std::max({equity_gap, exposure_gap, pnl_gap});
}

Portfolio::Portfolio(double starting_equity, std::size_t position_capacity, execution::CostRule cost_rule)
    : starting_equity_(starting_equity),
      cash_(starting_equity),
      equity_(starting_equity),
      cost_rule_(cost_rule) {
    if (!positive_finite(starting_equity))
        throw std::invalid_argument(
            fmt::format("portfolio: starting equity {} is not positive", starting_equity));
    positions_.reserve(position_capacity);
}

std::size_t Portfolio::position_count(AssetClass asset_class) const {
    return static_cast<std::size_t>(
        std::count_if(positions_.begin(), positions_.end(),
                      [&](const Position& p) { return p.asset_class == asset_class; }));
}

const Position* Portfolio::find(data::SymbolId symbol) const {
    const auto it = std::find_if(positions_.begin(), positions_.end(),
                                 [&](const Position& p) { return p.symbol == symbol; });
    return it == positions_.end() ? nullptr : &*it;
}

Position* Portfolio::find_mutable(data::SymbolId symbol) {
    return const_cast<Position*>(std::as_const(*this).find(symbol));
}

void Portfolio::reserve_cash(double amount) {
    if (!(std::isfinite(amount) && amount >= 0.0))
        throw std::invalid_argument(fmt::format("portfolio: cannot reserve {} of cash", amount));
    reserved_ += amount;
}

void Portfolio::release_cash(double amount) {
    if (!(std::isfinite(amount) && amount >= 0.0))
        throw std::invalid_argument(fmt::format("portfolio: cannot release {} of cash", amount));
    // Reservations are sums of the same amounts, so anything beyond rounding is a caller bug.
    const double tolerance = 1e-9 * std::max(1.0, reserved_);
    if (amount > reserved_ + tolerance)
        throw std::invalid_argument(
            fmt::format("portfolio: releasing {} but only {} is reserved", amount, reserved_));
    reserved_ = std::max(0.0, reserved_ - amount);
}

const Position& Portfolio::open(const execution::Fill& fill, const EntryDetails& details) {
    check_entry(fill, details);
    if (holds(fill.symbol))
        throw std::invalid_argument(
            fmt::format("entry fill {} on {}: a position for symbol {} already exists", fill.id,
                        format_date(fill.date), fill.symbol));
    positions_.push_back(position_from(fill, details, cost_rule_));
    cash_ -= fill.notional() + positions_.back().entry_cost_charged;
    revalue();
    return positions_.back();
}

backtest::TradeRecord Portfolio::close(const execution::Fill& fill, backtest::ExitReason reason) {
    Position* position = find_mutable(fill.symbol);
    if (position == nullptr)
        throw std::invalid_argument(fmt::format("exit fill {} on {}: no open position for symbol {}", fill.id,
                                                format_date(fill.date), fill.symbol));
    check_exit(fill, *position);
    const double exit_cost_charged = execution::charged_cost(fill, cost_rule_);
    cash_ += fill.notional() - exit_cost_charged;

    backtest::TradeRecord record = record_from(*position);
    record.trade_id = ++closed_trades_;
    record.exit_date = fill.date;
    record.exit_price = fill.price;
    record.exit_fill_id = fill.id;
    record.exit_slippage_bps = fill.slippage_bps;
    record.exit_fee_bps = fill.fee_bps;
    record.exit_fee = fill.fee;
    record.exit_slippage_cost = fill.slippage_cost;
    record.exit_reason = reason;
    record.realized_pnl = position->direction() * (fill.price - position->entry_price) * position->quantity -
                          (position->entry_cost_charged + exit_cost_charged);
    realized_pnl_ += record.realized_pnl;

    positions_.erase(positions_.begin() + (position - positions_.data()));
    revalue();
    return record;
}

bool Portfolio::update_stop(data::SymbolId symbol, double new_stop, bool tightening) {
    Position* position = find_mutable(symbol);
    return position != nullptr && position->update_stop(new_stop, tightening);
}

void Portfolio::apply_mark(Position& position, double price, Date date) {
    if (!positive_finite(price)) return;
    position.last_mark = price;
    position.last_mark_date = date;
}

void Portfolio::mark(data::SymbolId symbol, double price, Date date) {
    Position* position = find_mutable(symbol);
    if (position == nullptr)
        throw std::invalid_argument(
            fmt::format("mark on {}: no open position for symbol {}", format_date(date), symbol));
    apply_mark(*position, price, date);
    revalue();
}

void Portfolio::revalue() {
    double holdings = 0.0;
    double gross = 0.0;
    double unrealized = 0.0;
    for (const Position& position : positions_) {
        holdings += position.signed_value();
        gross += position.market_value();
        unrealized += position.unrealized_pnl();
    }
    equity_ = cash_ + holdings;
    gross_exposure_ = gross;
    unrealized_pnl_ = unrealized;
}

backtest::TradeRecord Portfolio::snapshot(const Position& position) const {
    backtest::TradeRecord record = record_from(position);
    record.exit_date = position.last_mark_date;
    record.exit_price = position.last_mark;
    record.exit_reason = backtest::ExitReason::EndOfPeriod;
    record.realized_pnl = position.unrealized_pnl();
    return record;
}

AccountingCheck Portfolio::accounting_check() const {
    double holdings = 0.0;
    double gross = 0.0;
    double unrealized = 0.0;
    for (const Position& position : positions_) {
        holdings += position.direction() * position.quantity * position.last_mark;
        gross += std::abs(position.quantity * position.last_mark);
        unrealized += position.unrealized_pnl();
    }
    AccountingCheck check;
    check.equity_gap = std::abs(equity_ - (cash_ + holdings));
    check.exposure_gap = std::abs(gross_exposure_ - gross);
    check.pnl_gap = std::abs(starting_equity_ + realized_pnl_ + unrealized - equity_);
    return check;
}

ReferenceValuation Portfolio::reference_valuation_after_entry(const execution::Fill& fill) const {
    if (!holds(fill.symbol))
        throw std::logic_error(
            fmt::format("reference valuation after entry fill {}: symbol {} is not held; call it "
                        "after open()",
                        fill.id, fill.symbol));
    const double unsettled_cash =
        cash_ + fill.notional() + execution::charged_cost(fill, cost_rule_) - reserved_;
    double at_entry = 0.0;
    double gross = 0.0;
    for (const Position& position : positions_) {
        at_entry += position.direction() * position.quantity * position.entry_price;
        gross += position.quantity * position.entry_price;
    }
    return ReferenceValuation{std::max(1e-10, unsettled_cash + at_entry), gross};
}

}  // namespace tradelab::portfolio
