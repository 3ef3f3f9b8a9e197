#pragma once
// Trade-by-trade comparison of a run with a reference trade log (the Python system's trade_log.csv):
// trades are matched by (symbol, entry date); a matched pair is exact when exit date, quantity, exit
// reason agree exactly and entry price, exit price and realized P&L agree within the tolerance.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "backtest/run_result.hpp"

namespace tradelab::backtest {

// One row of a reference trade log (the columns the comparison reads).
struct ReferenceTrade {
    std::string symbol;
    Date entry_date{};
    Date exit_date{};
    double entry_price = 0.0;
    double exit_price = 0.0;
    double quantity = 0.0;
    double realized_pnl = 0.0;
    std::string exit_reason;  // hard_stop, trailing_ma_cross, data_missing, ...
    std::size_t line = 0;     // in the CSV file, for messages
};

// Parses a reference trade log (header with at least symbol, entry_date, exit_date, entry_price,
// exit_price, quantity, realized_pnl, exit_reason; other columns ignored). Throws std::runtime_error
// naming `source` and the line.
std::vector<ReferenceTrade> parse_reference_trade_log(std::string_view csv_text, std::string_view source);
std::vector<ReferenceTrade> load_reference_trade_log(const std::filesystem::path& trade_log_csv);

struct ComparisonTolerance {
    double price_relative = 1e-6;  // entry and exit prices
    double pnl_relative = 1e-6;    // realized P&L, relative to the entry notional
};

struct FieldDifference {
    std::string field;
    std::string reference;
    std::string tradelab;
};

struct TradeMatch {
    std::size_t reference = 0;  // index into TradeComparison::reference_trades
    std::size_t tradelab = 0;   // index into TradeComparison::tradelab_trades
    std::vector<FieldDifference> differences;
    bool exact() const { return differences.empty(); }
};

struct TradeComparison {
    std::vector<ReferenceTrade> reference_trades;
    std::vector<TradeRecord> tradelab_trades;
    std::vector<TradeMatch> matched;             // in reference order
    std::vector<std::size_t> only_in_reference;  // indices into reference_trades
    std::vector<std::size_t> only_in_tradelab;   // indices into tradelab_trades

    std::size_t exact_matches() const;
    // Matched pairs with the same decisions: exit date, quantity and exit reason equal (prices and
    // P&L may differ, e.g. by how costs are charged).
    std::size_t same_decisions() const;
    // Largest |TradeLab / reference - 1| over the entry and exit prices of matched pairs.
    double max_price_error() const;
    // Matched pairs that differ, plus trades found on one side only.
    std::size_t differences() const;
    bool identical() const { return differences() == 0; }
};

TradeComparison compare_trades(std::vector<ReferenceTrade> reference, std::vector<TradeRecord> tradelab,
                               const ComparisonTolerance& tolerance = {});

// A run's trades in the reference log's shape, to compare two TradeLab runs with each other (the
// first one takes the reference's place).
std::vector<ReferenceTrade> as_reference_trades(const std::vector<TradeRecord>& trades);

// One line per trade that is not an exact match, e.g.
//   "differs  GOOGL 2024-04-12: quantity 90 vs 88; exit_price 171.739 vs 171.701"
//   "only in reference  NVDA 2025-01-07 -> 2025-01-10 qty 50"
std::vector<std::string> describe_differences(const TradeComparison& comparison);

// "reference 24, tradelab 24, exact 24, same decisions 24, differences 0".
std::string summary_line(const TradeComparison& comparison);

// A trade's key as "SYMBOL YYYY-MM-DD" (entry date).
std::string trade_key(std::string_view symbol, Date entry_date);

}  // namespace tradelab::backtest
