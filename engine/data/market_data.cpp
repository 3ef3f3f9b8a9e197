#include "data/market_data.hpp"

#include <algorithm>
#include <stdexcept>

#include "data/universe.hpp"

namespace tradelab::data {

namespace {
// Benchmarks get their own key space so that a tradeable BTC and the BTC benchmark can coexist.
std::string id_key(const std::string& symbol, bool is_benchmark) {
    return is_benchmark ? "^" + symbol : symbol;
}
}  // namespace

std::optional<SymbolId> MarketData::find(const std::string& symbol) const {
    const auto it = ids_.find(id_key(symbol, false));
    if (it == ids_.end()) return std::nullopt;
    return it->second;
}

std::optional<SymbolId> MarketData::find_benchmark(const std::string& symbol) const {
    const auto it = ids_.find(id_key(symbol, true));
    if (it == ids_.end()) return std::nullopt;
    return it->second;
}

SymbolId MarketData::add(SymbolInfo info, BarSeries bars) {
    const auto id = static_cast<SymbolId>(info_.size());
    if (!ids_.emplace(id_key(info.symbol, info.is_benchmark), id).second) {
        throw std::invalid_argument("symbol " + info.symbol + " is already loaded (" + info.file.string() +
                                    ")");
    }
    info_.push_back(std::move(info));
    bars_.push_back(std::move(bars));
    return id;
}

void MarketData::add_issues(std::vector<DataIssue> issues) {
    issues_.insert(issues_.end(), std::make_move_iterator(issues.begin()),
                   std::make_move_iterator(issues.end()));
}

MarketLoadResult load_market_data(const std::vector<LoadRequest>& requests, const CsvOptions& options,
                                  const Progress& progress) {
    MarketLoadResult result;
    std::size_t total_files = 0;
    for (const auto& request : requests) total_files += request.symbols.size();
    std::size_t files_done = 0;
    for (const auto& request : requests) {
        for (const auto& symbol : request.symbols) {
            if (!report_progress(progress, double(files_done) / double(total_files))) {
                result.cancelled = true;
                return result;
            }
            const auto path = request.folder / (symbol + ".csv");
            const Progress file_progress = [&](double fraction) {
                return report_progress(progress, (double(files_done) + fraction) / double(total_files));
            };
            LoadResult loaded = load_csv(path, options, progress ? file_progress : Progress{});
            result.market.add_issues(std::move(loaded.issues));
            if (loaded.cancelled) {
                result.cancelled = true;
                return result;
            }
            if (!loaded.rejected) {
                result.market.add(SymbolInfo{symbol, request.asset_class, request.benchmark, path},
                                  std::move(loaded.series));
            }
            ++files_done;
        }
    }
    report_progress(progress, 1.0);
    return result;
}

std::vector<std::string> list_symbols(const std::filesystem::path& folder) {
    std::vector<std::string> symbols;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
        if (entry.is_regular_file() && entry.path().extension() == ".csv") {
            symbols.push_back(entry.path().stem().string());
        }
    }
    std::sort(symbols.begin(), symbols.end());
    return symbols;
}

std::vector<LoadRequest> requests_for_data_root(const std::filesystem::path& root) {
    std::vector<LoadRequest> requests;
    const auto add_folder = [&](const std::filesystem::path& folder, AssetClass asset_class, bool benchmark) {
        if (!std::filesystem::is_directory(folder)) return;
        requests.push_back(LoadRequest{list_symbols(folder), folder, asset_class, benchmark});
    };
    add_folder(root / "equity" / "daily", AssetClass::Equity, false);
    add_folder(root / "crypto" / "daily", AssetClass::Crypto, false);
    // Benchmarks share one folder; a coin of the crypto universe (BTC) benchmarks crypto.
    const auto benchmark_folder = root / "benchmarks";
    LoadRequest equity_benchmarks{{}, benchmark_folder, AssetClass::Equity, true};
    LoadRequest crypto_benchmarks{{}, benchmark_folder, AssetClass::Crypto, true};
    const auto& coins = default_crypto_universe();
    for (auto& symbol : list_symbols(benchmark_folder)) {
        const bool is_coin = std::find(coins.begin(), coins.end(), symbol) != coins.end();
        (is_coin ? crypto_benchmarks : equity_benchmarks).symbols.push_back(std::move(symbol));
    }
    for (auto* request : {&equity_benchmarks, &crypto_benchmarks}) {
        if (!request->symbols.empty()) requests.push_back(std::move(*request));
    }
    return requests;
}

}  // namespace tradelab::data
