#pragma once
// The loaded market: one BarSeries per symbol, symbols interned to dense ids. Built once by
// load_market_data() and immutable afterwards; every run reads it through a const reference.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/asset_class.hpp"
#include "core/progress.hpp"
#include "data/csv_loader.hpp"

namespace tradelab::data {

using SymbolId = std::uint32_t;

struct SymbolInfo {
    std::string symbol;
    AssetClass asset_class{};
    bool is_benchmark = false;
    std::filesystem::path file;
};

class MarketData {
  public:
    std::size_t symbol_count() const { return info_.size(); }
    const SymbolInfo& info(SymbolId id) const { return info_.at(id); }
    const BarSeries& bars(SymbolId id) const { return bars_.at(id); }
    // A symbol can be loaded twice, once tradeable and once as a benchmark (BTC in the bundled data).
    std::optional<SymbolId> find(const std::string& symbol) const;
    std::optional<SymbolId> find_benchmark(const std::string& symbol) const;
    const std::vector<DataIssue>& issues() const { return issues_; }

    // Adds a series and returns its id (used by loaders and by generators that build data in memory).
    SymbolId add(SymbolInfo info, BarSeries bars);
    void add_issues(std::vector<DataIssue> issues);

  private:
    std::vector<SymbolInfo> info_;
    std::vector<BarSeries> bars_;
    std::unordered_map<std::string, SymbolId> ids_;
    std::vector<DataIssue> issues_;
};

struct LoadRequest {
    std::vector<std::string> symbols;
    std::filesystem::path folder;
    AssetClass asset_class = AssetClass::Equity;
    bool benchmark = false;
};

// Loads every requested symbol (<folder>/<SYMBOL>.csv). Rejected series are left out; all issues are
// kept in MarketData::issues(). Stops early (result marked by the return of `cancelled`) when the
// progress callback returns false.
struct MarketLoadResult {
    MarketData market;
    bool cancelled = false;
};
MarketLoadResult load_market_data(const std::vector<LoadRequest>& requests, const CsvOptions& options = {},
                                  const Progress& progress = {});

// Every *.csv in a folder, as symbols (file name without extension), sorted.
std::vector<std::string> list_symbols(const std::filesystem::path& folder);

}  // namespace tradelab::data

namespace tradelab::data {

// The folder layout TradeLab ships and expects under a data root:
//   <root>/equity/daily/*.csv, <root>/crypto/daily/*.csv, <root>/benchmarks/{SPY,BTC}.csv
// Returns one request per folder that exists (every symbol in it).
std::vector<LoadRequest> requests_for_data_root(const std::filesystem::path& root);

}  // namespace tradelab::data
