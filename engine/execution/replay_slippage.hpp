#pragma once
// Replays the reference system's per-trade slippage draws (its trade_log.csv) so that a TradeLab run
// can be compared with the reference price for price: the reference's normal generator cannot be
// reproduced bit for bit, but every draw it made is in the log.
//
// Keys are (symbol, entry | exit, execution date). A fill the reference never made is an error by
// default: the differential test must notice it. MissingReplay::ZeroAndCount lets such a run finish.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "data/market_data.hpp"
#include "execution/slippage.hpp"

namespace tradelab::execution {

enum class ReplaySide { Entry, Exit };

std::string_view to_string(ReplaySide side);

// Sorted (symbol, side, date) -> bps. Lookups compare string_views: no allocation.
class ReplayTable {
  public:
    // Throws std::invalid_argument when the key is present with a different value.
    void add(std::string symbol, ReplaySide side, Date date, double bps);
    std::optional<double> find(std::string_view symbol, ReplaySide side, Date date) const;
    std::size_t size() const { return entries_.size(); }

  private:
    struct Entry {
        std::string symbol;
        ReplaySide side;
        Date date;
        double bps;
    };
    std::vector<Entry> entries_;
};

// Parses a reference trade log (CSV with a header naming at least symbol, entry_date, exit_date,
// entry_slippage_bps, exit_slippage_bps; other columns are ignored). Each row gives one entry key and,
// when exit_date is not empty, one exit key. Throws std::runtime_error naming `source` and the line.
ReplayTable parse_replay_table(std::string_view csv_text, std::string_view source);
ReplayTable load_replay_table(const std::filesystem::path& trade_log_csv);

enum class MissingReplay { Error, ZeroAndCount };

// Thrown by ReplaySlippage in MissingReplay::Error mode.
class MissingReplayError : public std::runtime_error {
  public:
    MissingReplayError(std::string symbol, ReplaySide side, Date date);
    const std::string& symbol() const { return symbol_; }
    ReplaySide side() const { return side_; }
    Date date() const { return date_; }

  private:
    std::string symbol_;
    ReplaySide side_;
    Date date_;
};

class ReplaySlippage final : public SlippageModel {
  public:
    // `symbol_names[id]` is the name of SymbolId id (see symbol_names()).
    ReplaySlippage(ReplayTable table, std::vector<std::string> symbol_names,
                   MissingReplay mode = MissingReplay::Error);

    double draw_bps(const FillContext& context) override;

    std::size_t missing_count() const { return missing_entries_ + missing_exits_; }
    std::size_t missing_entries() const { return missing_entries_; }
    std::size_t missing_exits() const { return missing_exits_; }

  private:
    ReplayTable table_;
    std::vector<std::string> names_;
    MissingReplay mode_;
    std::size_t missing_entries_ = 0;
    std::size_t missing_exits_ = 0;
};

// Names of every loaded symbol, indexed by SymbolId.
std::vector<std::string> symbol_names(const data::MarketData& market);

}  // namespace tradelab::execution
