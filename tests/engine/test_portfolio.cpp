// Portfolio side: sizing under both rules (the spec's low-volatility example included), the reference's
// fill-time limit check, cash and P&L accounting with a randomized identity test, valuation at the last
// known close, volatility scaling against a naive implementation, the correlation guard, and the run
// result helpers (R multiple, exit reason names, digest).
#include <gtest/gtest.h>

#include "core/random.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <new>
#include <numeric>
#include <random>
#include <stdexcept>
#include <vector>

#include "backtest/run_result.hpp"
#include "execution/fill.hpp"
#include "execution/replay_slippage.hpp"
#include "execution/slippage.hpp"
#include "portfolio/correlation_guard.hpp"
#include "portfolio/portfolio.hpp"
#include "portfolio/sizing.hpp"
#include "portfolio/volatility_scaler.hpp"

// Every heap allocation of this test binary is counted, so a test can prove that a code path allocates
// nothing (the engine's per-day path promise).
namespace {
std::atomic<std::size_t> g_allocations{0};
}  // namespace

void* operator new(std::size_t size) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* memory = std::malloc(size == 0 ? 1 : size)) return memory;
    throw std::bad_alloc();
}
// Not inlined: GCC would otherwise pair the inlined free() with the new-expression and warn.
[[gnu::noinline]] void operator delete(void* memory) noexcept {
    std::free(memory);
}
[[gnu::noinline]] void operator delete(void* memory, std::size_t) noexcept {
    std::free(memory);
}

