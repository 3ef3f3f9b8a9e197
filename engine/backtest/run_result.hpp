#pragma once
// What one run produces: the daily equity curve, the closed trades in closing order, and a digest
// that identifies the result (same scenario, same data => same digest, on any thread or machine).
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "core/asset_class.hpp"
#include "core/date.hpp"
#include "data/market_data.hpp"

namespace tradelab::backtest {

enum class ExitReason { HardStop, TrailingMaCross, DataMissing, CapacityReject, Manual, EndOfPeriod };

std::string_view to_string(ExitReason reason);

// One closed round trip. Prices are fill prices (slippage included); costs are in currency.
struct TradeRecord {
    std::uint32_t trade_id = 0;  // 1-based, in closing order
    data::SymbolId symbol = 0;
    std::string symbol_name;
    AssetClass asset_class = AssetClass::Equity;
    bool is_short = false;   // always false until the engine trades shorts
    int strategy_index = 0;  // position of the owning strategy in the run config
    Date entry_date{};
    Date exit_date{};
    double entry_price = 0.0;
    double exit_price = 0.0;
    double quantity = 0.0;  // whole units, stored as double for arithmetic
    std::uint64_t entry_fill_id = 0;
    std::uint64_t exit_fill_id = 0;
    double realized_pnl = 0.0;
    double entry_slippage_bps = 0.0;
    double entry_fee_bps = 0.0;
    double entry_fee = 0.0;
    double entry_slippage_cost = 0.0;
    double exit_slippage_bps = 0.0;
    double exit_fee_bps = 0.0;
    double exit_fee = 0.0;
    double exit_slippage_cost = 0.0;
    double initial_stop_price = 0.0;
    double stop_price = 0.0;  // final stop
    ExitReason exit_reason = ExitReason::HardStop;
    int triggered_on = 0;  // breakout window that triggered the entry (20 or 55 with defaults)
    double adv20_at_entry = 0.0;
    bool entry_gap = false;  // |open - previous close| / previous close > 10 % at the entry fill

    int holding_days() const { return int((exit_date - entry_date).count()); }
    // Price R: (exit - entry) / (entry - initial stop), mirrored for shorts; fill prices, fees
    // excluded; NaN when the initial risk is not positive.
    double r_multiple() const;
};

// The portfolio at the close of `date` (after that day's fills, valued at that day's closes).
struct EquityPoint {
    Date date{};
    double equity = 0.0;
    double cash = 0.0;
    int positions = 0;
    int positions_equity = 0;
    int positions_crypto = 0;
    double gross_exposure = 0.0;
    double realized_pnl = 0.0;  // cumulative
    double unrealized_pnl = 0.0;
    double risk_multiplier = 1.0;
    double portfolio_vol_20d = std::numeric_limits<double>::quiet_NaN();
    double avg_pairwise_corr = std::numeric_limits<double>::quiet_NaN();

    double exposure_pct() const { return equity > 0.0 ? gross_exposure / equity * 100.0 : 0.0; }
};

struct RunResult {
    std::string period_name;  // train | validation | holdout | custom
    Date start{};
    Date end{};
    double starting_equity = 0.0;
    std::uint64_t seed = 0;
    std::vector<EquityPoint> equity_curve;  // one point per processed day
    std::vector<TradeRecord> trades;        // closed trades in closing order
    std::vector<TradeRecord> open_at_end;   // positions still open after the last day, marked to market
    bool cancelled = false;

    double final_equity() const {
        return equity_curve.empty() ? starting_equity : equity_curve.back().equity;
    }
    // Hex SHA-256-free digest: FNV-1a 64 over the ordered trade list (symbol, dates, quantity, prices
    // rounded to 1e-8) and the final equity rounded to cents. Stable across platforms.
    std::string digest() const;
};

// The canonical text digest() hashes: one line per trade
//   "<symbol>,<entry date>,<exit date>,<quantity %.8f>,<entry price %.8f>,<exit price %.8f>\n"
// then "final_equity,<%.2f>\n". Exposed so a differing digest can be diffed line by line.
std::string canonical_text(const RunResult& result);

// FNV-1a 64 of `text` as 16 lowercase hex digits.
std::string fnv1a64_hex(std::string_view text);

}  // namespace tradelab::backtest
