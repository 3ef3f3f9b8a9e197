#include "backtest/run_market.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "data/universe.hpp"

namespace tradelab::backtest {
namespace {

namespace fs = std::filesystem;

std::string join_issues(const std::vector<data::DataIssue>& issues) {
    std::string text = "the data cannot support this run:";
    for (const auto& issue : issues) text += "\n  " + data::format_issue(issue);
    return text;
}

fs::path data_folder(const config::RunConfig& run, AssetClass asset_class) {
    return asset_class == AssetClass::Equity ? run.dataset.equity_path.resolved
                                             : run.dataset.crypto_path.resolved;
}

std::vector<fs::path> universe_folders(const config::RunConfig& run, const fs::path& data_dir) {
    return data::universe_folders(data_dir, run.dataset.equity_path.resolved);
}

data::UniverseSpec universe_spec(const config::StrategyConfig& strategy) {
    if (strategy.universe_name) return {*strategy.universe_name, {}};
    return {"", strategy.universe_symbols};
}

std::string benchmark_symbol(const config::StrategyConfig& strategy) {
    return strategy.asset_class == AssetClass::Equity ? "SPY" : "BTC";
}

std::shared_ptr<const std::vector<indicators::FeatureTable>> compute_book_features(
    const data::MarketData& data, const StrategyBook& book) {
    const auto& windows = book.strategy.windows();
    std::optional<indicators::FeatureTable> benchmark_features;
    if (book.benchmark)
        benchmark_features = indicators::FeatureTable::compute(data.bars(*book.benchmark), windows);
    auto features = std::make_shared<std::vector<indicators::FeatureTable>>();
    features->reserve(book.symbols.size());
    for (const auto id : book.symbols) {
        const auto& bars = data.bars(id);
        auto table = indicators::FeatureTable::compute(bars, windows);
        if (benchmark_features)
            table.attach_benchmark(bars.date, data.bars(*book.benchmark).date, *benchmark_features);
        features->push_back(std::move(table));
    }
    return features;
}

void find_entry_signals(const data::MarketData& data, StrategyBook& book,
                        std::optional<Date> from = std::nullopt, std::optional<Date> to = std::nullopt) {
    book.entry_signal_rows.clear();
    book.entry_signal_rows.reserve(book.symbols.size());
    for (std::size_t s = 0; s < book.symbols.size(); ++s) {
        const auto& bars = data.bars(book.symbols[s]);
        const std::size_t first = from ? bars.lower_bound(*from) : 0;
        const std::size_t end = to ? bars.lower_bound(*to + std::chrono::days(1)) : bars.size();
        book.entry_signal_rows.push_back(
            entry_signal_rows(book.strategy, bars, (*book.features)[s], first, end));
    }
}

}  // namespace

EntryRules entry_rules_of(const config::StrategyConfig& strategy) {
    return {strategy.asset_class, strategy.indicators, strategy.eligibility, strategy.entry};
}

DataError::DataError(std::vector<data::DataIssue> issues)
    : std::runtime_error(join_issues(issues)), issues_(std::move(issues)) {}

std::vector<std::pair<std::string, const config::StrategyConfig*>> enabled_strategies(
    const config::RunConfig& run) {
    std::vector<std::pair<std::string, const config::StrategyConfig*>> enabled;
    const auto add = [&](const char* slot, const std::optional<config::StrategySlot>& strategy) {
        if (strategy && strategy->enabled && strategy->config) enabled.emplace_back(slot, &*strategy->config);
    };
    add("equity", run.strategies.equity);
    add("crypto", run.strategies.crypto);
    return enabled;
}

RunMarket load_run_market(const config::RunConfig& run, const Progress& progress,
                          Benchmarks benchmarks_to_load) {
    std::vector<data::DataIssue> errors;
    std::vector<data::LoadRequest> requests;
    std::vector<std::string> benchmarks;
    const auto request_benchmark = [&](const std::string& benchmark, AssetClass asset_class) {
        if (std::find(benchmarks.begin(), benchmarks.end(), benchmark) != benchmarks.end()) return;
        benchmarks.push_back(benchmark);
        requests.push_back({{benchmark}, run.dataset.benchmark_path.resolved, asset_class, true});
    };
    for (const auto& [slot, strategy] : enabled_strategies(run)) {
        const fs::path folder = data_folder(run, strategy->asset_class);
        auto universe =
            data::resolve_universe(universe_spec(*strategy), universe_folders(run, folder), folder);
        for (auto& issue : universe.issues) errors.push_back(std::move(issue));
        requests.push_back({universe.symbols, folder, strategy->asset_class, false});
        request_benchmark(benchmark_symbol(*strategy), strategy->asset_class);
    }
    if (benchmarks_to_load == Benchmarks::Both) {
        request_benchmark("SPY", AssetClass::Equity);
        request_benchmark("BTC", AssetClass::Crypto);
    }
    if (!errors.empty()) throw DataError(std::move(errors));

    data::CsvOptions options;
    options.start = run.dataset.start_date;
    options.end = run.dataset.end_date;
    auto loaded = data::load_market_data(requests, options, progress);
    if (loaded.cancelled) throw Cancelled("loading the market data was cancelled");
    for (const auto& issue : loaded.market.issues()) {
        if (issue.kind == data::IssueKind::FileError || issue.kind == data::IssueKind::BadHeader ||
            issue.kind == data::IssueKind::EmptyFile) {
            errors.push_back(issue);
        }
    }
    if (!errors.empty()) throw DataError(std::move(errors));
    return prepare_run_market(std::make_shared<const data::MarketData>(std::move(loaded.market)), run);
}

RunMarket rebind_run_market(const RunMarket& base, const config::RunConfig& run, std::optional<Date> from,
                            std::optional<Date> to) {
    RunMarket market;
    market.data = base.data;
    market.issues = base.issues;
    const auto strategies = enabled_strategies(run);
    if (strategies.size() != base.books.size())
        throw std::invalid_argument(
            fmt::format("rebind_run_market: the config enables {} strategies, the market was "
                        "prepared for {}",
                        strategies.size(), base.books.size()));
    for (std::size_t b = 0; b < strategies.size(); ++b) {
        const auto& [slot, strategy_config] = strategies[b];
        const auto& base_book = base.books[b];
        if (slot != base_book.slot)
            throw std::invalid_argument(fmt::format(
                "rebind_run_market: strategy {} is '{}', the market has '{}'", b, slot, base_book.slot));
        StrategyBook book{base_book.index,
                          base_book.slot,
                          strategies::MomentumStrategy(*strategy_config),
                          base_book.symbols,
                          nullptr,
                          base_book.benchmark,
                          {}};
        const bool same_windows = book.strategy.windows() == base_book.strategy.windows();
        book.features = same_windows ? base_book.features : compute_book_features(*market.data, book);
        if (same_windows &&
            entry_rules_of(book.strategy.config()) == entry_rules_of(base_book.strategy.config()))
            book.entry_signal_rows = base_book.entry_signal_rows;
        else
            find_entry_signals(*market.data, book, from, to);
        market.books.push_back(std::move(book));
    }
    return market;
}

RunMarket prepare_run_market(std::shared_ptr<const data::MarketData> data, const config::RunConfig& run) {
    RunMarket market;
    market.data = std::move(data);
    market.issues = market.data->issues();
    std::vector<data::DataIssue> errors;
    int index = 0;
    for (const auto& [slot, strategy_config] : enabled_strategies(run)) {
        StrategyBook book{index++,      slot, strategies::MomentumStrategy(*strategy_config), {}, {},
                          std::nullopt, {}};
        book.benchmark = market.data->find_benchmark(benchmark_symbol(*strategy_config));
        if (!book.benchmark) {
            errors.push_back({data::IssueKind::MissingSymbolFile, data::Severity::Error,
                              run.dataset.benchmark_path.text, 0, "benchmark",
                              fmt::format("benchmark {} is not loaded", benchmark_symbol(*strategy_config))});
        }
        const fs::path folder = data_folder(run, strategy_config->asset_class);
        const auto universe =
            data::resolve_universe(universe_spec(*strategy_config), universe_folders(run, folder));
        for (const auto& issue : universe.issues) errors.push_back(issue);
        for (const auto& symbol : universe.symbols) {
            const auto id = market.data->find(symbol);
            if (!id) {
                errors.push_back({data::IssueKind::MissingSymbolFile, data::Severity::Error, symbol, 0,
                                  "symbol", fmt::format("universe symbol {} is not loaded", symbol)});
                continue;
            }
            book.symbols.push_back(*id);
        }
        market.books.push_back(std::move(book));
    }
    if (!errors.empty()) throw DataError(std::move(errors));
    for (auto& book : market.books) {
        book.features = compute_book_features(*market.data, book);
        find_entry_signals(*market.data, book);
    }
    return market;
}

std::vector<std::uint32_t> entry_signal_rows(const strategies::MomentumStrategy& strategy,
                                             const data::BarSeries& bars,
                                             const indicators::FeatureTable& features, std::size_t first_row,
                                             std::size_t end_row) {
    std::vector<std::uint32_t> rows;
    const strategies::SymbolView view{bars, features};
    // Breakouts are rare and cheap to test, so they are tested first.
    for (std::size_t row = first_row; row < std::min(end_row, bars.size()); ++row) {
        if (strategy.breakout(view, row) &&
            strategy.eligibility(view, row) == strategies::Ineligibility::None) {
            rows.push_back(std::uint32_t(row));
        }
    }
    return rows;
}

}  // namespace tradelab::backtest