namespace tradelab::portfolio {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---- sizing -----------------------------------------------------------------------------------------

SizingRequest request(double entry, double stop) {
    SizingRequest r;
    r.equity = 100'000.0;
    r.available_cash = 100'000.0;
    r.entry_price = entry;
    r.stop_price = stop;
    return r;
}

// Spec 01 §9.2: equity 100,000, 0.75 % risk ($750), 2.5 × ATR stop. A low-volatility name: price 100,
// ATR 1 (1 %), stop 97.5. The risk budget asks for 300 units = 30 % of equity.
TEST(Sizing, SpecExampleTheFifteenPercentCapBindsUnderTradeLabRule) {
    const SizingResult result = size_position(request(100.0, 97.5), config::RiskConfig{});
    EXPECT_EQ(result.qty_risk, 300.0);
    EXPECT_EQ(result.qty_notional, 150.0);
    EXPECT_EQ(result.qty_exposure, 800.0);
    EXPECT_EQ(result.qty_cash, 1000.0);
    EXPECT_EQ(result.quantity, 150.0);
    EXPECT_EQ(result.limit, SizingLimit::PositionNotional);
}

TEST(Sizing, SpecExampleTheReferenceSizesByRiskAndRejectsAtTheFill) {
    const SizingResult result =
        size_position(request(100.0, 97.5), config::RiskConfig{}, SizingRule::Reference);
    EXPECT_EQ(result.quantity, 300.0);  // caps passed as dollars: 100,000 × 15,000 / 100
    EXPECT_EQ(result.limit, SizingLimit::Risk);
    EXPECT_EQ(result.qty_notional, 15'000'000.0);
    // At the fill, 30,000 of 100,000 breaks the 15 % position limit.
    const ReferenceValuation basis{100'000.0, 0.0};
    EXPECT_EQ(check_fill_limits_reference(basis, 30'000.0, config::RiskConfig{}),
              FillLimitCheck::PositionNotional);
    EXPECT_EQ(check_fill_limits_reference(basis, 15'000.0, config::RiskConfig{}), FillLimitCheck::Ok);
    EXPECT_EQ(check_fill_limits_reference(basis, 15'009.0, config::RiskConfig{}),
              FillLimitCheck::Ok);  // 1e-4
    EXPECT_EQ(
        check_fill_limits_reference(ReferenceValuation{100'000.0, 70'000.0}, 12'000.0, config::RiskConfig{}),
        FillLimitCheck::GrossExposure);
}

TEST(Sizing, VolatilityMultiplierOnceVersusSquared) {
    SizingRequest r = request(50.0, 45.0);  // $5 risk per unit
    r.risk_multiplier = 0.5;
    // TradeLab: 100,000 × 0.0075 × 0.5 / 5 = 75. Reference: 100,000 × 0.00375 × 0.5 / 5 = 37.5 -> 37.
    EXPECT_EQ(size_position(r, config::RiskConfig{}).quantity, 75.0);
    EXPECT_EQ(size_position(r, config::RiskConfig{}, SizingRule::Reference).quantity, 37.0);
    r.risk_multiplier = 1.0;
    EXPECT_EQ(size_position(r, config::RiskConfig{}).quantity, 150.0);
    EXPECT_EQ(size_position(r, config::RiskConfig{}, SizingRule::Reference).quantity, 150.0);
}

TEST(Sizing, ExposureHeadroomCountsOpenAndTodaysCommittedNotional) {
    SizingRequest r = request(100.0, 90.0);  // risk 75 units, notional cap 150
    r.gross_exposure = 70'000.0;
    r.committed_notional = 5'000.0;  // 80,000 − 75,000 = 5,000 of headroom
    SizingResult result = size_position(r, config::RiskConfig{});
    EXPECT_EQ(result.quantity, 50.0);
    EXPECT_EQ(result.limit, SizingLimit::ExposureHeadroom);
    r.committed_notional = 12'000.0;  // no headroom left
    result = size_position(r, config::RiskConfig{});
    EXPECT_EQ(result.quantity, 0.0);
    EXPECT_EQ(result.limit, SizingLimit::ExposureHeadroom);
    // The reference ignores both.
    EXPECT_EQ(size_position(r, config::RiskConfig{}, SizingRule::Reference).quantity, 75.0);
}

TEST(Sizing, AvailableCashBinds) {
    SizingRequest r = request(100.0, 90.0);
    r.available_cash = 2'050.0;
    const SizingResult result = size_position(r, config::RiskConfig{});
    EXPECT_EQ(result.quantity, 20.0);
    EXPECT_EQ(result.limit, SizingLimit::Cash);
    EXPECT_EQ(size_position(r, config::RiskConfig{}, SizingRule::Reference).quantity, 20.0);
    r.available_cash = -10.0;
    EXPECT_EQ(size_position(r, config::RiskConfig{}).quantity, 0.0);
}

TEST(Sizing, LessThanOneUnitMeansNoOrder) {
    const SizingResult result =
        size_position(request(60'000.0, 58'000.0), config::RiskConfig{});  // 750 / 2000
    EXPECT_EQ(result.quantity, 0.0);
    EXPECT_EQ(result.limit, SizingLimit::Risk);
}

TEST(Sizing, InvalidInputsGiveNoOrder) {
    EXPECT_EQ(size_position(request(100.0, 100.0), {}).limit, SizingLimit::InvalidInput);
    EXPECT_EQ(size_position(request(100.0, 0.0), {}).quantity, 0.0);
    EXPECT_EQ(size_position(request(0.0, 90.0), {}).quantity, 0.0);
    EXPECT_EQ(size_position(request(100.0, kNaN), {}).quantity, 0.0);
    SizingRequest r = request(100.0, 90.0);
    r.equity = -5.0;
    EXPECT_EQ(size_position(r, {}).quantity, 0.0);
    r.equity = 100'000.0;
    r.risk_multiplier = 0.0;
    EXPECT_EQ(size_position(r, {}).quantity, 0.0);
}

TEST(Sizing, ConfigRiskBlockIsHonoured) {
    config::RiskConfig risk;
    risk.risk_per_trade = 0.01;
    risk.max_position_notional = 0.5;
    EXPECT_EQ(size_position(request(100.0, 97.5), risk).quantity, 400.0);  // 1,000 / 2.5
}

TEST(Sizing, SpecCoreFormulasVerbatim) {
    // Long: min(risk 300, notional 150, exposure 800, cash 1000).
    EXPECT_EQ(calculate_position_size(100'000.0, 0.0075, 100.0, 97.5, 0.15, 0.8, 100'000.0, 1.0), 150.0);
    // Short (stop above entry): cash cap is floor(cash × 10); risk 1,000 / 5 = 200.
    EXPECT_EQ(calculate_position_size(100'000.0, 0.01, 50.0, 55.0, 0.15, 0.8, 10.0, 1.0), 100.0);
    EXPECT_EQ(calculate_position_size(100'000.0, 0.01, 50.0, 50.0, 0.15, 0.8, 1e6, 1.0), 0.0);
    EXPECT_EQ(calculate_position_size(100'000.0, 0.0075, 60'000.0, 58'000.0, 0.15, 0.8, 1e6, 1.0), 0.0);
    EXPECT_EQ(estimate_position_size(100'000.0, 0.0075, 100.0, 97.5, 0.15, 1.0), 150.0);
    EXPECT_EQ(estimate_position_size(100'000.0, 0.0075, 100.0, 97.5, 0.15, 0.5), 150.0);
    EXPECT_EQ(estimate_position_size(100'000.0, 0.0075, 100.0, 97.5, 0.15, 0.25), 75.0);
    EXPECT_EQ(estimate_position_size(100'000.0, 0.0075, 60'000.0, 58'000.0, 0.15, 1.0), 0.0);
    EXPECT_EQ(estimate_position_size(0.0, 0.0075, 100.0, 97.5, 0.15, 1.0), 0.0);
}

TEST(Sizing, CapacityAndQueueEstimates) {
    const config::RiskConfig risk;
    // Queue (§9.2 B) and TradeLab capacity: 750 × 0.5 / 2.5 = 150 (the cap is 150 too).
    EXPECT_EQ(queue_estimate_quantity(100'000.0, 100.0, 97.5, 0.5, risk), 150.0);
    EXPECT_EQ(capacity_estimate_quantity(100'000.0, 100.0, 97.5, 0.5, risk), 150.0);
    // Reference §9.2 A: 100,000 × 0.00375 × 0.5 / 2.5 = 75, cap in dollars.
    EXPECT_EQ(capacity_estimate_quantity(100'000.0, 100.0, 97.5, 0.5, risk, SizingRule::Reference), 75.0);
    EXPECT_EQ(capacity_estimate_quantity(100'000.0, 100.0, 97.5, 1.0, risk, SizingRule::Reference), 300.0);
}

TEST(Sizing, ReferenceFillLimitsHonourOptionalCaps) {
    config::RiskConfig risk;
    risk.max_long_exposure = 0.5;
    EXPECT_EQ(check_fill_limits_reference({100'000.0, 40'000.0}, 12'000.0, risk),
              FillLimitCheck::LongExposure);
    risk.max_long_exposure.reset();
    risk.max_net_exposure = 0.5;
    EXPECT_EQ(check_fill_limits_reference({100'000.0, 40'000.0}, 12'000.0, risk),
              FillLimitCheck::NetExposure);
}

// ---- portfolio accounting ---------------------------------------------------------------------------

execution::Fill entry_fill(data::SymbolId symbol, double open, double quantity, double slippage_bps,
                           double fee_bps, Date date, std::uint64_t id,
                           execution::CostRule rule = execution::CostRule::TradeLab) {
    execution::FillContext context;
    context.symbol = symbol;
    context.side = execution::Side::Buy;
    context.is_entry = true;
    context.execution_date = date;
    context.open_price = open;
    context.quantity = quantity;
    return execution::compute_fill(context, slippage_bps, fee_bps, id, rule);
}

execution::Fill exit_fill(data::SymbolId symbol, double open, double quantity, double slippage_bps,
                          double fee_bps, Date date, std::uint64_t id,
                          execution::CostRule rule = execution::CostRule::TradeLab) {
    execution::FillContext context;
    context.symbol = symbol;
    context.side = execution::Side::Sell;
    context.is_entry = false;
    context.execution_date = date;
    context.open_price = open;
    context.quantity = quantity;
    return execution::compute_fill(context, slippage_bps, fee_bps, id, rule);
}

EntryDetails details(double stop) {
    EntryDetails d;
    d.stop_price = stop;
    d.adv20_at_entry = 5e9;
    d.triggered_on = 20;
    return d;
}

double holdings_value(const Portfolio& portfolio) {
    double sum = 0.0;
    for (const Position& p : portfolio.positions()) sum += p.quantity * p.last_mark;
    return sum;
}

const Date kDay1 = make_date(2024, 4, 12);
const Date kDay2 = make_date(2024, 4, 15);
const Date kDay3 = make_date(2024, 4, 16);

// Buy 100 at open 100 with 10 bps (fill 100.1, fee 1 bp = 1.001, slippage cost 10.01); mark at 105;
// sell at open 110 with 10 bps (fill 109.89, fee 1.0989, slippage cost 10.989).
TEST(Portfolio, RoundTripKnownAnswerChargesTheFeeOnlyInCash) {
    Portfolio portfolio(100'000.0);
    const Position& position =
        portfolio.open(entry_fill(1, 100.0, 100.0, 10.0, 1.0, kDay1, 1), details(95.0));
    EXPECT_DOUBLE_EQ(position.entry_price, 100.1);
    EXPECT_DOUBLE_EQ(position.entry_cost_charged, 1.001);
    EXPECT_DOUBLE_EQ(portfolio.cash(), 100'000.0 - 10'010.0 - 1.001);
    EXPECT_DOUBLE_EQ(portfolio.equity(), 100'000.0 - 1.001);
    EXPECT_DOUBLE_EQ(portfolio.gross_exposure(), 10'010.0);

    portfolio.mark(1, 105.0, kDay1);
    EXPECT_DOUBLE_EQ(portfolio.equity(), 100'000.0 - 10'010.0 - 1.001 + 10'500.0);
    EXPECT_NEAR(portfolio.unrealized_pnl(), 490.0 - 1.001, 1e-9);  // (105 − 100.1) is not exact

    const backtest::TradeRecord trade = portfolio.close(exit_fill(1, 110.0, 100.0, 10.0, 1.0, kDay2, 2),
                                                        backtest::ExitReason::TrailingMaCross);
    EXPECT_DOUBLE_EQ(trade.exit_price, 109.89);
    EXPECT_NEAR(trade.realized_pnl, 979.0 - 1.001 - 1.0989, 1e-9);
    EXPECT_DOUBLE_EQ(trade.entry_slippage_cost, 10.01);
    EXPECT_DOUBLE_EQ(trade.exit_slippage_cost, 10.989);
    EXPECT_DOUBLE_EQ(trade.exit_fee, 1.0989);
    EXPECT_EQ(trade.trade_id, 1u);
    EXPECT_EQ(trade.entry_fill_id, 1u);
    EXPECT_EQ(trade.exit_fill_id, 2u);
    EXPECT_EQ(trade.exit_reason, backtest::ExitReason::TrailingMaCross);
    EXPECT_EQ(trade.holding_days(), 3);
    EXPECT_NEAR(portfolio.cash(), 100'000.0 + 979.0 - 1.001 - 1.0989, 1e-9);
    EXPECT_DOUBLE_EQ(portfolio.equity(), portfolio.cash());
    EXPECT_DOUBLE_EQ(portfolio.realized_pnl(), trade.realized_pnl);
    EXPECT_EQ(portfolio.position_count(), 0u);
    EXPECT_LT(portfolio.check_accounting(), 1e-9);
}

TEST(Portfolio, ReferenceCostRuleChargesSlippageASecondTime) {
    const auto rule = execution::CostRule::Reference;
    Portfolio portfolio(100'000.0, 8, rule);
    portfolio.open(entry_fill(1, 100.0, 100.0, 10.0, 1.0, kDay1, 1, rule), details(95.0));
    EXPECT_DOUBLE_EQ(portfolio.cash(), 100'000.0 - 10'010.0 - 1.001 - 10.01);
    const auto trade = portfolio.close(exit_fill(1, 110.0, 100.0, 10.0, 1.0, kDay2, 2, rule),
                                       backtest::ExitReason::HardStop);
    EXPECT_NEAR(trade.realized_pnl, 979.0 - (1.001 + 10.01) - (1.0989 + 10.989), 1e-9);
    EXPECT_NEAR(portfolio.cash(), 100'000.0 + trade.realized_pnl, 1e-9);
    EXPECT_LT(portfolio.check_accounting(), 1e-9);
}

TEST(Portfolio, AMissingBarKeepsTheLastKnownCloseNotTheEntryPrice) {
    Portfolio portfolio(100'000.0);
    portfolio.open(entry_fill(1, 100.0, 10.0, 0.0, 0.0, kDay1, 1), details(90.0));
    portfolio.open(entry_fill(2, 50.0, 10.0, 0.0, 0.0, kDay1, 2), details(45.0));
    const double cash = portfolio.cash();
    portfolio.mark_to_market(kDay1, [](data::SymbolId id) { return id == 1 ? 104.0 : 52.0; });
    EXPECT_DOUBLE_EQ(portfolio.equity(), cash + 1040.0 + 520.0);
    portfolio.mark_to_market(kDay2, [](data::SymbolId id) { return id == 1 ? kNaN : 55.0; });  // no bar for 1
    EXPECT_EQ(portfolio.find(1)->last_mark, 104.0);
    EXPECT_EQ(portfolio.find(1)->last_mark_date, kDay1);
    EXPECT_EQ(portfolio.find(2)->last_mark_date, kDay2);
    EXPECT_DOUBLE_EQ(portfolio.equity(), cash + 1040.0 + 550.0);
    EXPECT_DOUBLE_EQ(portfolio.unrealized_pnl(), 40.0 + 50.0);  // both positions, stale mark included
    EXPECT_EQ(portfolio.cash(), cash);
}

TEST(Portfolio, NegativeEquityIsReportedNotClamped) {
    Portfolio portfolio(1'000.0);
    portfolio.open(entry_fill(1, 100.0, 50.0, 0.0, 0.0, kDay1, 1),
                   details(90.0));  // sizing's job to stop this
    EXPECT_DOUBLE_EQ(portfolio.cash(), -4'000.0);
    portfolio.mark(1, 40.0, kDay2);
    EXPECT_DOUBLE_EQ(portfolio.equity(), -2'000.0);
    EXPECT_LT(portfolio.check_accounting(), 1e-9);
}

TEST(Portfolio, RejectsWhatTheAccountingCannotRepresent) {
    Portfolio portfolio(100'000.0);
    portfolio.open(entry_fill(1, 100.0, 10.0, 0.0, 1.0, kDay1, 1), details(90.0));
    EXPECT_THROW(portfolio.open(entry_fill(1, 100.0, 10.0, 0.0, 1.0, kDay2, 2), details(90.0)),
                 std::invalid_argument);  // already held
    EXPECT_THROW(portfolio.open(entry_fill(2, 100.0, 10.0, 0.0, 1.0, kDay2, 3), details(100.0)),
                 std::invalid_argument);  // stop not below the fill
    EntryDetails no_adv = details(90.0);
    no_adv.adv20_at_entry = 0.0;
    EXPECT_THROW(portfolio.open(entry_fill(2, 100.0, 10.0, 0.0, 1.0, kDay2, 4), no_adv),
                 std::invalid_argument);
    EXPECT_THROW(portfolio.open(entry_fill(2, 100.0, 2.5, 0.0, 1.0, kDay2, 5), details(90.0)),
                 std::invalid_argument);  // fractional units
    execution::Fill short_entry = entry_fill(2, 100.0, 10.0, 0.0, 1.0, kDay2, 6);
    short_entry.side = execution::Side::Sell;
    EXPECT_THROW(portfolio.open(short_entry, details(90.0)), std::invalid_argument);
    EXPECT_THROW(
        portfolio.close(exit_fill(2, 100.0, 10.0, 0.0, 1.0, kDay2, 7), backtest::ExitReason::HardStop),
        std::invalid_argument);  // nothing held
    EXPECT_THROW(
        portfolio.close(exit_fill(1, 100.0, 5.0, 0.0, 1.0, kDay2, 8), backtest::ExitReason::HardStop),
        std::invalid_argument);  // partial
    EXPECT_THROW(
        portfolio.close(entry_fill(1, 100.0, 10.0, 0.0, 1.0, kDay2, 9), backtest::ExitReason::HardStop),
        std::invalid_argument);  // not an exit
    EXPECT_THROW(portfolio.mark(7, 10.0, kDay2), std::invalid_argument);
    EXPECT_EQ(portfolio.position_count(), 1u);
    EXPECT_LT(portfolio.check_accounting(), 1e-9);
}

TEST(Portfolio, StopsOnlyMoveToReduceRiskAndTighteningIsFlagged) {
    Portfolio portfolio(100'000.0);
    portfolio.open(entry_fill(1, 100.0, 10.0, 0.0, 0.0, kDay1, 1), details(90.0));
    EXPECT_FALSE(portfolio.update_stop(1, 85.0, false));
    EXPECT_FALSE(portfolio.update_stop(1, 90.0, false));
    EXPECT_TRUE(portfolio.update_stop(1, 92.0, false));
    EXPECT_FALSE(portfolio.find(1)->tightened_stop);
    EXPECT_TRUE(portfolio.update_stop(1, 94.0, true));
    EXPECT_TRUE(portfolio.find(1)->tightened_stop);
    EXPECT_EQ(portfolio.find(1)->stop_price, 94.0);
    EXPECT_EQ(portfolio.find(1)->initial_stop_price, 90.0);
    EXPECT_FALSE(portfolio.update_stop(2, 99.0, false));
    const auto trade =
        portfolio.close(exit_fill(1, 95.0, 10.0, 0.0, 0.0, kDay2, 2), backtest::ExitReason::HardStop);
    EXPECT_EQ(trade.stop_price, 94.0);
    EXPECT_EQ(trade.initial_stop_price, 90.0);
    EXPECT_DOUBLE_EQ(trade.r_multiple(), -0.5);  // (95 − 100) / (100 − 90)
}

TEST(Portfolio, ReservedCashOnlyReducesAvailableCash) {
    Portfolio portfolio(100'000.0);
    portfolio.reserve_cash(10'100.0);
    portfolio.reserve_cash(5'050.0);
    EXPECT_DOUBLE_EQ(portfolio.available_cash(), 100'000.0 - 15'150.0);
    EXPECT_DOUBLE_EQ(portfolio.equity(), 100'000.0);
    portfolio.release_cash(10'100.0);
    EXPECT_DOUBLE_EQ(portfolio.reserved_cash(), 5'050.0);
    EXPECT_THROW(portfolio.release_cash(6'000.0), std::invalid_argument);
    EXPECT_THROW(portfolio.reserve_cash(-1.0), std::invalid_argument);
    portfolio.release_cash(5'050.0);
    EXPECT_EQ(portfolio.reserved_cash(), 0.0);
}

TEST(Portfolio, CountsPositionsPerAssetClass) {
    Portfolio portfolio(100'000.0);
    portfolio.open(entry_fill(1, 100.0, 10.0, 0.0, 0.0, kDay1, 1), details(90.0));
    execution::Fill crypto = entry_fill(2, 30.0, 10.0, 0.0, 0.0, kDay1, 2);
    crypto.asset_class = AssetClass::Crypto;
    portfolio.open(crypto, details(25.0));
    EXPECT_EQ(portfolio.position_count(AssetClass::Equity), 1u);
    EXPECT_EQ(portfolio.position_count(AssetClass::Crypto), 1u);
    EXPECT_TRUE(portfolio.holds(2));
    EXPECT_FALSE(portfolio.holds(3));
}

TEST(Portfolio, SnapshotOfAnOpenPositionIsMarkedToMarket) {
    Portfolio portfolio(100'000.0);
    portfolio.open(entry_fill(1, 100.0, 10.0, 0.0, 1.0, kDay1, 1), details(90.0));
    portfolio.mark(1, 120.0, kDay3);
    const auto record = portfolio.snapshot(*portfolio.find(1));
    EXPECT_EQ(record.exit_date, kDay3);
    EXPECT_EQ(record.exit_price, 120.0);
    EXPECT_EQ(record.exit_reason, backtest::ExitReason::EndOfPeriod);
    EXPECT_DOUBLE_EQ(record.realized_pnl, 200.0 - 0.1);
    EXPECT_EQ(record.trade_id, 0u);
}

// Spec 01 Errata F1: inside the reference's fill handler, cash still carries every reservation of the
// day (this order's included) and this fill is not yet settled; positions are at their entry prices.
TEST(Portfolio, ReferenceValuationAfterEntryReproducesTheHalfUpdatedEquity) {
    Portfolio portfolio(100'000.0);
    portfolio.open(entry_fill(1, 100.0, 100.0, 0.0, 0.0, kDay1, 1), details(90.0));
    portfolio.mark(1, 110.0, kDay1);  // the reference values it at entry (100) here
    // Three orders of 12,000 reserved with the 1 % buffer; the first fills at 120 × 100.
    for (int k = 0; k < 3; ++k) portfolio.reserve_cash(12'120.0);
    const auto fill = entry_fill(2, 120.0, 100.0, 0.0, 0.0, kDay2, 2);
    portfolio.open(fill, details(110.0));
    const ReferenceValuation v = portfolio.reference_valuation_after_entry(fill);
    // cash 90,000 − 36,360 reserved, + 10,000 + 12,000 at entry prices.
    EXPECT_DOUBLE_EQ(v.equity, 90'000.0 - 36'360.0 + 22'000.0);
    EXPECT_DOUBLE_EQ(v.gross_exposure, 22'000.0);
    EXPECT_EQ(check_fill_limits_reference(v, 12'000.0, config::RiskConfig{}),
              FillLimitCheck::PositionNotional);
    EXPECT_THROW(portfolio.reference_valuation_after_entry(entry_fill(3, 1.0, 1.0, 0.0, 0.0, kDay2, 3)),
                 std::logic_error);
}

// Random buys, sells, marks and reservations: the accounting identity after every operation, realized
// P&L equal to the sum of the trade records, and cash untouched by marks.
void run_random_accounting(std::uint64_t seed, execution::CostRule rule) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> price(0.5, 800.0);
    std::uniform_real_distribution<double> move(0.7, 1.3);
    std::uniform_real_distribution<double> bps(0.0, 60.0);
    std::uniform_int_distribution<int> quantity(1, 200);
    std::uniform_int_distribution<int> symbol(0, 11);
    std::uniform_int_distribution<int> operation(0, 9);
    Portfolio portfolio(100'000.0, 16, rule);
    double record_pnl = 0.0;
    std::uint64_t fill_id = 1;
    Date day = make_date(2024, 1, 2);
    for (int step = 0; step < 2000; ++step) {
        const auto id = static_cast<data::SymbolId>(symbol(rng));
        const int op = operation(rng);
        const double fee = (id % 2 == 0) ? 1.0 : 8.0;
        if (op <= 3 && !portfolio.holds(id)) {
            const double open = price(rng);
            portfolio.open(entry_fill(id, open, quantity(rng), bps(rng), fee, day, fill_id++, rule),
                           details(open * 0.9));
        } else if (op <= 5 && portfolio.holds(id)) {
            const Position& held = *portfolio.find(id);
            const double open = held.last_mark * move(rng);
            record_pnl += portfolio
                              .close(exit_fill(id, open, held.quantity, bps(rng), fee, day, fill_id++, rule),
                                     backtest::ExitReason::TrailingMaCross)
                              .realized_pnl;
        } else if (op <= 8) {
            const double cash = portfolio.cash();
            portfolio.mark_to_market(day, [&](data::SymbolId s) {
                const Position* p = portfolio.find(s);
                return static_cast<int>(s % 5) == step % 5
                           ? kNaN
                           : p->last_mark * move(rng);  // some symbols have no bar
            });
            ASSERT_EQ(portfolio.cash(), cash) << "a mark moved cash at step " << step;
            day += std::chrono::days{1};
        } else {
            const double amount = std::floor(price(rng));
            portfolio.reserve_cash(amount);
            const double equity = portfolio.equity();
            portfolio.release_cash(amount);
            ASSERT_EQ(portfolio.equity(), equity);
        }
        ASSERT_NEAR(portfolio.equity(), portfolio.cash() + holdings_value(portfolio), 1e-9)
            << "step " << step;
        ASSERT_LT(portfolio.accounting_check().equity_gap, 1e-9) << "step " << step;
        ASSERT_LT(portfolio.accounting_check().exposure_gap, 1e-9) << "step " << step;
        // Two long running sums of the same flows: equal up to accumulated rounding.
        ASSERT_LT(portfolio.accounting_check().pnl_gap, 1e-8) << "step " << step;
        ASSERT_NEAR(portfolio.realized_pnl(), record_pnl, 1e-9) << "step " << step;
    }
    EXPECT_GT(portfolio.closed_trades(), 100u);
}

TEST(PortfolioProperty, AccountingIdentityHoldsUnderRandomTrading) {
    for (std::uint64_t seed : {1u, 2u, 3u, 42u, 2024u}) {
        SCOPED_TRACE(seed);
        run_random_accounting(seed, execution::CostRule::TradeLab);
        run_random_accounting(seed, execution::CostRule::Reference);
    }
}

// ---- volatility scaling -----------------------------------------------------------------------------

config::VolatilityScalingConfig vol_config(int lookback, int baseline, config::VolScalingMode mode) {
    config::VolatilityScalingConfig config;
    config.lookback = lookback;
    config.baseline_lookback = baseline;
    config.mode = mode;
    config.min_multiplier = 0.2;
    config.max_multiplier = 1.0;
    return config;
}

// Equity curve from returns, starting at 100.
std::vector<double> equity_from_returns(const std::vector<double>& returns) {
    std::vector<double> equity;
    double e = 100.0;
    for (const double r : returns) equity.push_back(e *= 1.0 + r);
    return equity;
}

// Returns 0.01, −0.01, 0.01, 0.03, −0.03. With lookback 2 (annualisation 1) the window vols are
// |a − b| / 2: 0.01, 0.01, 0.01, 0.03. After five returns and a baseline of four returns, the windows
// inside are 0.01, 0.01, 0.03 (median 0.01); vol 0.03 -> ratio 3 -> m = 1/3.
const std::vector<double> kHandReturns{0.01, -0.01, 0.01, 0.03, -0.03};

TEST(VolatilityScaler, HandCheckedContinuousCase) {
    VolatilityScaler scaler(vol_config(2, 4, config::VolScalingMode::Continuous), 100.0, 1.0);
    const auto equity = equity_from_returns(kHandReturns);
    scaler.update(equity[0]);
    EXPECT_EQ(scaler.multiplier(), 1.0);  // one return < lookback
    EXPECT_TRUE(std::isnan(scaler.volatility()));
    for (std::size_t k = 1; k < 4; ++k) {
        scaler.update(equity[k]);
        EXPECT_NEAR(scaler.volatility(), 0.01, 1e-12);
    }
    EXPECT_NEAR(scaler.baseline_volatility(), 0.01, 1e-12);
    EXPECT_NEAR(scaler.multiplier(), 1.0, 1e-12);
    scaler.update(equity[4]);
    EXPECT_NEAR(scaler.volatility(), 0.03, 1e-12);
    EXPECT_NEAR(scaler.baseline_volatility(), 0.01, 1e-12);
    EXPECT_NEAR(scaler.multiplier(), 1.0 / 3.0, 1e-9);
    EXPECT_EQ(scaler.return_count(), 5u);
}

TEST(VolatilityScaler, MedianOfAnEvenNumberOfWindowsAveragesTheMiddlePair) {
    // Returns 0, 0.02, 0.06, 0, 0.1: window vols 0.01, 0.02, 0.03, 0.05; median (0.02 + 0.03) / 2.
    VolatilityScaler scaler(vol_config(2, 5, config::VolScalingMode::Continuous), 100.0, 1.0);
    for (const double e : equity_from_returns({0.0, 0.02, 0.06, 0.0, 0.1})) scaler.update(e);
    EXPECT_NEAR(scaler.baseline_volatility(), 0.025, 1e-12);
    EXPECT_NEAR(scaler.multiplier(), 0.5, 1e-9);
}

TEST(VolatilityScaler, RegimeHalvesAboveTwiceTheBaseline) {
    VolatilityScaler regime(vol_config(2, 4, config::VolScalingMode::Regime), 100.0, 1.0);
    const auto equity = equity_from_returns(kHandReturns);
    for (std::size_t k = 0; k < 4; ++k) regime.update(equity[k]);
    EXPECT_EQ(regime.multiplier(), 1.0);  // ratio 1
    regime.update(equity[4]);
    EXPECT_EQ(regime.multiplier(), 0.5);  // ratio 3
}

TEST(VolatilityScaler, OffAndDisabledAlwaysGiveOne) {
    VolatilityScaler off(vol_config(2, 4, config::VolScalingMode::Off), 100.0, 1.0);
    auto disabled_config = vol_config(2, 4, config::VolScalingMode::Continuous);
    disabled_config.enabled = false;
    VolatilityScaler disabled(disabled_config, 100.0, 1.0);
    for (const double e : equity_from_returns(kHandReturns)) {
        off.update(e);
        disabled.update(e);
    }
    EXPECT_EQ(off.multiplier(), 1.0);
    EXPECT_EQ(disabled.multiplier(), 1.0);
    EXPECT_NEAR(off.volatility(), 0.03, 1e-12);  // still reported
}

TEST(VolatilityScaler, MultiplierStaysWithinTheConfiguredBounds) {
    auto config = vol_config(2, 4, config::VolScalingMode::Continuous);
    config.min_multiplier = 0.4;
    config.max_multiplier = 0.8;
    VolatilityScaler scaler(config, 100.0, 1.0);
    const auto equity = equity_from_returns(kHandReturns);
    for (std::size_t k = 0; k < 4; ++k) scaler.update(equity[k]);
    EXPECT_EQ(scaler.multiplier(), 0.8);  // 1.0 clipped to the maximum
    scaler.update(equity[4]);
    EXPECT_EQ(scaler.multiplier(), 0.4);  // 1/3 clipped to the minimum
}

TEST(VolatilityScaler, ReferenceLagSeesOneReturnFewer) {
    auto config = vol_config(2, 4, config::VolScalingMode::Continuous);
    VolatilityScaler tradelab(config, 100.0, 1.0);
    VolatilityScaler reference(config, 100.0, 1.0, VolScalingRule::Reference);
    const auto equity = equity_from_returns({0.01, -0.01, 0.01, 0.03, -0.03, 0.0});
    tradelab.update(equity[0]);
    tradelab.update(equity[1]);
    reference.update(equity[0]);
    reference.update(equity[1]);
    EXPECT_FALSE(std::isnan(tradelab.volatility()));
    EXPECT_TRUE(std::isnan(reference.volatility()));  // the k-th update sees k − 1 returns
    double previous_tradelab = tradelab.multiplier();
    for (std::size_t k = 2; k < equity.size(); ++k) {
        tradelab.update(equity[k]);
        reference.update(equity[k]);
        EXPECT_EQ(reference.multiplier(), previous_tradelab) << k;
        previous_tradelab = tradelab.multiplier();
    }
}

// Naive recomputation of the whole rule from the full return list (spec 01 §10.1).
double naive_multiplier(const std::vector<double>& returns, std::size_t lookback, std::size_t baseline,
                        double ann, double* vol_out, double* median_out) {
    const auto pstdev = [&](std::size_t end) {
        const double mean = std::accumulate(returns.begin() + static_cast<long>(end - lookback),
                                            returns.begin() + static_cast<long>(end), 0.0) /
                            static_cast<double>(lookback);
        double sq = 0.0;
        for (std::size_t k = end - lookback; k < end; ++k) sq += (returns[k] - mean) * (returns[k] - mean);
        return std::sqrt(sq / static_cast<double>(lookback)) * std::sqrt(ann);
    };
    const std::size_t n = returns.size();
    if (n < lookback) return 1.0;
    const double vol = pstdev(n);
    std::vector<double> rolling;
    const std::size_t start = n - std::min(baseline, n);
    for (std::size_t end = start + lookback; end <= n; ++end) rolling.push_back(pstdev(end));
    std::sort(rolling.begin(), rolling.end());
    const std::size_t m = rolling.size();
    const double median = m % 2 == 1 ? rolling[m / 2] : (rolling[m / 2 - 1] + rolling[m / 2]) / 2.0;
    *vol_out = vol;
    *median_out = median;
    const double ratio = median > 0.0 ? vol / median : 1.0;
    return std::clamp(1.0 / std::max(ratio, 1.0), 0.33, 1.0);
}

TEST(VolatilityScaler, MatchesANaiveRecomputationOverALongCurve) {
    config::VolatilityScalingConfig config;  // continuous 20 / 252 / 0.33 / 1.0
    VolatilityScaler scaler(config, 100'000.0, 252.0);
    Random rng(11);
    std::vector<double> returns;
    double equity = 100'000.0;
    int scaled_days = 0;
    for (int day = 0; day < 700; ++day) {
        const double sigma = day % 200 < 150 ? 0.005 : 0.02;  // calm and turbulent stretches
        const double next = equity * (1.0 + sigma * rng.normal());
        returns.push_back(next / equity - 1.0);
        equity = next;
        scaler.update(equity);
        double vol = kNaN;
        double median = kNaN;
        const double expected = naive_multiplier(returns, 20, 252, 252.0, &vol, &median);
        ASSERT_NEAR(scaler.multiplier(), expected, 1e-9) << day;
        if (returns.size() >= 20) {
            ASSERT_NEAR(scaler.volatility(), vol, 1e-12) << day;
            ASSERT_NEAR(scaler.baseline_volatility(), median, 1e-12) << day;
        }
        scaled_days += scaler.multiplier() < 1.0 ? 1 : 0;
    }
    EXPECT_GT(scaled_days, 50);
}

TEST(VolatilityScaler, ResetStartsANewPeriod) {
    VolatilityScaler scaler(vol_config(2, 4, config::VolScalingMode::Continuous), 100.0, 1.0);
    for (const double e : equity_from_returns(kHandReturns)) scaler.update(e);
    scaler.reset(100.0);
    EXPECT_EQ(scaler.multiplier(), 1.0);
    EXPECT_EQ(scaler.return_count(), 0u);
    EXPECT_TRUE(std::isnan(scaler.volatility()));
}

TEST(VolatilityScaler, NonPositiveEquityGivesMaximumCaution) {
    VolatilityScaler scaler(vol_config(2, 4, config::VolScalingMode::Continuous), 100.0, 1.0);
    scaler.update(50.0);
    scaler.update(-10.0);
    scaler.update(20.0);  // return after a negative equity: undefined
    EXPECT_EQ(scaler.multiplier(), 0.2);
}

TEST(VolatilityScaler, RejectsInconsistentConfig) {
    EXPECT_THROW(VolatilityScaler(vol_config(0, 4, config::VolScalingMode::Continuous), 100.0, 252.0),
                 std::invalid_argument);
    EXPECT_THROW(VolatilityScaler(vol_config(20, 10, config::VolScalingMode::Continuous), 100.0, 252.0),
                 std::invalid_argument);
    auto bounds = vol_config(20, 252, config::VolScalingMode::Continuous);
    bounds.min_multiplier = 1.2;
    EXPECT_THROW(VolatilityScaler(bounds, 100.0, 252.0), std::invalid_argument);
    EXPECT_THROW(VolatilityScaler(config::VolatilityScalingConfig{}, 100.0, 0.0), std::invalid_argument);
}

// ---- correlation guard ------------------------------------------------------------------------------

TEST(CorrelationGuard, DecisionRule) {
    const CorrelationGuard guard(config::CorrelationGuardConfig{});  // 4 / 0.70 / 0.75
    EXPECT_EQ(guard.decide(3, 0.9, 0.9).reason, GuardReason::TooFewPositions);
    EXPECT_EQ(guard.decide(4, kNaN, 0.9).reason, GuardReason::PortfolioCorrelationUndefined);
    EXPECT_EQ(guard.decide(4, 0.70, 0.9).reason, GuardReason::PortfolioBelowThreshold);  // strictly above
    EXPECT_EQ(guard.decide(4, 0.71, kNaN).reason, GuardReason::CandidateCorrelationUndefined);
    EXPECT_EQ(guard.decide(4, 0.71, 0.75).reason, GuardReason::CandidateBelowThreshold);
    const GuardDecision rejected = guard.decide(4, 0.71, 0.76);
    EXPECT_FALSE(rejected.allowed);
    EXPECT_EQ(rejected.reason, GuardReason::CorrelatedWithPortfolio);
    EXPECT_EQ(to_string(rejected.reason), "correlated_with_portfolio");
    for (const auto& d : {guard.decide(3, 0.9, 0.9), guard.decide(4, 0.71, 0.75)}) EXPECT_TRUE(d.allowed);
}

TEST(CorrelationGuard, ConfigBlockIsHonoured) {
    config::CorrelationGuardConfig config;
    config.min_positions = 2;
    config.avg_pairwise_threshold = 0.5;
    config.candidate_threshold = 0.6;
    const CorrelationGuard guard(config);
    EXPECT_FALSE(guard.decide(2, 0.55, 0.65).allowed);
    config.enabled = false;
    const CorrelationGuard disabled(config);
    EXPECT_EQ(disabled.decide(8, 0.99, 0.99).reason, GuardReason::Disabled);
    EXPECT_TRUE(disabled.decide(8, 0.99, 0.99).allowed);
    // The reference ran the guard whatever the block said.
    EXPECT_FALSE(CorrelationGuard::reference().decide(4, 0.71, 0.76).allowed);
    EXPECT_TRUE(CorrelationGuard::reference().config().enabled);
}

// Rows of a 20-day window: `rows` positions that move together (a common factor plus small noise).
std::vector<double> correlated_rows(std::size_t rows, std::size_t days, std::uint64_t seed, double noise) {
    Random rng(seed);
    std::vector<double> common(days);
    for (double& c : common) c = rng.normal(0.0, 0.01);
    std::vector<double> values;
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t d = 0; d < days; ++d) values.push_back(common[d] + noise * rng.normal(0.0, 0.01));
    return values;
}

TEST(CorrelationGuard, EvaluatesDateAlignedReturnWindows) {
    CorrelationGuard guard(config::CorrelationGuardConfig{});
    // Five rows from one factor: four held positions, and a candidate sharing the factor.
    const auto values = correlated_rows(5, 20, 3, 0.2);
    const indicators::ReturnWindow held{std::span<const double>(values).first(80), 4, 20};
    const std::span<const double> candidate = std::span<const double>(values).subspan(80, 20);

    EXPECT_GT(guard.update(4, held), 0.9);
    const GuardDecision correlated = guard.evaluate(4, candidate, held);
    EXPECT_FALSE(correlated.allowed);
    EXPECT_GT(correlated.candidate_correlation, 0.9);

    std::vector<double> opposite(candidate.begin(), candidate.end());
    for (double& r : opposite) r = -r;
    EXPECT_TRUE(guard.evaluate(4, opposite, held).allowed);

    std::vector<double> short_history(20, kNaN);
    std::copy(candidate.end() - 5, candidate.end(), short_history.end() - 5);  // 5 < 10 returns
    EXPECT_EQ(guard.evaluate(4, short_history, held).reason, GuardReason::CandidateCorrelationUndefined);

    // Three positions: no average, guard inactive.
    const indicators::ReturnWindow three{std::span<const double>(values).first(60), 3, 20};
    EXPECT_TRUE(std::isnan(guard.update(3, three)));
    EXPECT_EQ(guard.evaluate(3, candidate, three).reason, GuardReason::TooFewPositions);

    // Uncorrelated positions: the portfolio check already allows.
    const auto independent = correlated_rows(4, 20, 5, 50.0);
    const indicators::ReturnWindow loose{independent, 4, 20};
    EXPECT_LT(guard.update(4, loose), 0.7);
    EXPECT_EQ(guard.evaluate(4, candidate, loose).reason, GuardReason::PortfolioBelowThreshold);
}

// ---- the per-day path -------------------------------------------------------------------------------

// A year of days through every building block the daily loop calls: sizing, slippage draws (normal and
// replay), fills, opens, marks, stop updates, closes, volatility scaling and the correlation guard.
TEST(HotPath, DailyCycleAllocatesNothingAfterConstruction) {
    const std::size_t at_start = g_allocations.load();
    Portfolio portfolio(100'000.0, 16);
    ASSERT_GT(g_allocations.load(), at_start) << "the allocation counter is not active";
    VolatilityScaler scaler(config::VolatilityScalingConfig{}, 100'000.0, 252.0);
    CorrelationGuard guard(config::CorrelationGuardConfig{});
    execution::NormalSlippage normal(config::CostsConfig{}, 42);
    execution::ReplayTable table;
    table.add("S0", execution::ReplaySide::Entry, make_date(2024, 1, 2), 3.5);
    execution::ReplaySlippage replay(std::move(table), {"S0", "S1", "S2", "S3", "S4", "S5"},
                                     execution::MissingReplay::ZeroAndCount);
    execution::FillIdSequence ids;
    const auto returns = correlated_rows(6, 20, 9, 0.3);
    const indicators::ReturnWindow held{std::span<const double>(returns).first(100), 5, 20};
    const std::span<const double> candidate = std::span<const double>(returns).subspan(100, 20);
    const config::RiskConfig risk;
    double prices[6] = {100.0, 50.0, 20.0, 300.0, 75.0, 10.0};
    double pnl = 0.0;
    Date day = make_date(2024, 1, 2);

    const std::size_t before = g_allocations.load();
    for (int step = 0; step < 365; ++step, day += std::chrono::days{1}) {
        const auto symbol = static_cast<data::SymbolId>(step % 6);
        for (double& p : prices) p *= step % 2 == 0 ? 1.01 : 0.995;
        if (portfolio.holds(symbol)) {
            execution::FillContext context;
            context.symbol = symbol;
            context.side = execution::Side::Sell;
            context.is_entry = false;
            context.execution_date = day;
            context.open_price = prices[symbol];
            context.quantity = portfolio.find(symbol)->quantity;
            pnl += portfolio
                       .close(execution::simulate_fill(replay, context, 1.0, ids),
                              backtest::ExitReason::HardStop)
                       .realized_pnl;
        } else {
            SizingRequest r;
            r.equity = portfolio.equity();
            r.available_cash = portfolio.available_cash();
            r.gross_exposure = portfolio.gross_exposure();
            r.entry_price = prices[symbol];
            r.stop_price = prices[symbol] * 0.95;
            r.risk_multiplier = scaler.multiplier();
            const SizingResult size = size_position(r, risk);
            const GuardDecision decision = guard.evaluate(portfolio.position_count(), candidate, held);
            if (size.quantity >= 1.0 && decision.allowed) {
                execution::FillContext context;
                context.symbol = symbol;
                context.execution_date = day;
                context.open_price = prices[symbol];
                context.quantity = size.quantity;
                context.adv20 = 1e8;
                portfolio.open(execution::simulate_fill(normal, context, 1.0, ids),
                               details(prices[symbol] * 0.9));
            }
        }
        portfolio.mark_to_market(day, [&](data::SymbolId s) { return prices[s]; });
        for (const Position& p : portfolio.positions())
            portfolio.update_stop(p.symbol, p.last_mark * 0.9, false);
        scaler.update(portfolio.equity());
        guard.update(portfolio.position_count(), held);
    }
    const std::size_t allocations = g_allocations.load() - before;

    EXPECT_EQ(allocations, 0u);
    EXPECT_GT(portfolio.closed_trades(), 50u);
    EXPECT_NEAR(portfolio.realized_pnl(), pnl, 1e-6);
}

// ---- run result helpers -----------------------------------------------------------------------------

TEST(RunResult, ExitReasonNamesMatchTheReferenceLog) {
    EXPECT_EQ(backtest::to_string(backtest::ExitReason::HardStop), "hard_stop");
    EXPECT_EQ(backtest::to_string(backtest::ExitReason::TrailingMaCross), "trailing_ma_cross");
    EXPECT_EQ(backtest::to_string(backtest::ExitReason::DataMissing), "data_missing");
    EXPECT_EQ(backtest::to_string(backtest::ExitReason::Manual), "manual");
    EXPECT_EQ(backtest::to_string(backtest::ExitReason::EndOfPeriod), "end_of_period");
    EXPECT_EQ(backtest::to_string(backtest::ExitReason::CapacityReject), "capacity_reject");
}

TEST(RunResult, RMultipleUsesFillPricesAndTheInitialStop) {
    backtest::TradeRecord trade;
    // The reference's GOOGL trade: R 1.9876155134002649.
    trade.entry_price = 158.04036083608173;
    trade.exit_price = 171.73910455009917;
    trade.initial_stop_price = 151.14831173419952;
    EXPECT_NEAR(trade.r_multiple(), 1.9876155134002649, 1e-12);
    trade.initial_stop_price = trade.entry_price;
    EXPECT_TRUE(std::isnan(trade.r_multiple()));
    trade.is_short = true;
    trade.entry_price = 100.0;
    trade.initial_stop_price = 110.0;
    trade.exit_price = 90.0;
    EXPECT_DOUBLE_EQ(trade.r_multiple(), 1.0);
}

TEST(RunResult, DigestHashesTheCanonicalText) {
    EXPECT_EQ(backtest::fnv1a64_hex(""), "cbf29ce484222325");
    EXPECT_EQ(backtest::fnv1a64_hex("a"), "af63dc4c8601ec8c");
    backtest::RunResult result;
    result.starting_equity = 100'000.0;
    EXPECT_EQ(backtest::canonical_text(result), "final_equity,100000.00\n");
    backtest::TradeRecord trade;
    trade.symbol_name = "GOOGL";
    trade.entry_date = make_date(2024, 4, 12);
    trade.exit_date = make_date(2024, 5, 31);
    trade.quantity = 90.0;
    trade.entry_price = 158.04036083608173;
    trade.exit_price = 171.73910455009917;
    result.trades.push_back(trade);
    backtest::EquityPoint point;
    point.equity = 101'211.814999;
    result.equity_curve.push_back(point);
    const std::string text = backtest::canonical_text(result);
    EXPECT_EQ(text,
              "GOOGL,2024-04-12,2024-05-31,90.00000000,158.04036084,171.73910455\n"
              "final_equity,101211.81\n");
    EXPECT_EQ(result.digest(), backtest::fnv1a64_hex(text));
    EXPECT_EQ(result.digest().size(), 16u);
    result.equity_curve.back().equity = -0.001;  // no "-0.00"
    EXPECT_NE(backtest::canonical_text(result).find("final_equity,0.00\n"), std::string::npos);
    const std::string before = result.digest();
    result.trades.back().quantity = 91.0;
    EXPECT_NE(result.digest(), before);
}

}  // namespace
}  // namespace tradelab::portfolio
